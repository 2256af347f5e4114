"""Prints every stack and frame of the JSON reports in a log, one per line,
with Python's None for JSON null, for FileCheck."""
import json
import sys

for line in open(sys.argv[1]):
    if not line.startswith("{"):
        continue
    r = json.loads(line)
    print("report type=%s address=%s slot=%s range=%s" % (
        r["type"], r["address"], r["slot"], r["range"]))
    for s in r["stacks"]:
        print("stack %s thread=%s" % (s["what"], s["thread"]))
        for f in s["frames"]:
            print("  pc=%s function=%s file=%s line=%s column=%s module=%s offset=%s" % (
                f["pc"], f["function"], f["file"], f["line"], f["column"],
                f["module"], f["module_offset"]))

"""Parses every line of a file that starts with '{' as one JSON report and
prints the fields the JSON tests check, one per line, for FileCheck."""
import json
import sys

for line in open(sys.argv[1]):
    if not line.startswith("{"):
        continue
    r = json.loads(line)
    print("type=%s pid=%d" % (r["type"], r["pid"]))
    print("slot=%s value=%s" % (r["slot"], r["value"]))
    print("range=%s+%d" % (r["range"]["begin"], r["range"]["size"]))
    print("description=%s" % r["description"])
    print("location=%s" % r["location"])
    for s in r["stacks"]:
        f = s["frames"][0]
        print("stack what=%s thread=%d frame0=%s %s:%d:%d" % (
            s["what"], s["thread"], f["function"], f["file"], f["line"], f["column"]))
    print("summary=%s" % r["summary"])

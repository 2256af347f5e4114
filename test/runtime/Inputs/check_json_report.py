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

# Every report has exactly the keys docs/report-json.md lists, in its order.
KEYS = ["sanitizer", "type", "pid", "address", "slot", "value", "range", "heap", "moved_to", "access",
        "pin_count", "description", "location", "stacks", "extra", "dedup_token", "leak",
        "truncated", "summary"]
FRAME_KEYS = ["pc", "function", "file", "line", "column", "module", "module_offset"]
for line in open(sys.argv[1]):
    if line.startswith("{"):
        r = json.loads(line)
        assert list(r) == KEYS, list(r)
        for s in r["stacks"]:
            assert list(s) == ["what", "thread", "frames"], list(s)
            for f in s["frames"]:
                assert list(f) == FRAME_KEYS, list(f)
print("schema ok")

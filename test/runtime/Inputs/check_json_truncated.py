"""Every line of the log that starts with '{' must be a whole JSON report."""
import json
import sys

reports = []
for line in open(sys.argv[1], errors="replace"):
    if line.startswith("{"):
        reports.append(json.loads(line))
r = reports[0]
print("reports=%d type=%s stacks=%d truncated=%s" % (
    len(reports), r["type"], len(r["stacks"]), str(r["truncated"]).lower()))

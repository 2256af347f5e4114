"""Prints the parts of a SARIF file the ffipin-sarif test checks."""
import json
import sys

doc = json.load(sys.stdin if sys.argv[1] == "-" else open(sys.argv[1]))
run = doc["runs"][0]
print("version=%s runs=%d tool=%s rules=%d" % (doc["version"], len(doc["runs"]),
      run["tool"]["driver"]["name"], len(run["tool"]["driver"]["rules"])))
for r in run["results"]:
    loc = r["locations"][0]["physicalLocation"]
    art, region = loc["artifactLocation"], loc["region"]
    print("result rule=%s level=%s count=%d at=%s:%d:%d base=%s" % (
        r["ruleId"], r["level"], r["occurrenceCount"], art["uri"], region["startLine"],
        region.get("startColumn", 0), art.get("uriBaseId")))
    for s in r["stacks"]:
        names = [f["location"].get("logicalLocations", [{}])[0].get("fullyQualifiedName", "?")
                 for f in s["frames"]]
        print("stack %s: %s" % (s["message"]["text"], " ".join(n for n in names
                                                            if not n.startswith("__libc"))))
print("results=%d" % len(run["results"]))

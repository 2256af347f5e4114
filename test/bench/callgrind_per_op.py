#!/usr/bin/env python3
"""Instructions per op from two callgrind profiles of one benchmark binary.

  callgrind_per_op.py PROFILE_N PROFILE_2N N KEY

PROFILE_N and PROFILE_2N ran the benchmark for N and 2N iterations; their
difference divided by N is what one op costs, start-up and set-up
cancelled. Prints KEY=<instructions per op> and KEY_scan=<of which in the
runtime's scan> (the functions of runtime/checks/ffipin_check_unseen.c and
the word scan they call; their share under valgrind is not the native one,
see test/bench/run), for the bench's kv.txt. Exits 1 if a profile cannot
be read.
"""
import re
import subprocess
import sys

# The scan's functions (runtime/checks/ffipin_check_unseen.c and what it
# calls only for the scan): by symbol, as callgrind_annotate names them.
SCAN = {"scan_pages", "scan_and_judge", "ffipin_scan_words", "ffipin_allocs_snapshot",
        "ffipin_allocs_recent_snapshot", "ffipin_sort", "collect_blocks"}


def totals(profile):
    out = subprocess.run(["callgrind_annotate", "--inclusive=no", "--threshold=100", profile],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("callgrind_per_op: cannot read %s: %s" % (profile, out.stderr.strip()[:200]))
    total = scan = 0
    for line in out.stdout.splitlines():
        m = re.match(r"\s*([\d,]+) \([^)]*\)\s+(\S.*?) \[", line)
        if not m:
            continue
        ir = int(m.group(1).replace(",", ""))
        total += ir
        if m.group(2).split(":", 1)[-1] in SCAN:
            scan += ir
    if total == 0:
        sys.exit("callgrind_per_op: no counts in %s" % profile)
    return total, scan


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    (t1, s1), (t2, s2) = totals(sys.argv[1]), totals(sys.argv[2])
    n, key = int(sys.argv[3]), sys.argv[4]
    print("%s=%.0f" % (key, (t2 - t1) / n))
    print("%s_scan=%.0f" % (key, max(0, s2 - s1) / n))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Runs the lit suite for the check-ffipin target and ends with one line
"lit: N passed, N failed". Unsupported and expectedly failing tests did not
pass: they are listed and counted as failed. Extra lit arguments come from
the LIT_OPTS environment variable (as lit itself reads it).

Usage: run-lit.py LIT TEST_DIR   (exit status 1 on any failure)
"""
import json
import os
import subprocess
import sys
import tempfile


def main():
    lit, test_dir = sys.argv[1], sys.argv[2]
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        results = out.name
    try:
        jobs = str(os.cpu_count() or 1)
        # A hang is a failure, not a stalled CI job: a limit per test (lit
        # needs psutil to enforce it; scripts/ensure-deps.sh installs it).
        limit = []
        if subprocess.call([sys.executable, "-c", "import psutil"],
                           stderr=subprocess.DEVNULL) == 0:
            limit = ["--timeout", os.environ.get("FFIPIN_TEST_TIMEOUT", "900")]
        else:
            print("lit: warning: no psutil for this Python: a hanging test is not stopped")
        status = subprocess.call([sys.executable, lit, "-v", "-j", jobs, *limit, "--output",
                                  results, test_dir])
        try:
            with open(results) as f:
                tests = json.load(f)["tests"]
        except (OSError, ValueError, KeyError):
            print("lit: 0 passed, 1 failed (lit produced no results)")
            return 1
    finally:
        os.unlink(results)
    passed = [t for t in tests if t["code"] == "PASS"]
    not_run = [t for t in tests if t["code"] in ("UNSUPPORTED", "XFAIL", "TIMEOUT")]
    for t in not_run:
        print(f"lit: {t['code']} counted as failed: {t['name']}")
    failed = len(tests) - len(passed)
    print(f"lit: {len(passed)} passed, {failed} failed")
    return 1 if failed or status or not tests else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks that C and C++ sources follow the project's .clang-format.

Usage: check_format.py CLANG_FORMAT ROOT [FILE...]
Without FILEs: every C/C++ source under ROOT that git tracks (or, outside a
checkout, every one found), except lit test inputs under test/ (their RUN and
CHECK lines refer to line numbers). Prints each file that differs; exit 1 if
any does.
"""
import os
import subprocess
import sys

SUFFIXES = (".c", ".h", ".cpp", ".inc")
# Code under test/ that is not a lit test input.
TEST_CODE_DIRS = ("test/unit/", "test/fuzz/")


def sources(root):
    try:
        out = subprocess.run(["git", "-C", root, "ls-files", "--cached", "--others",
                              "--exclude-standard"], capture_output=True, text=True, check=True)
        paths = out.stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        paths = [os.path.relpath(os.path.join(d, n), root)
                 for d, _, names in os.walk(root) for n in names]
    keep = []
    for p in paths:
        if not p.endswith(SUFFIXES) or not os.path.isfile(os.path.join(root, p)):
            continue
        if p.startswith(("build/", "build-")):
            continue
        if p.startswith("test/") and not p.startswith(TEST_CODE_DIRS):
            continue
        keep.append(p)
    return sorted(keep)


def main():
    clang_format, root = sys.argv[1], os.path.abspath(sys.argv[2])
    files = sys.argv[3:] or sources(root)
    bad = []
    for f in files:
        path = os.path.join(root, f)
        with open(path, "rb") as fh:
            original = fh.read()
        formatted = subprocess.run([clang_format, "--style=file", "--assume-filename=" + path],
                                   input=original, capture_output=True, check=True).stdout
        if formatted != original:
            bad.append(f)
            print(f"{f}: not formatted (run: {os.path.basename(clang_format)} -i {f})")
    print(f"format: {len(files)} files checked, {len(bad)} not formatted")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks the lit tests' FileCheck style (STYLE.md, "Seen there, not to copy").

- A check prefix must not end with a -NOT directive: a CHECK-NOT only means
  something between two positive anchors.
- A positive directive must not be one bare word ("CHECK: done"): it matches
  that word anywhere, in any line.

Usage: check_lit_style.py TEST_DIR [FILE...]   (exit 1 on any violation)
"""
import os
import re
import sys

SUFFIXES = (".c", ".cpp", ".ll", ".test", ".go", ".py", ".java")
RUN = re.compile(r"RUN:(.*)")
PREFIXES = re.compile(r"--check-prefix(?:es)?[= ]([\w,-]+)")


def prefixes_of(text):
    found = set()
    uses_default = False
    for run in RUN.findall(text):
        if "FileCheck" not in run:
            continue
        for segment in run.split("FileCheck")[1:]:
            segment = segment.split("|")[0]
            m = PREFIXES.search(segment)
            if m:
                found.update(p for p in m.group(1).split(",") if p)
            else:
                uses_default = True
    if uses_default:
        found.add("CHECK")
    return found


def check_file(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    problems = []
    for prefix in sorted(prefixes_of(text)):
        directive = re.compile(r"(?<![\w-])" + re.escape(prefix) +
                               r"(-NEXT|-SAME|-DAG|-LABEL|-NOT|-EMPTY|-COUNT-\d+)?:(.*)")
        last = None
        for lineno, line in enumerate(text.split("\n"), 1):
            m = directive.search(line)
            if not m:
                continue
            kind, pattern = m.group(1) or "", m.group(2).strip()
            last = (lineno, kind)
            if kind in ("-NOT", "-EMPTY") or kind.startswith("-COUNT"):
                continue
            if pattern and " " not in pattern and "{{" not in pattern and "[[" not in pattern \
                    and re.fullmatch(r"[\w.]+", pattern):
                problems.append(f"{path}:{lineno}: {prefix}{kind}: '{pattern}' is one bare word; "
                                "match the whole line or more of it")
        if last and last[1] == "-NOT":
            problems.append(f"{path}:{last[0]}: {prefix} ends with a {prefix}-NOT; put it between "
                            "two positive anchors")
    return problems


def main():
    root = sys.argv[1]
    files = sys.argv[2:]
    if not files:
        for d, dirs, names in os.walk(root):
            dirs[:] = [x for x in dirs if x != "Inputs"]
            files += [os.path.join(d, n) for n in names if n.endswith(SUFFIXES)]
    problems = []
    for f in sorted(files):
        problems += check_file(f)
    for p in problems:
        print(p)
    print(f"lit style: {len(files)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

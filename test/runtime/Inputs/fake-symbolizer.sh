#!/bin/sh
# Stands in for llvm-symbolizer (same stdin/stdout protocol): every code
# address is "fake_symbolized_frame" at /fake/src.c:7:3; data is unknown.
while read -r kind rest; do
  if [ "$kind" = DATA ]; then
    printf '??\n0 0\n\n'
  else
    printf 'fake_symbolized_frame\n/fake/src.c:7:3\n\n'
  fi
done

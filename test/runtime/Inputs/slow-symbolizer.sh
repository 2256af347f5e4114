#!/bin/sh
# A symbolizer that is slow to answer (as llvm-symbolizer is on a large
# binary's first query): it creates $SLOW_SYMBOLIZER_STARTED when it starts,
# so that a test knows a report is being written, then answers each query
# after half a second, as Inputs/fake-symbolizer.sh does.
: > "$SLOW_SYMBOLIZER_STARTED"
while read -r kind rest; do
  sleep 0.5
  if [ "$kind" = DATA ]; then
    printf '??\n0 0\n\n'
  else
    printf 'slow_symbolized_frame\n/slow/src.c:7:3\n\n'
  fi
done

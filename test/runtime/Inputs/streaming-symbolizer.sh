#!/bin/sh
# Stands in for an llvm-symbolizer that never ends its reply: it answers
# every request with an endless stream of lines and no empty line.
exec yes streaming_frame

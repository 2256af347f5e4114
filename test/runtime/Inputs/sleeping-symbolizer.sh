#!/bin/sh
# Stands in for an llvm-symbolizer that hangs: it reads nothing, answers
# nothing and never exits.
exec sleep 1000

"""The system calls an strace log (trace=...,write) shows before the first
write(2); fails when they are more than the limit. For tests that a hot
path makes no system call: the program writes once the path has run."""
import sys

log, limit = sys.argv[1], int(sys.argv[2])
n = 0
for line in open(log):
    call = line.split(None, 1)[1] if line[:1].isdigit() else line
    if call.startswith("write("):
        break
    n += 1
print("system calls before the first write:", n)
sys.exit(n > limit)

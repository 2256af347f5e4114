"""Checksums a message with fastsum; `python3 main.py fixed` uses the fix."""
import sys

import fastsum

message = b"The quick brown fox jumps over the lazy dog"
checksum = fastsum.checksum_fixed if sys.argv[1:] == ["fixed"] else fastsum.checksum
print("checksum:", checksum(message))

import buffers

print("checksum", buffers.checksum(b"abcd"))
print("keep_then_forget", buffers.keep_then_forget(b"abc"))
print("optional passed", buffers.optional_second(b"x", second=b"xyz"),
      "not passed", buffers.optional_second(b"x"))
print("done")

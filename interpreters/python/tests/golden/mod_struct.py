import struct
print(struct.calcsize("i"), struct.calcsize("<i"), struct.calcsize("@bi"), struct.calcsize("=bi"), struct.calcsize("3s2x"), struct.calcsize("@lq"), struct.calcsize("<l"))
print(struct.pack("<i", 1), struct.pack(">h", -2), struct.pack("<bBhHiIqQ", -1, 255, -300, 65000, -7, 7, -2**40, 2**63), struct.pack("@bi", 1, 2))
print(struct.pack("<?c3sx", True, b"z", b"ab"), struct.pack("<d", 1.5), struct.pack(">f", -0.25), struct.pack("<e", 1.0), struct.pack("<e", 65504.0), struct.pack("5p", b"abc"))
print(struct.unpack("<i", b"\x01\x00\x00\x00"), struct.unpack(">hH", b"\xff\xfe\xff\xfe"), struct.unpack("<d", struct.pack("<d", 3.14)), struct.unpack("<e", b"\x00\x3c"))
print(struct.unpack("<3s?", b"abc\x01"), struct.unpack("<q", struct.pack("<q", -5)), struct.unpack("<f", struct.pack("<f", 0.1)))
print(struct.unpack_from("<h", b"\x00\x01\x02", 1), list(struct.iter_unpack("<h", b"\x01\x00\x02\x00")))
s = struct.Struct("<2i")
print(s.size, s.format, s.pack(1, 2), s.unpack(b"\x01\x00\x00\x00\x02\x00\x00\x00"))
buf = bytearray(8); struct.pack_into("<i", buf, 2, 9); print(buf)
for args in [("<h", 70000), ("<B", -1), ("<i", "x"), ("<i", 1, 2), ("b", 200), ("<2s", 5)]:
    try:
        struct.pack(*args)
    except struct.error as e:
        print("struct.error", e)
for fmt, data in [("<i", b"\x00"), ("<h", b"\x00\x00\x00")]:
    try:
        struct.unpack(fmt, data)
    except struct.error as e:
        print("struct.error", e)
try:
    struct.calcsize("z")
except struct.error as e:
    print("struct.error", e)

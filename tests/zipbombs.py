"""Hostile ZIP archives for upload and import tests, built in well under a second.

A member of ``size`` zero bytes is written as a raw DEFLATE stream made of one repeated 1 MiB block
(about 1 KB compressed per MiB), so a "1 GB of zeros" entry costs about 1 MB, as an attacker's would.
"""

import struct
import zlib

_MIB = 1 << 20


def _zeros_deflated(size):
    assert size % _MIB == 0, "whole MiB only"
    chunk = b"\0" * _MIB
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = block * (size // _MIB) + compressor.flush()
    crc = 0
    for _ in range(size // _MIB):
        crc = zlib.crc32(chunk, crc)
    return stream, crc


def _deflated(content):
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(content) + compressor.flush(), zlib.crc32(content)


def build_zip(members, *, declared_sizes=None):
    """A ZIP archive (bytes) of ``members``: name -> bytes, or name -> int (that many zero bytes).

    ``declared_sizes`` (name -> int) overrides the uncompressed size written in the headers, as a
    forged archive would.
    """
    declared_sizes = declared_sizes or {}
    local, central = bytearray(), bytearray()
    for name, content in members.items():
        if isinstance(content, int):
            data, crc = _zeros_deflated(content)
            size = content
        else:
            data, crc = _deflated(content)
            size = len(content)
        size = declared_sizes.get(name, size)
        encoded = name.encode()
        offset = len(local)
        sizes = (crc, len(data), size, len(encoded))
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, *sizes, 0)
        local += encoded + data
        central += struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, *sizes, 0, 0, 0, 0, 0, offset
        )
        central += encoded
    count = len(members)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), len(local), 0)
    return bytes(local + central + end)

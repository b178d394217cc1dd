"""ZIP archives from outside (uploaded DOCX/ODT documents, imported Word matrices), opened safely.

A hostile archive of 1 MB can declare a member of 1 GB of zeros ("zip bomb"), or hold hundreds of
thousands of tiny members whose directory alone fills memory. ``open_archive`` refuses, before inflating
a single byte:
- more than ``max_members`` entries (read from the end-of-directory record, before ``zipfile`` builds
  one object per entry);
- a total declared inflated size above ``max_inflated_bytes``;
- a member larger than ``ratio_floor_bytes`` that inflates more than ``max_ratio`` times (real Office
  documents stay under 40×; the shared OHCHR matrices under 32×).
``zipfile`` itself stops inflating a member at its declared size (and fails its CRC check), so a forged
small size cannot be used to inflate more than the total checked here. Callers that only sniff read a
few bytes with ``read_head``.
"""

import struct
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils.translation import gettext as _

_MIB = 1 << 20
_END_RECORD = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\x05\x06"
_MAX_COMMENT = 0xFFFF


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int = 1000
    max_inflated_bytes: int = 100 * _MIB
    max_ratio: int = 200
    ratio_floor_bytes: int = _MIB


DOCUMENT_LIMITS = ArchiveLimits()


class UnsafeArchive(ValueError):
    """The archive is refused; the message (translated) says why, without server details."""


def _declared_entries(fileobj):
    """Entries announced by the end-of-central-directory record, or ``None`` when there is none."""
    fileobj.seek(0, 2)
    size = fileobj.tell()
    span = min(size, _END_RECORD.size + _MAX_COMMENT)
    fileobj.seek(size - span)
    tail = fileobj.read(span)
    at = tail.rfind(_END_SIGNATURE)
    if at < 0 or len(tail) - at < _END_RECORD.size:
        return None
    fields = _END_RECORD.unpack_from(tail, at)
    return fields[4]


def check_members(infos, limits):
    if len(infos) > limits.max_members:
        raise UnsafeArchive(_("The archive holds too many files."))
    total = sum(info.file_size for info in infos)
    if total > limits.max_inflated_bytes:
        raise UnsafeArchive(
            _("The archive would expand to %(size)s MB, more than the limit of %(limit)s MB.")
            % {"size": total // _MIB, "limit": limits.max_inflated_bytes // _MIB}
        )
    for info in infos:
        big = info.file_size > limits.ratio_floor_bytes
        if big and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise UnsafeArchive(_("The archive is compressed suspiciously much; it is refused."))


@contextmanager
def open_archive(fileobj, limits=DOCUMENT_LIMITS):
    """A ``zipfile.ZipFile`` over ``fileobj`` (seekable), after the limits above are checked.

    Raises ``UnsafeArchive`` for an archive over the limits, ``zipfile.BadZipFile`` for a broken one.
    """
    entries = _declared_entries(fileobj)
    fileobj.seek(0)
    if entries is not None and entries > limits.max_members:
        # 0xFFFF also means "see the ZIP64 record": documents never need ZIP64, refuse it as well.
        raise UnsafeArchive(_("The archive holds too many files."))
    with zipfile.ZipFile(fileobj) as archive:
        check_members(archive.infolist(), limits)
        yield archive


def read_head(archive, name, size):
    """At most ``size`` inflated bytes of member ``name`` (raises ``KeyError`` when it is missing)."""
    with archive.open(name) as member:
        return member.read(size)

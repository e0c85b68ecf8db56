"""Office files (.docx, .xlsx) as the same bytes for the same content.

python-docx and openpyxl stamp every zip entry with the time of writing; :func:`stable_zip`
writes the entries again, in the same order, with one fixed date and fixed attributes."""

from __future__ import annotations

import io
import zipfile

__all__ = ["ZIP_EPOCH", "stable_zip"]

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The date written on every entry: the earliest a zip file can hold."""


def stable_zip(data: bytes) -> bytes:
    """The zip archive ``data`` with each entry's date set to :data:`ZIP_EPOCH`, its
    permissions to ``rw-r--r--`` and its contents deflated."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()

"""Writing an output file all at once: the old file or the new one, never half of either.

Every report pathplanner writes goes through :func:`write_atomically`: the bytes go to a
new file in the target's folder, are flushed to disk, and the new file is renamed over the
target. A failure at any point (a full disk, a name too long, a folder that is a file)
leaves the previous report as it was and removes the partial file; it is raised as an
:class:`~pathplanner.errors.InputError` located at the target, never as a bare ``OSError``.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from pathplanner.errors import InputError, Location, Problem

__all__ = ["write_atomically"]


def _refuse(path: Path, error: OSError) -> InputError:
    detail = error.strerror or os.strerror(error.errno or errno.EIO)
    return InputError(
        [Problem("file-unwritable", Location(path.as_posix()), args={"detail": detail})]
    )


def _target(path: Path) -> tuple[Path, int | None]:
    """Where to write (a symlink's target) and the mode to keep, checked before writing."""
    try:
        real = Path(os.path.realpath(path)) if stat.S_ISLNK(os.lstat(path).st_mode) else path
        info = os.stat(real)
    except FileNotFoundError:
        return Path(os.path.realpath(path)), None  # a new file, or a dangling symlink's target
    except OSError as error:
        raise _refuse(path, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise _refuse(path, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))
    if not stat.S_ISREG(info.st_mode):
        raise InputError([Problem("file-not-regular-output", Location(path.as_posix()))])
    return real, stat.S_IMODE(info.st_mode)


def write_atomically(path: Path, content: bytes | str) -> None:
    """Replace the file ``path`` with ``content`` (text is written as UTF-8) in one step.

    Missing parent folders are made. A symlink is followed and its target replaced. Raises
    :class:`~pathplanner.errors.InputError` (``file-unwritable``, or
    ``file-not-regular-output`` for a device, FIFO or socket) without touching the target.
    """
    if not path.name:  # "" and "." name a folder
        raise _refuse(path, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))
    target, mode = _target(path)
    temporary = target.parent / f".{secrets.token_hex(6)}.pathplanner.tmp"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _refuse(path, error) from None

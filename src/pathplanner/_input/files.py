"""Opening user files safely: bounded reads of regular files, and listing a catalog folder.

Every user file is read through :func:`read_bounded`: it opens without blocking (a FIFO
would otherwise wait for a writer forever), refuses anything but a regular file (a device
such as ``/dev/zero`` never ends), and reads at most the limit plus one byte whatever size
the file reports (``/proc`` files report 0). :func:`yaml_files` lists the ``*.yaml`` files
of a catalog folder and reports every entry that cannot be read (a dangling symlink, a
loop, a folder that cannot be listed, a device) and every symlink that leads outside the
catalog directory, so that nothing is skipped silently and nothing outside is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from pathplanner.errors import Location, Problem

__all__ = ["read_bounded", "yaml_files"]

_CHUNK = 1 << 16


def _unreadable(display: str, error: OSError) -> Problem:
    if error.errno == errno.ENOENT:
        return Problem("file-missing", Location(display))
    if error.errno == errno.ELOOP:
        return Problem("file-link-loop", Location(display))
    detail = error.strerror or os.strerror(error.errno or errno.EIO)
    return Problem("file-unreadable", Location(display), args={"detail": detail})


def read_bounded(path: Path, display: str, max_bytes: int) -> tuple[bytes | None, list[Problem]]:
    """The bytes of the regular file ``path`` if it holds at most ``max_bytes``; never
    blocks, never reads more than ``max_bytes + 1`` bytes, never raises on bad input.

    Problems: ``file-missing``, ``file-link-loop``, ``file-unreadable`` (a directory, an I/O
    error), ``file-not-regular`` (a device, FIFO or socket) and ``yaml-too-large``.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        return None, [_unreadable(display, error)]
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return None, [_unreadable(display, IsADirectoryError(errno.EISDIR, "Is a directory"))]
        if not stat.S_ISREG(info.st_mode):
            return None, [Problem("file-not-regular", Location(display))]
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes and info.st_size <= max_bytes:
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        return None, [_unreadable(display, error)]
    finally:
        os.close(fd)
    if max(size, info.st_size) > max_bytes:
        args = {"size": str(max(size, info.st_size)), "limit": str(max_bytes)}
        return None, [Problem("yaml-too-large", Location(display), args=args)]
    return b"".join(chunks), []


def _inside(target: str, base: str) -> bool:
    return target == base or target.startswith(base.rstrip(os.sep) + os.sep)


class _Walk:
    """The listing of one folder tree, with an explicit stack (a deep tree cannot exhaust
    Python's recursion limit)."""

    def __init__(self, root: Path, skip: frozenset[str]) -> None:
        self.root = root
        self.base = os.path.realpath(root)
        self.skip = skip
        self.files: list[Path] = []
        self.problems: list[Problem] = []

    def display(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def run(self, start: Path) -> None:
        todo: list[tuple[Path, tuple[str, ...]]] = [(start, ())]
        while todo:
            path, above = todo.pop()
            if self.display(path) in self.skip or not self.readable(path):
                continue  # skipped, refused, or a file (noted by readable)
            real = os.path.realpath(path)
            if real in above:  # a symlink back to a folder that holds it
                self.problem("file-link-loop", path)
                continue
            try:
                with os.scandir(path) as entries:
                    names = [entry.name for entry in entries]
            except OSError as error:
                self.problems.append(_unreadable(self.display(path), error))
                continue
            todo.extend((path / name, (*above, real)) for name in names)

    def problem(self, code: str, path: Path, **args: str) -> None:
        self.problems.append(Problem(code, Location(self.display(path)), args=args))

    def readable(self, path: Path) -> bool:
        """Whether ``path`` may be read (a folder walked); a YAML file is noted."""
        wanted = path.name.endswith(".yaml")
        try:
            mode = os.stat(path).st_mode
        except OSError as error:
            if error.errno == errno.ENOENT and path.is_symlink():
                self.problem("file-broken-link", path, target=os.path.realpath(path))
            else:
                self.problems.append(_unreadable(self.display(path), error))
            return False
        folder = stat.S_ISDIR(mode)
        if path.is_symlink() and not _inside(os.path.realpath(path), self.base):
            if folder or wanted:  # anything else outside would not be read anyway
                self.problem("file-outside", path, target=os.path.realpath(path))
            return False
        if wanted and not folder:
            if stat.S_ISREG(mode):
                self.files.append(path)
            else:
                self.problem("file-not-regular", path)
        return folder


def yaml_files(
    root: Path, folder: str, *, skip: frozenset[str] = frozenset()
) -> tuple[list[Path], list[Problem]]:
    """The ``*.yaml`` files under ``root/folder``, in path order, and a problem for every
    entry that cannot be read or leads outside ``root``; problems name paths relative to
    ``root``. ``skip`` lists relative paths left out (``rules/tests``). A missing folder
    holds no file. Symlinks are followed when they stay inside ``root``.
    """
    walk = _Walk(root, skip)
    start = root / folder
    if start.is_symlink() or start.exists():
        walk.run(start)
    return sorted(walk.files, key=walk.display), walk.problems

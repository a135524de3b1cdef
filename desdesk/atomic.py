"""Writing a file so that it is whole or untouched: the one way desdesk replaces a file.

The new content goes to a temporary file in the same folder, is flushed to disk, takes
the permission bits of the file it replaces (for a new file, those the user's umask
gives, not the temporary file's private 0o600; or those of a `like` file), and only
then replaces the destination with `os.replace`; the folder is flushed too, so the
rename survives a power cut. District files, their backups and their copies hold
personal data (GDPR): their writers ask for `private=True`, which makes the file
readable and writable by the user only (0o600) whatever the umask or the file it
replaces; PDFs and exports keep the rule above. A failure at any point
removes the temporary file and leaves a previous file as it was.

A bottom module (standard library only): anyone may import it. Errors are the
`OSError`s of the system; callers turn them into messages for the user.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


PRIVATE_MODE = 0o600


def new_file_mode() -> int:
    """What `open()` would give a new file: 0o666 less the user's umask."""
    return 0o666 & ~_umask()


@contextmanager
def atomic_write(
    path: Path, like: Path | None = None, *, private: bool = False
) -> Iterator[BinaryIO]:
    """A binary file to write; when the block ends normally it replaces `path`."""
    with (
        _replacing(path, flush=False, like=like, private=private) as temporary,
        temporary.open("wb") as handle,
    ):
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


@contextmanager
def atomic_replace(
    path: Path, like: Path | None = None, *, private: bool = False
) -> Iterator[Path]:
    """A temporary path beside `path` for a writer that needs a name (SQLite, say).

    When the block ends normally the temporary file is flushed to disk and replaces
    `path`. It exists (empty) when the block starts; the writer may overwrite it.
    """
    with _replacing(path, flush=True, like=like, private=private) as temporary:
        yield temporary


@contextmanager
def _replacing(
    path: Path, *, flush: bool, like: Path | None, private: bool = False
) -> Iterator[Path]:
    path = Path(path)
    mode = PRIVATE_MODE if private else _mode_for(Path(like) if like is not None else path)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        if flush:
            _sync_file(temporary)
        with contextlib.suppress(OSError):  # e.g. a FAT memory stick has no permissions
            temporary.chmod(mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    sync_folder(path.parent)


def _mode_for(path: Path) -> int:
    """The permission bits of `path`; those of a new file if there is none."""
    try:
        info = path.stat()
    except OSError:
        return new_file_mode()
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else new_file_mode()


def _sync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX); Windows cannot open a folder to flush it."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse to flush a folder; the rename is done anyway
    finally:
        os.close(fd)

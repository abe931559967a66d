"""Ghi tệp và thư mục "trọn vẹn hoặc không gì cả".

Output files are first written to a temporary name in the same folder and then
moved into place with ``os.replace`` (atomic on the same file system). If
writing fails, the temporary file is removed and the old file, if any, stays
untouched.

Ví dụ::

    >>> import tempfile, pathlib
    >>> from khuyenhoc.atomic import atomic_path
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(d / "bao_cao.txt") as tmp:
    ...     _ = tmp.write_text("Xin chào", encoding="utf-8")
    >>> (d / "bao_cao.txt").read_text(encoding="utf-8")
    'Xin chào'
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _permissions(target: Path, default: int) -> int:
    """Mode for the new file: that of the file it replaces, else ``default`` minus the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return default & ~_umask()


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Cho một đường dẫn tạm để ghi; khi xong thì thay thế ``path`` một lần.

    The temporary file lives in the same folder as ``path`` and keeps its
    extension (some writers look at it). On any error it is deleted and
    ``path`` is left as it was.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> try:
    ...     with atomic_path(d / "a.csv") as tmp:
    ...         _ = tmp.write_text("dở dang")
    ...         raise RuntimeError("lỗi giữa chừng")
    ... except RuntimeError:
    ...     pass
    >>> sorted(p.name for p in d.iterdir())
    []
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".tmp{target.suffix}", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, _permissions(target, 0o666))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_dir(path: str | os.PathLike) -> Iterator[Path]:
    """Cho một thư mục tạm để ghi; khi xong thì đổi tên thành ``path``.

    An existing folder at ``path`` is replaced only after the new one is
    complete (it is first renamed aside, then deleted). On error the temporary
    folder is removed and ``path`` is left as it was.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_dir(d / "csv") as tmp:
    ...     _ = (tmp / "a.csv").write_text("x")
    >>> sorted(p.name for p in (d / "csv").iterdir())
    ['a.csv']
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old: Path | None = None
    try:
        os.chmod(tmp, _permissions(target, 0o777))
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
            old.rmdir()
            os.replace(target, old)
        os.replace(tmp, target)
    except BaseException:
        if old is not None and old.exists() and not target.exists():
            os.replace(old, target)
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)

"""Where the gradebook and the exchange live: one place, read from the environment.

- ``KHUYENHOC_TRAO_DOI``: the nbgrader exchange, OUTSIDE the course folder
  (default ``/srv/nbgrader/exchange``, nbgrader's documented place);
- ``KHUYENHOC_SO_DIEM``: the gradebook's database URL (default: SQLite ``gradebook.db`` in the
  course folder; e.g. ``postgresql+psycopg://cham@/khuyenhoc`` for several graders at once).

>>> import os; os.environ.pop(EXCHANGE_ENV, None) and None
>>> exchange_root()
'/srv/nbgrader/exchange'
>>> database_url("/khoa")
'sqlite:////khoa/gradebook.db'
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

EXCHANGE_ENV = "KHUYENHOC_TRAO_DOI"
DATABASE_ENV = "KHUYENHOC_SO_DIEM"
DEFAULT_EXCHANGE = "/srv/nbgrader/exchange"


def exchange_root() -> str:
    """The exchange folder (nbgrader ``Exchange.root``)."""
    return os.environ.get(EXCHANGE_ENV) or DEFAULT_EXCHANGE


def database_url(course_dir: str | os.PathLike) -> str:
    """The gradebook's database URL for a course folder."""
    return os.environ.get(DATABASE_ENV) or f"sqlite:///{Path(course_dir).resolve() / 'gradebook.db'}"


def ensure_exchange(root: str | os.PathLike | None = None) -> Path:
    """Create the exchange root as nbgrader documents it (``chmod 777``, what ``release_assignment`` sets).

    nbgrader itself then creates ``<course>/outbound`` (read-only for trainees), ``inbound``
    (write-only for trainees: they cannot list or read others' submissions) and ``feedback``.
    """
    path = Path(root or exchange_root())
    path.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode != 0o777:
        try:
            path.chmod(0o777)
        except PermissionError:
            pass
    return path

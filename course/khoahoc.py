"""Shared access to the course for the build, the trainer's tool and the tests.

nbgrader reads ``nbgrader_config.py`` only from the current directory, and its
Gradebook shells out to ``alembic``; both pitfalls are handled here once.
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

COURSE_DIR = Path(__file__).resolve().parent
REPO_DIR = COURSE_DIR.parent


def prepare_environment() -> None:
    """Put the venv's bin on PATH (alembic) and force UTF-8 for kernels started from here."""
    bindir = os.path.dirname(sys.executable)
    path = os.environ.get("PATH", "")
    if bindir not in path.split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + path
    os.environ.setdefault("PYTHONUTF8", "1")
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    # nbgrader 0.9.6 triggers harmless SQLAlchemy autoflush warnings during autograde.
    try:
        from sqlalchemy.exc import SAWarning
    except ImportError:  # pragma: no cover
        return
    warnings.filterwarnings("ignore", category=SAWarning)


def load_config(course_dir: Path | str = COURSE_DIR, db_url: str | None = None):
    """Read ``nbgrader_config.py`` of a course folder (root = that folder; exchange and gradebook from
    ``course.grading.settings``; ``db_url`` overrides the gradebook, e.g. a grading worker's private copy)."""
    from traitlets.config.loader import PyFileConfigLoader

    from .grading.settings import database_url, exchange_root

    course_dir = Path(course_dir).resolve()
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course_dir)).load_config()
    config.CourseDirectory.root = str(course_dir)
    config.Exchange.root = exchange_root()
    config.CourseDirectory.db_url = db_url or database_url(course_dir)
    config.SandboxKernelManager.course_root = str(course_dir)
    config.SandboxKernelManager.exchange_root = config.Exchange.root
    return config


def make_api(course_dir: Path | str = COURSE_DIR, db_url: str | None = None, warm: bool = False):
    """An ``NbGraderAPI`` bound to the course folder, quiet unless something fails (``warm``: kernels forked
    from a pre-imported zygote, see ``course.grading.warm``)."""
    prepare_environment()
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    from .grading.settings import ensure_exchange

    config = load_config(course_dir, db_url)
    if warm:
        config.SandboxKernelManager.warm = True
    ensure_exchange(config.Exchange.root)
    coursedir = CourseDirectory(config=config)
    api = NbGraderAPI(coursedir=coursedir, config=config)
    api.log.setLevel("ERROR")
    return api


def gradebook(course_dir: Path | str = COURSE_DIR):
    """Open the course's gradebook (use as a context manager)."""
    prepare_environment()
    from nbgrader.api import Gradebook

    config = load_config(course_dir)
    return Gradebook(config.CourseDirectory.db_url, course_id=config.CourseDirectory.course_id)


def validator(course_dir: Path | str = COURSE_DIR):
    """nbgrader's Validator with the course's configuration (its exit code is useless, #1908)."""
    prepare_environment()
    from nbgrader.validator import Validator

    return Validator(config=load_config(course_dir))

"""Which notebooks make up the course, read from disk (no list to keep in step by hand).

Lessons are ``notebooks/NN_*.ipynb``; assignments are the folders of ``course/source/``
(one nbgrader assignment each, one or more notebooks). Each notebook is paired with a
MyST Markdown copy under ``course/review/`` (see ``jupytext.toml`` and
``course/jupytext.toml``), so that reviews read plain-text diffs.
"""

from __future__ import annotations

from pathlib import Path

from .khoahoc import COURSE_DIR, REPO_DIR

LESSON_DIR = REPO_DIR / "notebooks"
SOURCE_DIR = COURSE_DIR / "source"
REVIEW_DIR = COURSE_DIR / "review"
EXERCISES_DIR = REPO_DIR / "exercises"


def lessons(repo_dir: Path = REPO_DIR) -> list[Path]:
    """Lesson notebooks in course order (by their number)."""
    return sorted((repo_dir / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def assignments(repo_dir: Path = REPO_DIR) -> list[str]:
    """Assignment names (folders of ``course/source/`` holding a notebook), in course order."""
    source = repo_dir / "course" / "source"
    return sorted(p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def assignment_notebooks(name: str, repo_dir: Path = REPO_DIR) -> list[Path]:
    """Source notebooks of one assignment."""
    return sorted((repo_dir / "course" / "source" / name).glob("*.ipynb"))


def all_notebooks(repo_dir: Path = REPO_DIR) -> list[Path]:
    """Every lesson and every assignment source notebook."""
    return lessons(repo_dir) + [p for a in assignments(repo_dir) for p in assignment_notebooks(a, repo_dir)]


def review_path(notebook: Path, repo_dir: Path = REPO_DIR) -> Path:
    """The MyST Markdown copy paired with a lesson or source notebook."""
    rel = notebook.resolve().relative_to(repo_dir.resolve())
    if rel.parts[0] == "notebooks":
        return repo_dir / "course" / "review" / "notebooks" / rel.with_suffix(".md").name
    if rel.parts[:2] == ("course", "source"):
        return repo_dir / "course" / "review" / "source" / Path(*rel.parts[2:]).with_suffix(".md")
    raise ValueError(f"{notebook} không phải sổ tay bài giảng hay bài tập nguồn")

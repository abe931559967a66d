"""Cell helpers shared by every lesson and assignment builder.

Lessons are plain notebooks; assignments carry nbgrader metadata (schema 3).
Cell ids are deterministic (derived from the notebook slug and position, or from
the grade_id) so that rebuilding gives byte-identical notebooks and small diffs.
"""

from __future__ import annotations

import textwrap
import unicodedata

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
LANGUAGE_INFO = {"name": "python"}


def clean(text: str) -> str:
    """Dedent, strip the outer blank lines and normalise to NFC."""
    return unicodedata.normalize("NFC", textwrap.dedent(text).strip("\n"))


def _nbgrader(gid: str, *, grade: bool = False, solution: bool = False,
              locked: bool = False, points: float | None = None) -> dict:
    meta = {"grade": grade, "grade_id": gid, "locked": locked,
            "schema_version": 3, "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


# --- plain cells (lessons, and unlocked cells of assignments) -----------------

def md(text: str, **meta):
    """A markdown cell."""
    return new_markdown_cell(clean(text), metadata=dict(meta))


def code(src: str, **meta):
    """A code cell (no outputs)."""
    return new_code_cell(clean(src), metadata=dict(meta))


# --- nbgrader cells ------------------------------------------------------------

def locked_md(gid: str, text: str):
    """Read-only instruction cell of an assignment."""
    return new_markdown_cell(clean(text), metadata=_nbgrader(gid, locked=True))


def locked_code(gid: str, src: str):
    """Read-only code cell (set-up, helpers) of an assignment; not graded."""
    return new_code_cell(clean(src), metadata=_nbgrader(gid, locked=True))


def answer(gid: str, src: str):
    """Autograded answer cell; the part between ### BEGIN/END SOLUTION is removed on release."""
    return new_code_cell(clean(src), metadata=_nbgrader(gid, solution=True))


def tests(gid: str, src: str, points: float):
    """Read-only autograder test cell worth `points`; may hold ### BEGIN/END HIDDEN TESTS."""
    return new_code_cell(clean(src), metadata=_nbgrader(gid, grade=True, locked=True, points=points))


def written(gid: str, text: str, points: float):
    """Manually graded written answer (markdown); replaced by the text stub on release."""
    return new_markdown_cell(clean(text), metadata=_nbgrader(gid, grade=True, solution=True, points=points))


# --- notebooks -----------------------------------------------------------------

def notebook(slug: str, cells: list, title: str) -> nbformat.NotebookNode:
    """Assemble a notebook with deterministic cell ids and validate it."""
    seen: set[str] = set()
    for i, cell in enumerate(cells):
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        cid = gid or f"{slug}-{i:02d}"
        cid = cid.replace("_", "-")[:64]
        if cid in seen:
            cid = f"{cid[:58]}-{i:02d}"
        seen.add(cid)
        cell["id"] = cid
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = dict(LANGUAGE_INFO)
    nb.metadata["title"] = title
    nbformat.validate(nb)
    return nb

"""Every markdown cell of every lesson, assignment source and release renders as its author meant.

Parsed with markdown-it-py (CommonMark + tables, the flavour JupyterLab's renderer follows for these constructs):
- no indented code block (a cell shown as a grey code box because its lines start with four spaces);
- every pipe table (a header line followed by a ``|---|`` delimiter line) is a table;
- every line that starts like a list item ("- ", "* ", "1. ") is inside a list;
- no literal ``**`` or ``|---`` left in the rendered text.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "course" / "source").glob("*/*.ipynb")) \
    + sorted((ROOT / "exercises").glob("*/*.ipynb"))

MD = MarkdownIt("commonmark").enable("table")

DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$")
LIST_ITEM = re.compile(r"^\s*([-*+]|\d{1,2}[.)])\s+\S")


def _covered(tokens, kinds: set[str]) -> set[int]:
    """Source line numbers (0-based) covered by block tokens of the given kinds."""
    lines: set[int] = set()
    for t in tokens:
        if t.type in kinds and t.map:
            lines.update(range(t.map[0], t.map[1]))
    return lines


def render_problems(source: str) -> list[str]:
    """What renders wrongly in one markdown cell, in Vietnamese (empty list: the cell renders as written).

    >>> render_problems("Bảng:\\n\\n| a | b |\\n|---|---|\\n| 1 | 2 |")
    []
    >>> render_problems("    **Chú ý** chạy ô này")[0]
    'dòng 1: thành khối mã (thụt lề 4 dấu cách)'
    """
    tokens = MD.parse(source)
    problems = [f"dòng {t.map[0] + 1}: thành khối mã (thụt lề 4 dấu cách)" for t in tokens if t.type == "code_block"]
    fenced = _covered(tokens, {"fence", "html_block"})
    tables = _covered(tokens, {"table_open"})
    lists = _covered(tokens, {"bullet_list_open", "ordered_list_open"})
    lines = source.splitlines()
    for i, line in enumerate(lines):
        if i in fenced:
            continue
        if DELIMITER_ROW.match(line) and i not in tables:
            problems.append(f"dòng {i + 1}: bảng không hiện thành bảng")
        if LIST_ITEM.match(line) and i not in lists and i not in tables:
            problems.append(f"dòng {i + 1}: dòng danh sách không hiện thành danh sách: {line.strip()[:40]}")
    for t in tokens:
        if t.type == "inline":
            text = "".join(c.content for c in t.children or [] if c.type == "text")
            if "**" in text or "|---" in text:
                problems.append(f"dòng {t.map[0] + 1}: còn dấu ** hoặc |--- hiện nguyên văn")
    return problems


def _markdown_cells(path: Path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            yield i, cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(ROOT)) for p in NOTEBOOKS])
def test_every_markdown_cell_renders_as_written(path):
    bad = [f"ô {i}: {p}" for i, src in _markdown_cells(path) for p in render_problems(src)]
    assert not bad, "\n".join(bad)


def test_the_checker_catches_what_broke_lesson_00():
    # the three defects the issue found: indented text, an indented table, a list glued to a paragraph
    assert render_problems("Bước 1:\n\n    **Lưu** bài")
    assert any("bảng" in p for p in render_problems("Chú ý:\n\n    | Nút | Việc |\n    |---|---|\n    | Lưu | x |"))
    assert any("danh sách" in p for p in render_problems("Làm như sau:\n2. chạy ô\n3. lưu bài"))
    assert not render_problems("Làm như sau:\n\n1. chạy ô\n2. lưu bài\n\n```python\n    x = 1\n```")


def test_there_are_notebooks_to_check():
    assert len([p for p in NOTEBOOKS if p.is_relative_to(ROOT / "notebooks")]) >= 10
    assert len([p for p in NOTEBOOKS if p.is_relative_to(ROOT / "course" / "source")]) >= 10

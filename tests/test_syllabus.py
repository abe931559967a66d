"""The syllabus names every lesson and assignment there is, and maps each session to its seed training and notes."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course.catalog import assignments, lessons  # noqa: E402

SYLLABUS = ROOT / "course" / "syllabus.md"
SEEDS = {"[SL]", "[TO]", "[C1]", "[ML]", "[YB]"}


def _tables(text: str) -> list[tuple[list[str], list[list[str]]]]:
    """(header, rows) of every table, as plain cell text."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    tables, header, rows, row, in_head = [], [], [], [], False
    for t in tokens:
        if t.type == "table_open":
            header, rows = [], []
        elif t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            in_head = False
        elif t.type == "tr_open":
            row = []
        elif t.type == "inline" and row is not None:
            row.append(t.content)
        elif t.type == "tr_close":
            (header.extend(row) if in_head else rows.append(row))
        elif t.type == "table_close":
            tables.append((header, rows))
    return tables


def test_every_lesson_and_assignment_is_in_the_syllabus_and_nothing_named_is_missing():
    text = SYLLABUS.read_text(encoding="utf-8")
    for path in lessons():
        assert f"`{path.name}`" in text, f"đề cương thiếu bài giảng {path.name}"
    for name in assignments():
        assert f"`{name}`" in text, f"đề cương thiếu bài tập {name}"
    for name in re.findall(r"`(\d\d_[a-z_]+\.ipynb)`", text):
        assert (ROOT / "notebooks" / name).exists(), f"đề cương nêu {name} nhưng không có sổ tay này"
    for name in set(re.findall(r"`((?:bai_\d\d)|cuoi_khoa)`", text)):
        assert (ROOT / "course" / "source" / name).is_dir(), f"đề cương nêu {name} nhưng không có bài tập này"


def test_every_session_names_its_seed_training_and_domain_notes():
    sessions = [(h, r) for h, r in _tables(SYLLABUS.read_text(encoding="utf-8")) if "Đợt tập huấn thực tế" in h]
    assert len(sessions) == 3, "đề cương có ba ngày"
    taught = 0
    for header, rows in sessions:
        seed_col, notes_col = header.index("Đợt tập huấn thực tế"), header.index("Ghi chú lĩnh vực")
        for row in rows:
            if "**Bài" not in row[1]:
                continue
            taught += 1
            assert SEEDS & set(re.findall(r"\[[A-Z0-9]{2}\]", row[seed_col])), f"buổi '{row[1]}' thiếu bài báo nguồn"
            assert re.search(r"\b(CR|SR) §|domain/README", row[notes_col]), f"buổi '{row[1]}' thiếu ghi chú lĩnh vực"
    assert taught >= len(lessons()) - 2  # the capstone guide is introduced, lesson 2 spans two sessions

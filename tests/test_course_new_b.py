"""Assignments bai_11 (fund and scholarships), bai_12 (members and branches), bai_13 (communication).

The real nbgrader round trip of these assignments (solution full marks, blank release zero, realistic wrong answers
with their Vietnamese messages) runs in ``tests/test_course_grading.py`` from ``tests/data/grading_cases/<bai>.yaml``;
this module checks what that one does not: the points announced to trainees match the grade cells, every manual part
has its rubric in the trainer guide with the same points, and every assignment has wrong-answer cases.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course.catalog import assignment_notebooks  # noqa: E402

MINE = ["bai_11", "bai_12", "bai_13"]
GUIDE = (ROOT / "course" / "trainer-guide.md").read_text(encoding="utf-8")


def _cells(assignment):
    return [c for p in assignment_notebooks(assignment) for c in nbformat.read(p, as_version=4).cells]


def _points(assignment):
    auto = manual = 0.0
    for c in _cells(assignment):
        nbg = c.metadata.get("nbgrader", {})
        if nbg.get("grade"):
            if c.cell_type == "markdown":
                manual += float(nbg["points"])
            else:
                auto += float(nbg["points"])
    return auto, manual


def _number(text: str) -> float:
    return float(text.replace(",", "."))


@pytest.mark.parametrize("assignment", MINE)
def test_points_announced_match_the_grade_cells(assignment):
    auto, manual = _points(assignment)
    head = re.sub(r"\s*\n>\s*", " ", _cells(assignment)[0].source)  # the objectives box wraps over lines
    m = re.search(r"Bài có (\d+) điểm: (\d+) điểm máy chấm, (\d+) điểm giảng viên chấm", head)
    assert m, head
    assert (float(m[1]), float(m[2]), float(m[3])) == (auto + manual, auto, manual)
    for c in _cells(assignment):  # "## Câu N (P điểm…)" equals the points of that question's grade cells
        q = re.match(r"## Câu (\d+) \((\d+) điểm", c.source) if c.cell_type == "markdown" else None
        if q:
            ids = {x.metadata["nbgrader"]["grade_id"] for x in _cells(assignment)
                   if x.metadata.get("nbgrader", {}).get("grade")}
            own = [x for x in _cells(assignment) if x.metadata.get("nbgrader", {}).get("grade_id") in ids
                   and re.search(rf"_cau_{q[1]}(_|$)", x.metadata["nbgrader"]["grade_id"])]
            assert sum(float(x.metadata["nbgrader"]["points"]) for x in own) == float(q[2]), (assignment, q[0])


@pytest.mark.parametrize("assignment", MINE)
def test_every_manual_part_has_a_rubric_with_its_points(assignment):
    for c in _cells(assignment):
        nbg = c.metadata.get("nbgrader", {})
        if c.cell_type == "markdown" and nbg.get("grade"):
            n = re.search(r"_cau_(\d+)$", nbg["grade_id"])[1]
            head = re.search(rf"^### {assignment}, câu {n} \(([\d,]+) điểm\)", GUIDE, re.M)
            assert head, f"trainer-guide.md: thiếu thang điểm '{assignment}, câu {n}'"
            assert _number(head[1]) == float(nbg["points"])
            section = GUIDE[head.end():].split("\n### ", 1)[0]
            rows = re.findall(r"^\| \d\. [^|]+\| ([\d,]+) \|", section, re.M)
            assert rows and sum(_number(r) for r in rows) == float(nbg["points"]), (assignment, rows)


@pytest.mark.parametrize("assignment", MINE)
def test_grading_cases_cover_full_and_partial_marks(assignment):
    cases = yaml.safe_load((ROOT / "tests" / "data" / "grading_cases" / f"{assignment}.yaml").read_text("utf-8"))
    auto, _ = _points(assignment)
    assert cases["dung"]["marks"] == auto
    wrong = [c for k, c in cases.items() if k != "dung"]
    assert wrong and all(0 < c["marks"] < auto and c["messages"] for c in wrong)

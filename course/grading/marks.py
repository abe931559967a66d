"""Manual marks from a sheet (one row per trainee, one column per question), Vietnamese decimal commas accepted.

>>> parse_mark("2,5"), parse_mark(" 3 "), parse_mark(1.5), parse_mark("")
(2.5, 3.0, 1.5, None)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

ID_COLUMN = "Mã học viên"
NUMBER = re.compile(r"^[+]?\d+(?:[.,]\d+)?$")


class MarksError(ValueError):
    """A problem in the marks sheet, explained in Vietnamese (file, row, column)."""


def parse_mark(value) -> float | None:
    """A mark written as 2,5 or 2.5 (or blank: None)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip().replace("\u00a0", "")
    if not text:
        return None
    if not NUMBER.match(text):
        raise ValueError(text)
    return float(text.replace(",", "."))


@dataclass(frozen=True)
class Mark:
    student: str
    cell: str
    score: float
    row: int
    column: str


def read_sheet(path: Path):
    """The sheet as text cells (xlsx, xls or csv in UTF-8)."""
    import pandas as pd

    path = Path(path)
    if not path.exists():
        raise MarksError(f"Không tìm thấy tệp điểm chấm tay: {path}")
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
            return pd.read_excel(path, dtype=object)
        return pd.read_csv(path, dtype=str, encoding="utf-8-sig", sep=None, engine="python")
    except Exception as err:  # noqa: BLE001 - explained, never a traceback
        raise MarksError(f"Không đọc được tệp {path.name}: {err}. Hãy lưu lại dạng .xlsx hoặc .csv (UTF-8).") from None


def import_marks(gb, assignment: str, path: Path) -> list[Mark]:
    """Check the whole sheet, then write every mark (all or nothing). Returns the marks written."""
    df = read_sheet(path)
    name = Path(path).name
    if ID_COLUMN not in df.columns:
        raise MarksError(f"Tệp {name} thiếu cột '{ID_COLUMN}'. Dòng đầu: Mã học viên, rồi tên câu (ví dụ cau_7).")
    a = gb.find_assignment(assignment)
    cells = {}
    for nb in a.notebooks:
        for gc in nb.grade_cells:
            cells[gc.name] = (nb.name, gc.max_score)
            cells.setdefault(gc.name.removeprefix(f"{assignment}_"), (nb.name, gc.max_score, gc.name))
    students = {s.id for s in gb.students}
    marks, problems = [], []
    for column in [c for c in df.columns if c != ID_COLUMN and not str(c).startswith("Unnamed")]:
        key = str(column).strip()
        if key not in cells:
            problems.append(f"cột '{key}': không có câu này trong bài {assignment}")
            continue
    for i, rec in enumerate(df.to_dict("records"), start=2):
        sid = str(rec.get(ID_COLUMN) or "").strip()
        if not sid or sid == "nan":
            continue
        if sid not in students:
            problems.append(f"dòng {i}, cột '{ID_COLUMN}': '{sid}' không có trong danh sách lớp")
            continue
        for column, value in rec.items():
            key = str(column).strip()
            if column == ID_COLUMN or key not in cells:
                continue
            try:
                score = parse_mark(value)
            except ValueError:
                problems.append(f"dòng {i}, cột '{key}': '{value}' không phải điểm (ghi số, ví dụ 2,5)")
                continue
            if score is None:
                continue
            info = cells[key]
            max_score = info[1]
            if not 0 <= score <= max_score:
                problems.append(f"dòng {i}, cột '{key}': {str(score).replace('.', ',')} ngoài khoảng 0–"
                                f"{str(max_score).replace('.', ',').removesuffix(',0')}")
                continue
            marks.append(Mark(sid, info[2] if len(info) == 3 else key, score, i, key))
    from nbgrader.api import MissingEntry

    grades = []
    for m in marks:
        try:
            grades.append((m, gb.find_grade(m.cell, cells[m.cell][0], assignment, m.student)))
        except MissingEntry:
            problems.append(f"dòng {m.row}: {m.student} chưa có bài {assignment} đã chấm tự động")
    if problems:
        raise MarksError(f"Tệp {name} có {len(problems)} lỗi, chưa nhập điểm nào: " + "; ".join(problems[:10]))
    for m, grade in grades:
        grade.manual_score = m.score
    gb.db.commit()
    return marks

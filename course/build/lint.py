"""Checks on built notebooks before nbgrader sees them.

nbgrader fails late and confusingly on duplicate grade_ids (#108, #1083), and
outputs left in sources leak solutions into git; both are caught here.
"""

from __future__ import annotations

import unicodedata

import nbformat


def lint_notebook(nb: nbformat.NotebookNode, name: str, *, graded: bool) -> list[str]:
    """Return the problems found in one notebook, in Vietnamese (empty list = clean)."""
    problems: list[str] = []
    seen: dict[str, int] = {}
    for i, cell in enumerate(nb.cells, start=1):
        where = f"{name}, ô {i}"
        if cell.cell_type == "code":
            if cell.get("outputs"):
                problems.append(f"{where}: ô lệnh còn kết quả (outputs); hãy xóa kết quả trước khi lưu.")
            if cell.get("execution_count") is not None:
                problems.append(f"{where}: ô lệnh còn số thứ tự chạy (execution_count).")
        if unicodedata.normalize("NFC", cell.source) != cell.source:
            problems.append(f"{where}: chữ tiếng Việt chưa ở dạng NFC.")
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            continue
        if not graded:
            problems.append(f"{where}: bài giảng không được có thông tin chấm điểm (nbgrader).")
            continue
        gid = meta.get("grade_id", "")
        if not gid:
            problems.append(f"{where}: thiếu grade_id.")
        elif gid in seen:
            problems.append(f"{where}: grade_id '{gid}' trùng với ô {seen[gid]}.")
        else:
            seen[gid] = i
        solution_marked = "BEGIN SOLUTION" in cell.source
        if solution_marked and not meta.get("solution"):
            problems.append(f"{where}: có BEGIN SOLUTION nhưng ô không phải ô trả lời.")
        if "BEGIN HIDDEN TESTS" in cell.source and not meta.get("grade"):
            problems.append(f"{where}: có kiểm tra ẩn nhưng ô không phải ô kiểm tra.")
        if meta.get("grade") and not meta.get("points"):
            problems.append(f"{where}: ô chấm điểm chưa có số điểm.")
        if cell.cell_type == "code" and ("input(" in cell.source):
            problems.append(f"{where}: bài chấm điểm không được dùng input() (máy chấm sẽ treo).")
    if graded and not any(c.metadata.get("nbgrader", {}).get("grade") for c in nb.cells):
        problems.append(f"{name}: bài tập không có ô nào được chấm điểm.")
    return problems

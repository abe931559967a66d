"""Checks on the course notebooks as they are on disk, before nbgrader sees them.

nbgrader fails late and confusingly on duplicate grade_ids (#108, #1083), outputs left in
sources leak solutions into git, and a notebook edited without its MyST copy makes reviews
lie; all are caught here. Every message is Vietnamese and names the notebook and the cell.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import nbformat

#: What every lesson shows, in this order (design.md, "Lessons look alike").
LESSON_SKELETON = [("# Bài", "tiêu đề “# Bài …”"), ("🎯 Mục tiêu", "khung “🎯 Mục tiêu của bài”"),
                   ("✍️ Thử làm", "mục “✍️ Thử làm”"), ("📌 Ghi nhớ", "mục “📌 Ghi nhớ”"),
                   ("📚 Đọc thêm", "mục “📚 Đọc thêm và nguồn”")]
#: What every assignment notebook shows.
ASSIGNMENT_SKELETON = [("# Bài", "tiêu đề “# Bài tập …”"), ("🎯 Mục tiêu", "khung “🎯 Mục tiêu của bài”")]


def lint_notebook(nb: nbformat.NotebookNode, name: str, *, graded: bool) -> list[str]:
    """Return the problems found in one notebook, in Vietnamese (empty list = clean)."""
    problems: list[str] = []
    seen: dict[str, int] = {}
    # Without them JupyterLab fills them in when the kernel starts, and the notebook shows as modified on opening.
    for key in ("kernelspec", "language_info"):
        if key not in nb.metadata:
            problems.append(f"{name}: thiếu thông tin sổ tay “{key}” (sổ tay sẽ hiện là đã sửa ngay khi mở); "
                            "chép từ một sổ tay khác của khóa học.")
    for i, cell in enumerate(nb.cells, start=1):
        where = f"{name}, ô {i}"
        if cell.cell_type == "code":
            if cell.get("outputs"):
                problems.append(f"{where}: ô lệnh còn kết quả (outputs); hãy xóa kết quả trước khi lưu "
                                "(Chỉnh sửa → Xóa mọi kết quả).")
            if cell.get("execution_count") is not None:
                problems.append(f"{where}: ô lệnh còn số thứ tự chạy (execution_count).")
            if "input(" in cell.source:
                problems.append(f"{where}: sổ tay không được dùng input() (máy chấm và bản xem trước sẽ treo).")
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
        if "BEGIN SOLUTION" in cell.source and not meta.get("solution"):
            problems.append(f"{where}: có BEGIN SOLUTION nhưng ô không phải ô trả lời.")
        if "BEGIN HIDDEN TESTS" in cell.source and not meta.get("grade"):
            problems.append(f"{where}: có kiểm tra ẩn nhưng ô không phải ô kiểm tra.")
        if meta.get("grade") and not meta.get("points"):
            problems.append(f"{where}: ô chấm điểm chưa có số điểm.")
    if graded and not any(c.metadata.get("nbgrader", {}).get("grade") for c in nb.cells):
        problems.append(f"{name}: bài tập không có ô nào được chấm điểm.")
    problems += lint_skeleton(nb, name, graded=graded)
    return problems


def lint_skeleton(nb: nbformat.NotebookNode, name: str, *, graded: bool) -> list[str]:
    """Parts of the common skeleton that a notebook lacks."""
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    parts = ASSIGNMENT_SKELETON if graded else LESSON_SKELETON
    return [f"{name}: thiếu {label} (khung chung của bài)." for key, label in parts if key not in text]


def _cells_for_comparison(nb: nbformat.NotebookNode) -> list[tuple]:
    return [(c.cell_type, c.source.strip("\n"), c.metadata.get("nbgrader")) for c in nb.cells]


def lint_pair(notebook: Path, review: Path, name: str) -> list[str]:
    """The .ipynb and its MyST copy must hold the same cells (text and nbgrader metadata)."""
    import jupytext

    if not review.exists():
        return [f"{name}: chưa có bản MyST {review.name}; hãy chạy: python -m course.check --dong-bo"]
    a = nbformat.read(notebook, as_version=4)
    b = jupytext.read(review)
    left, right = _cells_for_comparison(a), _cells_for_comparison(b)
    if left == right:
        return []
    for i, (x, y) in enumerate(zip(left, right), start=1):
        if x != y:
            return [f"{name}, ô {i}: sổ tay và bản MyST ({review.name}) khác nhau; "
                    "hãy chạy: python -m course.check --dong-bo"]
    return [f"{name}: sổ tay có {len(left)} ô, bản MyST có {len(right)} ô; hãy chạy: python -m course.check --dong-bo"]

"""Kiểm tra khóa học: sổ tay bài giảng, bài tập nguồn, bản MyST đi kèm và bản phát cho học viên.

Cách chạy (từ thư mục gốc của dự án)::

    python -m course.check               # kiểm tra mọi sổ tay (mã thoát 1 nếu có lỗi); không ghi gì
    python -m course.check --dong-bo     # trước đó: đồng bộ sổ tay .ipynb với bản MyST .md (jupytext --sync)
    python -m course.check --phat-hanh   # sau khi kiểm tra: tạo lại exercises/ bằng nbgrader generate_assignment

Giảng viên sửa bài trong JupyterLab (ô chấm điểm bằng bảng "Create Assignment" của nbgrader), lưu,
rồi chạy ``python -m course.check --dong-bo --phat-hanh`` và ``make test``: không cần bước nào khác.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python course/check.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    __package__ = "course"

import nbformat  # noqa: E402

from course.catalog import all_notebooks, assignments, lessons, review_path  # noqa: E402
from course.khoahoc import COURSE_DIR, REPO_DIR  # noqa: E402
from course.lint import lint_notebook, lint_pair  # noqa: E402


def _rel(path: Path, repo_dir: Path) -> str:
    return str(path.resolve().relative_to(repo_dir.resolve()))


def problems(repo_dir: Path = REPO_DIR) -> list[str]:
    """Every problem of every notebook and pair, in Vietnamese (empty list = the course is clean)."""
    found: list[str] = []
    lesson_set = set(lessons(repo_dir))
    for path in all_notebooks(repo_dir):
        name = _rel(path, repo_dir)
        try:
            nb = nbformat.read(path, as_version=4)
            nbformat.validate(nb)
        except Exception as err:  # noqa: BLE001 - any unreadable notebook is reported, not raised
            found.append(f"{name}: không đọc được sổ tay ({err}).")
            continue
        found += lint_notebook(nb, name, graded=path not in lesson_set)
        found += lint_pair(path, review_path(path, repo_dir), name)
    return found


def sync(repo_dir: Path = REPO_DIR) -> None:
    """Bring each notebook and its MyST copy in step (the newer file wins, as in JupyterLab)."""
    paths = [str(p) for p in all_notebooks(repo_dir)]
    subprocess.run([sys.executable, "-m", "jupytext", "--sync", "--quiet", *paths], check=True, cwd=repo_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.check",
                                     description="Kiểm tra sổ tay của khóa học khuyenhoc.")
    parser.add_argument("--dong-bo", action="store_true",
                        help="đồng bộ sổ tay .ipynb với bản MyST .md trước khi kiểm tra")
    parser.add_argument("--phat-hanh", action="store_true",
                        help="tạo lại exercises/ bằng nbgrader (chỉ khi không có lỗi)")
    args = parser.parse_args(argv)
    if args.dong_bo:
        sync()
    found = problems()
    if found:
        print("Sổ tay có lỗi:")
        for p in found:
            print("  -", p)
        return 1
    print(f"Đã kiểm tra {len(all_notebooks())} sổ tay: không có lỗi.")
    if args.phat_hanh:
        from course.release import ReleaseError, release_to_exercises

        try:
            for target in release_to_exercises(COURSE_DIR, REPO_DIR / "exercises", assignments()):
                print("Đã phát hành vào", _rel(target, REPO_DIR))
        except ReleaseError as err:
            print(err)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

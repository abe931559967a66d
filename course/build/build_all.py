"""Dựng toàn bộ khóa học: bài giảng, bài tập nguồn, bản phát hành cho học viên.

Cách chạy (từ thư mục gốc của dự án)::

    python -m course.build                  # dựng tất cả và phát hành vào exercises/
    python -m course.build --khong-phat-hanh  # chỉ dựng sổ tay (nhanh)
    python -m course.build --kiem-tra         # chỉ kiểm tra: các tệp đã khớp với mã dựng chưa (mã thoát 1 nếu chưa)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python course/build/build_all.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    __package__ = "course.build"

import nbformat  # noqa: E402

from course.build import ASSIGNMENTS, LESSONS  # noqa: E402
from course.build.lint import lint_notebook  # noqa: E402
from course.khoahoc import COURSE_DIR, REPO_DIR  # noqa: E402


def _dumps(nb) -> str:
    return nbformat.writes(nb) + "\n"


def planned_files(repo_dir: Path = REPO_DIR) -> tuple[dict[Path, str], list[str]]:
    """Every notebook the build writes, as {path: text}, plus the lint problems found."""
    files: dict[Path, str] = {}
    problems: list[str] = []
    for module in LESSONS:
        nb = module.build()
        name = f"notebooks/{module.SLUG}.ipynb"
        problems += lint_notebook(nb, name, graded=False)
        files[repo_dir / name] = _dumps(nb)
    for module in ASSIGNMENTS:
        for nb_name, nb in module.build().items():
            name = f"course/source/{module.ASSIGNMENT}/{nb_name}"
            problems += lint_notebook(nb, name, graded=True)
            files[repo_dir / name] = _dumps(nb)
    return files, problems


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    os.chmod(tmp, 0o644)  # mkstemp creates 0600; notebooks must be readable by trainees and graders
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.build",
                                     description="Dựng sổ tay bài giảng và bài tập của khóa học khuyenhoc.")
    parser.add_argument("--khong-phat-hanh", action="store_true",
                        help="không chạy nbgrader generate_assignment, không cập nhật exercises/")
    parser.add_argument("--kiem-tra", action="store_true",
                        help="không ghi gì; báo lỗi (mã thoát 1) nếu sổ tay trên đĩa khác với mã dựng")
    args = parser.parse_args(argv)

    files, problems = planned_files()
    if problems:
        print("Sổ tay có lỗi, chưa ghi gì:")
        for p in problems:
            print("  -", p)
        return 1

    if args.kiem_tra:
        stale = [p for p, text in files.items()
                 if not p.exists() or p.read_text(encoding="utf-8") != text]
        for p in stale:
            print("Chưa cập nhật:", p.relative_to(REPO_DIR))
        if stale:
            print("Hãy chạy: python -m course.build")
            return 1
        print(f"Tất cả {len(files)} sổ tay đã khớp với mã dựng.")
        return 0

    for path, text in files.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            _write_atomic(path, text)
            print("Đã ghi", path.relative_to(REPO_DIR))
    if args.khong_phat_hanh:
        return 0

    from course.build.release import ReleaseError, release_to_exercises

    names = [m.ASSIGNMENT for m in ASSIGNMENTS]
    try:
        for target in release_to_exercises(COURSE_DIR, REPO_DIR / "exercises", names):
            print("Đã phát hành vào", target.relative_to(REPO_DIR))
    except ReleaseError as err:
        print(err)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

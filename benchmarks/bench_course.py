"""Đo thời gian của khóa học: chạy từng sổ tay (nbclient) và chấm tự động từng bài nộp (nbgrader API).

Chạy: PYTHONUTF8=1 .venv/bin/python benchmarks/bench_course.py [--so-bai-nop 5] [--chi 05 06 07 bai_05]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

from course.catalog import assignment_notebooks, assignments, lessons  # noqa: E402
from course.release import generate, make_scratch_course  # noqa: E402
from course.khoahoc import make_api, prepare_environment  # noqa: E402
from khuyenhoc.indicators.vnformat import so  # numbers the Vietnamese way: 1.234,56


def run_notebook(path: Path) -> tuple[float, float]:
    """Run a copy of the notebook's folder (nothing is written next to the sources).

    Returns (whole notebook, slowest cell) in seconds; the slowest cell is what the
    nbgrader per-cell timeout (course/nbgrader_config.py) applies to.
    """
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "nb"
        shutil.copytree(path.parent, work, ignore=shutil.ignore_patterns("ket_qua_*", ".ipynb_checkpoints"))
        nb = nbformat.read(work / path.name, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=120, kernel_name="python3", record_timing=True,
                       resources={"metadata": {"path": str(work)}}).execute()
        total = time.perf_counter() - start
    slowest = 0.0
    for cell in nb.cells:
        ex = cell.get("metadata", {}).get("execution", {})
        if "shell.execute_reply" in ex and "iopub.execute_input" in ex:
            from datetime import datetime
            t0 = datetime.fromisoformat(ex["iopub.execute_input"].replace("Z", "+00:00"))
            t1 = datetime.fromisoformat(ex["shell.execute_reply"].replace("Z", "+00:00"))
            slowest = max(slowest, (t1 - t0).total_seconds())
    return total, slowest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--so-bai-nop", type=int, default=5, help="số bài nộp mỗi bài tập để đo chấm tự động")
    parser.add_argument("--chi", nargs="*", default=None,
                        help="chỉ đo các bài giảng/bài tập có tên chứa một trong các chuỗi này (ví dụ: 05 bai_05)")
    args = parser.parse_args()

    def wanted(name: str) -> bool:
        return args.chi is None or any(k in name for k in args.chi)
    prepare_environment()

    print("== Chạy sổ tay (nbclient, mỗi sổ tay một kernel mới)")
    paths = [p for p in lessons() if wanted(p.stem)]
    paths += [p for a in assignments() if wanted(a) for p in assignment_notebooks(a)]
    for path in paths:
        total, slowest = run_notebook(path)
        print(f"{path.relative_to(ROOT)}: {so(total, 2)} s (ô chậm nhất {so(slowest, 2)} s)")

    print(f"== Chấm tự động (nbgrader API), {args.so_bai_nop} bài nộp mỗi bài tập")
    names = [a for a in assignments() if wanted(a)]
    with tempfile.TemporaryDirectory() as tmp:
        course = make_scratch_course(ROOT / "course", Path(tmp) / "course", names)
        start = time.perf_counter()
        releases = generate(course, names)
        print(f"generate_assignment ({len(names)} bài): {so(time.perf_counter() - start, 2)} s")
        api = make_api(course)
        for name in names:
            times = []
            for i in range(args.so_bai_nop):
                sid = f"hv{i:03d}"
                src = (course / "source" / name) if i % 2 == 0 else releases[name]  # half solutions, half blanks
                dest = course / "submitted" / sid / name
                shutil.copytree(src, dest, dirs_exist_ok=True)
                start = time.perf_counter()
                result = api.autograde(name, sid, force=True, create=True)
                times.append(time.perf_counter() - start)
                assert result["success"], result["error"]
            per = sum(times) / len(times)
            print(f"{name}: trung bình {so(per, 2)} s/bài nộp (nhanh nhất {so(min(times), 2)}, chậm nhất {so(max(times), 2)});"
                  f" ước tính lớp 200 học viên: {so(per * 200 / 60, 1)} phút")


if __name__ == "__main__":
    main()

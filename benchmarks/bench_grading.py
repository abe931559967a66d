"""Đo chấm tự động một lớp: nbgrader autograde (lần lượt) so với máy chấm song song của khóa học, cùng một lần chạy.

Tạo N bài nộp của một bài tập (đúng, sai một phần, để trống và MỘT bài treo), chấm bằng lệnh
``nbgrader autograde`` gốc (từng bài một) rồi bằng ``course/cham_bai.py cham-tu-dong`` (song song),
kiểm tra điểm hai cách giống hệt nhau, in thời gian mỗi bài (trung vị, lâu nhất), tổng và tỉ số.
Cả hai cách đều chạy bài trong hộp cát (cần quyền root và bubblewrap).

Chạy:
    PYTHONUTF8=1 .venv/bin/python benchmarks/bench_grading.py --assignment bai_07 --n 200
    PYTHONUTF8=1 .venv/bin/python benchmarks/bench_grading.py --assignment bai_07 --n 20 --timeout 30
    PYTHONUTF8=1 .venv/bin/python benchmarks/bench_grading.py --assignment bai_07 --n 200 --workers 2,3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402
from nbgrader import utils  # noqa: E402

from course.grading import parallel, sandbox  # noqa: E402
from course.grading.settings import EXCHANGE_ENV  # noqa: E402
from course.khoahoc import gradebook, prepare_environment  # noqa: E402
from course.release import generate, make_scratch_course  # noqa: E402
from khuyenhoc.indicators.vnformat import so  # noqa: E402  (numbers the Vietnamese way)


def submissions(source: Path, release: Path, n: int) -> dict[str, nbformat.NotebookNode]:
    """N notebooks: 40 % correct, 30 % half answered (wrong), the rest blank, and one that hangs."""
    solution = nbformat.read(source, as_version=4)
    blank = nbformat.read(release, as_version=4)
    answers = [c for c in solution.cells if c.cell_type == "code" and utils.is_solution(c)]

    def half(nb):
        nb = nbformat.from_dict(nb)
        stub = {c.metadata["nbgrader"]["grade_id"]: c.source for c in blank.cells if utils.is_solution(c)}
        for i, cell in enumerate(c for c in nb.cells if c.cell_type == "code" and utils.is_solution(c)):
            if i % 2 == 1:
                cell.source = stub[cell.metadata["nbgrader"]["grade_id"]]
        return nb

    out = {}
    for i in range(n):
        sid = f"hv{i:03d}"
        if i == n // 2:
            nb = nbformat.from_dict(blank)
            first = next(c for c in nb.cells if c.cell_type == "code" and utils.is_solution(c))
            first.source = "import time\ntime.sleep(10**6)  # treo"
        elif i % 10 < 4:
            nb = nbformat.from_dict(solution)
        elif i % 10 < 7:
            nb = half(solution)
        else:
            nb = nbformat.from_dict(blank)
        out[sid] = nb
    assert answers, "bài tập không có ô trả lời"
    return out


def scores(course: Path, assignment: str, students) -> dict[str, float | None]:
    from nbgrader.api import MissingEntry

    out = {}
    with gradebook(course) as gb:
        for s in students:
            try:
                out[s] = gb.find_submission(assignment, s).score
            except MissingEntry:
                out[s] = None  # not graded
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--assignment", default="bai_07")
    p.add_argument("--n", type=int, default=200, help="số bài nộp (mặc định 200)")
    p.add_argument("--workers", default=None,
                   help="số bài chấm cùng lúc (mặc định: số lõi); nhiều số cách nhau bằng dấu phẩy, ví dụ 2,3: "
                        "máy chấm song song chạy lần lượt với từng số, cùng so với một lần chấm lần lượt")
    p.add_argument("--timeout", type=int, default=None,
                   help="giây tối đa mỗi ô cho cả hai cách (mặc định: như nbgrader_config.py của khóa học)")
    args = p.parse_args()
    reason = sandbox.check()
    if reason:
        raise SystemExit(f"Không đo được: {reason}.")
    prepare_environment()
    a = args.assignment
    with tempfile.TemporaryDirectory(prefix="bench-cham-") as tmp:
        tmp = Path(tmp)
        os.environ[EXCHANGE_ENV] = str(tmp / "trao_doi")
        course = make_scratch_course(ROOT / "course", tmp / "course", [a])
        if args.timeout:
            with open(course / "nbgrader_config.py", "a", encoding="utf-8") as fh:
                fh.write(f"\nc.ExecutePreprocessor.timeout = {args.timeout}\n")
        release = generate(course, [a])[a]
        names = sorted(x.name for x in (course / "source" / a).glob("*.ipynb"))
        if len(names) != 1:
            raise SystemExit("Đo với bài tập có một sổ tay.")
        subs = submissions(course / "source" / a / names[0], release / names[0], args.n)
        for sid, nb in subs.items():
            dest = course / "submitted" / sid / a
            dest.mkdir(parents=True)
            nbformat.write(nb, dest / names[0])
        fresh = tmp / "gradebook-truoc-khi-cham.db"
        shutil.copy2(course / "gradebook.db", fresh)
        students = sorted(subs)
        cores = os.cpu_count()
        print(f"== {a}: {args.n} bài nộp (40% đúng, 30% làm một nửa, còn lại để trống, 1 bài treo); máy {cores} lõi")

        # 1. plain nbgrader, one submission after the other
        env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
        start, t0 = time.perf_counter(), time.time()
        done = subprocess.run([os.path.join(os.path.dirname(sys.executable), "nbgrader"), "autograde", a,
                               "--force", "--log-level=ERROR"], cwd=course, env=env, capture_output=True, text=True)
        serial_total = time.perf_counter() - start
        if done.returncode != 0:
            print(done.stderr[-3000:])
        failed = [s for s in students if not (course / "autograded" / s / a / names[0]).exists()]
        if failed:
            print(f"nbgrader không chấm được {len(failed)} bài: {', '.join(failed[:10])}")
        serial = scores(course, a, [s for s in students if s not in failed])
        ends = sorted((course / "autograded" / s / a / names[0]).stat().st_mtime for s in students if s not in failed)
        serial_each = [b - x for x, b in zip([t0] + ends, ends)]  # finish-to-finish (the first includes start-up)

        # 2. the course's parallel grader (one gradebook writer), from the same fresh gradebook, per worker count
        counts = [int(x) for x in str(args.workers).split(",")] if args.workers else [cores]
        runs = []
        for w in counts:
            shutil.rmtree(course / "autograded")
            shutil.copy2(fresh, course / "gradebook.db")
            start = time.perf_counter()
            outcomes = parallel.grade(course, a, students, workers=w, redo=True, progress=False,
                                      report=lambda _line: None)
            total = time.perf_counter() - start
            runs.append((w, total, [o.seconds for o in outcomes if o.seconds],
                         scores(course, a, [s for s in students if s not in failed])))

    print(f"nbgrader autograde (lần lượt): tổng {so(serial_total, 1)} s = {so(serial_total / 60, 2)} phút; "
          f"mỗi bài trung vị {so(statistics.median(serial_each), 2)} s, lâu nhất {so(max(serial_each), 1)} s")
    all_same = True
    for w, total, each, ours in runs:
        same = serial == ours
        all_same &= same
        diff = [s for s in students if serial.get(s) != ours.get(s)]
        print(f"cham_bai song song ({w} tiến trình): tổng {so(total, 1)} s = {so(total / 60, 2)} phút; "
              f"mỗi bài trung vị {so(statistics.median(each), 2)} s, lâu nhất {so(max(each), 1)} s")
        print(f"  Nhanh hơn: {so(serial_total / total, 2)} lần. Điểm hai cách "
              f"{'giống hệt nhau' if same else 'KHÁC NHAU ở ' + ', '.join(diff[:10])} "
              f"({len(ours)} bài, tổng điểm {so(sum(v or 0 for v in ours.values()), 1)}).")
    if not all_same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()

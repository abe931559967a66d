"""Đo thời gian việc chính ``python -m khuyenhoc.main_job THƯ_MỤC`` trên xã mẫu và tỉ trọng của từng bước.

Cách chạy::

    .venv/bin/python benchmarks/bench_main_job.py              # 5 lần, in trung vị
    .venv/bin/python benchmarks/bench_main_job.py --lan 3 --data so-cua-xa.xlsx

Each run is a fresh ``python -m khuyenhoc.main_job <tmp>`` process (the way ``make run`` calls it), so the wall time
includes starting Python and importing the toolkit. Inside the child, the main job's progress bar (``_bar``) is
replaced by a recorder: each step the job announces is timed from its announcement to the next one. The script
prints the median wall time, the median time of each step and its share of the wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Runs inside the child process: the real main job with a timing progress bar.
CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
import khuyenhoc.main_job as mj
marks = [("Khởi động Python và nạp bộ công cụ", t0), ("Nạp các bước, đọc tham số và ngưỡng", time.perf_counter())]

class Recorder:
    def __init__(self, *a, **k):
        pass
    def set_postfix_str(self, msg):
        marks.append((msg, time.perf_counter()))
    def update(self, n=1):
        pass
    def close(self):
        pass

if hasattr(mj, "_bar"):
    mj._bar = Recorder
code = mj.main(sys.argv[1:])
marks.append(("end", time.perf_counter()))
steps = {}
for (name, t), (_, t_next) in zip(marks, marks[1:]):
    steps[name] = steps.get(name, 0.0) + (t_next - t)
print("\n@@BENCH@@" + json.dumps({"code": code, "steps": steps}, ensure_ascii=False))
"""


def vn(x: float, d: int = 2) -> str:
    """Số kiểu Việt Nam: 1.234,56."""
    return f"{x:,.{d}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def one_run(extra: list[str]) -> tuple[float, dict[str, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        t = time.perf_counter()
        p = subprocess.run([sys.executable, "-c", CHILD, str(out), *extra], capture_output=True, text=True,
                           encoding="utf-8", env=env)
        wall = time.perf_counter() - t
    if "@@BENCH@@" not in p.stdout:
        sys.exit(f"Việc chính không chạy xong (mã {p.returncode}):\n{p.stderr[-3000:]}")
    info = json.loads(p.stdout.rsplit("@@BENCH@@", 1)[1])
    if info["code"] != 0:
        sys.exit(f"Việc chính trả mã {info['code']}:\n{p.stderr[-3000:]}")
    return wall, info["steps"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lan", type=int, default=5, help="số lần chạy (mặc định 5; in trung vị)")
    ap.add_argument("--data", help="sổ dữ liệu của xã (mặc định: xã mẫu)")
    a = ap.parse_args()
    extra = ["--data", a.data] if a.data else []
    walls, steps = [], []
    for i in range(a.lan):
        w, s = one_run(extra)
        walls.append(w)
        steps.append(s)
        print(f"Lần {i + 1}: {vn(w)} s", flush=True)
    wall = statistics.median(walls)
    names = list(dict.fromkeys(n for s in steps for n in s))
    print(f"\nViệc chính (python -m khuyenhoc.main_job), trung vị của {a.lan} lần: {vn(wall)} s "
          f"(nhanh nhất {vn(min(walls))} s, chậm nhất {vn(max(walls))} s)")
    print(f"{'Bước':45s} {'giây':>8s} {'tỉ trọng':>9s}")
    for n in names:
        t = statistics.median(s.get(n, 0.0) for s in steps)
        print(f"{n[:45]:45s} {vn(t):>8s} {vn(100 * t / wall, 1):>8s}%")
    inside = sum(statistics.median(s.get(n, 0.0) for s in steps) for n in names)
    print(f"{'(khởi động tiến trình, thoát)':45s} {vn(wall - inside):>8s} {vn(100 * (wall - inside) / wall, 1):>8s}%")


if __name__ == "__main__":
    main()

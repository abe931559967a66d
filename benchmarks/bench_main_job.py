"""Đo thời gian việc chính ``python -m khuyenhoc.main_job THƯ_MỤC`` trên xã mẫu và tỉ trọng của từng bước.

Cách chạy::

    .venv/bin/python benchmarks/bench_main_job.py              # 5 lần, in trung vị
    .venv/bin/python benchmarks/bench_main_job.py --lan 3 --data so-cua-xa.xlsx

Each run is a fresh ``python -m khuyenhoc.main_job <tmp>`` process (the way ``make run`` calls it), so the wall time
includes starting Python and importing the toolkit. Inside the child, the main job's progress bar (``_bar``) is
replaced by a recorder: each step the job announces is timed from its announcement to the next one, in wall time
and in CPU time of the process. The script prints the medians of both and each step's share. On a shared,
busy machine the wall time grows with the load; the CPU time (user + system) is the steadier figure.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Runs inside the child process: the real main job with a timing progress bar.
CHILD = r"""
import json, sys, time
t0, c0 = time.perf_counter(), time.process_time()
import khuyenhoc.main_job as mj
marks = [("Khởi động Python và nạp bộ công cụ", t0, c0),
         ("Nạp các bước, đọc tham số và ngưỡng", time.perf_counter(), time.process_time())]

class Recorder:
    def __init__(self, *a, **k):
        pass
    def set_postfix_str(self, msg):
        marks.append((msg, time.perf_counter(), time.process_time()))
    def update(self, n=1):
        pass
    def close(self):
        pass

if hasattr(mj, "_bar"):
    mj._bar = Recorder
code = mj.main(sys.argv[1:])
marks.append(("end", time.perf_counter(), time.process_time()))
steps = {}
for (name, t, c), (_, t_next, c_next) in zip(marks, marks[1:]):
    w, cpu = steps.get(name, (0.0, 0.0))
    steps[name] = (w + t_next - t, cpu + c_next - c)
print("\n@@BENCH@@" + json.dumps({"code": code, "steps": steps}, ensure_ascii=False))
"""


def vn(x: float, d: int = 2) -> str:
    """Số kiểu Việt Nam: 1.234,56."""
    return f"{x:,.{d}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def one_run(extra: list[str]) -> tuple[float, float, dict[str, list[float]]]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        t, c = time.perf_counter(), _children_cpu()
        p = subprocess.run([sys.executable, "-c", CHILD, str(out), *extra], capture_output=True, text=True,
                           encoding="utf-8", env=env)
        wall, cpu = time.perf_counter() - t, _children_cpu() - c
    if "@@BENCH@@" not in p.stdout:
        sys.exit(f"Việc chính không chạy xong (mã {p.returncode}):\n{p.stderr[-3000:]}")
    info = json.loads(p.stdout.rsplit("@@BENCH@@", 1)[1])
    if info["code"] != 0:
        sys.exit(f"Việc chính trả mã {info['code']}:\n{p.stderr[-3000:]}")
    return wall, cpu, info["steps"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lan", type=int, default=5, help="số lần chạy (mặc định 5; in trung vị)")
    ap.add_argument("--data", help="sổ dữ liệu của xã (mặc định: xã mẫu)")
    a = ap.parse_args()
    extra = ["--data", a.data] if a.data else []
    walls, cpus, steps = [], [], []
    for i in range(a.lan):
        w, c, s = one_run(extra)
        walls.append(w)
        cpus.append(c)
        steps.append(s)
        print(f"Lần {i + 1}: {vn(w)} s (CPU {vn(c)} s)", flush=True)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    print(f"Tải máy (1 phút): {vn(os.getloadavg()[0])} trên {os.cpu_count()} lõi")
    names = list(dict.fromkeys(n for s in steps for n in s))
    print(f"\nViệc chính (python -m khuyenhoc.main_job), trung vị của {a.lan} lần: {vn(wall)} s thời gian thực "
          f"(nhanh nhất {vn(min(walls))} s, chậm nhất {vn(max(walls))} s); CPU {vn(cpu)} s")
    print(f"{'Bước':45s} {'giây':>8s} {'tỉ trọng':>9s} {'CPU, giây':>10s} {'tỉ trọng':>9s}")
    inside_w = inside_c = 0.0
    for n in names:
        t = statistics.median(s.get(n, (0.0, 0.0))[0] for s in steps)
        c = statistics.median(s.get(n, (0.0, 0.0))[1] for s in steps)
        inside_w, inside_c = inside_w + t, inside_c + c
        print(f"{n[:45]:45s} {vn(t):>8s} {vn(100 * t / wall, 1):>8s}% {vn(c):>10s} {vn(100 * c / cpu, 1):>8s}%")
    print(f"{'(khởi động tiến trình, thoát)':45s} {vn(wall - inside_w):>8s} {vn(100 * (wall - inside_w) / wall, 1):>8s}%"
          f" {vn(cpu - inside_c):>10s} {vn(100 * (cpu - inside_c) / cpu, 1):>8s}%")


if __name__ == "__main__":
    main()

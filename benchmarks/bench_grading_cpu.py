"""Đo thời gian CPU của mỗi bài khi chấm bằng ``nbgrader autograde`` gốc (lần lượt, trong hộp cát).

Kernel của học viên chạy trong bubblewrap nên ``getrusage`` của tiến trình nbgrader không tính được nó; chạy
script này trong một cgroup cpuacct (v1) để đọc tổng CPU của mọi tiến trình con::

    mkdir -p /sys/fs/cgroup/cpuacct/do && bash -c 'echo $$ > /sys/fs/cgroup/cpuacct/do/tasks;
      a=$(cat /sys/fs/cgroup/cpuacct/do/cpuacct.usage);
      PYTHONUTF8=1 .venv/bin/python benchmarks/bench_grading_cpu.py 4 bai_07;
      b=$(cat /sys/fs/cgroup/cpuacct/do/cpuacct.usage); echo "CPU cả nhóm: $(( (b-a)/1000000 )) ms"'

Chạy với N=1 và N=4: hiệu hai tổng chia 3 là CPU của một bài (phần dựng khóa học và khởi động nbgrader bị trừ đi).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402

from course.grading.settings import EXCHANGE_ENV  # noqa: E402
from course.khoahoc import prepare_environment  # noqa: E402
from course.release import generate, make_scratch_course  # noqa: E402
from khuyenhoc.vnformat import so  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    a = sys.argv[2] if len(sys.argv) > 2 else "bai_07"
    prepare_environment()
    with tempfile.TemporaryDirectory(prefix="cpu-cham-") as tmp:
        tmp = Path(tmp)
        os.environ[EXCHANGE_ENV] = str(tmp / "trao_doi")
        course = make_scratch_course(ROOT / "course", tmp / "course", [a])
        generate(course, [a])
        src = next((course / "source" / a).glob("*.ipynb"))
        for i in range(n):  # n correct submissions (the solution)
            d = course / "submitted" / f"hv{i:03d}" / a
            d.mkdir(parents=True)
            nbformat.write(nbformat.read(src, as_version=4), d / src.name)
        r0, t = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        done = subprocess.run([os.path.join(os.path.dirname(sys.executable), "nbgrader"), "autograde", a, "--force",
                               "--log-level=ERROR"], cwd=course, capture_output=True, text=True)
        wall, r1 = time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    print(f"{a}: {n} bài, mã thoát {done.returncode}; thời gian thực {so(wall, 1)} s ({so(wall / n, 2)} s/bài); "
          f"CPU của riêng tiến trình nbgrader {so(cpu, 1)} s (không gồm kernel trong hộp cát)")
    if done.returncode:
        print(done.stderr[-2000:])


if __name__ == "__main__":
    main()

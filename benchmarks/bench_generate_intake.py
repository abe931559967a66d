"""Đo tốc độ: sinh dữ liệu cỡ một tỉnh, ghi thư mục CSV, rồi đọc lại qua intake.

Chạy::

    python benchmarks/bench_generate_intake.py                      # 75 xã, 1.300.000 người
    python benchmarks/bench_generate_intake.py --population 200000 --communes 12

In figures only (rows per second, seconds, peak memory); asserts nothing.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
import tempfile
import time
from pathlib import Path
from khuyenhoc.indicators.vnformat import so  # numbers the Vietnamese way: 1.234,56


def _fmt(n: float) -> str:
    return f"{n:,.0f}".replace(",", ".")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Đo tốc độ sinh dữ liệu mẫu, ghi CSV và đọc lại (intake).")
    ap.add_argument("--communes", type=int, default=75, help="số xã (mặc định 75)")
    ap.add_argument("--population", type=int, default=1_300_000, help="tổng dân số (mặc định 1.300.000)")
    ap.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên")
    ap.add_argument("--out", type=Path, default=None, help="thư mục ghi CSV (mặc định: thư mục tạm)")
    ap.add_argument("--no-intake", action="store_true", help="không đo bước đọc lại")
    args = ap.parse_args(argv)

    from khuyenhoc.sample import generate
    from khuyenhoc.workbook import write_csv_dir

    t0 = time.perf_counter()
    data = generate(seed=args.seed, communes=args.communes, population=args.population)
    t_gen = time.perf_counter() - t0
    rows = sum(len(df) for _, df in data)
    print(f"Dữ liệu: {args.communes} xã, {_fmt(len(data.persons))} người, {_fmt(rows)} dòng trong 20 bảng "
          f"(lớn nhất: Nhân khẩu theo năm {_fmt(len(data.person_years))}, Điểm tự đánh giá {_fmt(len(data.self_scores))})")
    print(f"Sinh dữ liệu: {so(t_gen, 1)} s, {_fmt(rows / t_gen)} dòng/s, bộ nhớ đỉnh {_fmt(_peak_mb())} MB")

    tmp = None
    if args.out is None:
        tmp = tempfile.TemporaryDirectory(prefix="khuyenhoc_bench_")
        out = Path(tmp.name) / "csv"
    else:
        out = args.out
    t0 = time.perf_counter()
    write_csv_dir(data, out)
    t_csv = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in out.glob("*.csv")) / 1e6
    print(f"Ghi CSV: {so(t_csv, 1)} s, {_fmt(rows / t_csv)} dòng/s, {_fmt(size)} MB")

    if args.no_intake:
        pass
    elif importlib.util.find_spec("khuyenhoc.intake") is None:
        print("Đọc lại: chưa có khuyenhoc.intake, bỏ qua.")
    else:
        from khuyenhoc.intake import check

        del data
        print("Đang đọc lại qua intake…", flush=True)
        t0 = time.perf_counter()
        back, problems = check(out)
        t_in = time.perf_counter() - t0
        errors = sum(1 for p in problems if p.severity == "lỗi")
        print(f"Đọc lại qua intake: {so(t_in, 1)} s, {_fmt(rows / t_in)} dòng/s, {len(problems)} vấn đề ({errors} lỗi), "
              f"bộ nhớ đỉnh {_fmt(_peak_mb())} MB")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())

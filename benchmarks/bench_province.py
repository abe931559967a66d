"""Tỉnh tổng hợp phụ lục số liệu tổng hợp của 75 xã: thời gian đọc, kiểm tra và cộng dồn (mục tiêu < 10 giây).

Each of the 75 annexes is the sample commune's machine-readable annex under its own
commune code (the numbers are computed once). The roll-up reads, validates and sums
them exactly as ``khuyenhoc province`` does. It also shows that a commune workbook
put in the folder by mistake is refused.

    .venv/bin/python benchmarks/bench_province.py [--so-xa 75]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from khuyenhoc import sample
from khuyenhoc.indicators.vnformat import so
from khuyenhoc.reports.annex import machine_rows, write_aggregate_annex
from khuyenhoc.reports.province import STATUS_OK, STATUS_PERSONAL, province_rollup


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--so-xa", type=int, default=75)
    ap.add_argument("--nam", type=int, default=2025)
    args = ap.parse_args()
    data = sample.load("mau")
    commune = data.communes().iloc[0]
    t0 = time.perf_counter()
    rows = machine_rows(data, args.nam, str(commune["unit_id"]))
    t_rows = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "cac-xa"
        folder.mkdir()
        t0 = time.perf_counter()
        for i in range(1, args.so_xa + 1):
            write_aggregate_annex(data, args.nam, folder / f"phu-luc-xa-{i:02d}.xlsx", commune_id=f"T01-X{i:02d}",
                                  commune_name=f"Xã Thử {i}", rows=rows)
        t_write = time.perf_counter() - t0
        t0 = time.perf_counter()
        r = province_rollup(folder, args.nam, out_dir=Path(tmp) / "ra", province_name="Tỉnh Thử")
        t_roll = time.perf_counter() - t0
        ok = int((r.status["status"] == STATUS_OK).sum())
        from khuyenhoc.workbook import write_workbook

        write_workbook(data, folder / "so-du-lieu-ca-xa.xlsx")
        r2 = province_rollup(folder, args.nam)
        refused = int((r2.status["status"] == STATUS_PERSONAL).sum())
    sec = lambda t: f"{t:.2f}".replace(".", ",")  # noqa: E731
    print(f"Tính tử số, mẫu số của một xã (một lần): {sec(t_rows)} giây")
    print(f"Ghi {so(args.so_xa)} phụ lục: {sec(t_write)} giây")
    print(f"Tổng hợp {so(args.so_xa)} phụ lục (đọc, kiểm tra, cộng dồn, ghi .xlsx và .docx): {sec(t_roll)} giây "
          f"(mục tiêu < 10 giây); {ok} xã hợp lệ")
    print(f"Sổ dữ liệu có thông tin cá nhân bị từ chối: {refused} tệp")


if __name__ == "__main__":
    main()

"""Đo thời gian lập báo cáo năm của một xã và báo cáo tổng hợp của một tỉnh 75 xã.

Cách chạy::

    .venv/bin/python benchmarks/bench_report.py            # 75 xã, mỗi xã 5.000 người, sổ CSV
    .venv/bin/python benchmarks/bench_report.py --xa 10 --dan-so 2000 --dang xlsx --so-tien-trinh 1

Prints wall-clock seconds for: (1) the main job for one generated commune
(indicators, assessment of the six models, charts, .docx, annex, restricted
files); (2) writing the communes' workbooks (setup, not timed in the roll-up
figure); (3) the province roll-up (intake.check of every workbook, indicators
per commune, sums, .xlsx + .docx), reading the communes in ``--so-tien-trinh``
processes; (4) indicators for all communes at once when
``sample.generate(communes=N)`` is available.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from khuyenhoc import sample
from khuyenhoc.indicators import compute
from khuyenhoc.reports import main_job, province_rollup
from khuyenhoc.reports.province import default_workers
from khuyenhoc.workbook import write_csv_dir, write_workbook
from khuyenhoc.indicators.vnformat import so  # numbers the Vietnamese way: 1.234,56


def _t(label: str, t0: float) -> float:
    dt = time.perf_counter() - t0
    print(f"{label}: {so(dt, 2)} s")
    return dt


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--xa", type=int, default=75, help="số xã của tỉnh (mặc định 75)")
    ap.add_argument("--dan-so", type=int, default=5000, help="dân số mỗi xã (mặc định 5.000)")
    ap.add_argument("--dang", choices=["xlsx", "csv"], default="csv", help="dạng sổ dữ liệu của các xã")
    ap.add_argument("--so-tien-trinh", type=int, default=default_workers(),
                    help="số tiến trình đọc sổ các xã cùng lúc (mặc định: theo số lõi, tối đa 4)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        one = sample.generate(seed=1, population=a.dan_so)
        _t(f"Sinh dữ liệu 1 xã ({a.dan_so} người)", t0)
        t0 = time.perf_counter()
        written = main_job(tmp / "mot-xa", one)
        _t(f"Việc chính 1 xã (chỉ tiêu, đánh giá mô hình, {sum(p.suffix == '.png' for p in written)} biểu đồ, .docx, "
           f".xlsx, {sum('han-che-luu-hanh' in p.parts for p in written)} tệp hạn chế)", t0)

        folder = tmp / "cac-xa"
        folder.mkdir()
        t0 = time.perf_counter()
        for i in range(a.xa):
            d = sample.generate(seed=100 + i, population=a.dan_so)
            if a.dang == "xlsx":
                write_workbook(d, folder / f"xa-{i + 1:02d}.xlsx")
            else:
                write_csv_dir(d, folder / f"xa-{i + 1:02d}")
        _t(f"(chuẩn bị) sinh và ghi {a.xa} sổ {a.dang}", t0)
        t0 = time.perf_counter()
        r = province_rollup(folder, 2025, out_dir=tmp / "tinh", province_name="Tỉnh Mẫu", workers=a.so_tien_trinh)
        _t(f"Tổng hợp tỉnh {a.xa} xã (đọc, kiểm tra, tính, ghi .xlsx + .docx; {a.so_tien_trinh} tiến trình)", t0)
        print(f"  tình trạng: {r.status['status'].value_counts().to_dict()}")
        try:
            t0 = time.perf_counter()
            many = sample.generate(seed=7, communes=a.xa, population=a.dan_so * a.xa)
            _t(f"(chuẩn bị) sample.generate(communes={a.xa})", t0)
        except Exception as exc:  # the multi-commune generator may not be ready
            print(f"sample.generate(communes={a.xa}) chưa dùng được: {type(exc).__name__}: {exc}")
            return
        t0 = time.perf_counter()
        t = compute(many, 2025, "xã")
        _t(f"Chỉ tiêu cấp xã của {t['unit_id'].nunique()} xã cùng lúc", t0)
        t0 = time.perf_counter()
        compute(many, 2025, "tỉnh")
        _t("Chỉ tiêu toàn tỉnh từ dữ liệu gộp", t0)


if __name__ == "__main__":
    main()

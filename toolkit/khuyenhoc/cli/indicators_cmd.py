"""Lệnh ``khuyenhoc indicators``: tính các chỉ tiêu của xã (hoặc theo thôn, toàn tỉnh) cho một năm."""

from __future__ import annotations

import argparse
import json
import math

import pandas as pd

from . import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandError

HELP = "tính các chỉ tiêu (hội viên, quỹ, học bổng, mô hình học tập, lớp học…) so với chỉ tiêu phấn đấu"
DESCRIPTION = (
    "Tính các chỉ tiêu của Hội Khuyến học cho một năm, ở cấp xã (mặc định), theo thôn hoặc toàn tỉnh, và so với "
    "chỉ tiêu phấn đấu (chỉ tiêu quốc gia QĐ 387, 677, 1373 và ví dụ kế hoạch địa phương, hoặc tệp của bạn). "
    "Không có --data: dùng dữ liệu xã mẫu. Mã thoát: 0 xong, 1 dữ liệu có vấn đề, 2 gõ lệnh sai."
)


def register(subparsers) -> None:
    p = subparsers.add_parser("indicators", aliases=["chi-tieu"], help=HELP, description=DESCRIPTION)
    p.add_argument("--year", "--nam", dest="nam", type=int, metavar="NĂM", help="năm cần tính (mặc định: năm gần nhất đã có số liệu cả năm)")
    p.add_argument("--data", "--du-lieu", dest="du_lieu", metavar="TỆP", help="sổ Excel (.xlsx) hoặc thư mục CSV của xã")
    p.add_argument("--level", "--cap", dest="cap", choices=["thôn", "xã", "tỉnh"], default="xã",
                   help="cấp tính chỉ tiêu (mặc định: xã)")
    p.add_argument("--targets", "--chi-tieu", dest="chi_tieu", metavar="TỆP",
                   help="tệp chỉ tiêu phấn đấu (.yaml hoặc .csv) thay cho bảng mặc định")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON (cho chương trình khác đọc)")
    p.set_defaults(run=run)


def _clean(v):
    if v is None or v is pd.NA:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def run(args: argparse.Namespace) -> int:
    from ..indicators import TargetsError, compute, data_years, latest_complete_year, load_targets
    from ..indicators.vnformat import gia_tri
    from ..reports.annual import ReportError, verdict
    from ..reports.job import load_data

    try:
        data = load_data(args.du_lieu)
        targets = load_targets(args.chi_tieu) if args.chi_tieu else None
        years = data_years(data)
        if not years:
            raise CommandError("dữ liệu chưa có số liệu của năm nào.", EXIT_DATA)
        year = args.nam or latest_complete_year(data)
        if year not in years:
            raise CommandError(f"không có số liệu năm {year}; các năm có số liệu: {', '.join(map(str, years))}.",
                               EXIT_DATA)
        t = compute(data, year, args.cap, targets=targets)
    except (ReportError, TargetsError) as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    if t.empty:
        raise CommandError(f"dữ liệu không có đơn vị cấp '{args.cap}'.", EXIT_DATA)
    if args.json:
        cols = ["indicator", "name", "unit", "level", "unit_id", "unit_name", "year", "numerator", "denominator",
                "value", "target", "gap", "met", "target_source"]
        recs = [{k: _clean(v) for k, v in r.items()} for r in t[cols].to_dict("records")]
        print(json.dumps(recs, ensure_ascii=False, indent=1))
        return EXIT_OK
    for unit_name, grp in t.groupby("unit_name", sort=False):
        print(f"\n{unit_name} — năm {year}")
        width = max(len(n) for n in grp["name"])
        for r in grp.to_dict("records"):
            target = "" if pd.isna(r["target"]) else f"  (chỉ tiêu {gia_tri(r['target'], r['unit'])}: {verdict(r).lower()})"
            print(f"  {r['name']:<{width}}  {gia_tri(r['value'], r['unit'])}{target}")
    return EXIT_OK

"""Lệnh ``khuyenhoc hoi-vien``: tổng hợp hội viên theo chi hội, chi hội yếu, kết nạp hội viên từ danh sách đề nghị.

Ví dụ::

    >>> from khuyenhoc.cli import main
    >>> main(["hoi-vien", "tong-hop", "--nam", "2025"])  # doctest: +ELLIPSIS
    Chi hội khuyến học năm 2025 — 23 chi hội, 1.611 hội viên, kết nạp mới 121
    ...
    0
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from . import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandError

HELP = "tổ chức Hội: tổng hợp chi hội, chi hội yếu, kết nạp hội viên"
DESCRIPTION = (
    "'tong-hop' in mỗi loại chi hội (thôn, cơ quan, trường học, doanh nghiệp), các chi hội yếu theo tệp quy tắc "
    "(mặc định: ví dụ của xã mẫu, không phải quy định chính thức) và các đơn vị chưa có chi hội; 'ket-nap' kết nạp "
    "hội viên từ một danh sách đề nghị (.csv hoặc .xlsx có các cột Mã nhân khẩu, Mã chi hội, Ngày vào Hội) và ghi "
    "sổ mới ra một thư mục CSV khác — sổ gốc không bị sửa."
)


def register(subparsers) -> None:
    p = subparsers.add_parser("hoi-vien", aliases=["members"], help=HELP, description=DESCRIPTION)
    sub = p.add_subparsers(title="các việc", metavar="<việc>", dest="viec")
    a = sub.add_parser("tong-hop", help="tổng hợp chi hội và chi hội yếu", description="Tổng hợp chi hội, chi hội yếu.")
    a.add_argument("--du-lieu", "--data", dest="du_lieu", metavar="TỆP", help="sổ .xlsx hoặc thư mục CSV của xã")
    a.add_argument("--nam", "--year", dest="nam", type=int, metavar="NĂM", help="năm (mặc định: năm gần nhất đủ số liệu)")
    a.add_argument("--quy-tac", metavar="TỆP", help="tệp dấu hiệu chi hội yếu (.yaml)")
    a.add_argument("--ra", "--out", dest="ra", metavar="TỆP.xlsx", help="ghi bảng tổng hợp chi hội ra tệp Excel")
    a.set_defaults(run=run_summary)
    b = sub.add_parser("ket-nap", help="kết nạp hội viên từ danh sách đề nghị",
                       description="Kết nạp hội viên từ danh sách đề nghị; ghi sổ mới ra thư mục khác.")
    b.add_argument("danh_sach", metavar="DANH_SÁCH", help="tệp .csv hoặc .xlsx: Mã nhân khẩu, Mã chi hội, Ngày vào Hội")
    b.add_argument("--du-lieu", "--data", dest="du_lieu", metavar="TỆP", help="sổ .xlsx hoặc thư mục CSV của xã")
    b.add_argument("--quy-tac", metavar="TỆP", help="tệp quy tắc (tuổi tối thiểu khi kết nạp)")
    b.add_argument("--ra", "--out", dest="ra", metavar="THƯ_MỤC", required=True,
                   help="thư mục CSV mới để ghi sổ đã thêm hội viên (không được là thư mục dữ liệu gốc)")
    b.set_defaults(run=run_admit)
    p.set_defaults(run=_choose)


def _choose(args: argparse.Namespace) -> int:
    raise CommandError("hãy chọn một việc: tong-hop hoặc ket-nap (gõ 'khuyenhoc hoi-vien -h' để xem).", EXIT_USAGE)


def _load(path):
    from ..reports.annual import ReportError
    from ..reports.job import load_data

    try:
        return load_data(path)
    except ReportError as exc:
        raise CommandError(str(exc), EXIT_DATA) from None


def run_summary(args: argparse.Namespace) -> int:
    from ..indicators import latest_complete_year
    from ..indicators.vnformat import so
    from ..members import BranchRulesError, branch_summary, units_without_branch

    data = _load(args.du_lieu)
    year = args.nam or latest_complete_year(data)
    if year is None:
        raise CommandError("dữ liệu chưa có số liệu của năm nào.", EXIT_DATA)
    try:
        s = branch_summary(data, year, args.quy_tac)
    except BranchRulesError as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    t = s.table
    print(f"Chi hội khuyến học năm {year} — {so(len(t))} chi hội, {so(t['hoi_vien'].sum())} hội viên, "
          f"kết nạp mới {so(t['ket_nap_moi'].sum())}")
    for r in s.by_kind.itertuples():
        print(f"  - {r.kind}: {so(r.branches)} chi hội, {so(r.hoi_vien)} hội viên, kết nạp {so(r.ket_nap_moi)}, "
              f"ra Hội {so(r.ra_hoi)}, {so(r.weak)} chi hội yếu")
    print(f"Chi hội yếu ({s.rules.ten}; yếu khi có từ {s.rules.yeu_khi_so_dau_hieu} dấu hiệu):")
    for r in s.weak.itertuples():
        print(f"  - {r.name}: {r.signs}")
    if s.weak.empty:
        print("  (không có)")
    missing = units_without_branch(data, year)
    print("Đơn vị chưa có chi hội: " + ("; ".join(missing["name"]) if len(missing) else "không có") + ".")
    if args.ra:
        from ..xlsx import frame_rows, xlsx_book

        shown = s.shown()
        with xlsx_book(Path(args.ra), title=f"Tổng hợp chi hội năm {year}") as book:
            ws = book.sheet("Chi hội")
            ws.write_string(0, 0, f"Tổng hợp chi hội khuyến học năm {year} (số liệu tổng hợp, không có tên người).")
            book.write_rows(ws, 2, [list(shown.columns)] + frame_rows(shown))
        print(f"Đã ghi '{args.ra}'.")
    return EXIT_OK


def run_admit(args: argparse.Namespace) -> int:
    from ..members import BranchRulesError, admit
    from ..workbook import write_csv_dir

    src = Path(args.danh_sach)
    if not src.is_file():
        raise CommandError(f"không tìm thấy tệp danh sách '{src}'.", EXIT_USAGE)
    out = Path(args.ra)
    if args.du_lieu and out.resolve() == Path(args.du_lieu).resolve():
        raise CommandError("thư mục --ra phải khác thư mục dữ liệu gốc (sổ gốc không bị sửa).", EXIT_USAGE)
    try:
        req = pd.read_excel(src, dtype=str) if src.suffix.lower() in (".xlsx", ".xlsm") else \
            pd.read_csv(src, dtype=str, encoding="utf-8-sig")
    except Exception as exc:  # unreadable proposal file: say which file
        raise CommandError(f"không đọc được tệp danh sách '{src}': {exc}", EXIT_DATA) from None
    data = _load(args.du_lieu)
    try:
        r = admit(data, req, args.quy_tac)
    except (BranchRulesError, ValueError) as exc:
        raise CommandError(f"tệp '{src.name}': {exc}", EXIT_DATA) from None
    for row in r.refused.itertuples():
        print(f"Tệp '{src.name}', dòng {row.row}: không kết nạp {row.person_id} — {row.reason}.")
    for row in r.admitted.itertuples():
        print(f"Kết nạp {row.person_id} vào chi hội {row.branch_id}, mã hội viên {row.member_id}.")
    if len(r.admitted):
        write_csv_dir(r.data, out)
        print(f"Đã ghi sổ mới (thêm {len(r.admitted)} hội viên) vào thư mục '{out}'.")
    return EXIT_DATA if len(r.refused) else EXIT_OK

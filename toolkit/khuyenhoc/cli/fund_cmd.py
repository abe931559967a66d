"""Lệnh ``khuyenhoc quy``: sổ quỹ khuyến học, công khai thu chi, xét chọn học bổng theo quy tắc.

Ví dụ::

    >>> from khuyenhoc.cli import main
    >>> main(["quy", "so-quy", "--nam", "2025"])  # doctest: +ELLIPSIS
    Sổ quỹ khuyến học năm 2025 — Xã Hòa Mẫu
      Số dư đầu kỳ:  236.390.000 đ (tính từ sổ thu, chi các năm 2021–2024 có trong dữ liệu)
    ...
    0
"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandError

HELP = "quỹ khuyến học: sổ quỹ, công khai thu chi, xét chọn học bổng theo quy tắc"
DESCRIPTION = (
    "Quỹ khuyến học của xã: 'so-quy' in số dư, thu theo nguồn, chi theo nội dung; 'cong-khai' ghi bảng công khai "
    "(.xlsx) và thông báo (.docx, thể thức Nghị định 30/2020 — mẫu gợi ý) chỉ có số liệu tổng hợp; 'xet-hoc-bong' "
    "xét chọn học bổng, khen thưởng theo tệp quy tắc (.yaml) và ghi danh sách có tên vào tệp hạn chế lưu hành. "
    "Không có --du-lieu: dùng dữ liệu xã mẫu."
)


def _common(p) -> None:
    p.add_argument("--du-lieu", "--data", dest="du_lieu", metavar="TỆP",
                   help="sổ Excel (.xlsx) hoặc thư mục CSV của xã (mặc định: xã mẫu)")
    p.add_argument("--nam", "--year", dest="nam", type=int, metavar="NĂM",
                   help="năm (mặc định: năm gần nhất đã có số liệu cả năm)")


def register(subparsers) -> None:
    p = subparsers.add_parser("quy", aliases=["fund"], help=HELP, description=DESCRIPTION)
    sub = p.add_subparsers(title="các việc", metavar="<việc>", dest="viec")
    a = sub.add_parser("so-quy", help="in sổ quỹ tổng hợp của năm", description="In sổ quỹ tổng hợp của năm.")
    _common(a)
    a.add_argument("--so-du-dau-ky", dest="so_du", type=int, metavar="ĐỒNG",
                   help="số dư chuyển từ năm trước theo sổ giấy (mặc định: tính từ dữ liệu các năm trước)")
    a.set_defaults(run=run_ledger)
    b = sub.add_parser("cong-khai", help="ghi bảng công khai thu chi (.xlsx) và thông báo (.docx)",
                       description="Ghi bảng công khai thu, chi quỹ (.xlsx) và thông báo (.docx, thể thức Nghị định "
                                   "30/2020, ghi rõ là mẫu gợi ý); cả hai chỉ có số liệu tổng hợp và được kiểm tra "
                                   "không có dữ liệu cá nhân trước khi ghi xong.")
    _common(b)
    b.add_argument("--so-du-dau-ky", dest="so_du", type=int, metavar="ĐỒNG", help="số dư chuyển từ năm trước")
    b.add_argument("--mau", metavar="TỆP", help="tệp YAML sửa các biến của thông báo (số, ngày, người ký, nơi nhận…)")
    b.add_argument("--ra", "--out", dest="ra", metavar="THƯ_MỤC", default="ket-qua-quy",
                   help="thư mục ghi kết quả (mặc định: ket-qua-quy)")
    b.set_defaults(run=run_disclosure)
    c = sub.add_parser("xet-hoc-bong", help="xét chọn học bổng, khen thưởng theo tệp quy tắc",
                       description="Xét chọn người nhận học bổng, khen thưởng theo tệp quy tắc YAML (mặc định: quy tắc "
                                   "ví dụ của xã mẫu). In bảng tổng hợp; --ra ghi danh sách có tên (HẠN CHẾ LƯU HÀNH).")
    _common(c)
    c.add_argument("--quy-tac", metavar="TỆP", help="tệp quy tắc xét học bổng (.yaml)")
    c.add_argument("--giai-thich", metavar="MÃ_NHÂN_KHẨU", action="append", default=[],
                   help="giải thích kết quả của một người (dùng nhiều lần được)")
    c.add_argument("--ra", "--out", dest="ra", metavar="TỆP.xlsx", help="ghi danh sách xét chọn (hạn chế lưu hành)")
    c.set_defaults(run=run_awards)
    p.set_defaults(run=_choose)


def _choose(args: argparse.Namespace) -> int:
    raise CommandError("hãy chọn một việc: so-quy, cong-khai hoặc xet-hoc-bong (gõ 'khuyenhoc quy -h' để xem).",
                       EXIT_USAGE)


def _data_year(args):
    from ..indicators import latest_complete_year
    from ..reports.annual import ReportError
    from ..reports.job import load_data

    try:
        data = load_data(args.du_lieu)
    except ReportError as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    year = args.nam or latest_complete_year(data)
    if year is None:
        raise CommandError("dữ liệu chưa có số liệu của năm nào.", EXIT_DATA)
    return data, int(year)


def _ledger(args):
    from ..fund import LedgerError, ledger

    data, year = _data_year(args)
    try:
        return data, ledger(data, year, opening_balance=args.so_du)
    except LedgerError as exc:
        raise CommandError(str(exc), EXIT_DATA) from None


def run_ledger(args: argparse.Namespace) -> int:
    from ..indicators.vnformat import ngay, phan_tram, so, tien

    _, led = _ledger(args)
    print(f"Sổ quỹ khuyến học năm {led.year} — {led.commune_name}")
    if not led.complete:
        print(f"  (năm chưa hết: số liệu đến ngày {ngay(led.last_date)})")
    print(f"  Số dư đầu kỳ:  {tien(led.opening)} ({led.opening_note})")
    print(f"  Tổng thu:      {tien(led.total_receipts)}"
          + (f" — bình quân {so(led.per_head)} đồng/người" if led.per_head else ""))
    for r in led.receipts_by_source.itertuples():
        print(f"    - {r.source}: {tien(r.amount)} ({so(r.count)} khoản, {phan_tram(r.share)})")
    print(f"  Tổng chi:      {tien(led.total_spending)}")
    for r in led.spending_by_purpose.itertuples():
        print(f"    - {r.purpose}: {tien(r.amount)} ({so(r.payments)} khoản, {phan_tram(r.share)})")
    print(f"  Số dư cuối kỳ: {tien(led.closing)}")
    if len(led.mismatches):
        print("  Cần đối chiếu: tổng học bổng, khen thưởng khác số tiền phiếu chi ở: "
              + ", ".join(led.mismatches["payment_id"]))
    return EXIT_OK


def run_disclosure(args: argparse.Namespace) -> int:
    from ..fund import write_disclosure_notice, write_disclosure_sheet
    from ..privacy import personal_data_in
    from ..settings_files import SettingsError

    data, led = _ledger(args)
    out = Path(args.ra)
    out.mkdir(parents=True, exist_ok=True)
    try:
        files = [write_disclosure_sheet(led, out / f"cong-khai-thu-chi-quy-{led.year}.xlsx"),
                 write_disclosure_notice(led, out / f"thong-bao-cong-khai-quy-{led.year}.docx", settings=args.mau)]
    except SettingsError as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    from ..fund.disclosure import notice_settings

    signer = notice_settings(led, args.mau).nguoi_ky
    bad = 0
    for f in files:
        found = personal_data_in(f, data, allow=[signer])
        state = "không có dữ liệu cá nhân" if not found else f"CÓ {len(found)} dữ liệu cá nhân — không niêm yết"
        bad += bool(found)
        print(f"Đã ghi '{f}' ({state}).")
    return EXIT_DATA if bad else EXIT_OK


def run_awards(args: argparse.Namespace) -> int:
    from ..fund import RulesError, select_awards, write_selection
    from ..indicators.vnformat import so, tien

    data, year = _data_year(args)
    try:
        sel = select_awards(data, year, args.quy_tac)
    except RulesError as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    print(f"Xét chọn học bổng, khen thưởng năm {year} — {sel.rules.ten} ({sel.rules.trang_thai})")
    for r in sel.summary.itertuples():
        print(f"  - {r.rule_name}: {so(r.eligible)} người đủ điều kiện, chọn {so(r.chosen)} × {tien(r.amount_each)} "
              f"= {tien(r.amount)}" + (f"; {so(r.no_slot)} người hết suất" if r.no_slot else "")
              + (f"; {so(r.no_money)} người hết ngân sách" if r.no_money else ""))
    print(f"  Ngân sách {tien(sel.rules.ngan_sach)}: đã dùng {tien(sel.total)}, còn {tien(sel.remaining)}.")
    for pid in args.giai_thich:
        print(f"\n{pid}:\n" + "\n".join(f"  {line}" for line in sel.explain(pid).splitlines()))
    if args.ra:
        p = write_selection(sel, data, args.ra)
        print(f"\nĐã ghi danh sách xét chọn '{p}' — HẠN CHẾ LƯU HÀNH: có họ tên, chỉ dùng trong Hội xã.")
    return EXIT_OK

"""Lệnh ``khuyenhoc tin-bai``: tin ngắn về khuyến học (Zalo, đài truyền thanh, trang thông tin) có số liệu và biểu đồ.

Ví dụ::

    >>> from khuyenhoc.cli import main
    >>> main(["tin-bai", "--nam", "2025", "--kenh", "zalo", "--bieu-do", "khong"])  # doctest: +ELLIPSIS
    Khuyến học xã Hòa Mẫu năm 2025: những con số
    <BLANKLINE>
    📣 HỘI KHUYẾN HỌC XÃ HÒA MẪU — NĂM 2025
    ...
    0
"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandError

HELP = "viết tin ngắn về khuyến học (Zalo, đài xã, trang thông tin) với số liệu đúng và một biểu đồ"
DESCRIPTION = (
    "Điền số liệu của xã (hội viên, quỹ khuyến học, học bổng, gia đình học tập) vào một mẫu tin cho Zalo, đài "
    "truyền thanh hoặc trang thông tin của xã, kèm một biểu đồ. Chỉ có số liệu tổng hợp: tin có họ tên, mã hay ngày "
    "sinh của người dân thì bị từ chối. Không có --du-lieu: dùng dữ liệu xã mẫu."
)


def register(subparsers) -> None:
    from ..news import CHARTS, TEMPLATES

    p = subparsers.add_parser("tin-bai", aliases=["news"], help=HELP, description=DESCRIPTION)
    p.add_argument("--du-lieu", "--data", dest="du_lieu", metavar="TỆP", help="sổ .xlsx hoặc thư mục CSV của xã")
    p.add_argument("--nam", "--year", dest="nam", type=int, metavar="NĂM", help="năm (mặc định: năm gần nhất đủ số liệu)")
    p.add_argument("--kenh", choices=list(TEMPLATES), default="zalo", help="zalo, dai (đài truyền thanh) hoặc trang")
    p.add_argument("--bieu-do", dest="bieu_do", choices=[*CHARTS, "khong"], default="quy",
                   help="biểu đồ kèm theo: quy, chi_tieu, hoi_vien hoặc khong")
    p.add_argument("--mau", metavar="TỆP.txt", help="tệp mẫu tin riêng có các chỗ {hoi_vien}, {tong_thu}…")
    p.add_argument("--them", metavar="CÂU", default="", help="một câu thêm vào cuối tin")
    p.add_argument("--ra", "--out", dest="ra", metavar="THƯ_MỤC", help="ghi tin (.txt) và biểu đồ (.png) vào thư mục")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..fund import LedgerError
    from ..indicators import latest_complete_year
    from ..news import NewsError, news_item, write_news
    from ..reports.annual import ReportError
    from ..reports.job import load_data

    template = None
    if args.mau:
        f = Path(args.mau)
        if not f.is_file():
            raise CommandError(f"không tìm thấy tệp mẫu tin '{f}'.", EXIT_USAGE)
        template = f.read_text(encoding="utf-8-sig")
    try:
        data = load_data(args.du_lieu)
        year = args.nam or latest_complete_year(data)
        if year is None:
            raise CommandError("dữ liệu chưa có số liệu của năm nào.", EXIT_DATA)
        chart = None if args.bieu_do == "khong" or not args.ra else args.bieu_do
        item = news_item(data, year, args.kenh, template=template, extra=args.them, chart=chart)
    except (NewsError, LedgerError, ReportError) as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    print(item)
    if args.ra:
        for p in write_news(item, args.ra):
            print(f"Đã ghi '{p}'.")
    return EXIT_OK

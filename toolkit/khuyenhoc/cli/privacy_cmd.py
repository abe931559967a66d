"""Lệnh ``khuyenhoc privacy``: kiểm tra tệp trước khi gửi ra khỏi xã (có họ tên, mã, ngày sinh người dân không)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..privacy import personal_data_in
from ..reports.job import load_data
from . import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandError

HELP = "kiểm tra tệp trước khi gửi đi: có dữ liệu cá nhân của người dân không"
DESCRIPTION = (
    "Tìm trong các tệp (.docx, .xlsx, .csv, .txt) họ tên, mã nhân khẩu/hộ/hội viên và ngày sinh của người dân "
    "trong sổ dữ liệu của xã. Báo cáo gửi cấp trên chỉ được có số liệu tổng hợp (Luật 91/2025/QH15). "
    "Mã thoát 0: không thấy dữ liệu cá nhân; 1: có (liệt kê ra)."
)


def register(subparsers) -> None:
    p = subparsers.add_parser("privacy", aliases=["kiem-tra-ca-nhan"], help=HELP, description=DESCRIPTION)
    p.add_argument("tep", metavar="TỆP", nargs="+", help="các tệp sẽ gửi đi")
    p.add_argument("--data", metavar="SỔ", help="sổ dữ liệu của xã (.xlsx hoặc thư mục CSV); mặc định: xã mẫu")
    p.add_argument("--cho-phep", metavar="HỌ_TÊN", action="append", default=[],
                   help="họ tên được phép xuất hiện (ví dụ người ký báo cáo); dùng nhiều lần được")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    files = [Path(t) for t in args.tep]
    for f in files:
        if not f.is_file():
            raise CommandError(f"không tìm thấy tệp '{f}'.", EXIT_USAGE)
    data = load_data(args.data)
    dirty = 0
    for f in files:
        try:
            findings = personal_data_in(Path(f), data, allow=args.cho_phep)
        except ValueError as exc:
            raise CommandError(str(exc), EXIT_USAGE) from exc
        if not findings:
            print(f"'{f}': không thấy dữ liệu cá nhân của người dân.")
            continue
        dirty += 1
        print(f"'{f}': CÓ {len(findings)} dữ liệu cá nhân — không gửi tệp này ra khỏi xã:")
        for x in findings[:30]:
            print(f"  - {x.kind}: {x.value}")
        if len(findings) > 30:
            print(f"  … và {len(findings) - 30} chỗ khác.")
    return EXIT_DATA if dirty else EXIT_OK



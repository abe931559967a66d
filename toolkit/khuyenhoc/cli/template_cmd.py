"""Lệnh ``khuyenhoc template``: ghi sổ Excel mẫu để trống cho xã nhập dữ liệu."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..templates import write_template
from . import EXIT_OK, EXIT_USAGE, CommandError

HELP = "ghi sổ Excel mẫu (để trống) để xã nhập dữ liệu"
DESCRIPTION = (
    "Ghi sổ Excel mẫu TỆP.xlsx: trang 'Hướng dẫn' (cách điền từng cột), mỗi bảng một trang với tên cột "
    "tiếng Việt, danh sách thả xuống cho các cột chọn giá trị và Có/Không. Không ghi đè tệp đã có, "
    "trừ khi dùng --ghi-de."
)


def register(subparsers) -> None:
    p = subparsers.add_parser("template", aliases=["so-mau"], help=HELP, description=DESCRIPTION)
    p.add_argument("tep", metavar="TỆP.xlsx", help="tên tệp Excel sẽ ghi, ví dụ so_mau.xlsx")
    p.add_argument("--ghi-de", "--force", dest="ghi_de", action="store_true", help="ghi đè nếu tệp đã có")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.tep)
    if path.suffix.lower() != ".xlsx":
        raise CommandError(f"tên tệp phải có đuôi .xlsx (đang là '{path.name}').", EXIT_USAGE)
    if path.exists() and not args.ghi_de:
        raise CommandError(f"đã có tệp '{path}'. Chọn tên khác, hoặc thêm --ghi-de để ghi đè.", EXIT_USAGE)
    write_template(path)
    print(f"Đã ghi sổ mẫu '{path}'. Mở bằng Excel, đọc trang 'Hướng dẫn' rồi điền dữ liệu; "
          f"điền xong kiểm tra bằng: khuyenhoc validate {path}")
    return EXIT_OK

"""Lệnh ``khuyenhoc sample``: chép dữ liệu mẫu (xã giả định) ra một thư mục để tập luyện."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from ..atomic import atomic_dir, atomic_path
from . import EXIT_OK, EXIT_USAGE, CommandError

HELP = "chép sổ dữ liệu mẫu (xã giả định) ra một thư mục"
DESCRIPTION = (
    "Ghi vào THƯ_MỤC sổ Excel mẫu của xã giả định (xa_mau.xlsx) và cùng dữ liệu đó dưới dạng thư mục CSV. "
    "Dữ liệu là giả định, dùng để tập luyện. Không ghi đè tệp đã có, trừ khi dùng --ghi-de."
)
WORKBOOK_NAME = "xa_mau.xlsx"
CSV_NAME = "csv"


def shipped_sample_dir() -> Path:
    """Thư mục chứa dữ liệu mẫu đi kèm bộ công cụ."""
    return Path(__file__).resolve().parent.parent / "sample" / "files" / "mau"


def _shipped_items() -> list[Path]:
    src = shipped_sample_dir()
    if not (src / WORKBOOK_NAME).is_file():
        return []
    return sorted(p for p in src.iterdir() if not p.name.startswith("."))


def register(subparsers) -> None:
    p = subparsers.add_parser("sample", aliases=["mau"], help=HELP, description=DESCRIPTION)
    p.add_argument("thu_muc", metavar="THƯ_MỤC", help="thư mục để ghi dữ liệu mẫu (tạo mới nếu chưa có)")
    p.add_argument("--ghi-de", "--force", dest="ghi_de", action="store_true", help="ghi đè các tệp đã có")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    dest = Path(args.thu_muc)
    if dest.exists() and not dest.is_dir():
        raise CommandError(f"'{dest}' là một tệp, không phải thư mục.", EXIT_USAGE)
    items = _shipped_items()
    names = [p.name for p in items] if items else [WORKBOOK_NAME, CSV_NAME]
    existing = [n for n in names if (dest / n).exists()]
    if existing and not args.ghi_de:
        raise CommandError(
            "đã có " + ", ".join(f"'{dest / n}'" for n in existing)
            + ". Chọn thư mục khác, hoặc thêm --ghi-de để ghi đè.", EXIT_USAGE)
    dest.mkdir(parents=True, exist_ok=True)
    if items:
        for src in items:
            if src.is_dir():
                with atomic_dir(dest / src.name) as tmp:
                    shutil.copytree(src, tmp, dirs_exist_ok=True)
            else:
                with atomic_path(dest / src.name) as tmp:
                    shutil.copyfile(src, tmp)
    else:  # the shipped files are missing (e.g. a source checkout before they are built)
        from ..sample import generate
        from ..workbook import write_csv_dir, write_workbook

        data = generate()
        write_workbook(data, dest / WORKBOOK_NAME)
        write_csv_dir(data, dest / CSV_NAME)
    print(f"Đã ghi dữ liệu mẫu vào '{dest}':")
    for n in names:
        print(f"  {dest / n}")
    print("Đây là dữ liệu giả định để tập luyện. Kiểm tra thử: khuyenhoc validate "
          f"{dest / WORKBOOK_NAME}")
    return EXIT_OK

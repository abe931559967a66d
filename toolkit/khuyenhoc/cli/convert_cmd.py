"""Lệnh ``khuyenhoc convert``: chuyển sổ Excel/CSV gõ bằng bảng mã cũ (TCVN3, VNI, VIQR) sang Unicode, ghi tệp mới."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import EXIT_DATA, EXIT_OK, CommandError

HELP = "chuyển sổ gõ bằng bảng mã cũ (TCVN3/ABC, VNI, VIQR) sang Unicode, ghi ra tệp mới"
DESCRIPTION = (
    "Tìm các ô chữ gõ bằng phông .VnTime (TCVN3, ABC), VNI-Times hoặc kiểu VIQR, chuyển sang Unicode dựng sẵn "
    "và ghi ra TỆP_MỚI; tệp gốc giữ nguyên. In danh sách ô đã đổi; --bao-cao ghi danh sách đó ra tệp .csv. "
    "Mã thoát: 0 xong, 1 không chuyển được, 2 gõ lệnh sai."
)


def register(subparsers) -> None:
    p = subparsers.add_parser("convert", aliases=["chuyen-ma"], help=HELP, description=DESCRIPTION)
    p.add_argument("nguon", metavar="TỆP", help="sổ .xlsx/.xlsm hoặc tệp .csv cần chuyển")
    p.add_argument("dich", metavar="TỆP_MỚI", help="tệp mới (.xlsx hoặc .csv), khác tệp gốc")
    p.add_argument("--bao-cao", "--report", dest="bao_cao", metavar="TỆP.csv",
                   help="ghi danh sách các ô đã đổi (trang, ô, bảng mã, chữ cũ, chữ mới) ra tệp .csv")
    p.add_argument("--so-dong", dest="so_dong", type=int, default=20, metavar="SỐ",
                   help="số ô đã đổi in ra màn hình (mặc định 20)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..atomic import atomic_path
    from ..intake.convert import ConvertError, convert_file

    try:
        r = convert_file(args.nguon, args.dich)
    except ConvertError as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    print(r.summary())
    for c in r.changes[: max(args.so_dong, 0)]:
        print(f"  Trang '{c.sheet}', ô {c.cell}: '{c.old}' → '{c.new}'")
    if len(r.changes) > args.so_dong > 0:
        print(f"  … và {len(r.changes) - args.so_dong} ô khác.")
    if args.bao_cao:
        out = Path(args.bao_cao)
        with atomic_path(out) as tmp:
            r.frame().to_csv(tmp, index=False, encoding="utf-8-sig")
        print(f"Đã ghi danh sách ô đã đổi vào '{out}'.")
    print(f"Tệp gốc '{Path(args.nguon).name}' không bị thay đổi.")
    return EXIT_OK

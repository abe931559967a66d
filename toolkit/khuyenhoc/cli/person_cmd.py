"""Lệnh ``khuyenhoc person``: xem (xuất) mọi dữ liệu về một người, xóa hoặc ẩn danh một người (ghi sổ mới và nhật
ký); lệnh ``khuyenhoc changelog``: nhật ký thay đổi giữa hai bản của sổ."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandError

HELP = "quyền của người dân về dữ liệu: xuất mọi dữ liệu về một người, xóa hoặc ẩn danh một người"
DESCRIPTION = (
    "xuat: ghi mọi dòng dữ liệu về một nhân khẩu ra sổ Excel riêng. xoa: ghi sổ MỚI không còn người đó "
    "(--an-danh: thay bằng tên ẩn danh, giữ số liệu thống kê) và ghi nhật ký (ai, làm gì, khi nào). "
    "Sổ gốc không bị sửa. Mã thoát: 0 xong, 1 dữ liệu có vấn đề, 2 gõ lệnh sai."
)
HELP_C = "nhật ký thay đổi giữa hai bản của sổ (dòng thêm, dòng bỏ, ô dữ liệu cá nhân đã sửa)"


def register(subparsers) -> None:
    p = subparsers.add_parser("person", aliases=["nguoi"], help=HELP, description=DESCRIPTION)
    sub = p.add_subparsers(dest="viec", metavar="<việc>")
    e = sub.add_parser("export", aliases=["xuat"], help="xuất mọi dữ liệu về một người ra sổ Excel")
    e.add_argument("so", metavar="SỔ", help="sổ .xlsx hoặc thư mục CSV của xã")
    e.add_argument("ma", metavar="MÃ_NHÂN_KHẨU")
    e.add_argument("--out", "--ra", dest="ra", required=True, metavar="TỆP.xlsx")
    e.set_defaults(run=run_export)
    x = sub.add_parser("erase", aliases=["xoa"], help="xóa hoặc ẩn danh một người, ghi sổ mới và nhật ký")
    x.add_argument("so", metavar="SỔ")
    x.add_argument("ma", metavar="MÃ_NHÂN_KHẨU")
    x.add_argument("--out", "--ra", dest="ra", required=True, metavar="SỔ_MỚI.xlsx")
    x.add_argument("--an-danh", "--pseudonymise", dest="an_danh", action="store_true",
                   help="ẩn danh thay vì xóa (giữ số liệu thống kê)")
    x.add_argument("--nguoi-thuc-hien", "--by", dest="by", required=True, metavar="TÊN",
                   help="cán bộ thực hiện (ghi vào nhật ký)")
    x.add_argument("--nhat-ky", "--log", dest="nhat_ky", metavar="TỆP.csv",
                   help="tệp nhật ký (mặc định: cạnh sổ mới, thêm '-nhat-ky.csv'; ghi nối tiếp nếu đã có)")
    x.set_defaults(run=run_erase)
    p.set_defaults(run=lambda args: (p.print_help(), EXIT_USAGE)[1])

    c = subparsers.add_parser("changelog", aliases=["nhat-ky-thay-doi"], help=HELP_C, description=HELP_C + ".")
    c.add_argument("cu", metavar="SỔ_CŨ")
    c.add_argument("moi", metavar="SỔ_MỚI")
    c.add_argument("--out", "--ra", dest="ra", required=True, metavar="TỆP.xlsx")
    c.add_argument("--nguoi-ghi", "--by", dest="by", default="", metavar="TÊN", help="người đã sửa sổ")
    c.add_argument("--tat-ca-cot", dest="tat_ca", action="store_true", help="ghi cả các cột không phải dữ liệu cá nhân")
    c.set_defaults(run=run_changelog)


def _read(path: str):
    from ..intake import read

    if not Path(path).exists():
        raise CommandError(f"không tìm thấy '{path}'.", EXIT_USAGE)
    return read(path)  # IntakeError is printed by main() with every problem


def run_export(args: argparse.Namespace) -> int:
    from ..rights import RightsError, export_person

    try:
        out = export_person(_read(args.so), args.ma, args.ra)
    except RightsError as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    print(f"Đã ghi mọi dữ liệu về nhân khẩu '{args.ma}' vào '{out}' (hạn chế lưu hành).")
    return EXIT_OK


def run_erase(args: argparse.Namespace) -> int:
    from ..atomic import atomic_path
    from ..rights import RightsError, erase_person
    from ..workbook import write_workbook

    src = Path(args.so)
    out = Path(args.ra)
    if out.exists() and src.exists() and out.resolve() == src.resolve():
        raise CommandError("sổ mới phải khác sổ gốc (sổ gốc không bao giờ bị sửa).", EXIT_USAGE)
    try:
        new, log = erase_person(_read(args.so), args.ma, mode="pseudonymise" if args.an_danh else "erase", by=args.by)
    except RightsError as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    write_workbook(new, out)
    log_path = Path(args.nhat_ky) if args.nhat_ky else out.with_name(out.stem + "-nhat-ky.csv")
    import pandas as pd

    if log_path.exists():
        log = pd.concat([pd.read_csv(log_path, encoding="utf-8-sig", dtype=str), log.astype(str)], ignore_index=True)
    with atomic_path(log_path) as tmp:
        log.to_csv(tmp, index=False, encoding="utf-8-sig")
    print(f"Đã ghi sổ mới '{out}' ({'ẩn danh' if args.an_danh else 'đã xóa'} nhân khẩu '{args.ma}') và nhật ký "
          f"'{log_path}'. Sổ gốc không bị thay đổi; hãy thay sổ gốc bằng sổ mới và hủy các bản sao cũ.")
    return EXIT_OK


def run_changelog(args: argparse.Namespace) -> int:
    import datetime as dt

    from ..atomic import atomic_path
    from ..rights import changelog

    old, new = _read(args.cu), _read(args.moi)
    when = dt.datetime.fromtimestamp(Path(args.moi).stat().st_mtime).replace(microsecond=0)
    ch = changelog(old, new, by=args.by, when=when, personal_only=not args.tat_ca)
    out = Path(args.ra)
    with atomic_path(out) as tmp:
        ch.to_excel(tmp, index=False, sheet_name="Nhật ký thay đổi")
    print(f"{len(ch)} thay đổi; đã ghi '{out}'.")
    return EXIT_OK

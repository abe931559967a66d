"""Lệnh ``khuyenhoc validate``: kiểm tra sổ Excel hoặc thư mục CSV của xã.

Mã thoát 0 khi không có lỗi (các cảnh báo và chỗ "đã sửa" vẫn được liệt kê, kèm
bảng tóm tắt số liệu); 1 khi có ít nhất một lỗi (hoặc một cảnh báo, với
``--nghiem-ngat``); 2 khi đường dẫn không có.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..intake import check
from ..problems import CANH_BAO, LOI, render_text, summary, to_json
from ..vnformat import so
from . import EXIT_DATA, EXIT_OK, CommandError, EXIT_USAGE

HELP = "kiểm tra sổ Excel (.xlsx) hoặc thư mục CSV của xã"
DESCRIPTION = (
    "Đọc sổ sách của xã và liệt kê mọi vấn đề, nhóm theo trang: 'lỗi' (phải sửa trước khi dùng), "
    "'cảnh báo' (nên xem lại) và 'đã sửa' (chương trình đã tự hiểu, ví dụ ngày ghi dạng chữ). "
    "Tệp gốc không bị thay đổi. Mã thoát: 0 không có lỗi (khi đó in thêm số liệu tóm tắt), "
    "1 có lỗi, 2 gõ lệnh sai. Cảnh báo và chỗ 'đã sửa' không làm mã thoát thành 1, trừ khi dùng --nghiem-ngat."
)


def register(subparsers) -> None:
    p = subparsers.add_parser("validate", aliases=["kiem-tra"], help=HELP, description=DESCRIPTION)
    p.add_argument("duong_dan", metavar="TỆP_HOẶC_THƯ_MỤC", help="tệp .xlsx hoặc thư mục chứa các tệp .csv")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON (cho chương trình khác đọc)")
    p.add_argument("--tat-ca", "--all", dest="tat_ca", action="store_true",
                   help="in mọi cảnh báo và chỗ đã sửa (mặc định mỗi loại ở mỗi cột chỉ in 20 dòng đầu; "
                        "quá 1.000 chỗ cùng loại ở một cột thì phần còn lại chỉ được đếm)")
    p.add_argument("--nghiem-ngat", "--strict", dest="nghiem_ngat", action="store_true",
                   help="coi cảnh báo như lỗi (mã thoát 1)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.duong_dan)
    if not path.exists():
        raise CommandError(f"không tìm thấy '{path}'. Kiểm tra lại đường dẫn.", EXIT_USAGE)
    data, problems = check(path)
    failing = {LOI, CANH_BAO} if args.nghiem_ngat else {LOI}
    failed = any(p.severity in failing for p in problems)
    if args.json:
        print(to_json(problems))
        return EXIT_DATA if failed else EXIT_OK
    if problems:
        print(render_text(problems, limit=None if args.tat_ca else 20))
        print()
    if data is None or failed:
        print(f"Tệp '{path}' chưa dùng được: hãy sửa các lỗi trên rồi kiểm tra lại.")
        return EXIT_DATA
    print(f"Tệp '{path}' hợp lệ." + ("" if problems else " " + summary(problems)))
    print("Số liệu tóm tắt:")
    for k, v in data.summary().items():
        shown = so(v) if isinstance(v, int) else (v if v not in ("", None) else "(chưa có)")
        print(f"  {k}: {shown}")
    sys.stdout.flush()
    return EXIT_OK

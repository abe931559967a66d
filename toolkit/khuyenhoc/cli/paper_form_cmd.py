"""Lệnh ``khuyenhoc phieu-cdht``: in phiếu giấy tự đánh giá Công dân học tập (mẫu gợi ý) cho người không khai được
trên phần mềm; ``--kiem-tra`` kiểm tra các phiếu đã chép lại trong một sổ Excel."""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from ..paper_form import check_form, indicator_rows, write_form
from . import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandError

HELP = "in phiếu giấy tự đánh giá Công dân học tập, hoặc kiểm tra các phiếu đã chép lại"
DESCRIPTION = (
    "Không có TỆP-PHIẾU: ghi phiếu tự đánh giá (mẫu gợi ý của khóa học, .docx) ra TỆP. "
    "Với --kiem-tra SỔ.xlsx: mỗi dòng của sổ là một phiếu đã chép lại, các cột 'Họ và tên', 'Năm sinh', "
    "'Nhóm đối tượng', một cột cho mỗi mã chỉ số (CDHT-1.1 …), 'Tổng điểm tự cộng', 'Đồng ý', 'Ký tên', "
    "'Chi hội xác nhận' (Có/Không); lệnh in kết luận và việc cần sửa của từng phiếu (sổ không bị sửa)."
)
YES = {"có", "x", "co", "yes", "1", "true", "đúng"}


def register(subparsers) -> None:
    p = subparsers.add_parser("phieu-cdht", aliases=["paper-form"], help=HELP, description=DESCRIPTION)
    p.add_argument("tep", metavar="TỆP", help="phiếu .docx sẽ ghi, hoặc sổ .xlsx các phiếu đã chép (với --kiem-tra)")
    p.add_argument("--xa", default="....................", help="tên xã in trên phiếu")
    p.add_argument("--nam", type=int, required=True, help="năm đánh giá, ví dụ 2025")
    p.add_argument("--kiem-tra", action="store_true", help="kiểm tra các phiếu đã chép lại trong sổ Excel TỆP")
    p.add_argument("--ghi-de", action="store_true", help="ghi đè phiếu .docx nếu tệp đã có")
    p.set_defaults(run=run)


def _yes(value) -> bool:
    return str(value).strip().casefold() in YES


def run(args: argparse.Namespace) -> int:
    path = Path(args.tep)
    if not args.kiem_tra:
        if path.suffix.lower() != ".docx":
            raise CommandError(f"tên tệp phiếu phải có đuôi .docx (đang là '{path.name}').", EXIT_USAGE)
        if path.exists() and not args.ghi_de:
            raise CommandError(f"đã có tệp '{path}'. Chọn tên khác, hoặc thêm --ghi-de.", EXIT_USAGE)
        write_form(path, xa=args.xa, nam_danh_gia=args.nam)
        print(f"Đã ghi phiếu '{path}' (mẫu gợi ý của khóa học). In ra, phát cho người khai, rồi kiểm tra bằng "
              f"--kiem-tra.")
        return EXIT_OK
    if not path.exists():
        raise CommandError(f"không thấy tệp '{path}'.", EXIT_USAGE)
    try:
        sheet = pd.read_excel(path, dtype=str).fillna("")
    except Exception as err:  # noqa: BLE001 - any unreadable workbook gets a message, not a traceback
        raise CommandError(f"không đọc được sổ '{path}': {err}") from err
    codes = [r["ma"] for r in indicator_rows()]
    bad = 0
    for i, row in enumerate(sheet.to_dict("records"), start=2):
        form = {"ho_ten": row.get("Họ và tên", ""), "nam_sinh": row.get("Năm sinh", ""),
                "nhom": [g.strip() for g in str(row.get("Nhóm đối tượng", "")).split(";") if g.strip()],
                "diem": {c: row[c] for c in codes if c in row}, "tong_diem": row.get("Tổng điểm tự cộng", ""),
                "dong_y": _yes(row.get("Đồng ý", "")), "ky_ten": _yes(row.get("Ký tên", "")),
                "xac_nhan_chi_hoi": _yes(row.get("Chi hội xác nhận", "")),
                "dong_y_nguoi_dai_dien": _yes(row.get("Người đại diện đồng ý", ""))}
        result = check_form(form, nam_danh_gia=args.nam)
        bad += not result.hop_le
        print(f"Dòng {i} ({form['ho_ten'] or 'chưa ghi tên'}): {result.ket_luan}")
        for message in result.loi + result.chua_dat:
            print(f"  - {message}")
    print(f"{len(sheet)} phiếu, {bad} phiếu cần bổ sung.")
    return EXIT_DATA if bad else EXIT_OK

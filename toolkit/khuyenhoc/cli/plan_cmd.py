"""Lệnh ``khuyenhoc ke-hoach`` (kế hoạch năm sau từ kết quả năm nay) và ``khuyenhoc lich`` (lịch phong trào, .ics).

Ví dụ::

    >>> import tempfile
    >>> from khuyenhoc.cli import main
    >>> main(["lich", "--nam", "2026", "--ics", tempfile.mkdtemp() + "/lich.ics"])  # doctest: +ELLIPSIS
    Lịch năm 2026: 13 việc, 11 có ngày, 2 chưa có ngày (chưa tìm thấy văn bản).
    ...
    02/10/2026             Ngày Khuyến học Việt Nam [READ]
    ...
    0
"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandError

HELP = "lập kế hoạch năm sau (.docx, .xlsx, .ics) với chỉ tiêu suy ra từ kết quả năm nay"
DESCRIPTION = (
    "Tham mưu cho cấp ủy, chính quyền: tính chỉ tiêu năm sau từ khoảng cách giữa kết quả năm nay và chỉ tiêu của "
    "văn bản cấp trên, gắn người phụ trách (chức danh) và thời hạn cho tám nhóm nhiệm vụ, kèm lịch của phong trào. "
    "Ghi kế hoạch (.docx, mẫu gợi ý theo Nghị định 30/2020), sổ theo dõi (.xlsx) và lịch (.ics). Không có --data: "
    "dùng dữ liệu xã mẫu. Mã thoát: 0 xong, 1 dữ liệu có vấn đề, 2 gõ lệnh sai."
)
HELP_L = "lịch của phong trào và các hạn nộp trong năm; ghi tệp .ics để nhập vào lịch điện thoại"
DESCRIPTION_L = (
    "Liệt kê Tuần lễ hưởng ứng học tập suốt đời, Ngày Khuyến học Việt Nam, khai giảng năm học, các hạn nộp hồ sơ và "
    "báo cáo (theo cấu hình thủ tục) cùng nguồn của từng ngày; ngày chưa tìm thấy văn bản thì ghi 'chưa có ngày'. "
    "--lich-xa thêm các ngày riêng của xã (tệp YAML). Mã thoát: 0 xong, 1 tệp lịch có lỗi, 2 gõ lệnh sai."
)


def register(subparsers) -> None:
    p = subparsers.add_parser("ke-hoach", aliases=["plan"], help=HELP, description=DESCRIPTION)
    p.add_argument("--year", "--nam", dest="nam", type=int, required=True, metavar="NĂM",
                   help="năm đã có kết quả; kế hoạch lập cho năm sau")
    p.add_argument("--out", "--ra", dest="ra", required=True, metavar="THƯ_MỤC", help="thư mục ghi kế hoạch")
    p.add_argument("--data", "--du-lieu", dest="du_lieu", metavar="TỆP", help="sổ Excel (.xlsx) hoặc thư mục CSV của xã")
    p.add_argument("--settings", "--mau", dest="mau", metavar="TỆP_YAML",
                   help="tệp YAML sửa phần đầu văn bản, nhiệm vụ, người phụ trách, thời hạn")
    p.add_argument("--targets", "--chi-tieu", dest="chi_tieu", metavar="TỆP", help="tệp chỉ tiêu phấn đấu (.yaml/.csv)")
    p.add_argument("--lich-xa", dest="lich_xa", metavar="TỆP_YAML", help="tệp YAML các ngày riêng của xã")
    p.add_argument("--commune", "--xa", dest="xa", metavar="MÃ_XÃ", help="mã xã (khi dữ liệu có nhiều xã)")
    p.set_defaults(run=run)

    q = subparsers.add_parser("lich", aliases=["calendar"], help=HELP_L, description=DESCRIPTION_L)
    q.add_argument("--year", "--nam", dest="nam", type=int, required=True, metavar="NĂM", help="năm của lịch")
    q.add_argument("--ics", metavar="TỆP.ics", help="ghi lịch ra tệp .ics")
    q.add_argument("--lich-xa", dest="lich_xa", metavar="TỆP_YAML", help="tệp YAML các ngày riêng của xã")
    q.set_defaults(run=run_calendar)


def run(args: argparse.Namespace) -> int:
    from ..indicators import TargetsError
    from ..planning import CalendarError, PlanError, SettingsError, yearly_plan
    from ..reports import ReportError
    from ..reports.job import load_data

    out = Path(args.ra)
    if out.exists() and not out.is_dir():
        raise CommandError(f"'{out}' là một tệp, không phải thư mục.", EXIT_USAGE)
    try:
        data = load_data(args.du_lieu)
        kq = yearly_plan(data, args.nam, out, settings=args.mau, targets=args.chi_tieu, commune_id=args.xa,
                         extra_calendar=args.lich_xa)
    except (PlanError, SettingsError, CalendarError, ReportError, TargetsError) as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    t = kq.targets
    kept = int((t["basis"] == "đã đạt: giữ vững mức năm nay").sum())
    print(f"Kế hoạch năm {kq.plan_year}: {len(t)} chỉ tiêu ({kept} giữ vững, {len(t) - kept} phải phấn đấu).")
    from ..planning import target_text
    from ..indicators.vnformat import so_theo_don_vi

    for r in t[t["basis"] != "đã đạt: giữ vững mức năm nay"].to_dict("records"):
        need = "" if r["needed"] is None or r["needed"] != r["needed"] else f", cần thêm {int(r['needed'])}"
        print(f"  - {r['name']}: {so_theo_don_vi(r['value'], r['unit'])} → {target_text(r['plan_target'], r['unit'])}"
              f"{need} ({r['owner']})")
    for p in kq.written:
        print(f"  đã ghi {p}")
    return EXIT_OK


def run_calendar(args: argparse.Namespace) -> int:
    import pandas as pd

    from ..indicators.vnformat import ngay
    from ..planning import CalendarError, movement_calendar, write_ics

    try:
        cal = movement_calendar(args.nam, extra=args.lich_xa)
    except CalendarError as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    dated = cal["start"].notna()
    print(f"Lịch năm {args.nam}: {len(cal)} việc, {int(dated.sum())} có ngày, {int((~dated).sum())} chưa có ngày "
          "(chưa tìm thấy văn bản).")
    for r in cal.to_dict("records"):
        if pd.isna(r["start"]):
            when = "chưa có ngày"
        elif r["end"] != r["start"]:
            when = f"{ngay(r['start'])}–{ngay(r['end'])}"
        else:
            when = ngay(r["start"])
        print(f"{when:<22} {r['name']} [{r['tag']}]")
    if args.ics:
        p = write_ics(cal, args.ics, name=f"Lịch khuyến học {args.nam}")
        print(f"Đã ghi lịch vào '{p}' (nhập vào lịch của điện thoại).")
    return EXIT_OK

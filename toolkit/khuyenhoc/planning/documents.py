"""Kế hoạch năm của Hội Khuyến học xã: văn bản .docx (thể thức Nghị định 30/2020, MẪU GỢI Ý) và sổ theo dõi .xlsx.

Ví dụ::

    >>> from khuyenhoc.planning.documents import target_text
    >>> target_text(62.1, "%"), target_text(59000, "đồng/người")
    ('≥ 62,1%', '≥ 59.000 đồng/người')
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from ..atomic import atomic_path
from ..dossier.documents import SUGGESTED
from ..indicators.vnformat import ngay, ngay_thang_nam, so, so_theo_don_vi
from ..nd30 import Header, Nd30Document, Signature
from .calendar import CALENDAR_HEADERS, KINDS
from .settings import PlanSettings

__all__ = ["plan_document", "plan_workbook", "target_text", "STATUS_CHOICES"]

STATUS_CHOICES = ("Chưa làm", "Đang làm", "Xong")


def target_text(value: float, unit: str, direction: str = ">=") -> str:
    """Chỉ tiêu viết cho người đọc: '≥ 62,1%'."""
    sign = "≤" if direction == "<=" else "≥"
    v = so_theo_don_vi(value, unit)
    return f"{sign} {v}%" if unit == "%" else f"{sign} {v} {unit}"


def _needed_text(r) -> str:
    n = r["needed"]
    return "–" if n is None or pd.isna(n) or n == 0 else so(n)


def plan_document(targets: pd.DataFrame, calendar: pd.DataFrame, s: PlanSettings, *, plan_year: int,
                  commune_name: str, when: dt.date) -> Nd30Document:
    """Văn bản kế hoạch năm ``plan_year`` (chỉ số liệu tổng hợp)."""
    doc = Nd30Document()
    doc.header(Header(parent_body=s.co_quan_chu_quan, issuer=s.co_quan_ban_hanh, number_symbol=s.number_symbol(),
                      place_date=f"{s.dia_danh}, {ngay_thang_nam(when)}"))
    doc.title("KẾ HOẠCH", ["Thực hiện công tác khuyến học, khuyến tài, xây dựng xã hội học tập",
                           f"năm {plan_year}"])
    doc.paragraph(SUGGESTED, italic=True, indent=False, align="center", size=12)
    doc.heading("Mục đích, yêu cầu")
    doc.subheading("Mục đích")
    doc.bullets(s.muc_dich)
    doc.subheading("Yêu cầu")
    doc.bullets(s.yeu_cau)
    doc.heading("Chỉ tiêu")
    unmet = targets[targets["basis"] != "đã đạt: giữ vững mức năm nay"]
    doc.paragraph(f"Năm {plan_year - 1}, {commune_name[:1].lower() + commune_name[1:]} có {len(targets)} chỉ tiêu có "
                  f"chỉ tiêu của văn bản cấp trên; {len(targets) - len(unmet)} chỉ tiêu đã đạt, {len(unmet)} chỉ tiêu "
                  f"chưa đạt. Chỉ tiêu năm {plan_year} tính từ khoảng cách giữa kết quả năm {plan_year - 1} và chỉ "
                  "tiêu của văn bản (cách tính ghi ở từng dòng).")
    rows = []
    for i, r in enumerate(targets.to_dict("records"), 1):
        rows.append([str(i), r["name"], so_theo_don_vi(r["value"], r["unit"]),
                     target_text(r["plan_target"], r["unit"]), _needed_text(r),
                     f"{target_text(r['doc_target'], r['unit'])}"
                     + (f" năm {r['doc_target_year']}" if pd.notna(r["doc_target_year"]) else "")
                     + f" ({r['doc_source']}); {r['basis']}"])
    doc.table(["TT", "Chỉ tiêu", f"Thực hiện {plan_year - 1}", f"Chỉ tiêu {plan_year}", "Cần thêm", "Căn cứ, cách tính"],
              rows, widths_cm=[0.9, 4.2, 2.1, 2.2, 1.6, 5.5], numeric=[False, False, True, True, True, False],
              caption=f"Bảng: Chỉ tiêu năm {plan_year}")
    if (targets["doc_status"] == "example").any():
        doc.paragraph("Lưu ý: chỉ tiêu có nguồn “ví dụ” lấy từ kế hoạch của một địa phương khác (lớp tập huấn Thanh "
                      "Oai); xã thay bằng chỉ tiêu của cấp trên mình.", italic=True)
    doc.heading("Nhiệm vụ và giải pháp")
    rows = [[str(i), f"{t.nhom}: {t.viec}", t.phu_trach, t.phoi_hop or "–", ngay(t.due(plan_year))]
            for i, t in enumerate(s.nhiem_vu, 1)]
    doc.table(["TT", "Nội dung", "Phụ trách", "Phối hợp", "Thời hạn"], rows,
              widths_cm=[0.9, 7.2, 3.2, 3.0, 2.2], numeric=[False] * 5,
              caption="Bảng: Nhiệm vụ, người phụ trách và thời hạn (thời hạn do xã quyết định)")
    doc.heading("Lịch hoạt động của phong trào")
    dated = calendar[calendar["start"].notna() & (calendar["kind"] != "ke_hoach")]
    rows = [[str(i), _span(r), r["name"], r["tag"]] for i, r in enumerate(dated.to_dict("records"), 1)]
    if rows:
        doc.table(["TT", "Thời gian", "Việc", "Nhãn nguồn"], rows, widths_cm=[0.9, 3.6, 10.0, 2.0],
                  numeric=[False] * 4, caption=f"Bảng: Các ngày của phong trào và hạn nộp năm {plan_year}")
    missing = calendar[calendar["start"].isna()]
    if len(missing):
        doc.paragraph("Chưa tìm thấy văn bản quy định ngày của: " + ", ".join(missing["name"]) +
                      ". Ban Chấp hành quyết định ngày tổ chức và ghi vào lịch của xã.")
    doc.heading("Tổ chức thực hiện")
    doc.paragraph("Ban Thường trực Hội chịu trách nhiệm tham mưu cho Đảng ủy, Ủy ban nhân dân xã chỉ đạo thực hiện kế "
                  "hoạch; các ủy viên Ban Chấp hành, chi hội trưởng thực hiện phần việc được giao và báo cáo kết quả "
                  "mỗi quý.")
    doc.paragraph("Kế hoạch chỉ gồm số liệu tổng hợp; người phụ trách ghi theo chức danh.", italic=True)
    doc.signature(Signature(authority=s.tham_quyen, title=s.chuc_vu, name=s.nguoi_ky, recipients=s.noi_nhan))
    return doc


def _span(r) -> str:
    a, b = pd.Timestamp(r["start"]), pd.Timestamp(r["end"]) if pd.notna(r["end"]) else pd.Timestamp(r["start"])
    return ngay(a) if a == b else f"{ngay(a)}–{ngay(b)}"


_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")


def _sheet(wb: Workbook, title: str, headers: list[str], rows: list[list], widths: list[int],
           number_formats: dict[int, str] | None = None, note: str | None = None):
    ws = wb.create_sheet(title)
    start = 1
    if note:
        ws.cell(row=1, column=1, value=note).font = Font(italic=True)
        start = 3
    for j, h in enumerate(headers, 1):
        c = ws.cell(row=start, column=j, value=h)
        c.font = Font(bold=True)
        c.fill = _HEAD_FILL
        c.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for i, row in enumerate(rows, start + 1):
        for j, v in enumerate(row, 1):
            c = ws.cell(row=i, column=j, value=None if v is None or (isinstance(v, float) and pd.isna(v)) else v)
            if number_formats and j in number_formats:
                c.number_format = number_formats[j]
            c.alignment = Alignment(wrap_text=isinstance(v, str) and len(v) > 30, vertical="top")
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[ws.cell(row=start, column=j).column_letter].width = w
    ws.freeze_panes = ws.cell(row=start + 1, column=1)
    return ws, start


def plan_workbook(targets: pd.DataFrame, calendar: pd.DataFrame, s: PlanSettings, *, plan_year: int,
                  path: str | os.PathLike) -> Path:
    """Sổ theo dõi kế hoạch (.xlsx): trang Chỉ tiêu, Nhiệm vụ (có cột Tình trạng để chọn), Lịch."""
    wb = Workbook()
    wb.remove(wb.active)
    note = f"Kế hoạch năm {plan_year} — mẫu gợi ý; chỉ số liệu tổng hợp."
    rows = [[r["indicator"], r["name"], r["unit"], _num(r["value"]), _num(r["plan_target"]), _num(r["needed"]),
             _num(r["doc_target"]), None if pd.isna(r["doc_target_year"]) else int(r["doc_target_year"]),
             r["doc_source"], r["doc_status"], r["basis"], r["owner"],
             None if r["deadline"] is None or pd.isna(r["deadline"]) else pd.Timestamp(r["deadline"]).to_pydatetime(),
             None] for r in targets.to_dict("records")]
    ws, start = _sheet(wb, "Chỉ tiêu", ["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", f"Thực hiện {plan_year - 1}",
                                        f"Chỉ tiêu {plan_year}", "Cần thêm", "Chỉ tiêu của văn bản", "Mốc năm",
                                        "Căn cứ", "Nhãn nguồn", "Cách tính", "Phụ trách", "Thời hạn",
                                        f"Kết quả {plan_year} (ghi cuối năm)"],
                       rows, [18, 40, 12, 14, 14, 10, 14, 9, 40, 10, 36, 30, 12, 16],
                       {4: "#,##0.0", 5: "#,##0.0", 6: "#,##0", 7: "#,##0.0", 13: "DD/MM/YYYY", 14: "#,##0.0"}, note)
    rows = [[i, t.nhom, t.viec, t.phu_trach, t.phoi_hop, dt.datetime.combine(t.due(plan_year), dt.time()),
             STATUS_CHOICES[0], None] for i, t in enumerate(s.nhiem_vu, 1)]
    ws, start = _sheet(wb, "Nhiệm vụ", ["TT", "Nhóm nhiệm vụ", "Việc", "Phụ trách", "Phối hợp", "Thời hạn",
                                        "Tình trạng", "Ghi chú"], rows, [5, 28, 60, 30, 30, 12, 12, 30],
                       {6: "DD/MM/YYYY"}, note)
    dv = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"', allow_blank=True,
                        error="Chọn một trong: " + ", ".join(STATUS_CHOICES), errorTitle="Tình trạng")
    ws.add_data_validation(dv)
    dv.add(f"G{start + 1}:G{start + max(1, len(rows))}")
    rows = [[None if pd.isna(r["start"]) else pd.Timestamp(r["start"]).to_pydatetime(),
             None if pd.isna(r["end"]) else pd.Timestamp(r["end"]).to_pydatetime(), r["name"],
             KINDS.get(r["kind"], r["kind"]), r["tag"], r["source"], r["note"]] for r in calendar.to_dict("records")]
    _sheet(wb, "Lịch", [CALENDAR_HEADERS[c] for c in ("start", "end", "name", "kind", "tag", "source", "note")],
           rows, [12, 12, 50, 16, 12, 60, 50], {1: "DD/MM/YYYY", 2: "DD/MM/YYYY"}, note)
    wb.properties.title = f"Kế hoạch năm {plan_year}"
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def _num(v):
    return None if v is None or pd.isna(v) else float(v)

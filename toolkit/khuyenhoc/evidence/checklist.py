"""Phiếu đi thu minh chứng (Excel, in được): mỗi thôn một trang, A4 ngang, lặp dòng tiêu đề khi in.

The checklist stays in the commune: it lists names and is marked
"Tài liệu nội bộ — chứa dữ liệu cá nhân" on every sheet and every printed page.

Ví dụ::

    >>> import tempfile, pathlib
    >>> from khuyenhoc.data import CommuneData
    >>> p = write_checklist(CommuneData(), "congdan-qd324", 2025, pathlib.Path(tempfile.mkdtemp()) / "phieu.xlsx")
    >>> p.name
    'phieu.xlsx'
"""

from __future__ import annotations

import re
from copy import copy
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..atomic import atomic_path
from ..catalogues import resolve
from ..data import CommuneData
from .gaps import gap_report

INTERNAL = "Tài liệu nội bộ — chứa dữ liệu cá nhân"
COLUMNS = [("STT", 5), ("Mã đối tượng", 14), ("Tên", 24), ("Tiêu chí", 22), ("Chỉ số", 30),
           ("Minh chứng cần có", 30), ("Tình trạng", 28), ("Đã thu", 8), ("Ghi chú", 20)]
HEADER_ROW = 5


def _sheet_title(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]\*\?/\\:]", " ", name).strip()[:28] or "Thôn"
    title, k = base, 2
    while title.lower() in used:
        title = f"{base[:25]} ({k})"
        k += 1
    used.add(title.lower())
    return title


def write_checklist(data: CommuneData, model, year: int, path: str | Path,
                    evidence_dir: str | Path | None = None) -> Path:
    """Ghi phiếu đi thu minh chứng ra ``path`` (.xlsx): mỗi thôn một trang, liệt kê minh chứng còn thiếu.

    Đối tượng không thuộc thôn nào (dòng họ, đơn vị, xã) nằm ở trang của xã.
    """
    cat = resolve(model)
    gaps = gap_report(data, cat, year, evidence_dir)
    communes = data.admin_units.set_index("unit_id")["name"]
    gaps = gaps.assign(
        sheet=gaps["village"].fillna("Xã " + gaps["commune_id"].map(communes).fillna(gaps["commune_id"]).fillna("")),
    )
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    groups = list(gaps.groupby("sheet", sort=True, dropna=False)) or [("Không có thiếu sót", gaps)]
    for sheet_name, g in groups:
        ws = wb.create_sheet(_sheet_title(str(sheet_name), used))
        ws["A1"] = f"PHIẾU ĐI THU MINH CHỨNG — {cat.model.upper()} NĂM {year}"
        ws["A1"].font = Font(bold=True, size=13)
        commune = g["commune_id"].map(communes).dropna()
        ws["A2"] = f"{sheet_name}" + (f" — {commune.iloc[0]}" if len(commune) else "") + f" — bộ tiêu chí {cat.id}"
        ws["A3"] = INTERNAL
        ws["A3"].font = Font(bold=True, color="C00000")
        ws["A4"] = (f"Số mục cần thu: {len(g)}. Đánh dấu ✓ vào cột 'Đã thu' khi nhận đủ giấy tờ; "
                    "ghi rõ nơi cấp và ngày trên giấy tờ.")
        for j, (head, width) in enumerate(COLUMNS, start=1):
            c = ws.cell(row=HEADER_ROW, column=j, value=head)
            c.font = Font(bold=True)
            c.fill = PatternFill("solid", fgColor="DDEBF7")
            c.border = border
            c.alignment = Alignment(wrap_text=True, vertical="center")
            ws.column_dimensions[get_column_letter(j)].width = width
        status = (g["status"].fillna("") + g["problem"].fillna("").map(lambda s: f": {s}" if s else "")).tolist()
        rows = zip(g["subject_id"].tolist(), g["name"].fillna("").tolist(), g["criterion"].tolist(),
                   (g["indicator_id"] + " " + g["indicator"]).tolist(), g["accepted_types"].tolist(), status)
        body = None  # style index of a body row, set once and copied (assigning styles per cell is slow)
        for k, (sid, name, crit, ind, types, st) in enumerate(rows, start=1):  # writing cells: one per row
            ws.append([k, sid, name, crit, ind, types, st, "☐", ""])
            cells = [ws.cell(row=HEADER_ROW + k, column=j) for j in range(1, len(COLUMNS) + 1)]
            if body is None:
                for cell in cells:
                    cell.border = border
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                body = [copy(c._style) for c in cells]
            else:
                for cell, style in zip(cells, body):
                    cell._style = copy(style)
        ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.gridLines = False
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.oddHeader.center.text = INTERNAL
        ws.oddFooter.center.text = "Trang &P / &N"
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path

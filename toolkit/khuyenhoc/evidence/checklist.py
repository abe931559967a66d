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
from pathlib import Path

import pandas as pd

from ..catalogues import resolve
from ..data import CommuneData
from ..xlsx import IN_MEMORY_CELLS, xlsx_book
from ..consent import RECOGNITION, consented
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


def consent_filter(gaps: pd.DataFrame, data: CommuneData, model: str, on=None) -> tuple[pd.DataFrame, int]:
    """Chỉ giữ người đã đồng ý cho mục đích 'Xét công nhận danh hiệu' (trẻ từ đủ 7 tuổi: cả trẻ và người đại diện).

    A person without that consent is left out (their count is returned); a household
    keeps its code, but the head's name only when the head consented.

    >>> consent_filter(pd.DataFrame({"subject_id": ["A"], "name": ["Lê Văn A"]}), CommuneData(),
    ...                "Công dân học tập")[1]
    1
    """
    from ..catalogues import MODEL_KIND

    kind = MODEL_KIND.get(model)
    if kind not in ("person", "household") or gaps.empty:
        return gaps, 0
    ok = consented(data, RECOGNITION, on)
    if kind == "person":
        keep = gaps["subject_id"].astype("string").isin(ok).fillna(False).to_numpy(dtype=bool)
        withheld = int(gaps.loc[~keep, "subject_id"].nunique())
        return gaps[keep].reset_index(drop=True), withheld
    p = data.persons
    heads = p[(p["relation"] == "Chủ hộ").fillna(False).to_numpy(dtype=bool)]
    agreed = set(heads.loc[heads["person_id"].astype("string").isin(ok).fillna(False).to_numpy(dtype=bool),
                           "household_id"].astype(str))
    named = gaps["subject_id"].astype("string").isin(agreed).fillna(False).to_numpy(dtype=bool)
    out = gaps.copy()
    out.loc[~named, "name"] = None
    return out, 0


def write_checklist(data: CommuneData, model, year: int, path: str | Path,
                    evidence_dir: str | Path | None = None, gaps: pd.DataFrame | None = None) -> Path:
    """Ghi phiếu đi thu minh chứng ra ``path`` (.xlsx): mỗi thôn một trang, liệt kê minh chứng còn thiếu.

    Đối tượng không thuộc thôn nào (dòng họ, đơn vị, xã) nằm ở trang của xã. ``gaps``: bảng
    ``gap_report`` đã tính cho đúng bộ tiêu chí và năm này (không có thì tính lại).
    """
    cat = resolve(model)
    if gaps is None:
        gaps = gap_report(data, cat, year, evidence_dir)
    gaps, withheld = consent_filter(gaps, data, cat.model)
    communes = data.admin_units.set_index("unit_id")["name"]
    gaps = gaps.assign(
        sheet=gaps["village"].fillna("Xã " + gaps["commune_id"].map(communes).fillna(gaps["commune_id"]).fillna("")),
    )
    used: set[str] = set()
    groups = list(gaps.groupby("sheet", sort=True, dropna=False)) or [("Không có thiếu sót", gaps)]
    with xlsx_book(path, title=INTERNAL, constant_memory=len(gaps) * len(COLUMNS) > IN_MEMORY_CELLS) as book:
        head = book.fmt(bold=True, bg_color="#DDEBF7", border=1, border_color="#999999", text_wrap=True,
                        valign="vcenter")
        body = book.fmt(border=1, border_color="#999999", text_wrap=True, valign="top")
        for sheet_name, g in groups:
            ws = book.sheet(_sheet_title(str(sheet_name), used))
            for j, (_head, width) in enumerate(COLUMNS):
                ws.set_column(j, j, width)
            commune = g["commune_id"].map(communes).dropna()
            ws.write_string(0, 0, f"PHIẾU ĐI THU MINH CHỨNG — {cat.model.upper()} NĂM {year}", book.fmt(bold=True, font_size=13))
            ws.write_string(1, 0, f"{sheet_name}" + (f" — {commune.iloc[0]}" if len(commune) else "")
                            + f" — bộ tiêu chí {cat.id}")
            ws.write_string(2, 0, INTERNAL, book.fmt(bold=True, font_color="#C00000"))
            ws.write_string(3, 0, f"Số mục cần thu: {len(g)}. Đánh dấu ✓ vào cột 'Đã thu' khi nhận đủ giấy tờ; "
                                  "ghi rõ nơi cấp và ngày trên giấy tờ."
                            + (f" Không liệt kê {withheld} người chưa có phiếu đồng ý '{RECOGNITION}' còn hiệu lực."
                               if withheld else ""))
            book.write_rows(ws, HEADER_ROW - 1, [[h for h, _w in COLUMNS]], head)
            status = (g["status"].fillna("") + g["problem"].fillna("").map(lambda s: f": {s}" if s else "")).tolist()
            rows = zip(range(1, len(g) + 1), g["subject_id"].tolist(), g["name"].fillna("").tolist(),
                       g["criterion"].tolist(), (g["indicator_id"] + " " + g["indicator"]).tolist(),
                       g["accepted_types"].tolist(), status, ["☐"] * len(g), [""] * len(g))
            book.write_rows(ws, HEADER_ROW, rows, body)
            ws.freeze_panes(HEADER_ROW, 0)
            ws.repeat_rows(HEADER_ROW - 1)
            ws.set_landscape()
            ws.set_paper(9)  # A4
            ws.fit_to_pages(1, 0)
            ws.set_margins(left=0.4, right=0.4)
            ws.set_header(f"&C{INTERNAL}")
            ws.set_footer("&CTrang &P / &N")
    return Path(path)

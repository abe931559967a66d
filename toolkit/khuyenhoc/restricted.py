"""Danh sách có tên người (công nhận danh hiệu, học bổng, khen thưởng): tệp riêng, hạn chế lưu hành.

These lists hold personal data (Luật 91/2025/QH15): they are never put in the
report sent upward. Every sheet is marked "Hạn chế lưu hành — có dữ liệu cá nhân".
They list only people whose consent covers the list's purpose (``khuyenhoc.consent``):
the award list "Công bố danh sách khen thưởng, học bổng", the recognition list
"Xét công nhận danh hiệu" (a household is named after its head only when the head
consented); how many were left out is written under each list.

Ví dụ::

    >>> MARK
    'Hạn chế lưu hành — có dữ liệu cá nhân'
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from .consent import PUBLISH, RECOGNITION, consented
from .data import CommuneData
from .xlsx import IN_MEMORY_CELLS, Book, frame_rows, xlsx_book

__all__ = ["MARK", "write_named_lists", "restricted_file_name", "write_restricted_tables", "restricted_sheet"]

MARK = "Hạn chế lưu hành — có dữ liệu cá nhân"


def restricted_file_name(year: int) -> str:
    """Tên tệp danh sách có tên người.

    >>> restricted_file_name(2025)
    'HAN-CHE-LUU-HANH_danh-sach-ca-nhan-2025.xlsx'
    """
    return f"HAN-CHE-LUU-HANH_danh-sach-ca-nhan-{year}.xlsx"


#: Keywords of every restricted workbook (file properties).
KEYWORDS = "han che luu hanh; du lieu ca nhan"


def restricted_sheet(book: Book, title: str, df: pd.DataFrame, headers: Sequence[str],
                     lines: Sequence[str] = (), integers: Sequence[str] = ()) -> None:
    """Một trang hạn chế lưu hành: dấu "Hạn chế lưu hành" (đỏ, đậm), vài dòng ghi chú, tiêu đề cột in đậm,
    rồi các dòng của ``df``; cột ``integers`` hiện số kiểu "#,##0"; dấu in lại ở đầu mỗi trang in."""
    ws = book.sheet(title)
    ws.write_string(0, 0, MARK, book.fmt(bold=True, font_color="#C00000", font_size=13))
    for i, ln in enumerate(lines, start=1):
        ws.write_string(i, 0, ln)
    start = 1 + len(lines)
    ws.freeze_panes(start + 1, 0)
    rows = frame_rows(df)
    for j, h in enumerate(headers):
        width = max([len(str(h))] + [len(str(r[j])) for r in rows[:200] if r[j] is not None])
        ws.set_column(j, j, min(max(8, width + 2), 60))
    book.write_rows(ws, start, [list(headers)],
                    book.fmt(bold=True, bg_color="#DDEBF7", text_wrap=True, valign="vcenter"))
    cols = list(df.columns)
    col_formats = None
    if integers:
        money = book.fmt(num_format="#,##0")
        col_formats = [money if c in integers else None for c in cols]
    book.write_rows(ws, start + 1, rows, None, col_formats)
    ws.set_header(f"&C{MARK}")


def write_restricted_tables(path: str | os.PathLike,
                            sheets: Iterable[tuple[str, pd.DataFrame, Sequence[str], Sequence[str]]]) -> Path:
    """Ghi các bảng có dữ liệu cá nhân ra một sổ .xlsx hạn chế lưu hành (mỗi bảng một trang, xem
    :func:`restricted_sheet`): ``sheets`` là các (tên trang, bảng, tiêu đề cột, dòng ghi chú).

    >>> import tempfile, os
    >>> from openpyxl import load_workbook
    >>> df = pd.DataFrame({"ten": ["Nguyễn Văn An"], "nam": [2025]})
    >>> p = write_restricted_tables(os.path.join(tempfile.mkdtemp(), "a.xlsx"),
    ...                             [("Danh sách", df, ["Họ và tên", "Năm"], ["Ghi chú"])])
    >>> for row in load_workbook(p)["Danh sách"].iter_rows(values_only=True):
    ...     print(row)
    ('Hạn chế lưu hành — có dữ liệu cá nhân', None)
    ('Ghi chú', None)
    ('Họ và tên', 'Năm')
    ('Nguyễn Văn An', 2025)
    """
    path = Path(path)
    sheets = list(sheets)
    cells = sum(df.shape[0] * max(df.shape[1], 1) for _t, df, _h, _l in sheets)
    with xlsx_book(path, title=MARK, keywords=KEYWORDS, constant_memory=cells > IN_MEMORY_CELLS) as book:
        for title, df, headers, lines in sheets:
            restricted_sheet(book, title, df, headers, lines)
    return path


def _subject_names(data: CommuneData) -> pd.Series:
    """subject_id → a readable name for every kind of subject."""
    p = data.persons.set_index("person_id")["full_name"]
    h = data.households.set_index("household_id")["head_name"].map(lambda n: f"Hộ {n}" if pd.notna(n) else n)
    c = data.clans.set_index("clan_id")["name"]
    a = data.admin_units.set_index("unit_id")["name"]
    u = data.units.set_index("unit_id")["name"]
    return pd.concat([p, h, c, a, u]).astype("string").groupby(level=0).first()


def _left_out(n: int, purpose: str) -> str:
    return f"Không liệt kê {n} người chưa có phiếu đồng ý '{purpose}' còn hiệu lực." if n else ""


def write_named_lists(data: CommuneData, year: int, path: str | os.PathLike) -> Path:
    """Ghi danh sách được công nhận và được học bổng, khen thưởng năm ``year`` (có tên) vào tệp hạn chế lưu hành.

    >>> import tempfile, os
    >>> p = write_named_lists(CommuneData(), 2025, os.path.join(tempfile.mkdtemp(), "ds.xlsx"))
    >>> p.exists()
    True
    """
    names = _subject_names(data)
    recognise = consented(data, RECOGNITION)
    publish = consented(data, PUBLISH)
    r = data.recognitions
    r = r[r["year"] == year].copy()
    person = (r["model"] == "Công dân học tập").fillna(False).to_numpy(dtype=bool)
    ok_person = r["subject_id"].astype("string").isin(recognise).fillna(False).to_numpy(dtype=bool)
    left_out_rec = int((person & ~ok_person).sum())
    r = r[~person | ok_person]
    p = data.persons
    heads = p[(p["relation"] == "Chủ hộ").fillna(False).to_numpy(dtype=bool)]
    agreed_hh = set(heads.loc[heads["person_id"].astype("string").isin(recognise).fillna(False).to_numpy(dtype=bool),
                              "household_id"].astype(str))
    r["subject_name"] = r["subject_id"].map(names)
    unnamed = ((r["model"] == "Gia đình học tập").fillna(False)
               & ~r["subject_id"].astype("string").isin(agreed_hh).fillna(False))
    r.loc[unnamed.to_numpy(dtype=bool), "subject_name"] = "(chưa có đồng ý của chủ hộ: chỉ ghi mã)"
    rec = r[["model", "subject_id", "subject_name", "level", "decision_no", "decision_date", "authority"]].copy()
    rec["decision_date"] = rec["decision_date"].dt.strftime("%d/%m/%Y")
    a = data.awards
    a = a[a["date"].dt.year == year].copy()
    ok_award = a["person_id"].astype("string").isin(publish).fillna(False).to_numpy(dtype=bool)
    left_out_aw = int(a.loc[~ok_award, "person_id"].nunique())
    a = a[ok_award]
    a["full_name"] = a["person_id"].map(names)
    hh_village = data.households.set_index("household_id")["village_id"]
    village_name = data.admin_units.set_index("unit_id")["name"]
    person_hh = data.persons.set_index("person_id")["household_id"]
    a["village"] = a["person_id"].map(person_hh).map(hh_village).map(village_name)
    a["consent"] = "Có"
    a["date"] = a["date"].dt.strftime("%d/%m/%Y")
    aw = a[["full_name", "village", "kind", "amount", "date", "consent"]]
    path = Path(path)
    with xlsx_book(path, title=MARK, keywords=KEYWORDS) as book:
        restricted_sheet(book, "Danh hiệu được công nhận", rec, ["Mô hình", "Mã đối tượng", "Tên", "Mức độ",
                                                                "Số quyết định", "Ngày quyết định",
                                                                "Cơ quan công nhận"], [_left_out(left_out_rec, RECOGNITION)])
        restricted_sheet(book, "Học bổng, khen thưởng", aw, ["Họ và tên", "Thôn", "Loại", "Số tiền (đồng)",
                                                            "Ngày trao", "Đã đồng ý công bố"],
                         [_left_out(left_out_aw, PUBLISH)],
                         integers=["amount"])
    return path

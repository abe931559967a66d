"""Danh sách có tên người (công nhận danh hiệu, học bổng, khen thưởng): tệp riêng, hạn chế lưu hành.

These lists hold personal data (Luật 91/2025/QH15): they are never put in the
report sent upward. Every sheet is marked "Hạn chế lưu hành — có dữ liệu cá nhân",
and the award list says whether consent to publish was recorded.

Ví dụ::

    >>> MARK
    'Hạn chế lưu hành — có dữ liệu cá nhân'
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from ..atomic import atomic_path
from ..data import CommuneData
from .annex import write_frame

__all__ = ["MARK", "write_named_lists", "restricted_file_name"]

MARK = "Hạn chế lưu hành — có dữ liệu cá nhân"
PUBLISH = "Công bố danh sách khen thưởng, học bổng"


def restricted_file_name(year: int) -> str:
    """Tên tệp danh sách có tên người.

    >>> restricted_file_name(2025)
    'HAN-CHE-LUU-HANH_danh-sach-ca-nhan-2025.xlsx'
    """
    return f"HAN-CHE-LUU-HANH_danh-sach-ca-nhan-{year}.xlsx"


def _subject_names(data: CommuneData) -> pd.Series:
    """subject_id → a readable name for every kind of subject."""
    p = data.persons.set_index("person_id")["full_name"]
    h = data.households.set_index("household_id")["head_name"].map(lambda n: f"Hộ {n}" if pd.notna(n) else n)
    c = data.clans.set_index("clan_id")["name"]
    a = data.admin_units.set_index("unit_id")["name"]
    u = data.units.set_index("unit_id")["name"]
    return pd.concat([p, h, c, a, u]).astype("string").groupby(level=0).first()


def write_named_lists(data: CommuneData, year: int, path: str | os.PathLike) -> Path:
    """Ghi danh sách được công nhận và được học bổng, khen thưởng năm ``year`` (có tên) vào tệp hạn chế lưu hành.

    >>> import tempfile, os
    >>> p = write_named_lists(CommuneData(), 2025, os.path.join(tempfile.mkdtemp(), "ds.xlsx"))
    >>> p.exists()
    True
    """
    names = _subject_names(data)
    r = data.recognitions
    r = r[r["year"] == year].copy()
    r["subject_name"] = r["subject_id"].map(names)
    rec = r[["model", "subject_id", "subject_name", "level", "decision_no", "decision_date", "authority"]].copy()
    rec["decision_date"] = rec["decision_date"].dt.strftime("%d/%m/%Y")
    a = data.awards
    a = a[a["date"].dt.year == year].copy()
    a["full_name"] = a["person_id"].map(names)
    hh_village = data.households.set_index("household_id")["village_id"]
    village_name = data.admin_units.set_index("unit_id")["name"]
    person_hh = data.persons.set_index("person_id")["household_id"]
    a["village"] = a["person_id"].map(person_hh).map(hh_village).map(village_name)
    cons = data.consents
    ok = cons[(cons["purpose"] == PUBLISH) & cons["withdrawn"].isna() & cons["subject_agrees"].fillna(False)
              & (cons["guardian_id"].isna() | cons["guardian_agrees"].fillna(False))]
    a["consent"] = a["person_id"].isin(set(ok["person_id"])).map({True: "Có", False: "Chưa có"})
    a["date"] = a["date"].dt.strftime("%d/%m/%Y")
    aw = a[["full_name", "village", "kind", "amount", "date", "consent"]]
    wb = Workbook()
    wb.remove(wb.active)
    write_frame(wb, "Danh hiệu được công nhận", rec, ["Mô hình", "Mã đối tượng", "Tên", "Mức độ", "Số quyết định",
                                                     "Ngày quyết định", "Cơ quan công nhận"], note=MARK)
    write_frame(wb, "Học bổng, khen thưởng", aw, ["Họ và tên", "Thôn", "Loại", "Số tiền (đồng)", "Ngày trao",
                                                 "Đã đồng ý công bố"], integers=["amount"], note=MARK)
    for ws in wb.worksheets:
        ws["A1"].font = Font(bold=True, color="C00000", size=13)
        ws.oddHeader.center.text = MARK
    wb.properties.title = MARK
    wb.properties.keywords = "han che luu hanh; du lieu ca nhan"
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path

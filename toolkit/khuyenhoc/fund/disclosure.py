"""Công khai thu, chi Quỹ Khuyến học: bảng công khai (.xlsx) và thông báo (.docx, thể thức Nghị định 30/2020).

No official disclosure form of the association was found (NOT FOUND in the domain
notes): both files are a clearly labelled *suggested* template. They hold
aggregates only — receipts by source, spending by purpose, awards by kind, the
balance — never a donor's or a recipient's name (see docs/quyet-dinh.md).

Ví dụ::

    >>> SUGGESTED
    'MẪU GỢI Ý — chưa có mẫu chính thức của Hội; xã sửa cho phù hợp quy chế quản lý quỹ của mình'
    >>> disclosure_rows_headers()
    ['TT', 'Nội dung', 'Số khoản', 'Số tiền (đồng)', 'Tỷ lệ (%)']
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, Mapping

import pandas as pd
import yaml
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .. import yaml_text
from ..atomic import atomic_path
from ..indicators.vnformat import ngay, ngay_thang_nam, phan_tram, so, tien
from ..nd30 import Header, Nd30Document, Signature
from ..report_settings import ReportSettings, SettingsError, load_settings
from .ledger import MONTH_COLUMNS, Ledger

__all__ = ["write_disclosure_sheet", "write_disclosure_notice", "disclosure_rows", "disclosure_rows_headers",
           "notice_settings", "SUGGESTED", "NOTICE_DEFAULTS"]

SUGGESTED = "MẪU GỢI Ý — chưa có mẫu chính thức của Hội; xã sửa cho phù hợp quy chế quản lý quỹ của mình"
PUBLIC_NOTE = "Số liệu tổng hợp; không có tên người đóng góp, người nhận (Luật 91/2025/QH15)."

#: Variables of the notice that differ from the annual report's defaults (``bao_cao_mac_dinh.yaml``).
NOTICE_DEFAULTS: dict[str, Any] = {
    "loai_van_ban": "THÔNG BÁO",
    "ky_hieu_loai": "TB",
    "trich_yeu": ["Công khai tình hình thu, chi Quỹ Khuyến học năm {nam}"],
    "mo_dau": ("Căn cứ quy chế quản lý, sử dụng Quỹ Khuyến học của Hội Khuyến học {xa} [ghi số, ngày ban hành "
               "quy chế], Ban Chấp hành Hội Khuyến học {xa} thông báo công khai tình hình thu, chi Quỹ Khuyến học "
               "năm {nam} như sau:"),
    "noi_nhan": ["{co_quan_chu_quan_thuong} (để báo cáo);", "Đảng ủy, UBND xã (để báo cáo);",
                 "Các chi hội khuyến học (để niêm yết);", "Ban Kiểm tra Hội (để giám sát);", "Lưu: VT."],
}
POSTING = ("Thông báo này được niêm yết tại trụ sở Ủy ban nhân dân xã, nhà văn hóa các thôn và đăng trên trang "
           "thông tin của xã [sửa cho đúng nơi niêm yết, thời gian niêm yết theo quy chế của Hội]. Ý kiến về "
           "thu, chi quỹ xin gửi Ban Chấp hành hoặc Ban Kiểm tra Hội Khuyến học xã.")


def disclosure_rows_headers() -> list[str]:
    return ["TT", "Nội dung", "Số khoản", "Số tiền (đồng)", "Tỷ lệ (%)"]


def disclosure_rows(led: Ledger) -> list[tuple[str, str, int | None, int | None, float | None, bool]]:
    """Các dòng của bảng công khai: (TT, nội dung, số khoản, số tiền, tỷ lệ %, in đậm).

    >>> from khuyenhoc.fund.ledger import Ledger
    >>> import pandas as pd
    >>> e = pd.DataFrame({"source": [], "count": [], "amount": [], "share": []})
    >>> u = pd.DataFrame({"purpose": [], "payments": [], "amount": [], "share": []})
    >>> k = pd.DataFrame({"kind": [], "count": [], "amount": []})
    >>> led = Ledger("X", "Xã A", "Tỉnh B", 2025, 100, "", e, u, k, pd.DataFrame(), pd.DataFrame(), None, None)
    >>> [r[1] for r in disclosure_rows(led)]
    ['Số dư đầu kỳ', 'Tổng thu trong năm', 'Tổng chi trong năm', 'Số dư cuối kỳ (I + II − III)']
    """
    rows: list[tuple] = [("I", "Số dư đầu kỳ", None, led.opening, None, True)]
    rows.append(("II", "Tổng thu trong năm", int(led.receipts_by_source["count"].sum()), led.total_receipts,
                 100.0 if led.total_receipts else None, True))
    for i, r in enumerate(led.receipts_by_source.itertuples(), start=1):
        rows.append((str(i), r.source, int(r.count), int(r.amount), _f(r.share), False))
    rows.append(("III", "Tổng chi trong năm", int(led.spending_by_purpose["payments"].sum()), led.total_spending,
                 100.0 if led.total_spending else None, True))
    for i, r in enumerate(led.spending_by_purpose.itertuples(), start=1):
        rows.append((str(i), r.purpose, int(r.payments), int(r.amount), _f(r.share), False))
    if len(led.awards_by_kind):
        rows.append(("", "Trong đó, chi học bổng, khen thưởng (số suất):", None, None, None, False))
        for r in led.awards_by_kind.itertuples():
            rows.append(("", f"- {r.kind}", int(r.count), int(r.amount), None, False))
    rows.append(("IV", "Số dư cuối kỳ (I + II − III)", None, led.closing, None, True))
    return rows


def _f(v) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


def _period(led: Ledger) -> str:
    end = dt.date(led.year, 12, 31) if led.complete or led.last_date is None else led.last_date.date()
    return f"Từ ngày 01/01/{led.year} đến ngày {ngay(end)}"


# --------------------------------------------------------------------------- xlsx
#: Number formats tagged with the Vietnamese locale (LCID 042A): 1.234.567 and 43,5 whatever the reader's settings.
VN_INT, VN_DEC = "[$-42A]#,##0", "[$-42A]0.0"
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def write_disclosure_sheet(led: Ledger, path: str | os.PathLike) -> Path:
    """Ghi bảng công khai thu, chi quỹ (.xlsx, trang 'Công khai thu chi' và 'Thu chi theo tháng').

    >>> import tempfile, os
    >>> from openpyxl import load_workbook
    >>> from khuyenhoc import sample
    >>> from khuyenhoc.fund import ledger
    >>> p = write_disclosure_sheet(ledger(sample.load("mau"), 2025), os.path.join(tempfile.mkdtemp(), "cong-khai.xlsx"))
    >>> load_workbook(p).sheetnames
    ['Công khai thu chi', 'Thu chi theo tháng']
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "Công khai thu chi"
    heads = disclosure_rows_headers()
    lines = [(f"HỘI KHUYẾN HỌC {led.commune_name.upper()}", Font(bold=True, size=12)),
             (f"CÔNG KHAI THU, CHI QUỸ KHUYẾN HỌC NĂM {led.year}", Font(bold=True, size=14)),
             (f"({_period(led)})", Font(italic=True)),
             (PUBLIC_NOTE, Font(italic=True)),
             (SUGGESTED, Font(italic=True, color="7F7F7F"))]
    for i, (text, font) in enumerate(lines, start=1):
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=len(heads))
        c = ws.cell(row=i, column=1, value=text)
        c.font = font
        c.alignment = Alignment(horizontal="center")
    top = len(lines) + 2
    for j, h in enumerate(heads, start=1):
        c = ws.cell(row=top, column=j, value=h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDEBF7")
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = _BOX
    for i, (tt, label, n, amount, share, bold) in enumerate(disclosure_rows(led), start=top + 1):
        for j, v in enumerate((tt, label, n, amount, share), start=1):
            c = ws.cell(row=i, column=j, value=v)
            c.border = _BOX
            c.font = Font(bold=bold)
            if j in (3, 4) and v is not None:
                c.number_format = VN_INT
            if j == 5 and v is not None:
                c.number_format = VN_DEC
            if j == 1:
                c.alignment = Alignment(horizontal="center")
    end = top + len(disclosure_rows(led)) + 2
    ws.cell(row=end, column=1, value=f"Số dư đầu kỳ: {led.opening_note}.").font = Font(italic=True)
    ws.cell(row=end + 1, column=1, value=f"Lập ngày {ngay(dt.date.today())}.").font = Font(italic=True)
    for j, w in enumerate((6, 52, 11, 18, 11), start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = ws.cell(row=top + 1, column=1)
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0

    wm = wb.create_sheet("Thu chi theo tháng")
    wm.cell(row=1, column=1, value=f"{led.commune_name} — thu, chi quỹ khuyến học theo tháng, năm {led.year}. "
            + PUBLIC_NOTE).font = Font(italic=True)
    for j, h in enumerate(MONTH_COLUMNS.values(), start=1):
        c = wm.cell(row=3, column=j, value=h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDEBF7")
    for i, r in enumerate(led.monthly.itertuples(index=False), start=4):
        for j, v in enumerate(r, start=1):
            c = wm.cell(row=i, column=j, value=int(v))
            if j > 1:
                c.number_format = VN_INT
    for j, w in enumerate((8, 16, 16, 24), start=1):
        wm.column_dimensions[get_column_letter(j)].width = w
    wb.properties.title = f"Công khai thu chi quỹ khuyến học năm {led.year} — {led.commune_name}"
    wb.properties.description = SUGGESTED
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


# --------------------------------------------------------------------------- docx
def _read_overrides(overrides: Mapping[str, Any] | str | os.PathLike | None) -> dict[str, Any]:
    if overrides is None:
        return {}
    if isinstance(overrides, Mapping):
        return dict(overrides)
    p = Path(overrides)
    try:
        raw = yaml_text.load(p.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise SettingsError(f"Không tìm thấy tệp mẫu văn bản '{p}'.") from None
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise SettingsError(f"Tệp '{p}' không đúng dạng YAML (UTF-8): {e}") from None
    if not isinstance(raw, dict):
        raise SettingsError(f"Tệp '{p}' phải gồm các dòng 'tên: giá trị'.")
    return raw


def notice_settings(led: Ledger, overrides: Mapping[str, Any] | str | os.PathLike | None = None) -> ReportSettings:
    """Biến mẫu của thông báo công khai: mặc định của báo cáo năm, đổi loại văn bản, ghi đè bằng dict/tệp YAML.

    >>> from khuyenhoc.fund.ledger import Ledger
    >>> led = Ledger("X", "Xã Hòa Mẫu", "Tỉnh Hồng Lam", 2025, 0, "", *([None] * 6), None, None)
    >>> s = notice_settings(led, {"so": 3})
    >>> s.number_symbol(), s.trich_yeu
    ('Số: 3/TB-HKH', ['Công khai tình hình thu, chi Quỹ Khuyến học năm 2025'])
    """
    s = load_settings({**NOTICE_DEFAULTS, **_read_overrides(overrides)})
    name = led.commune_name
    ten_xa = name.split(" ", 1)[1] if " " in name else name
    low = lambda x: x[:1].lower() + x[1:]  # noqa: E731
    return s.filled(xa=low(name), ten_xa=ten_xa, tinh=low(led.province_name), nam=led.year, nam_sau=led.year + 1)


def write_disclosure_notice(led: Ledger, path: str | os.PathLike, *,
                            settings: Mapping[str, Any] | str | os.PathLike | None = None,
                            posting: str = POSTING) -> Path:
    """Ghi thông báo công khai thu, chi quỹ (.docx, thể thức Nghị định 30/2020, có ghi rõ là mẫu gợi ý).

    >>> import tempfile, os, docx
    >>> from khuyenhoc import sample
    >>> from khuyenhoc.fund import ledger
    >>> p = write_disclosure_notice(ledger(sample.load("mau"), 2025), os.path.join(tempfile.mkdtemp(), "tb.docx"))
    >>> any("MẪU GỢI Ý" in x.text for x in docx.Document(p).paragraphs)
    True
    """
    s = notice_settings(led, settings)
    doc = Nd30Document()
    when = s.ngay or dt.date.today()
    doc.header(Header(parent_body=s.co_quan_chu_quan, issuer=s.co_quan_ban_hanh, number_symbol=s.number_symbol(),
                      place_date=f"{s.dia_danh}, {ngay_thang_nam(when)}"))
    doc.title(s.loai_van_ban, s.trich_yeu)
    doc.paragraph(f"({SUGGESTED}.)", italic=True, indent=False, align="center", size=12)
    doc.paragraph(s.mo_dau)
    doc.paragraph(f"1. Số dư đầu kỳ (01/01/{led.year}): {tien(led.opening)} ({led.opening_note}).", indent=True)
    doc.paragraph(f"2. Tổng thu trong năm: {tien(led.total_receipts)}"
                  + (f", bình quân {so(led.per_head)} đồng/người dân." if led.per_head else "."), indent=True)
    doc.paragraph(f"3. Tổng chi trong năm: {tien(led.total_spending)}.", indent=True)
    n_aw, v_aw = int(led.awards_by_kind["count"].sum()), int(led.awards_by_kind["amount"].sum())
    if n_aw:
        doc.paragraph(f"Trong đó chi trao {so(n_aw)} suất học bổng, khen thưởng với tổng giá trị {tien(v_aw)}.")
    out = led.awards_outside
    if out is not None and len(out):
        doc.paragraph(f"Ngoài quỹ, các nhà hảo tâm trao trực tiếp {so(int(out['count'].sum()))} suất học bổng, "
                      f"khen thưởng trị giá {tien(int(out['amount'].sum()))} (không qua sổ quỹ).")
    doc.paragraph(f"4. Số dư cuối kỳ: {tien(led.closing)}.", indent=True)
    doc.paragraph(f"Chi tiết theo nguồn thu và nội dung chi ({_period(led).lower()}):", indent=True)
    rows = [(tt, label, "" if n is None else so(n), "" if a is None else so(a),
             "" if sh is None else phan_tram(sh).removesuffix("%")) for tt, label, n, a, sh, _ in disclosure_rows(led)]
    doc.table(disclosure_rows_headers(), rows, widths_cm=[1.2, 8.0, 2.0, 3.3, 2.0],
              numeric=[False, False, True, True, True],
              caption=f"Bảng: Thu, chi Quỹ Khuyến học năm {led.year} (đơn vị: đồng)")
    doc.paragraph(PUBLIC_NOTE, italic=True)
    doc.paragraph(posting)
    doc.signature(Signature(authority=s.tham_quyen, title=s.chuc_vu, name=s.nguoi_ky, recipients=s.noi_nhan))
    doc.doc.core_properties.title = f"Thông báo công khai thu chi quỹ khuyến học năm {led.year}"
    doc.doc.core_properties.comments = SUGGESTED
    return doc.save(path)


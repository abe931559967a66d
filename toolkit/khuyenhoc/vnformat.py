"""Định dạng số, tiền và ngày theo kiểu Việt Nam: 1.234.567 đ, 19,5%, 05/01/2027.

The one place that writes numbers and dates for people: the engine's
explanations, the charts, the reports, the workbooks and the CLI all use it, so
that every number a person reads looks the same everywhere. A leaf module: it
imports nothing from the toolkit.

Ví dụ::

    >>> so(1234567)
    '1.234.567'
    >>> tien(50000)
    '50.000 đ'
    >>> phan_tram(19.456)
    '19,5%'
"""

from __future__ import annotations

import datetime as _dt
import math

import pandas as pd

__all__ = ["so", "so_gon", "tien", "phan_tram", "ngay", "gia_tri", "ngay_thang_nam", "so_theo_don_vi", "fmt_number",
           "fmt_value", "fmt_requirement", "OP_TEXT"]

#: Comparison signs as printed in requirements ("≥ 90%").
OP_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}


def _missing(x) -> bool:
    if x is None or x is pd.NA:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def so(x, decimals: int = 0, missing: str = "–") -> str:
    """Số viết kiểu Việt Nam: dấu chấm ngăn nghìn, dấu phẩy thập phân.

    >>> so(1234567.891, 2)
    '1.234.567,89'
    >>> so(None)
    '–'
    """
    if _missing(x):
        return missing
    x = float(x)
    if decimals == 0:
        x = math.floor(x + 0.5) if x >= 0 else -math.floor(-x + 0.5)
    s = f"{x:,.{decimals}f}"  # 1,234,567.89
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def tien(x, missing: str = "–") -> str:
    """Số tiền (đồng), làm tròn đến đồng.

    >>> tien(1250000)
    '1.250.000 đ'
    """
    return missing if _missing(x) else f"{so(x)} đ"


def phan_tram(x, decimals: int = 1, missing: str = "–") -> str:
    """Tỷ lệ phần trăm với một chữ số thập phân.

    >>> phan_tram(80)
    '80,0%'
    """
    return missing if _missing(x) else f"{so(x, decimals)}%"


def gia_tri(x, unit: str, missing: str = "–") -> str:
    """Giá trị của một chỉ tiêu theo đơn vị tính của nó.

    >>> gia_tri(62500, "đồng/người")
    '62.500 đồng/người'
    >>> gia_tri(41.666, "%")
    '41,7%'
    >>> gia_tri(3, "lớp")
    '3 lớp'
    """
    if _missing(x):
        return missing
    if unit == "%":
        return phan_tram(x)
    decimals = 0 if float(x) == int(float(x)) or abs(float(x)) >= 100 else 1
    return f"{so(x, decimals)} {unit}".strip()


def ngay(d, missing: str = "–") -> str:
    """Ngày dạng dd/mm/yyyy.

    >>> ngay(_dt.date(2027, 1, 5))
    '05/01/2027'
    """
    if _missing(d):
        return missing
    return pd.Timestamp(d).strftime("%d/%m/%Y")


def ngay_thang_nam(d) -> str:
    """Ngày trong dòng địa danh của văn bản: 'ngày 05 tháng 01 năm 2027'.

    Nghị định 30/2020: ngày 01–09 và tháng 01–02 viết có số 0 ở trước.

    >>> ngay_thang_nam(_dt.date(2027, 1, 5))
    'ngày 05 tháng 01 năm 2027'
    >>> ngay_thang_nam(_dt.date(2026, 12, 15))
    'ngày 15 tháng 12 năm 2026'
    """
    d = pd.Timestamp(d)
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def so_theo_don_vi(x, unit: str, missing: str = "–") -> str:
    """Con số của một chỉ tiêu (không kèm đơn vị): tỷ lệ 1 chữ số thập phân, số đếm và tiền làm tròn.

    >>> so_theo_don_vi(41.6667, "%"), so_theo_don_vi(75000, "đồng/người"), so_theo_don_vi(8, "người")
    ('41,7', '75.000', '8')
    """
    if _missing(x):
        return missing
    return so(x, 1 if unit == "%" else 0)


def so_gon(x, decimals: int = 1, missing: str = "–") -> str:
    """Số kiểu Việt Nam, bỏ phần thập phân bằng 0: '1.234,5', '80'.

    >>> so_gon(1234.5), so_gon(80.0), so_gon(None)
    ('1.234,5', '80', '–')
    """
    if _missing(x):
        return missing
    s = f"{float(x):,.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


#: The engine's name for :func:`so_gon` (explanations of assessments).
fmt_number = so_gon


def fmt_value(x, unit: str) -> str:
    """Giá trị của một chỉ số kèm đơn vị (%, điểm, Có/Không, số, mức).

    >>> fmt_value(92.5, "%"), fmt_value(1.0, "có/không"), fmt_value(8.0, "điểm"), fmt_value(None, "%")
    ('92,5%', 'Có', '8 điểm', 'không có số liệu')
    """
    if _missing(x):
        return "không có số liệu"
    if unit == "%":
        return f"{so_gon(x)}%"
    if unit == "có/không":
        return "Có" if x >= 0.5 else "Không"
    if unit == "điểm":
        return f"{so_gon(x)} điểm"
    if unit == "mức":
        return f"mức {so_gon(x)}"
    return so_gon(x)


def fmt_requirement(op: str, threshold, unit: str) -> str:
    """Yêu cầu của một chỉ số, ví dụ '≥ 90%' hoặc 'Có'.

    >>> fmt_requirement(">=", 90, "%"), fmt_requirement(">=", 1, "có/không"), fmt_requirement(">=", None, "%")
    ('≥ 90%', 'Có', 'chưa đặt ngưỡng')
    """
    if _missing(threshold):
        return "chưa đặt ngưỡng"
    if unit == "có/không":
        return "Có" if (op in (">=", "==") and threshold >= 0.5) else "Không"
    return f"{OP_TEXT[op]} {fmt_value(threshold, unit)}"

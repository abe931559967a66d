"""Định dạng số, tiền và ngày theo kiểu Việt Nam: 1.234.567 đ, 19,5%, 05/01/2027.

Used by the charts, the reports and the CLI so that every number a person reads
looks the same everywhere.

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

__all__ = ["so", "tien", "phan_tram", "ngay", "gia_tri", "ngay_thang_nam", "so_theo_don_vi"]


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

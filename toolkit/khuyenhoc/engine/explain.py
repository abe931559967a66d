"""Viết giá trị, ngưỡng và lời giải thích bằng tiếng Việt (19,5%; 8 điểm; Có/Không).

Formatting is done once per distinct value (there are few: shares of small
households, 0–10 scores, yes/no), then spread to every row with ``take`` — no
per-row Python.

Ví dụ::

    >>> fmt_value(92.5, "%"), fmt_value(1.0, "có/không"), fmt_value(8.0, "điểm")
    ('92,5%', 'Có', '8 điểm')
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

OP_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}


def fmt_number(x: float, decimals: int = 1) -> str:
    """Số kiểu Việt Nam: dấu chấm ngăn nghìn, dấu phẩy thập phân, bỏ ",0".

    >>> fmt_number(1234.5), fmt_number(80.0)
    ('1.234,5', '80')
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    s = f"{float(x):,.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_value(x: float, unit: str) -> str:
    """Giá trị kèm đơn vị (%, điểm, Có/Không, số, mức)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "không có số liệu"
    if unit == "%":
        return f"{fmt_number(x)}%"
    if unit == "có/không":
        return "Có" if x >= 0.5 else "Không"
    if unit == "điểm":
        return f"{fmt_number(x)} điểm"
    if unit == "mức":
        return f"mức {fmt_number(x)}"
    return fmt_number(x)


def fmt_requirement(op: str, threshold: float | None, unit: str) -> str:
    """Yêu cầu, ví dụ '≥ 90%' hoặc 'Có'."""
    if threshold is None or (isinstance(threshold, float) and math.isnan(threshold)):
        return "chưa đặt ngưỡng"
    if unit == "có/không":
        return "Có" if (op in (">=", "==") and threshold >= 0.5) else "Không"
    return f"{OP_TEXT[op]} {fmt_value(threshold, unit)}"


def by_value_codes(values: np.ndarray, make) -> tuple[np.ndarray, np.ndarray]:
    """(mã, các chuỗi): ``make(value)`` tính một lần cho mỗi giá trị khác nhau; dòng i có chuỗi ``texts[codes[i]]``."""
    codes, uniques = pd.factorize(pd.Series(values), use_na_sentinel=True)
    texts = np.array([make(float(u)) for u in uniques] + [make(float("nan"))], dtype=object)
    return np.where(codes < 0, len(uniques), codes).astype(np.int64), texts


def by_value(values: np.ndarray, make) -> np.ndarray:
    """Áp ``make(value)`` cho từng giá trị khác nhau rồi trải ra mọi dòng (giá trị trống → ``make(nan)``)."""
    codes, texts = by_value_codes(values, make)
    return texts[codes]


def join_pieces(acc: np.ndarray, piece: np.ndarray, sep: str = ", ") -> np.ndarray:
    """Nối ``piece`` vào ``acc`` theo từng dòng (bỏ qua chuỗi rỗng), có dấu ngăn cách."""
    has_acc = acc != ""
    has_piece = piece != ""
    glue = np.where(has_acc & has_piece, sep, "").astype(object)
    return acc + glue + piece


def isin(values, candidates) -> np.ndarray:
    """Mặt nạ 'giá trị nằm trong danh sách' dùng bảng băm (nhanh với chuỗi, khác ``np.isin`` trên mảng object)."""
    cands = list(candidates) if not isinstance(candidates, (list, tuple)) else candidates
    return pd.Index(np.asarray(values, dtype=object)).isin(list(cands)).astype(bool)

"""Các phép trên mảng dùng chung (numpy/pandas): mỗi giá trị khác nhau tính một lần, nối chuỗi theo dòng,
kiểm tra "nằm trong danh sách" nhanh với chuỗi.

A leaf module: it imports nothing from the toolkit. The engine's explanations
and the evidence checks use it.

Ví dụ::

    >>> by_value(np.array([1.0, 2.0, 1.0]), lambda v: f"{v:g} điểm").tolist()
    ['1 điểm', '2 điểm', '1 điểm']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["by_value_codes", "by_value", "join_pieces", "isin"]


def by_value_codes(values, make) -> tuple[np.ndarray, np.ndarray]:
    """(mã, các chuỗi): ``make(value)`` tính một lần cho mỗi giá trị khác nhau; dòng i có chuỗi ``texts[codes[i]]``.

    Missing values get the last text, ``make(nan)``.

    >>> codes, texts = by_value_codes(np.array([5.0, np.nan, 5.0]), lambda v: "trống" if v != v else f"{v:g}")
    >>> codes.tolist(), texts.tolist()
    ([0, 1, 0], ['5', 'trống'])
    """
    codes, uniques = pd.factorize(pd.Series(values), use_na_sentinel=True)
    texts = np.array([make(float(u)) for u in uniques] + [make(float("nan"))], dtype=object)
    return np.where(codes < 0, len(uniques), codes).astype(np.int64), texts


def by_value(values, make) -> np.ndarray:
    """Áp ``make(value)`` cho từng giá trị khác nhau rồi trải ra mọi dòng (giá trị trống → ``make(nan)``).

    >>> by_value(np.array([np.nan, 3.0]), lambda v: "–" if v != v else str(int(v))).tolist()
    ['–', '3']
    """
    codes, texts = by_value_codes(values, make)
    return texts[codes]


def join_pieces(acc: np.ndarray, piece: np.ndarray, sep: str = ", ") -> np.ndarray:
    """Nối ``piece`` vào ``acc`` theo từng dòng (bỏ qua chuỗi rỗng), có dấu ngăn cách.

    >>> join_pieces(np.array(["a", "", "b"], dtype=object), np.array(["x", "y", ""], dtype=object)).tolist()
    ['a, x', 'y', 'b']
    """
    has_acc = acc != ""
    has_piece = piece != ""
    glue = np.where(has_acc & has_piece, sep, "").astype(object)
    return acc + glue + piece


def isin(values, candidates) -> np.ndarray:
    """Mặt nạ 'giá trị nằm trong danh sách' dùng bảng băm (nhanh với chuỗi, khác ``np.isin`` trên mảng object).

    >>> isin(["Có", "Không", None], {"Có"}).tolist()
    [True, False, False]
    """
    cands = list(candidates) if not isinstance(candidates, (list, tuple)) else candidates
    return pd.Index(np.asarray(values, dtype=object)).isin(list(cands)).astype(bool)

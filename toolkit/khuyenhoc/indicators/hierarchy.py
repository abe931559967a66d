"""Cây đơn vị hành chính: tìm đơn vị cấp trên (thôn → xã → tỉnh) của mỗi đơn vị.

The tree is data (``admin_units``), so the levels are read from it, never assumed.

Ví dụ::

    >>> import pandas as pd
    >>> au = pd.DataFrame({"unit_id": ["T", "X", "A"], "level": ["tỉnh", "xã", "thôn"],
    ...                    "parent_id": [None, "T", "X"]})
    >>> ancestors(au)["xã"].tolist()
    [<NA>, 'X', 'X']
"""

from __future__ import annotations

import pandas as pd

from ..schema import ADMIN_LEVELS

__all__ = ["ancestors", "LEVELS"]

#: Levels from the top of the tree to the bottom.
LEVELS: tuple[str, ...] = ADMIN_LEVELS


def ancestors(admin_units: pd.DataFrame) -> pd.DataFrame:
    """Bảng: mỗi đơn vị (index ``unit_id``) với mã đơn vị cấp tỉnh, xã, thôn chứa nó (hoặc chính nó).

    >>> au = pd.DataFrame({"unit_id": ["T", "X"], "level": ["tỉnh", "xã"], "parent_id": [None, "T"]})
    >>> ancestors(au).loc["X", "tỉnh"]
    'T'
    """
    au = admin_units.drop_duplicates("unit_id").set_index("unit_id")
    parent = au["parent_id"].astype("string")
    level = au["level"].astype("string")
    out = pd.DataFrame(index=au.index, columns=list(LEVELS), dtype="string")
    current = pd.Series(au.index, index=au.index, dtype="string")
    # walk up the tree; depth is bounded by the number of units, in practice 3
    for _ in range(len(LEVELS) + 5):
        cur_level = current.map(level)
        for lv in LEVELS:
            hit = (cur_level == lv).fillna(False) & out[lv].isna()
            out.loc[hit[hit].index, lv] = current[hit]
        current = current.map(parent)
        if current.isna().all():
            break
    return out

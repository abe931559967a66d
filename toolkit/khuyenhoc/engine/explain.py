"""Viết giá trị, ngưỡng và lời giải thích bằng tiếng Việt (19,5%; 8 điểm; Có/Không).

Formatting is done once per distinct value (there are few: shares of small
households, 0–10 scores, yes/no), then spread to every row with ``take`` — no
per-row Python. The formatting itself lives in the leaf module
``khuyenhoc.vnformat`` and the array helpers in ``khuyenhoc.arrays``; they are
re-exported here for the engine's modules.

Ví dụ::

    >>> fmt_value(92.5, "%"), fmt_value(1.0, "có/không"), fmt_value(8.0, "điểm")
    ('92,5%', 'Có', '8 điểm')
"""

from __future__ import annotations

from ..arrays import by_value, by_value_codes, isin, join_pieces
from ..vnformat import OP_TEXT, fmt_number, fmt_requirement, fmt_value

__all__ = ["OP_TEXT", "fmt_number", "fmt_value", "fmt_requirement", "by_value_codes", "by_value", "join_pieces",
           "isin"]

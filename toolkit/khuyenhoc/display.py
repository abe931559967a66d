"""Bảng hiện cho người đọc: tên cột tiếng Việt, giá trị tiếng Việt, số và ngày viết kiểu Việt Nam.

One helper for every table shown in the lessons, the assignments and their feedback: ``table(df)`` returns a copy
whose headers are Vietnamese (from the labels the toolkit already keeps: the data model's headers, the engine's,
the indicators', the evidence gaps', the roll-up's) and whose cells read the Vietnamese way: ``True`` → "Có"
(or "Đạt" in a column that says whether something is met), a missing value → "–" (never ``<NA>`` or ``NaN``),
1234567 → "1.234.567", 19.456 → "19,5", a date → dd/mm/yyyy, a problem code → its Vietnamese label.
``show(df)`` displays that table without the row numbers.

The copy is for reading only: compute on the original table, show with ``table``/``show``.

Ví dụ::

    >>> import pandas as pd
    >>> df = pd.DataFrame({"unit_name": ["Thôn Đông", "Thôn Tây"], "value": [71.25, None], "target": [70, 70],
    ...                    "met": [True, pd.NA]})
    >>> table(df)
          Đơn vị Giá trị Mức phấn đấu Đạt chỉ tiêu
    0  Thôn Đông    71,3           70          Đạt
    1   Thôn Tây       –           70            –
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import numbers
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from .indicators.vnformat import so

__all__ = ["table", "show", "label", "labels", "value_text", "EXTRA_LABELS", "VALUE_LABELS", "MISSING"]

#: What an empty cell shows.
MISSING = "–"

#: Labels of columns that the toolkit's own label maps do not name (or name differently in each).
EXTRA_LABELS = {
    "id": "Mã", "name": "Tên", "model": "Mô hình", "provenance": "Nguồn gốc bộ tiêu chí", "rule": "Cách xét",
    "indicators": "Số chỉ số", "unset_thresholds": "Ngưỡng địa phương chưa đặt", "documents": "Văn bản",
    "catalogue_id": "Mã bộ tiêu chí", "assessed": "Số được đánh giá", "undecided": "Chưa kết luận",
    "rate": "Tỉ lệ (%)", "distribution": "Phân bố kết quả", "description": "Mô tả", "order": "Thứ tự",
    "levels": "Các cấp", "group": "Mã nhóm", "group_name": "Nhóm", "numerator": "Tử số", "denominator": "Mẫu số",
    "factor": "Hệ số", "unit": "Đơn vị tính", "direction": "Chiều so sánh", "source": "Nguồn", "status": "Tình trạng",
    "reference": "Mức so sánh", "gap": "Chênh lệch", "year": "Năm", "date": "Ngày", "kind": "Loại",
    "topic": "Nội dung", "purpose": "Nội dung chi", "type": "Loại minh chứng", "file": "Tệp", "issuer": "Nơi cấp",
    "problem": "Vấn đề", "village": "Thôn", "sheet": "Trang", "row": "Dòng", "column": "Cột", "code": "Loại vấn đề",
    "severity": "Mức độ", "message": "Nội dung", "fix": "Cách sửa", "file_name": "Tệp", "column_letter": "Cột (chữ)",
    "repeat": "Số lần", "next_step": "Bước tiếp theo", "deadline": "Hạn", "state": "Tình trạng",
    "decision_no": "Số quyết định", "decision_date": "Ngày quyết định", "expiry": "Hết hạn", "basis": "Căn cứ",
    "target": "Mức phấn đấu", "met": "Đạt chỉ tiêu", "value": "Giá trị", "count": "Số lượng", "total": "Tổng",
    "share": "Tỉ lệ (%)", "label": "Nội dung", "title": "Danh hiệu", "step": "Bước", "days": "Số ngày",
    "amount": "Số tiền", "people": "Số người", "households": "Số hộ", "members": "Số hội viên",
}

_MET = {True: "Đạt", False: "Chưa đạt"}
_YES = {True: "Có", False: "Không"}

#: Column → {code value → Vietnamese}; columns not listed show booleans as Có/Không.
VALUE_LABELS: dict[str, dict] = {
    "met": _MET, "recognised": {True: "Được công nhận", False: "Chưa"}, "passed": _MET,
    "direction": {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "=", "=": "="},
    "provenance": {"official": "Chính thức", "reconstructed": "Bản dựng lại"},
    "basis": {"read": "Đã đọc văn bản", "inferred": "Suy luận", "not_found": "Chưa tìm thấy văn bản"},
    "rule": {"all": "Đạt mọi tiêu chí", "points": "Tính điểm", "levels": "Theo mức độ", "rating": "Xếp loại"},
    "level": {"village": "Thôn", "commune": "Xã", "district": "Huyện", "province": "Tỉnh", "country": "Toàn quốc"},
    "levels": {"village": "Thôn", "commune": "Xã", "district": "Huyện", "province": "Tỉnh"},
}


def _problem_codes() -> dict[str, str]:
    from .problems import CODES
    return {code: lab for code, (_sev, lab) in CODES.items()}


@functools.lru_cache(maxsize=1)
def labels() -> dict[str, str]:
    """Mọi tên cột của bộ công cụ → tên tiếng Việt (gộp các bảng tên sẵn có, thêm ``EXTRA_LABELS``).

    >>> labels()["unit_name"], labels()["subject_id"], labels()["accepted_types"]
    ('Đơn vị', 'Mã đối tượng', 'Minh chứng cần có')
    """
    from .engine.result import HEADERS as ENGINE
    from .evidence.gaps import GAP_HEADERS
    from .indicators import COLUMN_LABELS as INDICATORS
    from .rollup import HEADERS as ROLLUP
    from .schema import SCHEMA

    out: dict[str, str] = {}
    seen: dict[str, set[str]] = {}
    for t in SCHEMA.tables:
        for c in t.columns:
            seen.setdefault(c.name, set()).add(c.header)
    out.update({k: next(iter(v)) for k, v in seen.items() if len(v) == 1})  # ambiguous ones: EXTRA_LABELS
    for m in (ENGINE, GAP_HEADERS, ROLLUP, INDICATORS):
        out.update(m)
    out.update({k: v for k, v in EXTRA_LABELS.items() if k not in out or len(seen.get(k, ())) > 1})
    return out


def _schema_headers(columns) -> dict[str, str]:
    """Headers of the data-model table that has most of ``columns`` (exact headers for e.g. fund_receipts.date)."""
    from .schema import SCHEMA

    cols = set(columns)
    best, score = None, 1
    for t in SCHEMA.tables:
        names = {c.name for c in t.columns}
        hit = len(cols & names)
        if hit > score and hit >= 0.6 * len(cols):
            best, score = t, hit
    return {c.name: c.header for c in best.columns} if best is not None else {}


def _context_headers(df: pd.DataFrame) -> dict[str, str]:
    """Names whose meaning depends on the table: an engine table (criteria) or an indicator table (targets)."""
    cols = set(df.columns)
    out = {}
    if "indicator_id" in cols or "criterion_id" in cols:  # the criteria engine: indicator = the indicator's text
        out.update(indicator="Chỉ số", met="Đạt", unit="Đơn vị", source="Nguồn giá trị")
    elif "target" not in cols:
        out["met"] = "Đạt"
    if "level" in cols and pd.api.types.is_numeric_dtype(df["level"]):
        out["level"] = "Mức độ"
    return out


def label(column: str) -> str:
    """Tên tiếng Việt của một cột (tên gốc nếu đã là tiếng Việt hoặc chưa có nhãn).

    >>> label("numerator"), label("Tên thôn")
    ('Tử số', 'Tên thôn')
    """
    return labels().get(column, column)


def _missing(v) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _number(v, column: str) -> str:
    if "year" in column or column in ("nam", "năm"):
        return str(int(v)) if float(v).is_integer() else so(v, 1)
    if isinstance(v, (numbers.Integral, np.integer)) or float(v).is_integer():
        return so(v)
    d = 2 if abs(v) < 1 else 1
    return so(float(Decimal(repr(float(v))).quantize(Decimal(1).scaleb(-d), ROUND_HALF_UP)), d)


def value_text(v, column: str = "") -> str:
    """Một ô của bảng viết kiểu Việt Nam.

    >>> value_text(1234567), value_text(0.125), value_text(True), value_text(True, "met"), value_text(pd.NA)
    ('1.234.567', '0,13', 'Có', 'Đạt', '–')
    >>> value_text(pd.Timestamp("2025-03-05")), value_text(2025, "year"), value_text("bad_money", "code")
    ('05/03/2025', '2025', 'số tiền không đọc được')
    """
    if isinstance(v, (list, tuple, set, frozenset, np.ndarray)):
        return ", ".join(value_text(x, column) for x in v) if len(v) else MISSING
    if _missing(v):
        return MISSING
    mapping = VALUE_LABELS.get(column)
    if column == "code":
        mapping = _problem_codes()
    if mapping is not None:
        try:
            if v in mapping:
                return mapping[v]
        except TypeError:
            pass
    if isinstance(v, (bool, np.bool_)):
        return _YES[bool(v)]
    if isinstance(v, (pd.Timestamp, _dt.datetime, _dt.date, np.datetime64)):
        return pd.Timestamp(v).strftime("%d/%m/%Y")
    if isinstance(v, (numbers.Real, np.number)):
        return MISSING if isinstance(v, float) and math.isinf(v) else _number(v, column)
    return str(v)


def table(df: pd.DataFrame | pd.Series, columns: list[str] | None = None, rename: dict[str, str] | None = None,
          max_rows: int | None = None) -> pd.DataFrame:
    """Bản để đọc của ``df``: tên cột tiếng Việt, giá trị viết kiểu Việt Nam, không còn ô ``<NA>``.

    ``columns``: chỉ giữ các cột này (theo thứ tự này); ``rename``: đặt tên riêng cho vài cột;
    ``max_rows``: chỉ lấy bấy nhiêu dòng đầu.

    >>> import pandas as pd
    >>> table(pd.DataFrame({"receipt_id": ["T1"], "date": [pd.Timestamp("2025-01-05")], "amount": [500000]}))
      Mã phiếu thu    Ngày thu Số tiền (đồng)
    0           T1  05/01/2025        500.000
    """
    if isinstance(df, pd.Series):
        df = df.to_frame(name=df.name if df.name is not None else "value")
    if not isinstance(df.index, pd.RangeIndex) or any(n is not None for n in df.index.names):
        unnamed = all(n is None for n in df.index.names) and "index" not in df.columns
        df = df.reset_index()
        if unnamed:  # row labels without a name (e.g. the results of value_counts): a blank header
            df = df.rename(columns={"index": ""})
    if columns is not None:
        df = df[list(columns)]
    if max_rows is not None:
        df = df.head(max_rows)
    own = {**_context_headers(df), **_schema_headers(df.columns)}
    out = pd.DataFrame({i: [value_text(v, str(c)) for v in df.iloc[:, i].tolist()]
                        for i, c in enumerate(df.columns)}, index=pd.RangeIndex(len(df)))
    heads = [(rename or {}).get(c) or own.get(c) or label(str(c)) for c in df.columns]
    out.columns = heads
    return out


class _Shown:
    """A table rendered as HTML without row numbers (and as plain text elsewhere)."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    def _repr_html_(self) -> str:
        return self.frame.to_html(index=False, escape=True, border=0, classes="khuyenhoc-bang")

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


def show(df: pd.DataFrame | pd.Series, columns: list[str] | None = None, rename: dict[str, str] | None = None,
         max_rows: int | None = 60):
    """Hiện ``df`` như ``table`` nhưng không có cột số thứ tự dòng (ô cuối của notebook hiện bảng này).

    >>> import pandas as pd
    >>> print(repr(show(pd.DataFrame({"indicator": ["gdht"], "value": [80.0]}))))
    Mã chỉ tiêu Giá trị
           gdht      80
    """
    return _Shown(table(df, columns=columns, rename=rename, max_rows=max_rows))

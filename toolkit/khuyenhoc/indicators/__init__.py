"""Chỉ tiêu của Hội Khuyến học: tính theo năm và theo cấp (thôn, xã, tỉnh), so với chỉ tiêu mục tiêu.

Each indicator is numerator / denominator × factor (the DHIS2 pattern), defined
in ``definitions.yaml``; numerators and denominators are named measures
(``MEASURES``) computed for every year and unit at once. Targets live in an
editable table (``targets.yaml`` or a CSV file).

Ví dụ::

    >>> from khuyenhoc.data import CommuneData
    >>> from khuyenhoc.indicators import compute
    >>> t = compute(CommuneData(), year=2025, level="xã")
    >>> "value" in t.columns and "target" in t.columns and "met" in t.columns
    True
"""

from .catalogue import Definition, Definitions, TargetsError, load_definitions, load_targets
from .compute import COLUMN_LABELS, COLUMNS, compute, data_years, lagging_villages, latest_complete_year, trends
from .hierarchy import LEVELS, ancestors
from .measures import MEASURES, Context, Measure, fund_use, measure

__all__ = [
    "compute", "lagging_villages", "trends", "data_years", "latest_complete_year", "fund_use", "awards_by_kind",
    "load_definitions", "load_targets", "Definition", "Definitions", "TargetsError",
    "MEASURES", "Measure", "measure", "Context", "ancestors", "LEVELS", "COLUMNS", "COLUMN_LABELS",
]

import pandas as _pd

from ..data import CommuneData as _CommuneData


def awards_by_kind(data: _CommuneData, year: int) -> _pd.DataFrame:
    """Học bổng, khen thưởng trong năm theo loại: số suất và tổng giá trị (chỉ số liệu tổng hợp).

    >>> awards_by_kind(_CommuneData(), 2025).columns.tolist()
    ['kind', 'count', 'amount']
    """
    a = data.awards
    a = a[a["date"].dt.year == year]
    g = a.groupby("kind", observed=True)["amount"].agg(["size", "sum"]).reset_index()
    g.columns = ["kind", "count", "amount"]
    return g.sort_values("count", ascending=False).reset_index(drop=True)

"""khuyenhoc.display: every table a trainee sees has Vietnamese headers and no raw <NA>/NaN/True."""

from __future__ import annotations

import numpy as np
import pandas as pd

from khuyenhoc.data import CommuneData
from khuyenhoc.display import show, table
from khuyenhoc.indicators import COLUMNS


def test_indicator_table_reads_the_vietnamese_way():
    df = pd.DataFrame({c: [pd.NA] for c in COLUMNS})
    df.loc[0, ["unit_name", "value", "target", "direction", "met", "year"]] = ["Thôn A", 1234.56, 70, ">=", False, 2025]
    t = table(df)
    assert not [c for c in t.columns if c.isascii() and c.islower()]
    row = t.iloc[0].to_dict()
    assert row["Giá trị"] == "1.234,6" and row["Chiều so sánh"] == "≥" and row["Đạt chỉ tiêu"] == "Chưa đạt"
    assert row["Năm"] == "2025"
    html = show(df)._repr_html_()
    assert "&lt;NA&gt;" not in html and "NaN" not in html and "<th>unit_name</th>" not in html


def test_odd_tables_do_not_break():
    assert list(table(pd.DataFrame()).columns) == []
    mi = pd.DataFrame({"value": [1.0, np.nan]}, index=pd.MultiIndex.from_tuples([("X", 2024), ("X", 2025)],
                                                                               names=["unit_id", "year"]))
    t = table(mi)
    assert list(t.columns) == ["Mã đơn vị", "Năm", "Giá trị"] and t.iloc[1, 2] == "–"
    s = table(pd.Series([True, None], name="required"))
    assert s.iloc[:, 0].tolist() == ["Có", "–"]
    assert table(pd.DataFrame({"Tên thôn": ["A"], "x": [[1, 2]]})).columns.tolist() == ["Tên thôn", "x"]


def test_every_data_model_column_has_a_vietnamese_header():
    data = CommuneData()
    for name in ("households", "persons", "fund_receipts", "recognitions", "evidence"):
        heads = table(data[name]).columns
        assert all(not (h.isascii() and "_" in h) for h in heads), (name, list(heads))

"""Roll-up over the administrative hierarchy: counts and rates, aggregate-safe."""

import pandas as pd

from criteria_factory import commune
from khuyenhoc.engine import assess
from khuyenhoc.rollup import rollup, rollup_assessment


def test_rollup_per_village_commune_province():
    data = commune()
    v = rollup(data, 2025, by="village").set_index(["unit_id", "model"])
    # Gia đình học tập: H1 recognised in 2025; thôn Đông has H1, H2
    assert v.loc[("T01-X01-TH01", "Gia đình học tập"), "subjects"] == 2
    assert v.loc[("T01-X01-TH01", "Gia đình học tập"), "rate"] == 50.0
    # Công dân học tập: only P3 holds it in 2025 (P1's 2024 title lasted one year)
    assert v.loc[("T01-X01-TH01", "Công dân học tập"), "titled"] == 1
    c = rollup(data, 2025, by="commune").set_index("model")
    # the denominator is the indicator's (adults 18+ in the register), the same measure as the report's rate
    assert c.loc["Công dân học tập", "subjects"] == 5 and c.loc["Công dân học tập", "rate"] == 20.0
    assert c.loc["Gia đình học tập", "rate"] == 33.3
    p = rollup(data, 2025, by="province")
    assert set(p["unit_name"]) == {"Tỉnh Mẫu"}
    assert "Dòng họ học tập" not in set(v.reset_index()["model"])  # clans have no village


def test_rollup_is_aggregate_safe():
    out = rollup(commune(), 2025, by="village")
    assert not ({"full_name", "name", "person_id", "birth_date", "subject_id"} & set(out.columns))
    r = rollup_assessment(assess(commune(), "congdan-qd324", 2025), by="village")
    assert not ({"subject_id", "name"} & set(r.columns))
    assert r.set_index("unit_id").loc["T01-X01-TH01", "passed"] == 1


def test_many_communes_province_rollup():
    a = commune()
    b = {n: df.copy() for n, df in a}
    for n, df in b.items():
        for col in df.columns:
            if col.endswith("_id") and col != "indicator_id" and df[col].dtype == "string":
                df[col] = df[col].where(df[col].isna() | (df[col] == "T01"), "B-" + df[col])
    both = {n: pd.concat([a[n], b[n]], ignore_index=True) for n in a.table_names}
    both["admin_units"] = both["admin_units"].drop_duplicates("unit_id")
    from khuyenhoc.data import CommuneData

    p = rollup(CommuneData(both), 2025, by="province").set_index("model")
    assert p.loc["Gia đình học tập", "subjects"] == 6 and p.loc["Gia đình học tập", "titled"] == 2
    assert len(rollup(CommuneData(both), 2025, by="commune")) == 12


def test_the_two_recognised_counts_are_apart_and_labelled():
    from khuyenhoc.rollup import HEADERS

    data = commune()
    c = rollup(data, 2024, by="commune").set_index("model")
    # P1 recognised by a 2024 decision: recognised in 2024 and holding the title in 2024
    assert c.loc["Công dân học tập", "recognised_in_year"] == 1 and c.loc["Công dân học tập", "titled"] == 1
    assert "trong năm" in HEADERS["recognised_in_year"] and "còn hiệu lực" in HEADERS["titled"]


def test_rollup_agrees_with_the_indicators():
    from khuyenhoc.indicators import compute

    data = commune()
    t = compute(data, 2025, "xã").set_index("indicator")
    c = rollup(data, 2025, by="commune").set_index("model")
    assert c.loc["Gia đình học tập", "recognised_in_year"] == t.loc["gdht", "numerator"]
    assert c.loc["Gia đình học tập", "subjects"] == t.loc["gdht", "denominator"]
    assert c.loc["Công dân học tập", "subjects"] == t.loc["cong_dan_ht", "denominator"]

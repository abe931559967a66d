"""One indicator arithmetic: value, gap, met, direction and aggregation up the hierarchy."""

import pandas as pd

from khuyenhoc.indicators import compute, load_targets
from khuyenhoc.indicators.arithmetic import aggregate, apply_targets, attainment, compare, roll_up, value_of
from khuyenhoc.indicators.measures import MEASURES
from test_indicators import tiny_commune


def test_value_count_ratio_and_zero_denominator():
    v = value_of(pd.Series([3.0, 9.0, 1.0]), pd.Series([12.0, None, 0.0]), pd.Series([100.0, 1.0, 100.0]))
    assert v.tolist()[:2] == [25.0, 9.0] and v.isna().tolist() == [False, False, True]


def test_direction_changes_the_sign_and_missing_is_never_zero():
    gap, met = compare(pd.Series([4.0, 6.0, None, 0.0]), pd.Series([5.0, 5.0, 5.0, None]),
                       pd.Series(["<=", "<=", ">=", ">="]))
    assert gap.tolist()[:2] == [1.0, -1.0]
    assert met.tolist()[:2] == [True, False]
    assert met.isna().tolist() == [False, False, True, True]
    assert attainment(pd.Series([4.0]), pd.Series([5.0]), "<=").round(1).tolist() == [125.0]


def test_target_direction_from_the_targets_table_wins():
    t = pd.DataFrame({"indicator": ["gdht"], "year": [2025], "value": [80.0], "direction": [">="]})
    targets = load_targets().assign(direction="<=")
    r = apply_targets(t, targets)
    assert r["direction"].tolist() == ["<="] and r["met"].tolist() == [False]


def test_every_measure_declares_how_it_aggregates():
    assert {m.aggregation for m in MEASURES.values()} <= {"sum", "max", "min"}
    anc = pd.DataFrame({"xã": ["X", "X"]}, index=pd.Index(["A", "B"], name="unit_id"))
    m = pd.DataFrame({"year": [2025, 2025], "unit_id": ["A", "B"], "value": [3.0, 4.0]})
    assert aggregate(m, anc, "xã", "max")["value"].tolist() == [4.0]


def test_province_figures_are_the_roll_up_of_the_communes():
    data = tiny_commune()
    xa = compute(data, 2025, "xã")
    tinh = compute(data, 2025, "tỉnh").set_index("indicator")
    up = apply_targets(roll_up(xa).merge(xa[["indicator", "direction"]].drop_duplicates(), on="indicator"),
                       load_targets()).set_index("indicator")
    common = tinh.index.intersection(up.index)
    assert len(common) > 10
    pd.testing.assert_series_equal(up.loc[common, "value"], tinh.loc[common, "value"], check_names=False)
    pd.testing.assert_series_equal(up.loc[common, "met"], tinh.loc[common, "met"], check_names=False)

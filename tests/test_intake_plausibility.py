"""Plausibility rules declared with the schema: each breach is located (sheet, row, column, value, why, fix)."""
import datetime as dt

import pandas as pd
import pytest

from _intake_data import tiny_commune
from khuyenhoc.intake import check
from khuyenhoc.intake.plausibility import catalogue_indicators, evidence_path_escapes
from khuyenhoc.schema import RULES, SCHEMA
from khuyenhoc.workbook import write_workbook

AS_OF = dt.date(2026, 5, 31)
D = pd.Timestamp


def _check(tmp_path, data, as_of=AS_OF):
    p = write_workbook(data, tmp_path / "xa.xlsx", as_of=as_of)
    before = p.read_bytes()
    out = check(p)
    assert p.read_bytes() == before
    return out


def _only(problems, code):
    got = [p for p in problems if p.code == code]
    assert got, [(p.code, p.message) for p in problems]
    return got


def test_the_tiny_commune_breaks_no_rule(tmp_path):
    data, problems = _check(tmp_path, tiny_commune())
    assert data is not None and problems == []


def test_rules_are_data_naming_real_columns():
    assert len(RULES) >= 40
    for r in RULES:
        SCHEMA[r.table].column(r.column)
    assert {r.kind for r in RULES} == {"not_future", "age", "order", "after_birth", "before_departure",
                                      "in_catalogue", "bound"}


def test_birth_date_in_2099_is_refused_against_the_data_as_of_date(tmp_path):
    d = tiny_commune()
    p = d.persons.copy()
    p.loc[1, "birth_date"] = D("2099-12-31")
    data, problems = _check(tmp_path, d.replace(persons=p))
    assert data is None
    [f] = _only(problems, "future_date")
    assert (f.sheet, f.row, f.column, f.value) == ("Nhân khẩu", 3, "Ngày sinh", "31/12/2099")
    assert "31/05/2026" in f.message and f.fix


def test_without_an_as_of_date_today_is_the_limit(tmp_path):
    d = tiny_commune()
    a = d.awards.copy()
    a.loc[0, "date"] = D(dt.date.today() + dt.timedelta(days=40))
    _, problems = _check(tmp_path, d.replace(awards=a), as_of=None)
    assert "hôm nay" in _only(problems, "future_date")[0].message


def test_age_over_120_and_event_before_birth(tmp_path):
    d = tiny_commune()
    p = d.persons.copy()
    p.loc[0, "birth_date"] = D("1900-03-01")
    a = d.awards.copy()
    a.loc[0, "date"] = D("2010-09-05")  # the child was born in 2015
    _, problems = _check(tmp_path, d.replace(persons=p, awards=a))
    [age] = _only(problems, "implausible_age")
    assert age.row == 2 and "126 tuổi" in age.message
    [born] = _only(problems, "before_birth")
    assert born.sheet == "Học bổng, khen thưởng" and born.column == "Ngày trao" and "15/01/2015" in born.message


def test_dates_out_of_order_in_a_row(tmp_path):
    d = tiny_commune()
    c = d.classes.copy()
    c.loc[0, "end"] = D("2025-03-01")
    _, problems = _check(tmp_path, d.replace(classes=c))
    [o] = _only(problems, "date_order")
    assert o.column == "Ngày bế giảng" and "Ngày khai giảng" in o.message


def test_indicator_code_of_32767_characters_is_too_long_and_not_in_the_catalogue(tmp_path):
    d = tiny_commune()
    s = d.self_scores.copy()
    s.loc[1, "indicator_id"] = "X" * 32767
    data, problems = _check(tmp_path, d.replace(self_scores=s))
    assert data is None
    [long_] = _only(problems, "too_long")
    assert long_.sheet == "Điểm tự đánh giá" and long_.row == 3 and "32.767" in long_.message
    assert len(long_.value) < 120  # the value is cut in messages
    [unk] = _only(problems, "unknown_indicator")
    assert "Công dân học tập" in unk.message


def test_indicator_of_another_model_is_refused(tmp_path):
    d = tiny_commune()
    s = d.self_scores.copy()
    s.loc[1, "indicator_id"] = "GDHT-1.1"  # a family indicator on a citizen's registration
    _, problems = _check(tmp_path, d.replace(self_scores=s))
    assert _only(problems, "unknown_indicator")[0].value == "GDHT-1.1"
    assert "GDHT-1.1" in catalogue_indicators()["Gia đình học tập"]


def test_money_far_too_large_is_a_warning(tmp_path):
    d = tiny_commune()
    a = d.awards.copy()
    a.loc[0, "amount"] = 500_000_000_000
    data, problems = _check(tmp_path, d.replace(awards=a))
    [w] = _only(problems, "implausible_amount")
    assert w.severity == "cảnh báo" and "500.000.000.000" in w.message


def test_event_after_a_person_moved_away_is_a_warning(tmp_path):
    d = tiny_commune()
    p = d.persons.copy()
    p.loc[4, "residence"] = "Đã chuyển đi"
    py = d.person_years.copy()
    py.loc[py["person_id"] == "X01-NK00005", "year"] = 2024
    _, problems = _check(tmp_path, d.replace(persons=p, person_years=py))
    w = _only(problems, "after_departure")
    assert all(x.severity == "cảnh báo" for x in w) and "2024" in w[0].message


@pytest.mark.parametrize("ref", ["../../etc/passwd", "/etc/passwd", "C:\\minh_chung\\a.pdf", "a/../../b.pdf"])
def test_evidence_paths_escaping_the_folder_are_refused(tmp_path, ref):
    d = tiny_commune()
    e = d.evidence.copy()
    e.loc[0, "file"] = ref
    data, problems = _check(tmp_path, d.replace(evidence=e))
    assert data is None and _only(problems, "bad_evidence_path")[0].column == "Tệp minh chứng"
    assert evidence_path_escapes(ref)


def test_a_link_inside_the_evidence_folder_to_outside_is_not_opened(tmp_path):
    from khuyenhoc.engine.evidence_status import _file_checks

    (tmp_path / "secret.txt").write_text("x")
    folder = tmp_path / "minh_chung"
    folder.mkdir()
    (folder / "link.pdf").symlink_to(tmp_path / "secret.txt")
    (folder / "ok.pdf").write_text("y")
    ok, _ = _file_checks(pd.Series(["link.pdf", "ok.pdf"]), pd.Series([None, None]), folder)
    assert ok.tolist() == [False, True]

import json

import pytest

from khuyenhoc.problems import (
    CODES, IntakeError, Problem, count, group_by_sheet, has_errors, render_text, sort_problems, summary, to_json,
)

CONTRACT_CODES = {
    "nfd", "no_diacritics", "spaces", "date_text", "bad_date", "money_text", "bad_money", "bad_number",
    "duplicate_key", "possible_duplicate", "missing", "merged_header", "missing_column", "header_variant",
    "unknown_column", "code_folded", "bad_code", "bad_reference", "id_looks_like_cccd", "out_of_range",
    "missing_sheet", "unknown_sheet",
}


def P(**kw):
    base = dict(file="xa.xlsx", sheet="Nhân khẩu", code="missing", message="Ô trống.")
    base.update(kw)
    return Problem(**base)


def test_codes_cover_the_shared_contract():
    assert CONTRACT_CODES <= set(CODES)
    assert {sev for sev, _ in CODES.values()} == {"lỗi", "cảnh báo", "đã sửa"}


def test_unknown_code_or_severity_is_rejected():
    with pytest.raises(ValueError):
        P(code="oops")
    with pytest.raises(ValueError):
        P(severity="error")


def test_line_matches_the_house_style():
    p = P(row=57, column="Ngày sinh", value="31/02/1980", code="bad_date",
          message="'31/02/1980' không phải ngày hợp lệ.", fix="Sửa lại theo dạng ngày/tháng/năm, ví dụ 28/02/1980.")
    assert p.line() == ("Trang 'Nhân khẩu', dòng 57, cột 'Ngày sinh': '31/02/1980' không phải ngày hợp lệ. "
                        "Sửa lại theo dạng ngày/tháng/năm, ví dụ 28/02/1980.")
    assert P(row=3, column="Mã hộ", column_letter="B").where() == "Trang 'Nhân khẩu', dòng 3, cột 'Mã hộ' (B)"
    assert P(sheet="persons.csv", row=3).where() == "Tệp 'persons.csv', dòng 3"
    assert P(sheet=None, code="bad_file").where() == "Tệp 'xa.xlsx'"


def test_sorting_grouping_counting():
    ps = [P(sheet="Hộ gia đình", row=9), P(row=12, code="spaces"), P(row=3, column_letter="AB"),
          P(row=3, column_letter="C"), P(sheet=None, code="missing_sheet")]
    out = sort_problems(ps, ["Nhân khẩu", "Hộ gia đình"])
    assert out[0].sheet is None
    assert [(p.sheet, p.row, p.column_letter) for p in out[1:]] == [
        ("Nhân khẩu", 3, "C"), ("Nhân khẩu", 3, "AB"), ("Nhân khẩu", 12, None), ("Hộ gia đình", 9, None)]
    assert list(group_by_sheet(out)) == [None, "Nhân khẩu", "Hộ gia đình"]
    assert count(ps) == {"lỗi": 4, "cảnh báo": 0, "đã sửa": 1}
    assert has_errors(ps) and not has_errors([P(code="spaces")])
    assert summary(ps).startswith("Tổng cộng: 4 lỗi, 0 cảnh báo, 1 chỗ đã tự sửa.")


def test_render_text_groups_by_sheet_and_limits_only_notes():
    ps = [P(row=r, column="Họ và tên", code="spaces", message="thừa khoảng trắng") for r in range(2, 30)]
    ps += [P(row=r, column="Giới tính") for r in range(2, 30)]
    text = render_text(ps, limit=5)
    assert text.splitlines()[0] == "Trang 'Nhân khẩu' — 28 lỗi, 0 cảnh báo, 28 chỗ đã tự sửa:"
    assert text.count("[lỗi]") == 28
    assert text.count("[đã sửa]") == 5
    assert "… và 23 chỗ khác cùng loại (khoảng trắng thừa đã bỏ) ở cột 'Họ và tên'." in text
    assert render_text(ps).count("[đã sửa]") == 28


def test_json_round_trip_keeps_vietnamese():
    ps = [P(row=4, column="Giới tính", value="Nu", code="code_folded", message="'Nu' được hiểu là 'Nữ'.")]
    doc = json.loads(to_json(ps))
    assert doc["summary"] == {"lỗi": 0, "cảnh báo": 0, "đã sửa": 1}
    assert doc["problems"][0] | {} == ps[0].to_dict()
    assert "Nữ" in to_json(ps)


def test_intake_error_carries_every_problem():
    ps = [P(row=r) for r in range(20)] + [P(code="spaces")]
    e = IntakeError(ps)
    assert e.problems == ps
    assert str(e).splitlines()[0] == "Dữ liệu có 20 lỗi, chưa dùng được."
    assert "… và 10 lỗi khác." in str(e)

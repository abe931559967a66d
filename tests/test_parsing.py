import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from khuyenhoc.parsing import (
    date_hint, money_hint, parse_bool, parse_codes, parse_dates, parse_float, parse_int, parse_money,
    parse_text, parse_year,
)
from khuyenhoc.schema import SEXES, RESIDENCE
from khuyenhoc.vnformat import tien


def S(*values):
    return pd.Series(list(values), dtype=object)


# --------------------------------------------------------------------------- dates


def test_dates_all_accepted_forms():
    want = pd.Timestamp("1980-03-05")
    p = parse_dates(S(dt.datetime(1980, 3, 5), dt.date(1980, 3, 5), 29285, 29285.0, "05/03/1980", "5/3/1980",
                      "05-03-1980", "05.03.1980", "1980-03-05", " 05/03/1980 ", "05/03/1980 00:00:00", "29285"))
    assert (p.values == want).all()
    assert not p.error.any()
    # text cells are "corrected", real dates and serial numbers are not
    assert p.corrected.tolist() == [False] * 4 + [True] * 8


def test_dates_day_first_and_errors():
    p = parse_dates(S("01/02/2020", "13/12/2020", "12/13/2020", "31/02/1980", "29/02/2021", "5/3/80", "hôm qua",
                      True, "1850-01-01", 60, None, "", "  "))
    assert p.values[0] == pd.Timestamp("2020-02-01")
    assert p.values[1] == pd.Timestamp("2020-12-13")
    assert p.error.tolist() == [False, False, True, True, True, True, True, True, True, True, False, False, False]
    assert p.values[2:].isna().all()
    assert not p.corrected[2:].any()


def test_date_hints():
    assert date_hint("31/02/1981") == "Sửa lại theo dạng ngày/tháng/năm, ví dụ 28/02/1981."
    assert date_hint("31/04/2020").endswith("30/04/2020.")
    assert "có phải 13/05/2020" in date_hint("05/13/2020")  # month-first typed: propose the day-first date
    assert "13/05/2020" not in date_hint("13/05/2020")  # a valid date gets the generic hint
    assert "4 chữ số" in date_hint("5/3/80")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.sampled_from(["{d:02d}/{m:02d}/{y}", "{d}/{m}/{y}", "{d:02d}-{m:02d}-{y}", "{d:02d}.{m:02d}.{y}",
                        "{y}-{m:02d}-{d:02d}", "{d}/{m:02d}/{y}"]))
@settings(max_examples=300, deadline=None)
def test_any_date_written_the_vietnamese_way_parses_back(day, fmt):
    text = fmt.format(d=day.day, m=day.month, y=day.year)
    p = parse_dates(S(text, day, dt.datetime(day.year, day.month, day.day)))
    assert not p.error.any()
    assert (p.values == pd.Timestamp(day)).all()


@given(st.integers(min_value=1, max_value=31), st.integers(min_value=1, max_value=12),
       st.integers(min_value=1900, max_value=2100))
@settings(max_examples=300, deadline=None)
def test_impossible_day_month_combinations_are_errors(d, m, y):
    p = parse_dates(S(f"{d:02d}/{m:02d}/{y}"))
    try:
        dt.date(y, m, d)
        valid = True
    except ValueError:
        valid = False
    assert p.error[0] == (not valid)


# --------------------------------------------------------------------------- money


def test_money_accepted_forms():
    texts = ["1.250.000", "1,250,000", "1 250 000", "1.250.000 đ", "1.250.000đ", "1250000", "1.250.000 đồng",
             "1.250.000 VNĐ", "1250000 VND", "1.250.000,00", "1\u00a0250\u00a0000", 1250000, 1250000.0,
             np.int64(1250000)]
    p = parse_money(S(*texts))
    assert p.values.tolist() == [1250000] * len(texts)
    assert not p.error.any()
    assert p.corrected.tolist() == [True] * 11 + [False] * 3


def test_money_single_group_is_thousands_and_shorthand_is_rejected():
    p = parse_money(S("1.250", "1,250", "-500.000", "1,5 triệu", "1tr5", "500k", "2 nghìn", "12,5", "1.25",
                      "1.250,50", "1.2.3", "một triệu", 12.5, True, dt.date(2020, 1, 1), None, ""))
    assert p.values[:3].tolist() == [1250, 1250, -500000]
    assert p.error.tolist() == [False] * 3 + [True] * 12 + [False, False]


def test_money_hints_propose_but_do_not_guess():
    assert money_hint("1tr5")[1].startswith("Ghi đủ số tiền bằng chữ số, ví dụ 1.500.000")
    assert "1.500.000" in money_hint("1,5 triệu")[1]
    assert "500.000" in money_hint("500k")[1]
    assert "2.000.000.000" in money_hint("2 tỷ")[1]
    assert "không phải số tiền rõ ràng" in money_hint("12,5")[0]


@given(st.integers(min_value=0, max_value=10**13),
       st.sampled_from([".", ",", " ", ""]), st.sampled_from(["", " đ", "đ", " đồng", " VNĐ"]))
@settings(max_examples=300, deadline=None)
def test_any_amount_written_the_vietnamese_way_parses_back(amount, sep, unit):
    text = f"{amount:,}".replace(",", sep) + unit
    p = parse_money(S(text, amount, float(amount)))
    assert not p.error.any(), text
    assert p.values.tolist() == [amount] * 3
    assert tien(amount).removesuffix(" đ") == f"{amount:,}".replace(",", ".")


# --------------------------------------------------------------------------- numbers, years, booleans


def test_numbers():
    assert parse_float(S("8,5", "8.5", "1.234.567", "1 234,5", "1.234,5", "0,25", 7, 7.25)).values.tolist() == \
        [8.5, 8.5, 1234567.0, 1234.5, 1234.5, 0.25, 7.0, 7.25]
    f = parse_float(S("1.500", "8,5,1", "abc", True))
    assert f.error.all()
    i = parse_int(S("12", "1.500", "4,0", 4.0, "4,5", 4.5, "-3"))
    assert i.values.tolist() == [12, 1500, 4, 4, pd.NA, pd.NA, -3]
    assert i.error.tolist() == [False, False, False, False, True, True, False]


def test_years():
    p = parse_year(S("2025", 2024, 2024.0, "25", "năm 2025", None))
    assert p.values.tolist() == [2025, 2024, 2024, pd.NA, pd.NA, pd.NA]
    assert p.error.tolist() == [False, False, False, True, True, False]


def test_booleans_blank_is_never_yes():
    p = parse_bool(S("Có", "Không", "có", "KHÔNG", "co", "x", "X", "1", "0", 1, 0, True, False, None, "", "có lẽ", 2))
    assert p.values.tolist() == [True, False, True, False, True, True, True, True, False, True, False, True, False,
                                 pd.NA, pd.NA, pd.NA, pd.NA]
    assert p.error.tolist() == [False] * 15 + [True, True]
    assert p.corrected.tolist()[:4] == [False, False, True, True]


# --------------------------------------------------------------------------- codes and text


def test_codes_exact_folded_and_bad():
    nfd = "Nu\u0303"  # "Nũ": folds to "nu" like "Nữ"
    p = parse_codes(S("Nữ", "nữ", "Nu", "NAM", nfd, "Nư", "N", None), SEXES)
    assert p.values.tolist() == ["Nữ", "Nữ", "Nữ", "Nam", "Nữ", "Nữ", pd.NA, pd.NA]
    assert p.error.tolist() == [False] * 6 + [True, False]
    assert p.corrected.tolist() == [False, True, True, True, True, True, False, False]
    r = parse_codes(S("thuong tru", "Đã chuyển đi", "da mat"), RESIDENCE)
    assert r.values.tolist() == ["Thường trú", "Đã chuyển đi", "Đã mất"]


def test_text_converts_numbers_without_decimals():
    assert parse_text(S(123, 4.0, 4.5, " a ", dt.datetime(2020, 1, 2), None)).values.tolist() == \
        ["123", "4", "4.5", "a", "02/01/2020", pd.NA]


junk = st.one_of(st.text(max_size=20), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.none(),
                 st.booleans(), st.datetimes(), st.dates(), st.binary(max_size=5).map(lambda b: b.decode("latin-1")))


@given(st.lists(junk, max_size=30))
@settings(max_examples=300, deadline=None)
def test_random_junk_never_crashes(values):
    s = pd.Series(values, dtype=object)
    for parser in (parse_dates, parse_money, parse_int, parse_float, parse_year, parse_bool, parse_text,
                   lambda x: parse_codes(x, SEXES)):
        p = parser(s)
        assert len(p.values) == len(s)
        # an error is never also a value, and corrected cells always have a value
        assert not (p.error & p.values.notna()).any()
        assert not (p.corrected & p.values.isna()).any()

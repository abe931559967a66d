"""Fuzz: mutated copies of a commune workbook never crash intake, are never modified, and are read within a bound."""
from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from _intake_data import tiny_commune
from khuyenhoc.intake import check
from khuyenhoc.problems import Problem
from khuyenhoc.workbook import write_workbook

BOUND_S = 90.0  # per read, on a shared, heavily loaded 2-core machine (unloaded: under 1 s)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    p = tmp_path_factory.mktemp("fuzz") / "xa.xlsx"
    write_workbook(tiny_commune(), p, as_of=dt.date(2026, 5, 31))
    return p.read_bytes()


def _read(path):
    before = path.read_bytes()
    t0 = time.perf_counter()
    data, problems = check(path)
    elapsed = time.perf_counter() - t0
    assert path.read_bytes() == before
    assert elapsed < BOUND_S
    assert all(isinstance(p, Problem) and p.message for p in problems)
    if data is None:
        assert any(p.severity == "lỗi" for p in problems)
    return data, problems


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, 10 ** 9), st.binary(min_size=1, max_size=8)), min_size=1, max_size=6),
       cut=st.one_of(st.none(), st.floats(0.05, 1.0)))
def test_byte_mutations_never_crash(base, tmp_path, edits, cut):
    data = bytearray(base)
    for pos, chunk in edits:
        i = pos % len(data)
        data[i:i + len(chunk)] = chunk
    if cut is not None:
        data = data[: max(1, int(len(data) * cut))]
    p = tmp_path / "hong.xlsx"
    p.write_bytes(bytes(data))
    _read(p)


VALUES = st.one_of(
    st.none(), st.integers(-10 ** 15, 10 ** 15), st.floats(allow_nan=True, allow_infinity=False),
    st.text(max_size=40), st.text(alphabet="ÔÕ¨©ªñöùøaeo ", max_size=20), st.just("#REF!"), st.just("=1/0"),
    st.just("X" * 5000), st.dates(dt.date(1900, 3, 1), dt.date(2200, 1, 1)).map(lambda d: dt.datetime(d.year, d.month, d.day)),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.tuples(st.integers(0, 30), st.integers(1, 8), st.integers(1, 10), VALUES),
                      min_size=1, max_size=8),
       hide=st.sampled_from([None, "hidden", "veryHidden"]))
# found by CI: a header cell overwritten, so a table lacks the key column a plausibility rule follows
@example(cells=[(16, 1, 1, 0)], hide=None)
@example(cells=[(17, 1, 1, 0)], hide=None)
def test_cell_mutations_never_crash(base, tmp_path, cells, hide):
    src = tmp_path / "goc.xlsx"
    src.write_bytes(base)
    wb = load_workbook(src)
    sheets = wb.worksheets
    for s, r, c, v in cells:
        ws = sheets[s % len(sheets)]
        try:
            ws.cell(row=r, column=c, value=v)
        except (ValueError, TypeError, IllegalCharacterError):  # openpyxl itself refuses the value (e.g. control characters)
            continue
    if hide:
        sheets[1 + cells[0][0] % (len(sheets) - 1)].sheet_state = hide
    p = tmp_path / "sua.xlsx"
    wb.save(p)
    _read(p)

"""The blank template: structure, drop-downs, formats, and the round trip through intake."""

import pandas as pd
import pytest
from openpyxl import load_workbook

from _intake_data import tiny_commune
from khuyenhoc.data import CommuneData
from khuyenhoc.intake import check
from khuyenhoc.schema import BOOL_FALSE, BOOL_TRUE, SCHEMA, ColumnType
from khuyenhoc.templates import GUIDE_SHEET, LISTS_SHEET, write_template


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return write_template(tmp_path_factory.mktemp("t") / "so_mau.xlsx")


def test_template_structure(template):
    wb = load_workbook(template)
    assert wb.sheetnames == [GUIDE_SHEET, LISTS_SHEET] + [t.sheet for t in SCHEMA]
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    for t in SCHEMA:
        ws = wb[t.sheet]
        assert [c.value for c in ws[1]] == [c.header for c in t.columns]
        assert ws.max_row == 1
        for i, c in enumerate(t.columns, 1):
            cell = ws.cell(1, i)
            assert c.description in cell.comment.text
            letter = cell.column_letter
            fmt = ws.column_dimensions[letter].number_format
            if c.type is ColumnType.DATE:
                assert fmt == "dd/mm/yyyy"
            if c.type is ColumnType.MONEY:
                assert fmt == "#,##0"
        validated = {str(r).split(":")[0].rstrip("0123456789") for dv in ws.data_validations.dataValidation
                     for r in dv.sqref.ranges}
        want = {ws.cell(1, i).column_letter for i, c in enumerate(t.columns, 1)
                if c.type in (ColumnType.CODE, ColumnType.BOOL)}
        assert validated == want, t.sheet


def test_dropdowns_point_at_the_right_code_lists(template):
    wb = load_workbook(template)
    lists = wb[LISTS_SHEET]
    for t in SCHEMA:
        ws = wb[t.sheet]
        for dv in ws.data_validations.dataValidation:
            col = str(next(iter(dv.sqref.ranges))).split(":")[0].rstrip("0123456789")
            c = next(c for i, c in enumerate(t.columns, 1) if ws.cell(1, i).column_letter == col)
            ref = dv.formula1.split("!")[1].replace("$", "")
            values = [cell.value for row in lists[ref] for cell in row]
            assert tuple(values) == (c.codes if c.type is ColumnType.CODE else (BOOL_TRUE, BOOL_FALSE))


def test_guide_has_one_row_per_sheet_and_column(template):
    ws = load_workbook(template)[GUIDE_SHEET]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    start = next(i for i, r in enumerate(rows) if r[:2] == ["Trang", "Cột"])
    body = rows[start + 1:]
    assert len(body) == len(SCHEMA.tables) + sum(len(t.columns) for t in SCHEMA)
    birth = next(r for r in body if r[0] == "Nhân khẩu" and r[1] == "Ngày sinh")
    assert birth[2:5] == ["ngày (dd/mm/yyyy)", "Có", "Có"] and birth[6] == "05/03/1980"


def test_blank_template_reads_as_empty_data(template):
    data, problems = check(template)
    assert problems == []
    assert all(len(df) == 0 for _, df in data)


def cell_values(col_type, s: pd.Series) -> list:
    """What an officer's Excel would hold: real dates, numbers, 'Có'/'Không', empty cells."""
    if col_type is ColumnType.BOOL:
        s = s.map({True: BOOL_TRUE, False: BOOL_FALSE})
    elif col_type is ColumnType.DATE:
        s = s.astype(object).map(lambda v: None if pd.isna(v) else v.to_pydatetime())
    return [None if pd.isna(v) else v for v in s.astype(object)]


def fill(template_path, data: CommuneData, out):
    wb = load_workbook(template_path)
    for t in SCHEMA:
        ws = wb[t.sheet]
        df = data[t.name]
        cols = [cell_values(c.type, df[c.name]) for c in t.columns]
        for row in zip(*cols):
            ws.append(list(row))
    wb.save(out)
    return out


def small_sample():
    from khuyenhoc.sample import generate

    return generate(seed=3, population=400, years=range(2024, 2026))


@pytest.mark.parametrize("make", [tiny_commune, small_sample], ids=["tiny", "sample"])
def test_filled_template_round_trip(template, tmp_path, make):
    data = make()
    path = fill(template, data, tmp_path / "filled.xlsx")
    back, problems = check(path)
    assert [p.line() for p in problems] == []
    for name, df in data:
        pd.testing.assert_frame_equal(back[name], df, obj=name)

"""The shipped messy copy: `khuyenhoc validate` finds every planted fault, exactly where it was planted."""

import hashlib
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from khuyenhoc.cli import main
from khuyenhoc.intake.make_messy import DEFAULT_TARGET, MANIFEST_NAME, MESSY_NAME, build_messy
from khuyenhoc.intake.xlsx_reader import read_xlsx
from khuyenhoc.problems import CODES

MESSY = DEFAULT_TARGET / MESSY_NAME
MANIFEST = DEFAULT_TARGET / MANIFEST_NAME


def clean_workbook() -> Path:
    from khuyenhoc import sample

    return sample.path("mau")["workbook"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def manifest():
    return json.loads(MANIFEST.read_text(encoding="utf-8"))["faults"]


@pytest.fixture(scope="module")
def messy_run():
    import contextlib
    import io

    before = sha(MESSY)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["validate", "--json", str(MESSY)])
    return code, json.loads(out.getvalue()), before


def test_manifest_covers_the_planted_kinds(manifest):
    codes = {f["code"] for f in manifest}
    assert {"nfd", "no_diacritics", "spaces", "date_text", "bad_date", "money_text", "bad_money", "duplicate_key",
            "possible_duplicate", "missing", "merged_header", "missing_column", "header_variant", "code_folded",
            "bad_reference", "id_looks_like_cccd"} <= codes
    assert all(f["severity"] == CODES[f["code"]][0] for f in manifest)


def test_validate_messy_exits_1_and_reports_every_fault_where_it_was_planted(messy_run, manifest):
    code, doc, _ = messy_run
    assert code == 1
    reported = {(p["sheet"], p["row"], p["column"], p["code"]) for p in doc["problems"]}
    planted = {(f["sheet"], f["row"], f["column"], f["code"]) for f in manifest}
    missing = planted - reported
    assert not missing, f"planted faults not reported: {sorted(missing)}"
    # and nothing else: the clean sample has no problem, so any other report would be a false alarm
    assert reported == planted, sorted(reported - planted)
    assert all(p["message"] and p["severity"] == CODES[p["code"]][0] for p in doc["problems"])


def test_validate_text_output_names_sheet_row_and_column(capsys):
    assert main(["validate", str(MESSY)]) == 1
    out = capsys.readouterr().out
    assert "Trang 'Nhân khẩu' — " in out
    assert "cột 'Ngày tháng năm sinh' (E): '31/02/1980' không phải ngày hợp lệ." in out
    assert "Các ô tiêu đề D2:E2 đang được gộp" in out


def test_messy_input_is_byte_identical_afterwards(messy_run):
    _, _, before = messy_run
    assert sha(MESSY) == before


def test_validate_clean_sample_exits_0_and_stays_identical(capsys):
    wb = clean_workbook()
    before = sha(wb)
    assert main(["validate", str(wb)]) == 0
    out = capsys.readouterr().out
    assert "hợp lệ" in out and "Số nhân khẩu đang cư trú" in out
    assert sha(wb) == before


def test_calamine_reader_matches_openpyxl_on_the_messy_copy():
    fast = {name: (grid, merged) for name, _, grid, merged in read_xlsx(MESSY)}
    wb = load_workbook(MESSY, read_only=True, data_only=True)
    try:
        for sheet in ("Nhân khẩu", "Hộ gia đình", "Thu quỹ khuyến học", "Hội viên"):
            grid = fast[sheet][0]
            cells = {(r, c): v for r, row in enumerate(wb[sheet].iter_rows(values_only=True), 1)
                     for c, v in enumerate(row, 1) if v is not None}
            got = {(int(r), int(c)): v for (r, c), v in grid.stack().items() if v is not None}
            assert got.keys() == cells.keys(), sheet
            assert all(repr(got[k]) == repr(cells[k]) for k in cells), sheet
    finally:
        wb.close()
    assert fast["Hộ gia đình"][1] and (4, 2, 5, 2) in fast["Hộ gia đình"][1]


@pytest.mark.slow
def test_shipped_messy_copy_is_up_to_date(tmp_path):
    _, man = build_messy(clean_workbook(), tmp_path)
    assert json.loads(man.read_text(encoding="utf-8"))["faults"] == \
        json.loads(MANIFEST.read_text(encoding="utf-8"))["faults"]

"""Intake at province size: the fast CSV reader reads like Python's csv, notes are capped and counted."""

import csv
import io

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _intake_data import tiny_commune
from khuyenhoc.intake import check
from khuyenhoc.intake import sources
from khuyenhoc.intake.cells import NOTE_LIMIT
from khuyenhoc.problems import count, render_text, summary
from khuyenhoc.workbook import write_csv_dir


def _both(path, delim=","):
    return sources._read_csv_fast(path, delim), sources._read_csv_module(path, delim)


def _write(path, text: str, bom=True):
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


TRICKY = (
    "DANH SÁCH NHÂN KHẨU\n"
    "\n"
    "Mã,Họ và tên,Ghi chú\n"
    'X1,"Nguyễn\nVăn An","có ""ngoặc"""\n'
    ",,\n"
    "   \n"
    "X2,Lò Thị Mai\n"
    'X3,a"b,"x"y\n'
    "X4,\u00a0Trần  Bình ,\r\n"
    "X5,Hà,\n"
)


def test_fast_reader_reads_like_the_csv_module(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "HEAD_ROWS", 2)  # force the pandas path on a small file
    monkeypatch.setattr(sources, "_HEAD_BYTES", 40)
    fast, slow = _both(_write(tmp_path / "a.csv", TRICKY))
    pd.testing.assert_frame_equal(fast, slow)
    assert fast.at[4, 2] == "Nguyễn\nVăn An" and fast.at[5, 1] is None and fast.at[7, 3] is None
    # a row wider than the first ones: pandas refuses, the csv module reads it
    fast, slow = _both(_write(tmp_path / "b.csv", "a,b\n1,2\n3,4\n5,6,7\n8\n"))
    pd.testing.assert_frame_equal(fast, slow)
    assert fast.shape == (5, 3)


cell = st.text(alphabet=st.sampled_from(list('ab ,;"\n\r\tữ\u00a0')), max_size=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cell, min_size=0, max_size=4), min_size=1, max_size=12),
       delim=st.sampled_from([",", ";", "\t"]), head_rows=st.integers(1, 4))
def test_fast_reader_matches_csv_module_on_any_file(tmp_path, rows, delim, head_rows):
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delim, lineterminator="\n").writerows(rows)
    path = _write(tmp_path / "r.csv", buf.getvalue())
    old_rows, old_bytes = sources.HEAD_ROWS, sources._HEAD_BYTES
    sources.HEAD_ROWS, sources._HEAD_BYTES = head_rows, 16
    try:
        fast, slow = _both(path, delim)
    finally:
        sources.HEAD_ROWS, sources._HEAD_BYTES = old_rows, old_bytes
    pd.testing.assert_frame_equal(fast, slow)


def test_csv_cells_are_read_only_when_needed(tmp_path):
    folder = write_csv_dir(tiny_commune(), tmp_path / "csv")
    sheets, problems = sources.load_source(folder)
    assert problems == [] and all(s._grid is None for s in sheets)
    persons = next(s for s in sheets if s.name == "persons.csv")
    assert persons.grid.at[1, 1] == "Mã nhân khẩu"
    persons.release()
    assert persons._grid is None and persons.grid.at[2, 1] == "X01-NK00001"


def test_row_numbers_count_records_after_a_multiline_cell(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "HEAD_ROWS", 2)
    folder = write_csv_dir(tiny_commune(), tmp_path / "csv")
    f = folder / "households.csv"
    lines = f.read_text(encoding="utf-8-sig").splitlines()
    lines[1] = lines[1].replace("Nguyễn Văn An", '"Nguyễn Văn\nAn"')  # record 2 spans two lines
    lines[3] = lines[3].replace("Lò Văn Cương", "Lo Van Cuong")
    f.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    _, problems = check(folder)
    [p] = [p for p in problems if p.sheet == "households.csv" and p.code == "no_diacritics"]
    assert p.row == 4 and p.column == "Họ tên chủ hộ"  # Excel shows record 4 on row 4


def test_many_notes_of_a_kind_are_capped_and_counted(tmp_path):
    data = tiny_commune()
    n = NOTE_LIMIT + 250
    py = pd.DataFrame({"person_id": [f"X01-NK{i:05d}" for i in range(1, n + 1)], "year": 2025,
                       "digital_skills": "Không"})
    folder = write_csv_dir(data.replace(person_years=py), tmp_path / "csv")
    f = folder / "person_years.csv"
    f.write_text(f.read_text(encoding="utf-8-sig").replace(",Không,", ",khong,"), encoding="utf-8-sig")
    _, problems = check(folder)
    folded = [p for p in problems if p.code == "code_folded"]
    assert len(folded) == NOTE_LIMIT + 1
    last = folded[-1]
    assert last.repeat == 250 and last.row == NOTE_LIMIT + 2 and last.column == "Kỹ năng số"
    assert "250" in last.message
    assert count(folded)["đã sửa"] == n
    assert f"giá trị trong danh sách viết khác đã sửa: {n:,}".replace(",", ".") in summary(folded)
    text = render_text(folded, limit=20)
    assert f"… và {n - 20:,} chỗ khác cùng loại".replace(",", ".") in text
    # errors are never capped
    f.write_text(f.read_text(encoding="utf-8-sig").replace(",khong,", ",hmm,"), encoding="utf-8-sig")
    _, problems = check(folder)
    assert len([p for p in problems if p.code == "bad_code"]) == n


@pytest.mark.parametrize("bom", [True, False])
def test_bad_byte_is_located_by_line_across_chunks(tmp_path, monkeypatch, bom):
    monkeypatch.setattr(sources, "_CHUNK", 64)
    body = "Mã,Tên\n" + "".join(f"X{i},Tên {i}\n" for i in range(40))
    raw = ("\ufeff" if bom else "").encode() + body.encode()
    cut = raw.index(b"X30")
    (tmp_path / "persons.csv").write_bytes(raw[:cut] + b"\xff" + raw[cut:])
    sheets, problems = sources.load_source(tmp_path)
    assert sheets == [] and problems[0].code == "bad_file" and problems[0].row == 32

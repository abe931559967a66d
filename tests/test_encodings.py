"""Legacy Vietnamese encodings: samples made from known Unicode text are detected and converted back exactly."""
import unicodedata

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from _intake_data import tiny_commune
from khuyenhoc import sample
from khuyenhoc.intake import check
from khuyenhoc.intake.convert import ConvertError, convert_file
from khuyenhoc.legacy_encodings import convert_column, detect, from_unicode, to_unicode
from khuyenhoc.workbook import write_csv_dir

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


@pytest.fixture(scope="module")
def names():
    d = sample.load("mau")
    return pd.Series(pd.concat([d.persons.full_name, d.households.head_name, d.units.name, d.clans.name])
                     .dropna().unique(), dtype=object)


def test_known_text_round_trips_in_every_encoding(names):
    assert convert_column(names)[0] is None  # the Unicode sample itself is never taken for a legacy encoding
    for enc in ("tcvn3", "vni", "viqr"):
        src, want = [], []
        for n in names:
            try:
                src.append(from_unicode(n, enc))
                want.append(n)
            except ValueError:  # TCVN3 has no capital letters with a tone
                continue
        assert len(src) > 0.9 * len(names)
        got_enc, conv = convert_column(pd.Series(src, dtype=object))
        got = [c if c is not None else s for c, s in zip(conv, src)]
        assert got_enc == enc
        assert got == want, enc


def test_the_issue_example_and_single_cells():
    assert detect("NguyÔn V¨n Hïng") == "tcvn3" and to_unicode("NguyÔn V¨n Hïng", "tcvn3") == "Nguyễn Văn Hùng"
    assert detect("Nguyeãn Vaên Huøng") == "vni"
    assert detect("Nguye^~n Va(n Hu`ng") == "viqr"
    for real in ("Phú Thọ", "Hoà Bình", "Đắk Lắk", "Giàng A Páo", "Ksor H'Bia", "Chủ hộ"):
        assert detect(real) is None, real
    assert unicodedata.is_normalized("NFC", to_unicode("Tr\u00adêng", "tcvn3"))


def test_intake_flags_a_tcvn3_sheet_with_the_converted_text(tmp_path):
    folder = write_csv_dir(tiny_commune(), tmp_path / "csv")
    f = folder / "persons.csv"
    lines = f.read_text(encoding="utf-8-sig").splitlines()
    f.write_text("\n".join([lines[0]] + [from_unicode(x, "tcvn3") for x in lines[1:]]) + "\n", encoding="utf-8-sig")
    data, problems = check(folder)
    assert data is None
    flagged = [p for p in problems if p.code == "legacy_encoding" and p.column == "Họ và tên"]
    assert len(flagged) == 5 and "'Nguyễn Văn An'" in flagged[0].message and "khuyenhoc convert" in flagged[0].fix


def test_convert_writes_a_new_workbook_and_never_touches_the_input(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Nhân khẩu"
    ws.append(["Họ và tên", "Ghi chú"])
    for n in ("Nguyễn Văn Hùng", "Lê Thị Thơm", "Chu Thị Hoa"):
        ws.append([from_unicode(n, "vni"), unicodedata.normalize("NFD", "Đã kiểm tra")])
    src = tmp_path / "cu.xlsx"
    wb.save(src)
    before = src.read_bytes()
    r = convert_file(src, tmp_path / "moi.xlsx")
    assert src.read_bytes() == before
    out = load_workbook(tmp_path / "moi.xlsx").active
    assert [out.cell(row=i, column=1).value for i in (2, 3, 4)] == ["Nguyễn Văn Hùng", "Lê Thị Thơm", "Chu Thị Hoa"]
    assert out["A1"].value == "Họ và tên" and out["B2"].value == "Đã kiểm tra"
    assert {c.cell for c in r.changes} == {"A2", "A3", "A4", "B2", "B3", "B4"}
    with pytest.raises(ConvertError):
        convert_file(src, src)


def _cp1258(text):
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", d[0] + "".join(m for m in d[1:] if m not in TONES))
            out += base.encode("cp1258") + "".join(m for m in d[1:] if m in TONES).encode("cp1258")
    return out


@pytest.mark.parametrize("kind", ["utf8", "utf8-bom", "utf16", "cp1258", "semicolon"])
def test_csv_encodings_and_separators_are_detected(tmp_path, kind):
    folder = write_csv_dir(tiny_commune(), tmp_path / "csv")
    f = folder / "persons.csv"
    text = f.read_text(encoding="utf-8-sig")
    raw = {"utf8": text.encode(), "utf8-bom": b"\xef\xbb\xbf" + text.encode(), "utf16": text.encode("utf-16"),
           "cp1258": _cp1258(text), "semicolon": text.replace(",", ";").encode()}[kind]
    f.write_bytes(raw)
    data, problems = check(folder)
    assert data is not None, [p.line() for p in problems]
    assert data.persons.full_name.tolist()[0] == "Nguyễn Văn An"
    notes = [p for p in problems if p.code == "csv_encoding"]
    assert bool(notes) == (kind in ("utf16", "cp1258"))
    assert f.read_bytes() == raw


def test_an_unreadable_csv_gets_a_clear_message(tmp_path):
    folder = write_csv_dir(tiny_commune(), tmp_path / "csv")
    (folder / "persons.csv").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 50 + b"\x00\xff" * 100)
    data, problems = check(folder)
    assert data is None
    p = next(p for p in problems if p.sheet == "persons.csv")
    assert p.code == "bad_file" and ("UTF-8" in p.message or "NUL" in p.message)

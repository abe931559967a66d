"""Checking a file for residents' names, codes and birth dates before it leaves the commune."""

import docx
import pandas as pd
import pytest

from khuyenhoc import privacy, sample
from khuyenhoc.data import CommuneData


@pytest.fixture(scope="module")
def tiny():
    return CommuneData({
        "persons": pd.DataFrame({"person_id": ["X01-NK00001", "X01-NK00002"], "household_id": ["X01-H0001"] * 2,
                                 "full_name": ["Lê Thị Thu", "Nguyễn Văn An"],
                                 "birth_date": pd.to_datetime(["1980-03-05", "2015-09-01"])}),
        "households": pd.DataFrame({"household_id": ["X01-H0001"], "head_name": ["Nguyễn Văn An"]}),
    })


def test_names_codes_and_birth_dates_are_found(tiny):
    found = privacy.personal_data_in("Hộ X01-H0001 của Nguyễn Văn An, sinh 05/03/1980.", tiny)
    assert {(f.kind, f.value) for f in found} == {
        ("họ tên", "Nguyễn Văn An"), ("mã cá nhân", "X01-H0001"), ("ngày sinh", "05/03/1980")}


def test_a_longer_name_and_the_allowed_signer_are_not_findings(tiny):
    assert privacy.personal_data_in("CHỦ TỊCH\nLê Thị Thu Hà", tiny) == []
    assert privacy.personal_data_in("Người ký: Lê Thị Thu", tiny, allow=["Lê Thị Thu"]) == []
    assert privacy.personal_data_in("Lê Thị Thu, chi hội trưởng", tiny) == [privacy.Finding("họ tên", "Lê Thị Thu")]


def test_nfd_text_is_still_caught(tiny):
    import unicodedata
    text = unicodedata.normalize("NFD", "Danh sách: Nguyễn Văn An")
    assert [f.value for f in privacy.personal_data_in(text, tiny)] == ["Nguyễn Văn An"]


def test_docx_file_split_into_runs(tmp_path, tiny):
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("Khen thưởng: Nguyễn ")
    p.add_run("Văn An")
    path = tmp_path / "bao-cao.docx"
    d.save(path)
    assert [f.value for f in privacy.personal_data_in(path, tiny)] == ["Nguyễn Văn An"]


def test_the_annual_report_of_the_sample_is_clean(tmp_path):
    from khuyenhoc.reports import main_job
    data = sample.load("mau")
    written = main_job(tmp_path, data=data, year=2025, assess=False)
    report = next(p for p in written if p.suffix == ".docx")
    assert privacy.personal_data_in(report, data) == []
    named = [p for p in written if "han-che-luu-hanh" in p.parts and p.suffix == ".xlsx"]
    assert named and privacy.personal_data_in(named[0], data)  # the restricted list does hold names


def test_unknown_file_kind_is_explained(tmp_path):
    f = tmp_path / "anh.png"
    f.write_bytes(b"\x89PNG")
    with pytest.raises(ValueError, match="Chưa đọc được"):
        privacy.file_text(f)


def test_cli_exit_codes(tmp_path, capsys):
    from khuyenhoc.cli import main
    clean, dirty = tmp_path / "sach.txt", tmp_path / "ban.csv"
    clean.write_text("Tỷ lệ hội viên: 32,9%", encoding="utf-8")
    data = sample.load("mau")
    name = data.persons["full_name"].iloc[0]
    dirty.write_text(f"Họ tên\n{name}\n", encoding="utf-8-sig")
    assert main(["privacy", str(clean)]) == 0
    assert main(["kiem-tra-ca-nhan", str(clean), str(dirty)]) == 1
    out = capsys.readouterr().out
    assert "không thấy dữ liệu cá nhân" in out and f"họ tên: {name}" in out
    assert main(["privacy", str(dirty), "--cho-phep", name]) == 0
    assert main(["privacy", str(tmp_path / "khong-co.docx")]) == 2

"""Data-subject rights: export everything about one person, erase or pseudonymise them, change log of two versions."""
import pandas as pd
from openpyxl import load_workbook

from _intake_data import tiny_commune
from khuyenhoc.cli import main
from khuyenhoc.intake import read
from khuyenhoc.rights import changelog, erase_person, person_records
from khuyenhoc.workbook import write_workbook


def test_records_of_one_person_cover_every_table_about_them():
    rec = person_records(tiny_commune(), "X01-NK00005")  # a child: award, consent, yearly row
    assert set(rec) >= {"persons", "person_years", "awards", "consents"}
    assert rec["persons"]["full_name"].tolist() == ["Lò Thị Mai"]
    rec = person_records(tiny_commune(), "X01-NK00004")  # the child's guardian and a household head
    assert set(rec) >= {"persons", "consents", "households"}


def test_erase_and_pseudonymise_leave_no_name_and_log_who_and_what():
    d = tiny_commune()
    new, log = erase_person(d, "X01-NK00005", by="Chủ tịch Hội")
    assert "X01-NK00005" not in set(new.persons["person_id"]) and not len(new.awards)
    assert set(log["Người thực hiện"]) == {"Chủ tịch Hội"} and "Lò Thị Mai" not in log.to_string()
    ps, log2 = erase_person(d, "X01-NK00004", mode="pseudonymise", by="Chủ tịch Hội")
    row = ps.persons.set_index("person_id").loc["X01-NK00004"]
    assert row["full_name"].startswith("Người ẩn danh") and row["birth_date"] == pd.Timestamp("1990-07-01")
    assert "Lò Văn Cương" not in set(ps.households["head_name"]) and len(ps.persons) == len(d.persons)
    assert (log2["Thao tác"] == "Ẩn danh").all()


def test_changelog_lists_personal_changes():
    d = tiny_commune()
    p = d.persons.copy()
    p.loc[0, "full_name"] = "Nguyễn Văn Ân"
    ch = changelog(d, d.replace(persons=p.iloc[:4]), by="Cán bộ A")
    assert ["Nhân khẩu", "X01-NK00001", "Họ và tên", "Sửa", "Nguyễn Văn An", "Nguyễn Văn Ân"] in \
        ch.iloc[:, :6].values.tolist()
    assert (ch["Loại thay đổi"] == "Bỏ dòng").sum() == 1 and set(ch["Người ghi"]) == {"Cán bộ A"}


def test_cli_erase_writes_a_new_workbook_and_a_log_and_never_the_input(tmp_path, capsys):
    src = write_workbook(tiny_commune(), tmp_path / "xa.xlsx")
    before = src.read_bytes()
    assert main(["person", "erase", str(src), "X01-NK00002", "--out", str(tmp_path / "moi.xlsx"),
                 "--by", "Chủ tịch Hội"]) == 0
    assert src.read_bytes() == before
    new = read(tmp_path / "moi.xlsx")
    assert "X01-NK00002" not in set(new.persons["person_id"])
    log = pd.read_csv(tmp_path / "moi-nhat-ky.csv", encoding="utf-8-sig")
    assert set(log["Mã nhân khẩu"]) == {"X01-NK00002"}
    assert main(["person", "export", str(src), "X01-NK00002", "--out", str(tmp_path / "cua-toi.xlsx")]) == 0
    assert "Phạm Thị Hoa" in [c.value for c in load_workbook(tmp_path / "cua-toi.xlsx")["Nhân khẩu"]["C"]]
    assert main(["changelog", str(src), str(tmp_path / "moi.xlsx"), "--out", str(tmp_path / "nk.xlsx")]) == 0
    assert main(["person", "export", str(src), "X01-NK99999", "--out", str(tmp_path / "x.xlsx")]) == 1
    assert "Không có nhân khẩu" in capsys.readouterr().err

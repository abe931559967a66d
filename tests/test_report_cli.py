"""The `indicators`, `report` and `province` commands: exit codes and Vietnamese messages, never a traceback."""

from __future__ import annotations

import json

import pytest

from khuyenhoc.cli import main
from khuyenhoc.workbook import write_csv_dir
from test_indicators import tiny_commune


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("du-lieu")
    return write_csv_dir(tiny_commune(), d / "xa")


def test_indicators_text_and_json(tiny_dir, capsys):
    assert main(["indicators", "--year", "2025", "--data", str(tiny_dir)]) == 0
    out = capsys.readouterr().out
    assert "Xã Đồng Tâm — năm 2025" in out and "20,0%  (chỉ tiêu 19,5%: đạt)" in out
    assert main(["indicators", "--year", "2025", "--data", str(tiny_dir), "--json", "--cap", "thôn"]) == 0
    recs = json.loads(capsys.readouterr().out)
    assert {r["unit_name"] for r in recs} == {"Thôn Đông", "Thôn Tây"}
    r = [x for x in recs if x["indicator"] == "hoi_vien_dan_so" and x["unit_name"] == "Thôn Tây"][0]
    assert r["value"] == 15.0 and r["met"] is False


def test_indicators_bad_year_and_missing_file(tiny_dir, capsys):
    assert main(["indicators", "--year", "1999", "--data", str(tiny_dir)]) == 1
    err = capsys.readouterr().err
    assert "không có số liệu năm 1999" in err and "Traceback" not in err
    assert main(["indicators", "--data", "khong-co.xlsx"]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert main(["indicators", "--year", "abc"]) == 2


def test_report_command(tiny_dir, tmp_path, capsys):
    out = tmp_path / "ra"
    assert main(["report", "--year", "2025", "--data", str(tiny_dir), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "bao-cao-nam-2025.docx" in text and "han-che-luu-hanh" in text
    assert (out / "bao-cao-nam-2025.docx").exists() and (out / "phu-luc-chi-tieu-2025.xlsx").exists()
    assert main(["report", "--year", "2025", "--data", str(tiny_dir)]) == 2  # --out is required
    bad = tmp_path / "mau.yaml"
    bad.write_text("muc_la: 1\n", encoding="utf-8")
    assert main(["report", "--data", str(tiny_dir), "--out", str(out), "--mau", str(bad)]) == 1
    assert "không có mục này" in capsys.readouterr().err
    assert "Ngưỡng do địa phương" not in text  # --data without --nguong-file: no thresholds file


def test_report_command_with_a_thresholds_file(tiny_dir, tmp_path, capsys):
    from docx import Document

    nguong = tmp_path / "nguong.yaml"
    nguong.write_text("decided_by: UBND xã Thử\ndocument: Kế hoạch số 7/KH-UBND\ncatalogues:\n  giadinh-qd387:\n"
                      "    thresholds:\n      GDHT-2.2: 50\n", encoding="utf-8")
    out = tmp_path / "ra"
    assert main(["report", "--year", "2025", "--data", str(tiny_dir), "--out", str(out),
                 "--nguong-file", str(nguong)]) == 0
    text = capsys.readouterr().out
    assert f"Ngưỡng do địa phương quy định lấy từ tệp '{nguong}' (Kế hoạch số 7/KH-UBND)" in text
    doc = "\n".join(p.text for p in Document(str(out / "bao-cao-nam-2025.docx")).paragraphs)
    assert "Gia đình học tập: 1 ngưỡng chưa đặt" not in doc
    nguong.write_text("decided_by: A\ndocument: B\ncatalogues: {giadinh-qd387: {thresholds: {GDHT-2.2: có}}}\n",
                      encoding="utf-8")
    assert main(["report", "--year", "2025", "--data", str(tiny_dir), "--out", str(out),
                 "--nguong-file", str(nguong)]) == 1
    assert "phải là một con số" in capsys.readouterr().err
    assert main(["report", "--year", "2025", "--data", str(tiny_dir), "--out", str(out),
                 "--nguong-file", str(tmp_path / "khong.yaml")]) == 2


def test_province_command(tiny_dir, tmp_path, capsys):
    # the province reads the annex each commune's `khuyenhoc report` wrote (never the commune's own data)
    assert main(["report", "--data", str(tiny_dir), "--nam", "2025", "--out", str(tmp_path / "xa")]) == 0
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    (folder / "xa-dong-tam.xlsx").write_bytes((tmp_path / "xa" / "phu-luc-chi-tieu-2025.xlsx").read_bytes())
    capsys.readouterr()
    code = main(["province", str(folder), "--year", "2025", "--out", str(tmp_path / "tinh")])
    assert code == 0
    assert "tỷ lệ báo cáo 100,0%" in capsys.readouterr().out
    assert main(["province", str(tmp_path / "khong-co"), "--year", "2025", "--out", str(tmp_path)]) == 2

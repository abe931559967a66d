"""The khuyenhoc CLI: Vietnamese help and errors, exit codes, and the sample/template/validate commands."""

import json
import os
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from _intake_data import tiny_commune
from khuyenhoc.cli import main
from khuyenhoc.workbook import write_workbook


@pytest.fixture(scope="module")
def clean_xlsx(tmp_path_factory):
    return write_workbook(tiny_commune(), tmp_path_factory.mktemp("c") / "xa.xlsx")


def edited(src, dst, edit):
    wb = load_workbook(src)
    edit(wb)
    wb.save(dst)
    return dst


def test_help_is_vietnamese(capsys):
    assert main(["-h"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Cách dùng: khuyenhoc")
    assert "tùy chọn:" in out and "hiện trợ giúp này rồi thoát" in out
    for cmd in ("sample", "template", "validate"):
        assert cmd in out
    assert "usage" not in out and "show this help" not in out


def test_wrong_usage_exits_2_in_vietnamese(capsys):
    assert main([]) == 2
    assert main(["validate"]) == 2
    err = capsys.readouterr().err
    assert "lỗi: thiếu tham số bắt buộc: TỆP_HOẶC_THƯ_MỤC" in err
    assert main(["validate", "x.xlsx", "--khong-co"]) == 2
    assert "tham số không hiểu được: --khong-co" in capsys.readouterr().err
    assert main(["khong-co-lenh"]) == 2
    assert "lựa chọn không có: 'khong-co-lenh'" in capsys.readouterr().err
    assert main(["validate", "khong_co_tep.xlsx"]) == 2
    assert "không tìm thấy" in capsys.readouterr().err


def test_validate_clean_prints_summary(clean_xlsx, capsys):
    assert main(["validate", str(clean_xlsx)]) == 0
    out = capsys.readouterr().out
    assert "hợp lệ" in out and "Số hộ gia đình: 3" in out and "Các năm có số liệu: 2025" in out


def test_validate_errors_grouped_by_sheet(clean_xlsx, tmp_path, capsys):
    def edit(wb):
        wb["Nhân khẩu"]["E3"] = "31/02/1980"
        wb["Nhân khẩu"]["D4"] = "nu"
        wb["Hộ gia đình"]["B2"] = None
    path = edited(clean_xlsx, tmp_path / "loi.xlsx", edit)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Trang 'Hộ gia đình' — 1 lỗi, 0 cảnh báo, 0 chỗ đã tự sửa:" in out
    assert "Trang 'Nhân khẩu' — 1 lỗi, 0 cảnh báo, 1 chỗ đã tự sửa:" in out
    assert ("  [lỗi] dòng 3, cột 'Ngày sinh' (E): '31/02/1980' không phải ngày hợp lệ. Sửa lại theo dạng "
            "ngày/tháng/năm, ví dụ 29/02/1980.") in out
    assert "  [đã sửa] dòng 4, cột 'Giới tính' (D): 'nu' được hiểu là 'Nữ'." in out
    assert "Tổng cộng: 2 lỗi, 0 cảnh báo, 1 chỗ đã tự sửa." in out
    assert main(["validate", "--json", str(path)]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["summary"] == {"lỗi": 2, "cảnh báo": 0, "đã sửa": 1}
    assert {(p["sheet"], p["row"], p["code"]) for p in doc["problems"]} == {
        ("Nhân khẩu", 3, "bad_date"), ("Nhân khẩu", 4, "code_folded"), ("Hộ gia đình", 2, "missing")}


def test_notes_and_warnings_do_not_fail_unless_strict(clean_xlsx, tmp_path, capsys):
    def edit(wb):
        wb["Nhân khẩu"]["D4"] = "nu"
        wb["Nhân khẩu"]["C2"] = "Nguyen Van An"
    path = edited(clean_xlsx, tmp_path / "ghi_chu.xlsx", edit)
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "[cảnh báo] dòng 2, cột 'Họ và tên' (C): Họ tên 'Nguyen Van An' có vẻ được gõ không dấu." in out
    assert "Số liệu tóm tắt:" in out
    assert main(["validate", "--nghiem-ngat", str(path)]) == 1


def test_template_command_refuses_to_overwrite(tmp_path, capsys):
    f = tmp_path / "so_mau.xlsx"
    assert main(["template", str(f)]) == 0
    assert f.exists()
    before = f.read_bytes()
    assert main(["template", str(f)]) == 2
    assert "--ghi-de" in capsys.readouterr().err
    assert f.read_bytes() == before
    assert main(["template", str(f), "--ghi-de"]) == 0
    assert main(["template", str(tmp_path / "so_mau.xls")]) == 2


def test_unexpected_errors_never_show_a_traceback(monkeypatch, clean_xlsx, capsys):
    import khuyenhoc.cli.validate_cmd as v

    def boom(path):
        raise RuntimeError("hỏng")
    monkeypatch.setattr(v, "check", boom)
    monkeypatch.delenv("KHUYENHOC_DEBUG", raising=False)
    assert main(["validate", str(clean_xlsx)]) == 1
    err = capsys.readouterr().err
    assert "Lỗi ngoài dự kiến (RuntimeError): hỏng" in err and "Traceback" not in err


def test_output_is_utf8_whatever_the_locale(clean_xlsx, tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "PYTHONUTF8": "0", "LC_ALL": "C", "LANG": "C"}
    r = subprocess.run([sys.executable, "-m", "khuyenhoc.cli", "validate", str(clean_xlsx)],
                       capture_output=True, env=env, cwd=tmp_path, timeout=120)
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    assert "Số hộ gia đình: 3" in r.stdout.decode("utf-8")
    r = subprocess.run([sys.executable, "-m", "khuyenhoc.cli", "validate"], capture_output=True, env=env,
                       cwd=tmp_path, timeout=120)
    assert r.returncode == 2 and "thiếu tham số bắt buộc" in r.stderr.decode("utf-8")


def test_sample_command_copies_the_shipped_files(tmp_path, capsys):
    from khuyenhoc import sample

    dest = tmp_path / "mau"
    assert main(["sample", str(dest)]) == 0
    shipped = sample.path("mau")
    assert (dest / "xa_mau.xlsx").read_bytes() == shipped["workbook"].read_bytes()
    assert sorted(p.name for p in (dest / "csv").iterdir()) == sorted(p.name for p in shipped["csv"].iterdir())
    capsys.readouterr()
    assert main(["sample", str(dest)]) == 2
    assert "--ghi-de" in capsys.readouterr().err
    (dest / "xa_mau.xlsx").write_bytes(b"hong")
    assert main(["sample", str(dest), "--ghi-de"]) == 0
    assert (dest / "xa_mau.xlsx").read_bytes() == shipped["workbook"].read_bytes()
    f = tmp_path / "a_file"
    f.write_text("x")
    assert main(["sample", str(f)]) == 2

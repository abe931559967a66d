"""The README's main job (`python -m khuyenhoc.main_job out`) end to end on the shipped sample commune."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from openpyxl import load_workbook

from khuyenhoc import main_job as face
from khuyenhoc import sample
from khuyenhoc.reports import MARK
from khuyenhoc.reports import job as job_mod

MESSY = Path(sample.__file__).parent / "files" / "messy" / "xa_mau_loi.xlsx"
RESTRICTED = "han-che-luu-hanh"


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = face.main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """Run the main job once on the sample (no --data), capturing the data and result it worked on."""
    out = tmp_path_factory.mktemp("out")
    src = sample.path("mau")["workbook"]
    before = _sha(src)
    seen = {}
    original = job_mod.run_job

    def spy(out_dir, data, *a, **k):
        seen["data"] = data
        seen["result"] = original(out_dir, data, *a, **k)
        return seen["result"]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(job_mod, "run_job", spy)
        code, stdout, stderr = _run([str(out)])
    return {"out": out, "code": code, "stdout": stdout, "stderr": stderr, "src": src, "before": before, **seen}


def test_exit_code_and_summary(run):
    assert run["code"] == 0, run["stderr"]
    assert "Traceback" not in run["stderr"] + run["stdout"]
    text = run["stdout"]
    files = [p for p in run["out"].rglob("*") if p.is_file()]
    assert f"Đã ghi {len(files)} tệp vào thư mục '{run['out'].resolve()}'" in text
    assert "Xã Hòa Mẫu — báo cáo năm 2025." in text
    assert re.search(r"Tỷ lệ hội viên trên dân số: \d+,\d% \(chỉ tiêu", text)
    assert re.search(r"Quỹ khuyến học bình quân đầu người: [\d.]+ đồng/người", text)
    assert "Tỷ lệ hộ đạt Gia đình học tập:" in text
    # the assessment lines are the engine's figures
    for r in run["result"].assessments.results.values():
        s = r.summary
        n, met = len(s), int(s["recognised"].fillna(False).sum())
        assert f"{r.catalogue.model}: {met:,}/{n:,} đạt".replace(",", ".") in text
    assert unicodedata.is_normalized("NFC", text)
    # on the bundled sample the sample's own (fictional) thresholds file is used, and the summary says so
    file = sample.path("mau")["thresholds"]
    assert run["result"].thresholds.path == file
    assert f"Ngưỡng do địa phương quy định lấy từ tệp '{file}' (của xã mẫu — GIẢ ĐỊNH" in text
    assert "chưa kết luận" not in text and "ngưỡng chưa đặt" not in text


def test_every_model_shows_a_realistic_spread(run):
    """With the sample's thresholds every model is decided; most registered subjects recognised, some not."""
    reg = run["data"].registrations
    for r in run["result"].assessments.results.values():
        s = r.summary
        assert not (s["result"] == "Chưa kết luận").any(), r.catalogue.id
        st = reg[(reg["model"] == r.catalogue.model) & (reg["year"] == 2025)].set_index("subject_id")["status"]
        recorded = s["subject_id"].map(st)
        done = recorded.isin(["Được công nhận", "Không được công nhận"]).to_numpy(dtype=bool)
        got = s["recognised"].fillna(False).to_numpy(dtype=bool)[done]
        assert (got == (recorded[done] == "Được công nhận").to_numpy()).all(), r.catalogue.id
        if len(got) > 1:
            assert 0 < got.mean() < 1, r.catalogue.id


def test_thresholds_file_errors(tmp_path):
    code, _, err = _run([str(tmp_path / "o"), "--nguong-file", str(tmp_path / "khong.yaml")])
    assert code == 2 and "không tìm thấy tệp ngưỡng địa phương" in err
    bad = tmp_path / "nguong.yaml"
    bad.write_text("decided_by: A\ndocument: B\ncatalogues: {khong-co: {thresholds: {X: 1}}}\n", encoding="utf-8")
    code, _, err = _run([str(tmp_path / "o"), "--data", str(sample.path("mau")["csv"]), "--nguong-file", str(bad)])
    assert code == 1 and "tệp ngưỡng địa phương có vấn đề" in err and "Không có bộ tiêu chí 'khong-co'" in err
    assert "Traceback" not in err


def test_files_written(run):
    out = run["out"]
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {"chi-tieu-xa-2025.csv", "chi-tieu-thon-2025.csv", "bao-cao-nam-2025.docx",
            "phu-luc-chi-tieu-2025.xlsx"} <= names
    assert len([n for n in names if n.startswith("bieu-do/") and n.endswith(".png")]) >= 4
    restricted = {f"{RESTRICTED}/{n}" for n in (
        "HAN-CHE-LUU-HANH_danh-sach-ca-nhan-2025.xlsx", "HAN-CHE-LUU-HANH_ket-qua-danh-gia-2025.xlsx",
        "HAN-CHE-LUU-HANH_thieu-minh-chung-2025.xlsx", "kiem-tra-du-lieu.txt")}
    assert restricted <= names
    assert any(n.startswith(f"{RESTRICTED}/HAN-CHE-LUU-HANH_phieu-thu-minh-chung_") for n in names)
    # every file with names is in the restricted folder, and nothing is left half-written
    assert not [n for n in names if ("HAN-CHE" in n or "kiem-tra" in n) and not n.startswith(RESTRICTED + "/")]
    assert not [p for p in out.rglob(".*")]
    assert all((out / n).stat().st_size > 0 for n in names)
    assert set(run["result"].restricted) == {p for p in run["result"].written if RESTRICTED in p.parts}


def test_input_file_unchanged(run):
    assert _sha(run["src"]) == run["before"]


def test_docx_opens_and_assessment_section_matches_engine(run):
    doc = Document(str(run["out"] / "bao-cao-nam-2025.docx"))
    heads = [p.text for p in doc.paragraphs if re.match(r"^[IVX]+\. ", p.text)]
    assert heads[:2] == ["I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2025",
                         "II. KẾT QUẢ ĐÁNH GIÁ CÁC MÔ HÌNH HỌC TẬP THEO BỘ TIÊU CHÍ NĂM 2025"]
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:3] == ["TT", "Mô hình", "Căn cứ"])
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in table.rows[1:]}
    results = run["result"].assessments.results
    assert set(rows) == {r.catalogue.model for r in results.values()}
    for r in results.values():
        s = r.summary
        n, met = len(s), int(s["recognised"].fillna(False).sum())
        und = int((s["result"] == "Chưa kết luận").sum())
        fmt = lambda v: f"{v:,}".replace(",", ".")  # noqa: E731
        assert rows[r.catalogue.model][4:] == [fmt(n), fmt(met), f"{100 * met / n:.1f}".replace(".", ","), fmt(und)]


def _people(data) -> tuple[list[str], list[str], list[str]]:
    names = [n for n in pd.concat([data.persons["full_name"], data.households["head_name"]]).dropna().unique()]
    ids = list(data.persons["person_id"]) + list(data.households["household_id"]) + list(data.members["member_id"])
    births = [d.strftime("%d/%m/%Y") for d in data.persons["birth_date"].dropna()]
    return names, ids, births


def _assert_clean(text: str, people, where: str) -> None:
    names, ids, births = people
    text = unicodedata.normalize("NFC", text)
    leaked = [n for n in names if n in text]
    assert not leaked, f"{where}: có tên người {leaked[:3]}"
    found = set(re.findall(r"[A-Z0-9]+(?:-[A-Z0-9]+)+", text)) & set(ids)
    assert not found, f"{where}: có mã cá nhân {sorted(found)[:3]}"
    assert not [b for b in births if b in text], f"{where}: có ngày sinh"


def test_no_personal_data_outside_the_restricted_folder(run):
    out, people = run["out"], _people(run["data"])
    assert len(people[0]) > 1000 and len(people[1]) > 1000  # the scan has something to look for
    shared = [p for p in out.rglob("*") if p.is_file() and RESTRICTED not in p.relative_to(out).parts]
    assert {p.suffix for p in shared} == {".csv", ".docx", ".xlsx", ".png"}
    for p in shared:
        if p.suffix == ".docx":
            with zipfile.ZipFile(p) as z:
                text = " ".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist() if n.endswith(".xml"))
        elif p.suffix == ".xlsx":
            wb = load_workbook(p, read_only=True)
            text = "\n".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                             for v in row if v is not None)
        elif p.suffix == ".csv":
            text = p.read_text(encoding="utf-8-sig")
        else:
            continue
        _assert_clean(text, people, p.name)
    _assert_clean(run["stdout"], people, "tóm tắt in ra màn hình")


def test_restricted_files_are_marked(run):
    folder = run["out"] / RESTRICTED
    books = {n: load_workbook(folder / f"HAN-CHE-LUU-HANH_{n}-2025.xlsx", read_only=True)
             for n in ("ket-qua-danh-gia", "thieu-minh-chung")}
    for wb in books.values():
        assert all(next(ws.iter_rows(max_row=1, values_only=True))[0] == MARK for ws in wb.worksheets)
    # the assessment workbook holds names (that is why it is restricted)
    wb = books["ket-qua-danh-gia"]
    rows = list(wb["Công dân HT - tóm tắt"].iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r[0] == "Mã đối tượng")
    persons = run["data"].persons.set_index("person_id")["full_name"]
    body = rows[head + 1:]
    assert len(body) == len(run["result"].assessments.results["congdan-qd324"].summary)
    assert all(r[1] == persons[r[0]] for r in body[:50])
    assert (folder / "kiem-tra-du-lieu.txt").read_text(encoding="utf-8").startswith(MARK)


def test_messy_workbook_exit_1_in_vietnamese(tmp_path):
    before = _sha(MESSY)
    code, stdout, stderr = _run(["--data", str(MESSY), str(tmp_path / "out")])
    assert code == 1
    assert "Traceback" not in stderr + stdout
    assert f"Sổ dữ liệu '{MESSY}' có 10 lỗi cần sửa" in stderr
    assert "Trang 'Hộ gia đình'" in stderr and "Chưa lập báo cáo" in stderr
    assert not list((tmp_path / "out").glob("*.docx"))
    assert (tmp_path / "out" / RESTRICTED / "kiem-tra-du-lieu.txt").exists()
    assert _sha(MESSY) == before


def test_missing_file_and_wrong_usage(tmp_path):
    code, _, stderr = _run(["--data", str(tmp_path / "khong-co.xlsx"), str(tmp_path / "out")])
    assert code == 1 and "không tìm thấy tệp hoặc thư mục dữ liệu" in stderr
    code, _, stderr = _run(["--nam", "hai-nghin", str(tmp_path / "out")])
    assert code == 2 and "lỗi" in stderr and "Traceback" not in stderr
    (tmp_path / "tep").write_text("x")
    code, _, stderr = _run([str(tmp_path / "tep")])
    assert code == 2 and "không phải thư mục" in stderr


def test_module_entry_point_help():
    env = {**os.environ, "COLUMNS": "200"}
    r = subprocess.run([sys.executable, "-m", "khuyenhoc.main_job", "--help"], capture_output=True, text=True,
                       encoding="utf-8", timeout=120, env=env)
    assert r.returncode == 0
    text = r.stdout.replace("\n", "")  # argparse may wrap lines at a hyphen
    assert "Cách dùng" in text and "--data" in text and "han-che-luu-hanh" in text


def test_year_without_data_exit_1(tmp_path):
    code, stdout, stderr = _run(["--nam", "2019", str(tmp_path / "out")])
    assert code == 1 and "Traceback" not in stderr
    assert "Không có số liệu năm 2019 trong dữ liệu" in stderr
    assert not list((tmp_path / "out").glob("*.docx"))

"""Ứng dụng của cán bộ (Voilà) trong trình duyệt, mạng ngoài bị chặn: tải sổ lỗi, tải sổ sạch, đánh giá,
nhập minh chứng, lập và tải báo cáo; báo cáo tải về trùng với báo cáo của lệnh khuyenhoc report."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import yaml
from docx import Document

import servers

pytestmark = pytest.mark.browser

SAMPLE_FILES = servers.REPO / "toolkit" / "khuyenhoc" / "sample" / "files"
MESSY = SAMPLE_FILES / "messy" / "xa_mau_loi.xlsx"
CLEAN = SAMPLE_FILES / "mau" / "xa_mau.xlsx"
# the officer types the number with its symbol, as on paper: the report must not double it (12/BC-HKH/BC-HKH)
SETTINGS = {"so": "12/BC-HKH", "ngay": "20/12/2025", "nguoi_ky": "Nguyễn Thị Lan"}
#: An old laptop's screen: the report's download links must be visible on it without scrolling.
SMALL_SCREEN = {"width": 1366, "height": 768}


def docx_text(path) -> list[str]:
    d = Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return parts


def _upload(page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.locator(".kh-tai-so").click()  # the officer clicks "Tải sổ của xã lên" and picks the file
    chooser.value.set_files(str(path))


def _tab(page, title: str, ready: str) -> None:
    """Click a tab until its content (``ready``) is visible (the tabs are re-drawn when data is opened)."""
    for _ in range(10):
        page.locator(".lm-TabBar-tab, .p-TabBar-tab").filter(has_text=title).first.click()
        try:
            page.locator(ready).first.wait_for(state="visible", timeout=3_000)
            return
        except Exception:  # noqa: BLE001 - still re-drawing: click again
            continue
    raise AssertionError(f"thẻ '{title}' không mở được")


def test_app_page_loads_nothing_from_the_internet(voila_app):
    with urllib.request.urlopen(f"{voila_app.base}/?token={voila_app.token}", timeout=60) as r:
        page = r.read().decode("utf-8")
    refs = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)""",
                      page)
    urls = [u for group in refs for u in group if u]
    external = [u for u in urls if re.match(r"(?i)^(https?:)?//", u) and "127.0.0.1" not in u]
    assert urls and not external, external
    for u in {u for u in urls if u.startswith("/voila/")}:
        with urllib.request.urlopen(f"{voila_app.base}{u}", timeout=30) as r:
            assert r.status == 200  # widget JS and styles come from the installed packages


def test_officer_flow_in_browser(voila_app, app_work_dir, offline_page, artifacts, tmp_path):
    try:
        _flow(offline_page, voila_app, app_work_dir, artifacts, tmp_path)
    except BaseException:
        offline_page.screenshot(path=str(artifacts / "ung-dung-LOI.png"), full_page=True)
        raise


def _screen_text(page) -> str:
    return page.locator("body").inner_text()


def _assert_officer_screen(page, app_work_dir, where: str) -> None:
    """What an officer must never see: raw <NA>, server paths, catalogue ids, command lines, bare big numbers."""
    from khuyenhoc.catalogues import list_catalogues

    text = _screen_text(page)
    assert "<NA>" not in text and "NaN" not in text, where
    assert str(app_work_dir) not in text and "/tmp/" not in text and "/home/" not in text, where
    ids = [i for i in list_catalogues()["id"] if i in text]
    assert not ids, (where, ids)
    assert not re.search(r"khuyenhoc (report|validate|template|assess)|--nam|--data", text), where
    # "1305" beside "1.305": every number of 4 digits or more is written with dots (codes and years aside)
    plain = re.sub(r"\b[A-Z]\d{2}-[\w-]+|\b(19|20)\d\d\b|\d{1,2}/\d{1,2}/\d{4}|[\w-]+\.(xlsx|docx|yaml|csv)", " ", text)
    assert not re.search(r"(?<![\d.,])\d{4,}(?![\d.,])", plain), (where, re.findall(r"(?<![\d.,])\d{4,}", plain)[:5])


def _flow(page, voila_app, app_work_dir, artifacts, tmp_path):
    page.set_viewport_size(SMALL_SCREEN)
    page.goto(f"{voila_app.base}/?token={voila_app.token}")
    page.get_by_text("Hội Khuyến học — công cụ của cán bộ xã").wait_for(timeout=90_000)
    page.locator(".kh-nut-xa-mau").wait_for()
    page.screenshot(path=str(artifacts / "ung-dung-01-mo.png"))

    # 1. the messy workbook: located problems, nothing opened
    _upload(page, MESSY)
    out = page.locator(".kh-ket-qua-du-lieu")
    out.get_by_text("lỗi nên chưa dùng được").wait_for(timeout=120_000)
    first = out.locator("table.kh-van-de tr.kh-loi").first
    cells = first.locator("td").all_inner_texts()
    assert cells[0] == "lỗi" and cells[1] and cells[2].isdigit() and cells[3], cells  # sheet, row, column
    page.screenshot(path=str(artifacts / "ung-dung-02-so-loi.png"), full_page=False)

    # 2. the clean workbook
    _upload(page, CLEAN)
    out.get_by_text("Đã đọc sổ 'xa_mau.xlsx'").wait_for(timeout=120_000)
    page.screenshot(path=str(artifacts / "ung-dung-03-so-sach.png"))
    _assert_officer_screen(page, app_work_dir, "thẻ 1 (sổ sạch)")

    # 3. assess a model
    _tab(page, "4. Đánh giá", ".kh-nut-danh-gia")
    page.locator(".kh-nut-danh-gia").click()
    res = page.locator(".kh-ket-qua-danh-gia")
    res.get_by_text("đối tượng được xét").wait_for(timeout=60_000)
    res.locator("img.kh-bieu-do").wait_for(timeout=30_000)
    page.screenshot(path=str(artifacts / "ung-dung-04-danh-gia.png"))
    assert "1.305 đối tượng được xét" in res.inner_text()  # the sample's 1.305 households, written the Vietnamese way
    _assert_officer_screen(page, app_work_dir, "thẻ 4 (đánh giá)")

    # 4. add an evidence item (checked while typing)
    from khuyenhoc.widgets import next_evidence_id, read_evidence_file

    expected_id = next_evidence_id(read_evidence_file(CLEAN)[0])
    _tab(page, "2. Nhập minh chứng", ".kh-subject-id input")
    page.locator(".kh-subject-id input").fill("X01-H0001")
    page.locator(".kh-date input").fill("31/02/2025")
    page.locator(".kh-kiem-tra").get_by_text("không phải ngày hợp lệ").wait_for(timeout=20_000)
    page.locator(".kh-date input").fill("25/05/2025")
    page.locator(".kh-issuer input").fill("Trường Tiểu học Hòa Mẫu")
    page.locator(".kh-type select").select_option("Học bạ, giấy báo kết quả")
    page.locator(".kh-kiem-tra").get_by_text("Các ô đều hợp lệ").wait_for(timeout=20_000)
    page.locator(".kh-nut-luu-minh-chung").click()
    page.locator(".kh-ket-qua-minh-chung").get_by_text(f"Đã lưu minh chứng {expected_id}").wait_for(timeout=60_000)
    page.screenshot(path=str(artifacts / "ung-dung-05-minh-chung.png"))
    # right after a successful save the emptied cells are a fresh entry, not red "đang để trống" errors
    check = page.locator(".kh-kiem-tra")
    check.get_by_text("Còn ô bắt buộc chưa điền").wait_for(timeout=20_000)
    assert check.locator(".kh-loi").count() == 0 and "đang để trống" not in check.inner_text()
    _assert_officer_screen(page, app_work_dir, "thẻ 2 (minh chứng)")

    # 5. build the report and download it
    _tab(page, "5. Báo cáo", ".kh-nut-lap-bao-cao")
    page.locator(".kh-nam select").select_option("2025")
    page.locator(".kh-so input").fill(SETTINGS["so"])
    page.locator(".kh-ngay input").fill(SETTINGS["ngay"])
    page.locator(".kh-nguoi-ky input").fill(SETTINGS["nguoi_ky"])
    page.locator(".kh-nut-lap-bao-cao").click()
    link = page.locator("a.kh-tai-ve", has_text="bao-cao-nam-2025.docx")
    link.wait_for(timeout=180_000)
    page.screenshot(path=str(artifacts / "ung-dung-06-bao-cao.png"))
    # the links are on the screen the officer is looking at (1366×768), without scrolling
    for a in page.locator("a.kh-tai-ve").all()[:2]:
        box = a.bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= SMALL_SCREEN["height"], box
    _assert_officer_screen(page, app_work_dir, "thẻ 5 (báo cáo)")
    with page.expect_download() as dl:
        link.click()
    assert dl.value.suggested_filename == "bao-cao-nam-2025.docx"
    downloaded = tmp_path / "tai-ve.docx"
    dl.value.save_as(downloaded)
    assert page.outside == []  # the whole session worked without the Internet

    # the same inputs through the CLI: the workbook plus the evidence table the app saved
    from khuyenhoc import intake
    from khuyenhoc.workbook import write_csv_dir

    evidence, problems = read_evidence_file(app_work_dir / "minh_chung_T01-X01.xlsx")
    assert evidence["evidence_id"].iloc[-1] == expected_id and not [p for p in problems if p.severity == "lỗi"]
    data = intake.read(CLEAN).replace(evidence=evidence)
    inputs = write_csv_dir(data, tmp_path / "du-lieu")
    settings = tmp_path / "mau.yaml"
    settings.write_text(yaml.safe_dump(SETTINGS, allow_unicode=True), encoding="utf-8")
    cli = Path(sys.executable).parent / "khuyenhoc"
    done = subprocess.run([str(cli), "report", "--data", str(inputs), "--nam", "2025", "--mau", str(settings),
                           "--out", str(tmp_path / "cli")], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert docx_text(downloaded) == docx_text(tmp_path / "cli" / "bao-cao-nam-2025.docx")
    text = docx_text(downloaded)
    assert any("Số: 12/BC-HKH" in t for t in text) and not any("BC-HKH/BC-HKH" in t for t in text)

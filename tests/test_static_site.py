"""The course's static reading site: built from the same notebooks and pages, no warnings, no broken links,
nothing loaded from the network, opens at phone width (browser test in tests/browser/test_browser_site.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

pytest.importorskip("sphinx")
pytest.importorskip("myst_nb")

from course import static_site  # noqa: E402
from course.catalog import lessons  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return static_site.build(tmp_path_factory.mktemp("site") / "trang")


def test_every_lesson_the_syllabus_and_the_trainer_guide_are_pages(site):
    for path in lessons():
        page = site / "bai-giang" / f"{path.stem}.html"
        assert page.exists(), page
        assert "Mục tiêu" in page.read_text(encoding="utf-8")
    assert "Chương trình tập huấn" in (site / "de-cuong.html").read_text(encoding="utf-8")
    assert "Hướng dẫn" in (site / "huong-dan-giang-vien.html").read_text(encoding="utf-8")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'lang="vi"' in index and "bai-giang/00_lam_quen_jupyterlab.html" in index


def test_site_has_no_broken_link_and_loads_nothing_from_the_network(site):
    assert static_site.check_links(site) == []
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "cdn." not in text and "fonts.googleapis" not in text, page


def test_link_check_catches_a_broken_link_a_missing_anchor_and_a_cdn_script(tmp_path):
    (tmp_path / "a.html").write_text('<html><body id="top"><a href="b.html">b</a><a href="a.html#khong-co">x</a>'
                                     '<script src="https://cdn.example.org/x.js"></script>'
                                     '<a href="https://vi.wikipedia.org">ok</a><a href="#top">ok</a></body></html>',
                                     encoding="utf-8")
    problems = static_site.check_links(tmp_path)
    assert len(problems) == 3, problems
    assert any("b.html" in p and "không có tệp" in p for p in problems)
    assert any("#khong-co" in p for p in problems)
    assert any("cdn.example.org" in p and "Internet" in p for p in problems)


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path, monkeypatch):
    out = tmp_path / "trang"
    out.mkdir()
    (out / "cu.txt").write_text("bản cũ", encoding="utf-8")
    monkeypatch.setattr(static_site, "check_links", lambda html: ["giả lập liên kết hỏng"])
    with pytest.raises(static_site.SiteError, match="liên kết hỏng"):
        static_site.build(out)
    assert (out / "cu.txt").read_text(encoding="utf-8") == "bản cũ"

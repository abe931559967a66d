"""The static reading site opened as a phone would: 390 px wide, from files (a USB stick), no network."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

pytest.importorskip("sphinx")

from course import static_site  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return static_site.build(tmp_path_factory.mktemp("site") / "trang")


def test_lesson_page_reads_at_phone_width_offline(browser, site, artifacts):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                              has_touch=True, locale="vi-VN")
    requested: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(("file://", "data:", "about:", "blob:")):
            route.continue_()
        else:
            requested.append(url)
            route.abort()

    ctx.route("**/*", guard)
    page = ctx.new_page()
    page.goto((site / "bai-giang" / "01_van_ban_chi_dao.html").as_uri())
    heading = page.locator("article h1").first
    assert heading.is_visible()
    assert "Bài 1" in heading.inner_text()
    # Text fits the screen: no sideways scrolling of the page (wide tables scroll inside their own box).
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"trang rộng hơn màn hình điện thoại {overflow} px"
    body_font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    assert body_font >= 14
    page.screenshot(path=str(artifacts / "trang-doc-dien-thoai.png"), full_page=False)
    # The menu of lessons opens from the phone's navigation button.
    page.locator("label.nav-overlay-icon").first.click()
    nav = page.locator(".sidebar-tree a", has_text="Bài 0")
    nav.first.wait_for(state="visible")
    page.wait_for_timeout(600)  # the drawer slides in
    page.screenshot(path=str(artifacts / "trang-doc-dien-thoai-muc-luc.png"), full_page=False)
    nav.first.click()
    page.wait_for_load_state()
    assert page.url.endswith("00_lam_quen_jupyterlab.html")
    assert requested == [], requested
    ctx.close()

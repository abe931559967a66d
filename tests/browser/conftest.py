"""Fixtures of the browser tests: Chromium (Debian package) driven by Playwright, JupyterLab and the Voilà app
on loopback. Every server is stopped at teardown and the test fails if a process of it survived."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import servers  # noqa: E402
from playwright_chromium import why_no_browser  # noqa: E402  (tests/playwright_chromium.py)

ARTIFACTS = servers.REPO / "test-artifacts" / "browser"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture()
def offline_page(browser):
    """A page that may only talk to 127.0.0.1: any other request is refused and recorded in ``page.outside``."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="vi-VN")
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    ctx.route("**/*", guard)
    page = ctx.new_page()
    page.outside = outside
    yield page
    ctx.close()


def _serve(start, *args):
    why = why_no_browser()
    if why:
        pytest.skip(why)
    server = start(*args)
    yield server
    survivors = server.stop()
    assert not servers.port_open(server.port), f"{server.name} vẫn còn nghe ở cổng {server.port}"
    assert server.proc.poll() is not None, f"{server.name} vẫn còn chạy"
    assert not survivors, f"{server.name}: các tiến trình {survivors} vẫn còn chạy sau khi dừng"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab-root")
    shutil.copy(servers.REPO / "notebooks" / "00_lam_quen_jupyterlab.ipynb", root)
    yield from _serve(servers.start_lab, root, tmp_path_factory.mktemp("lab-scratch"))


@pytest.fixture(scope="module")
def app_work_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("app-work")


@pytest.fixture(scope="module")
def voila_app(app_work_dir, tmp_path_factory):
    yield from _serve(servers.start_app, app_work_dir, tmp_path_factory.mktemp("app-scratch"))

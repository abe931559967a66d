"""Where the tests find a browser: Playwright driving the Debian chromium package (no downloaded browsers)."""

from __future__ import annotations

import shutil


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    """The Debian chromium of this machine, or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def why_no_browser() -> str | None:
    """None when Playwright can drive the Debian chromium here, otherwise the reason to skip (Vietnamese)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright chưa được cài (pip install playwright; không cần 'playwright install')"
    if chromium_path() is None:
        return "Chưa có trình duyệt Chromium (apt-get install -y chromium)"
    return None

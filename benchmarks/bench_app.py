"""Đo ứng dụng của cán bộ (Voilà) trong Chromium: thời gian từ lúc khởi động đến màn hình đầu tiên dùng được,
và từ lúc bấm "Lập báo cáo" đến khi tải được tệp .docx về.

Chạy::

    .venv/bin/python benchmarks/bench_app.py            # 3 lần, dữ liệu xã mẫu

Cần Chromium (apt-get install -y chromium) và Playwright (pip install playwright). In số liệu, không khẳng định.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
import servers  # noqa: E402
from playwright_chromium import CHROMIUM_ARGS, chromium_path  # noqa: E402
from khuyenhoc.indicators.vnformat import so  # numbers the Vietnamese way: 1.234,56


def one_run(browser, scratch: Path) -> dict[str, float]:
    t0 = time.perf_counter()
    app = servers.start_app(scratch / "work", scratch)
    try:
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page = ctx.new_page()
        page.goto(f"{app.base}/?token={app.token}")
        page.locator(".kh-nut-xa-mau").wait_for(state="visible", timeout=120_000)
        first_screen = time.perf_counter() - t0
        t1 = time.perf_counter()
        page.locator(".kh-nut-xa-mau").click()
        page.locator(".kh-ket-qua-du-lieu").get_by_text("Đã mở dữ liệu xã mẫu").wait_for(timeout=120_000)
        sample_open = time.perf_counter() - t1
        for _ in range(10):
            page.locator(".lm-TabBar-tab").filter(has_text="5. Báo cáo").first.click()
            try:
                page.locator(".kh-nut-lap-bao-cao").wait_for(state="visible", timeout=3_000)
                break
            except Exception:  # noqa: BLE001 - tabs still being re-drawn
                continue
        t2 = time.perf_counter()
        page.locator(".kh-nut-lap-bao-cao").click()
        link = page.locator("a.kh-tai-ve").first
        link.wait_for(timeout=300_000)
        with page.expect_download() as dl:
            link.click()
        dl.value.save_as(scratch / "bao-cao.docx")
        report = time.perf_counter() - t2
        ctx.close()
    finally:
        app.stop()
    return {"server": app.ready_seconds, "first_screen": first_screen, "sample": sample_open, "report": report}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lan", type=int, default=3, help="số lần đo")
    args = ap.parse_args()
    if chromium_path() is None:
        sys.exit("Chưa có Chromium: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    runs = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        for i in range(args.lan):
            with tempfile.TemporaryDirectory(prefix="bench-app-") as d:
                r = one_run(b, Path(d))
            runs.append(r)
            print(f"lần {i + 1}: máy chủ sẵn sàng {so(r['server'], 2)} s; màn hình đầu tiên dùng được {so(r['first_screen'], 2)} s; "
                  f"mở xã mẫu {so(r['sample'], 2)} s; bấm 'Lập báo cáo' → tải xong .docx {so(r['report'], 2)} s")
        b.close()
    for key, label in (("first_screen", "khởi động → màn hình đầu tiên"), ("sample", "mở xã mẫu"),
                       ("report", "bấm 'Lập báo cáo' → tải về")):
        vals = [r[key] for r in runs]
        print(f"{label}: trung vị {so(statistics.median(vals), 2)} s (nhỏ nhất {so(min(vals), 2)}, lớn nhất {so(max(vals), 2)})")


if __name__ == "__main__":
    main()

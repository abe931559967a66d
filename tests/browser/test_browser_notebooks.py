"""Every lesson and every assignment (as released to trainees) opened in real JupyterLab, in Chromium.

One server, one browser page for all notebooks, in the trainee's folder that ``make lab`` prepares
(course/jupyterlab/lop_hoc.py). For each notebook: no ``<pre>`` inside rendered markdown that the source did not
fence, every pipe table drawn as a table, and the notebook opens clean (not "modified"); a screenshot of each is
saved in test-artifacts/browser/notebooks/. The same server checks that the folder shows only the lessons and the
exercises, and that the menu items the course names are on screen with exactly those words.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import nbformat
import pytest
from markdown_it import MarkdownIt

sys.path.insert(0, str(Path(__file__).resolve().parent))
import servers  # noqa: E402

REPO = servers.REPO
sys.path.insert(0, str(REPO))
from course.jupyterlab.lop_hoc import prepare  # noqa: E402

pytestmark = pytest.mark.browser
MD = MarkdownIt("commonmark").enable("table")


def _expected(source: str) -> tuple[int, int]:
    """(<pre> blocks, tables) that the markdown source asks for: fenced code, <pre> written in HTML, pipe tables."""
    tokens = MD.parse(source)
    pres = sum(t.type == "fence" for t in tokens) + sum(t.content.count("<pre") for t in tokens
                                                          if t.type in ("html_block", "html_inline"))
    return pres, sum(t.type == "table_open" for t in tokens)


def _start_lab(root: Path, scratch: Path) -> servers.Server:
    """``servers.start_lab`` plus the app object in the page, to open one notebook after another without reloading."""
    port, token = servers.free_port(), "kiem-thu-bai"
    app_settings = scratch / "app-settings"
    app_settings.mkdir(parents=True, exist_ok=True)
    (app_settings / "overrides.json").write_bytes(servers.OVERRIDES.read_bytes())
    env = servers._env({"JUPYTERLAB_SETTINGS_DIR": str(scratch / "lab-settings"),
                        "JUPYTERLAB_WORKSPACES_DIR": str(scratch / "lab-workspaces"),
                        "JUPYTER_RUNTIME_DIR": str(scratch / "runtime")})
    cmd = [str(servers.BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
           f"--IdentityProvider.token={token}", f"--LabApp.app_settings_dir={app_settings}",
           "--ServerApp.port_retries=0", "--LabApp.expose_app_in_browser=True", *servers.root_flag()]
    return servers._start("JupyterLab", cmd, port=port, token=token, cwd=root, env=env, log=scratch / "lab.log",
                          ready_path=f"/api/status?token={token}")


@pytest.fixture(scope="module")
def trainee_lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lop-hoc")
    prepare(root)
    scratch = tmp_path_factory.mktemp("lab-notebooks-scratch")
    # render every cell, not only those on screen, so that the whole notebook can be checked
    tracker = scratch / "lab-settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
    server = _start_lab(root, scratch)
    try:
        yield server, root
    finally:
        survivors = server.stop()
        assert not survivors, survivors


def _notebooks(root: Path) -> list[Path]:
    return sorted((root / "bai_giang").glob("*.ipynb")) + sorted((root / "bai_tap").glob("*/*.ipynb"))


def test_every_notebook_renders_in_jupyterlab(trainee_lab, browser, artifacts):
    server, root = trainee_lab
    shots = artifacts / "notebooks"
    shots.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    outside: list[str] = []
    ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")) else (outside.append(route.request.url),
                                                                                  route.abort()))
    page = ctx.new_page()
    problems: list[str] = []
    notebooks = _notebooks(root)
    assert len(notebooks) >= 20
    try:
        page.goto(f"{server.base}/lab?token={server.token}&reset")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started", timeout=90_000)
        page.evaluate("async () => { await window.jupyterapp.started; return null; }")
        for path in notebooks:
            t0 = time.perf_counter()
            rel = path.relative_to(root).as_posix()
            nb = nbformat.read(path, as_version=4)
            n_md = sum(c.cell_type == "markdown" for c in nb.cells)
            page.evaluate("p => { window.jupyterapp.commands.execute('docmanager:open', {path: p, factory: 'Notebook'});"
                          " return null; }", rel)
            # every markdown cell rendered (windowing off, so cells below the screen too)
            page.wait_for_function(
                """([p, n]) => {
                    const w = window.jupyterapp.shell.currentWidget;
                    if (!w || !w.context || w.context.path !== p) return false;
                    const md = w.node.querySelectorAll('.jp-MarkdownCell .jp-RenderedMarkdown');
                    return md.length === n && Array.from(md).every(e => e.childElementCount > 0);
                }""", arg=[rel, n_md], timeout=60_000)
            found = page.evaluate("""() => Array.from(window.jupyterapp.shell.currentWidget.node.querySelectorAll(
                    '.jp-Cell')).map(c => c.classList.contains('jp-MarkdownCell')
                    ? [c.querySelectorAll('.jp-RenderedMarkdown pre').length,
                       c.querySelectorAll('.jp-RenderedMarkdown table').length] : null)""")
            assert len(found) == len(nb.cells), (rel, len(found), len(nb.cells))
            for i, (cell, seen) in enumerate(zip(nb.cells, found)):
                if cell.cell_type != "markdown" or seen is None:
                    continue
                pres, tables = _expected(cell.source)
                if seen[0] > pres:
                    problems.append(f"{rel} ô {i}: {seen[0] - pres} khối <pre> mà nguồn không có")
                if seen[1] < tables:
                    problems.append(f"{rel} ô {i}: {tables - seen[1]} bảng không hiện thành bảng")
            page.wait_for_timeout(300)
            dirty = page.evaluate("() => window.jupyterapp.shell.currentWidget.context.model.dirty")
            if dirty:
                problems.append(f"{rel}: vừa mở đã hiện là đã sửa (chưa lưu)")
            page.screenshot(path=str(shots / (rel.replace("/", "__").removesuffix(".ipynb") + ".png")))
            # close without the "save?" question (nothing was changed on purpose), shut its kernel down
            page.evaluate("""async () => { const w = window.jupyterapp.shell.currentWidget;
                w.context.model.dirty = false; await w.sessionContext.shutdown(); w.dispose(); return null; }""")
            print(rel, round(time.perf_counter() - t0, 1), flush=True)
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)
    assert outside == []
    assert len(list(shots.glob("*.png"))) >= len(notebooks)


#: Menu items that the lessons and the Vietnamese error messages tell trainees to click, exactly as JupyterLab in
#: Vietnamese shows them (the vi language pack leaves some half in English): (menu, item, where it is named).
NAMED = [
    ("Kernel", "Khởi động lại kernel and Run All Cells…", REPO / "notebooks" / "00_lam_quen_jupyterlab.ipynb"),
    ("Chạy", "Run All Above Selected Cell", REPO / "toolkit" / "khuyenhoc" / "friendly_errors.py"),
    ("Nbgrader", "Assignment List", REPO / "notebooks" / "00_lam_quen_jupyterlab.ipynb"),
]


def test_the_lab_shows_the_trainee_folder_and_the_menu_items_the_course_names(trainee_lab, browser, artifacts):
    server, root = trainee_lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    try:
        page.goto(f"{server.base}/lab?token={server.token}&reset")
        page.wait_for_selector(".jp-DirListing-item", timeout=90_000)
        names = sorted(t.strip() for t in page.locator(".jp-DirListing-itemName").all_inner_texts())
        assert names == ["bai_giang", "bai_tap"], names  # make lab: lessons and exercises, nothing else
        # the menus read as they do while a notebook is open (their items follow the current document)
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started", timeout=90_000)
        page.evaluate("() => { window.jupyterapp.commands.execute('docmanager:open', "
                      "{path: 'bai_giang/00_lam_quen_jupyterlab.ipynb', factory: 'Notebook'}); return null; }")
        page.wait_for_selector(".jp-NotebookPanel .jp-MarkdownCell", timeout=90_000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
        for menu, item, where in NAMED:
            page.locator(".lm-MenuBar-item").filter(has_text=menu).first.click()
            page.wait_for_timeout(500)
            labels = [t.strip() for t in page.locator(".lm-Menu-itemLabel").all_inner_texts()]
            page.screenshot(path=str(artifacts / f"lab-menu-{menu}.png"))
            page.keyboard.press("Escape")
            assert item in labels, (menu, labels)
            assert item in where.read_text(encoding="utf-8"), (item, where)
    finally:
        page.close()

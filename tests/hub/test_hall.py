"""A training hall on a real JupyterHub: a trainer and three trainees as real accounts, logged in through
the hub's login page in Chromium, and the whole nbgrader round trip between their own servers.

Run alone with ``pytest -m hub``; skips (with the reason) when not root or when the hall's
environment is missing (``make hub-venv hub-deps``).
"""

from __future__ import annotations

import json
import re
import time

import pytest

from hallrun import REPO, loopback_context

pytestmark = [pytest.mark.hub, pytest.mark.slow]

BAI = "bai_00"
JS_POST = """async ([url, body]) => {
  const m = document.cookie.match(/_xsrf=([^;]+)/);
  const r = await fetch(url, {method: 'POST', body: new URLSearchParams(body),
                              headers: {'X-XSRFToken': m ? decodeURIComponent(m[1]) : ''}});
  return [r.status, await r.text()];
}"""
# JupyterHub >= 4.1 wants the XSRF token on every cookie-authenticated API call, GET included
JS_GET = """async (url) => {
  const m = document.cookie.match(/_xsrf=([^;]+)/);
  const r = await fetch(url, {headers: {'X-XSRFToken': m ? decodeURIComponent(m[1]) : ''}});
  return [r.status, await r.text()];
}"""
JS_PUT = """async ([url, model]) => {
  const m = document.cookie.match(/_xsrf=([^;]+)/);
  const r = await fetch(url, {method: 'PUT', body: JSON.stringify(model),
                              headers: {'Content-Type': 'application/json',
                                        'X-XSRFToken': m ? decodeURIComponent(m[1]) : ''}});
  return r.status;
}"""


def login(ctx, hall, user, password, wait=True):
    page = ctx.new_page()
    page.goto(f"{hall.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", password)
    page.click("#login_submit")
    if wait:
        wait_lab(page, user)
    return page


def wait_lab(page, user):
    # generous: on a loaded 2-core machine four JupyterLabs starting together take minutes
    page.wait_for_url(re.compile(rf".*/user/{user}/lab.*"), timeout=400_000, wait_until="commit")
    page.wait_for_selector(".lm-MenuBar-itemLabel", timeout=400_000)


def rest_page(page, hall, user):
    """Leave JupyterLab for a plain HTML page of the user's own server (its "not found" page): the login and
    the XSRF cookie stay, the CPU is freed. (Not a JSON API page: its CSP "default-src 'none'" blocks fetch.)"""
    page.goto(f"{hall.url}/user/{user}/trang-nghi")


@pytest.fixture(scope="module")
def sessions(hall, browser):
    """Every account logged in through the hub's login page (started together, as a hall does)."""
    accounts = [hall.trainer, *hall.trainees]
    ctxs, pages = {}, {}
    t = time.perf_counter()
    for user in accounts:
        ctxs[user] = loopback_context(browser)
        pages[user] = login(ctxs[user], hall, user, hall.passwords[user], wait=False)
    lab = {}
    for user in accounts:
        wait_lab(pages[user], user)
        page = pages[user]
        lab[user] = {"menus": [m.inner_text() for m in page.locator(".lm-MenuBar-itemLabel").all()],
                     "disabled": _disabled_extensions(page)}
        rest_page(page, hall, user)
    hall.timings["all_logged_in_s"] = time.perf_counter() - t
    hall.lab = lab
    yield pages
    for user, ctx in ctxs.items():
        assert ctx.outside == [], f"{user}'s browser tried to leave 127.0.0.1: {ctx.outside[:3]}"
        ctx.close()


def visit(page, url):
    """Open a URL in a new tab of the same browser (cookies included), as a curious trainee would type it;
    return the final status and the page's text."""
    tab = page.context.new_page()
    try:
        response = tab.goto(url, timeout=300_000)
        return response.status, tab.content()
    finally:
        tab.close()


def post(page, url, body):
    return page.evaluate(JS_POST, [url, body])


def get(page, url):
    return page.evaluate(JS_GET, url)


def test_login_page_and_lab_are_vietnamese(hall, sessions, browser):
    ctx = loopback_context(browser)
    page = ctx.new_page()
    page.goto(f"{hall.url}/hub/login")
    assert page.locator("h1").inner_text() == "Đăng nhập lớp học"
    assert "Tên đăng nhập" in page.locator("form").inner_text()
    page.fill("#username_input", hall.trainees[0])
    page.fill("#password_input", "sai-mat-khau")
    page.click("#login_submit")
    page.wait_for_selector(".login_error")
    assert "chưa đúng" in page.locator(".login_error").inner_text()
    ctx.close()
    for user in sessions:
        menus = hall.lab[user]["menus"]
        assert {"Tệp", "Chỉnh sửa", "Hiển thị", "Chạy", "Cài đặt", "Trợ giúp"} <= set(menus), (user, menus)


def _disabled_extensions(page) -> set:
    data = page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent)")
    disabled = data.get("disabledExtensions", [])
    return set(disabled if isinstance(disabled, list) else (k for k, v in disabled.items() if v))


def test_trainees_see_assignments_only_trainers_get_formgrader(hall, sessions):
    for user in hall.trainees:
        page = sessions[user]
        disabled = hall.lab[user]["disabled"]
        assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment"} <= disabled, disabled
        assert "@jupyter/nbgrader:assignment-list" not in disabled
        status, _ = get(page, f"/user/{user}/formgrader")
        assert status == 404, "the formgrader server extension must be off in a trainee's server"
        status, text = visit(page, f"{hall.url}/services/{hall.hall.course_id}/formgrader")
        assert status in (403, 404) and "Manage Assignments" not in text, (user, status)
    trainer = sessions[hall.trainer]
    trainer.goto(f"{hall.url}/hub/home")
    nav = trainer.locator("nav").inner_text()
    assert "Chấm bài" in nav and "Ứng dụng cán bộ" in nav and "Đăng xuất" in nav
    trainee = sessions[hall.trainees[0]]
    trainee.goto(f"{hall.url}/hub/home")
    assert "Chấm bài" not in trainee.locator("nav").inner_text()
    assert "Ứng dụng cán bộ" in trainee.locator("nav").inner_text()
    # the formgrader opens in its own tab (no iframe: JupyterHub >= 4.1 forbids framing)
    trainer.goto(f"{hall.url}/services/{hall.hall.course_id}/formgrader")
    trainer.wait_for_selector("text=Manage Assignments", timeout=300_000)
    for user in (hall.trainer, hall.trainees[0]):
        rest_page(sessions[user], hall, user)


def _answer(notebook: dict, source: dict) -> dict:
    """The trainee types the answers: solution cells get the source's solution (markers removed)."""
    solutions = {}
    for cell in source["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution"):
            text = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            text = re.sub(r"^\s*### (BEGIN|END) SOLUTION\s*$\n?", "", text, flags=re.M)
            solutions[meta["grade_id"]] = text
    for cell in notebook["cells"]:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in solutions:
            cell["source"] = solutions[gid]
    return notebook


def gradebook_scores(hall) -> dict:
    """(score, max score) per trainee, read from the hall's gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{hall.hall.course_root / 'gradebook.db'}") as gb:
        return {s.student.id: (s.score, s.max_score) for s in gb.find_assignment(BAI).submissions}


def test_round_trip_between_real_accounts(hall, sessions):
    cid = hall.hall.course_id
    first, second, third = hall.trainees
    # trainer: release
    out = hall.lop_hoc("phat-bai", BAI).stdout
    assert "Đã phát" in out
    # trainees: fetch from their own servers (the Assignments tab's own calls)
    for user in hall.trainees:
        status, text = post(sessions[user], f"/user/{user}/assignments/fetch", {"course_id": cid, "assignment_id": BAI})
        assert status == 200, text
        listed = json.loads(text)
        assert any(a["assignment_id"] == BAI and a["status"] == "fetched" for a in listed["value"]), text
    # the first trainee answers (the notebook is saved the way Lab saves it), the others hand in the blank
    page = sessions[first]
    status, text = get(page, f"/user/{first}/api/contents/{BAI}/{BAI}.ipynb?content=1")
    assert status == 200, text
    model = json.loads(text)
    source = json.loads((hall.hall.course_root / "source" / BAI / f"{BAI}.ipynb").read_text(encoding="utf-8"))
    nb = _answer(model["content"], source)
    assert page.evaluate(JS_PUT, [f"/user/{first}/api/contents/{BAI}/{BAI}.ipynb",
                                  {"type": "notebook", "format": "json", "content": nb}]) == 200
    # the third trainee's answer tries to write outside its sandbox while it is graded
    probe = hall.tmp / "probe-from-trainee-code"
    status, text = get(sessions[third], f"/user/{third}/api/contents/{BAI}/{BAI}.ipynb?content=1")
    nb = json.loads(text)["content"]
    cell = next(c for c in nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("solution"))
    cell["source"] = f"import os\ntry:\n    open({str(probe)!r}, 'w').write(str(os.getuid()))\nexcept OSError:\n    pass\n"
    assert sessions[third].evaluate(JS_PUT, [f"/user/{third}/api/contents/{BAI}/{BAI}.ipynb",
                                             {"type": "notebook", "format": "json", "content": nb}]) == 200
    for user in hall.trainees:
        status, text = post(sessions[user], f"/user/{user}/assignments/submit", {"course_id": cid, "assignment_id": BAI})
        assert status == 200 and '"success": false' not in text, text
    # trainer: who has submitted, collect, sandboxed autograde, feedback
    out = hall.lop_hoc("da-nop", BAI).stdout
    assert "Đã nộp: 3/3 học viên." in out, out
    assert "đã nộp lúc" in out
    out = hall.lop_hoc("thu-bai", BAI).stdout
    assert "có 3 bài nộp" in out, out
    graded = hall.lop_hoc("cham", BAI)
    assert f"Đã chấm tự động 3/3 bài {BAI}" in graded.stdout, graded.stdout + graded.stderr
    assert not probe.exists(), "trainee code wrote outside the grading sandbox during autograde"
    scores = gradebook_scores(hall)
    auto_max = sum(c["metadata"]["nbgrader"].get("points", 0) for c in source["cells"]
                   if c.get("metadata", {}).get("nbgrader", {}).get("grade")
                   and not c["metadata"]["nbgrader"].get("solution"))  # manual questions wait for the trainer
    assert scores[first][0] == auto_max > 0, (scores, auto_max)
    assert scores[second][0] == 0 and scores[third][0] < scores[third][1], scores
    out = hall.lop_hoc("tra-bai", BAI).stdout
    assert "Đã gửi nhận xét" in out
    # trainees: fetch feedback into their own homes
    for user in hall.trainees:
        status, text = post(sessions[user], f"/user/{user}/assignments/fetch_feedback",
                            {"course_id": cid, "assignment_id": BAI})
        assert status == 200, text
        feedback = list((hall.hall.home_base / user / BAI / "feedback").glob(f"*/{BAI}.html"))
        assert feedback, f"no feedback in {user}'s home"
        html = feedback[0].read_text(encoding="utf-8")
        expect = scores[user]
        assert f"Score: {expect[0]:g}" in html or f"{expect[0]:g} / {expect[1]:g}" in html


def test_a_trainee_cannot_open_what_is_not_theirs(hall, sessions):
    first, second = hall.trainees[:2]
    page = sessions[first]
    # through the hub: another trainee's server and the grader's service are refused
    for url in (f"/user/{second}/api/contents", f"/user/{second}/lab", f"/services/{hall.hall.course_id}/api/contents"):
        status, text = visit(page, hall.url + url)
        assert status in (403, 404) and BAI not in text, (url, status)
    # on the machine, as the trainee's own kernel would try
    targets = {
        "another trainee's files": hall.hall.home_base / second / BAI / f"{BAI}.ipynb",
        "the course sources": hall.hall.course_root / "source" / BAI / f"{BAI}.ipynb",
        "the gradebook": hall.hall.course_root / "gradebook.db",
        "the repository's sources": REPO / "course" / "source" / BAI / f"{BAI}.ipynb",
    }
    for what, path in targets.items():
        assert path.exists(), path
        r = hall.as_user(first, f"open({str(path)!r}, 'rb').read(1)")
        assert r.returncode != 0 and "PermissionError" in r.stderr, f"{what} is readable by a trainee: {path}"
    r = hall.as_user(first, f"import os; os.listdir({str(hall.hall.exchange / hall.hall.course_id / 'inbound')!r})")
    assert "PermissionError" in r.stderr, "a trainee can list the others' submissions"
    # and their own work stays theirs
    r = hall.as_user(first, f"open({str(hall.hall.home_base / first / BAI / (BAI + '.ipynb'))!r}).read(1)")
    assert r.returncode == 0, r.stderr


def test_class_management_commands(hall, sessions, browser):
    out = hall.lop_hoc("truc-tuyen").stdout
    assert f"Đang học: {1 + len(hall.trainees)}/{1 + len(hall.trainees)} người." in out, out
    assert "Trần Thị Bình" in out
    user = hall.trainees[2]
    out = hall.lop_hoc("dat-lai-mat-khau", user).stdout
    new = re.search(r": (\S+)$", out.strip())[1]
    assert new != hall.passwords[user]
    hall.lop_hoc("khoa", user)
    ctx = loopback_context(browser)
    page = login(ctx, hall, user, new, wait=False)
    page.wait_for_selector(".login_error", timeout=30_000)
    assert "danh-sach" not in page.url and "khóa" in hall.lop_hoc("danh-sach").stdout
    hall.lop_hoc("mo-khoa", user)
    page = login(ctx, hall, user, new)
    assert f"/user/{user}/lab" in page.url
    ctx.close()
    wrong = hall.lop_hoc("khoa", "khong-co-ai", check=False)
    assert wrong.returncode == 1 and "không có trong lớp" in wrong.stderr


def test_shutdown_leaves_nothing_running(hall, sessions):
    import psutil
    import pwd

    uids = {pwd.getpwnam(u).pw_uid for u in [hall.hall.grader, hall.trainer, *hall.trainees]}
    hall.stop()
    deadline = time.time() + 20
    while time.time() < deadline:
        left = [p.pid for p in psutil.process_iter(["uids"]) if p.info["uids"] and p.info["uids"].real in uids]
        if not left:
            break
        time.sleep(0.5)
    assert not left, f"processes of the hall's accounts still running: {left}"
    proxy_pid = hall.hall.state_dir / "proxy.pid"
    assert not proxy_pid.exists() or not psutil.pid_exists(int(proxy_pid.read_text() or 0))

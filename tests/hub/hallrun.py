"""A throw-away training hall for the hub tests and benchmarks/bench_hub.py.

Everything is isolated: accounts, groups and the grader carry a unique prefix, homes, exchange and
hub state live in one temporary folder, and the hub listens on free loopback ports. ``close()``
stops the hub (which stops the proxy, the grader service and every user server), removes the
accounts and groups it created and restores the permissions ``chuan-bi`` changed.
"""

from __future__ import annotations

import grp
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from hub.hall import HALL_VENV, PROXY_BIN, Hall  # noqa: E402


def why_not() -> str | None:
    """None when a hall can run here, otherwise the reason to skip (Vietnamese)."""
    if os.geteuid() != 0:
        return "cần quyền root để tạo tài khoản hệ thống cho học viên (chạy với sudo)"
    for tool in ("useradd", "userdel", "chpasswd", "setpriv"):
        if shutil.which(tool) is None:
            return f"thiếu lệnh hệ thống {tool}"
    if not (HALL_VENV / "bin" / "jupyterhub").exists():
        return f"chưa có môi trường Python của phòng học ({HALL_VENV}); chạy: make hub-venv"
    if not PROXY_BIN.exists():
        return "chưa có configurable-http-proxy (npm); chạy: make hub-deps"
    return None


def free_port() -> int:
    """A base port p with p, p+1, p+2 and p+10 free on 127.0.0.1."""
    for _ in range(50):
        base = 20000 + secrets.randbelow(20000)
        ok = True
        for p in (base, base + 1, base + 2, base + 10):
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", p))
                except OSError:
                    ok = False
        if ok:
            return base
    raise RuntimeError("no free port")


def write_class_list(path: Path, rows: list[tuple]) -> Path:
    """An Excel class list as a trainer makes it (columns of hub/roster.py)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách lớp"
    ws.append(["Mã học viên", "Họ", "Tên", "Email", "Vai trò"])
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def read_slips(path: Path) -> dict[str, str]:
    """login -> password, read back from the Word slips the trainer prints."""
    from docx import Document

    out = {}
    for table in Document(path).tables:
        for row in table.rows:
            for cell in row.cells:
                login = re.search(r"Tên đăng nhập: (\S+)", cell.text)
                password = re.search(r"Mật khẩu: (\S+)", cell.text)
                if login and password:
                    out[login[1]] = password[1]
    return out


class HallRun:
    def __init__(self, n_trainees: int = 3, prefix: str | None = None, test_service: bool = False):
        self.prefix = prefix or f"kt{secrets.token_hex(2)}"
        self.tmp = Path(tempfile.mkdtemp(prefix="khuyenhoc-hub-"))
        os.chmod(self.tmp, 0o755)
        port = free_port()
        self.env = dict(os.environ)
        self.env.update({
            "KHUYENHOC_HUB_STATE": str(self.tmp / "state"),
            "KHUYENHOC_EXCHANGE": str(self.tmp / "exchange"),
            "KHUYENHOC_HOME_BASE": str(self.tmp / "home"),
            "KHUYENHOC_HUB_PORT": str(port),
            "KHUYENHOC_GRADER": f"{self.prefix}-cham",
            "KHUYENHOC_NHOM_HOC_VIEN": f"{self.prefix}-hocvien",
            "KHUYENHOC_NHOM_GIANG_VIEN": f"{self.prefix}-giangvien",
            "KHUYENHOC_HALL_VENV": str(HALL_VENV),
            "PYTHONUTF8": "1",
        })
        self.test_token = secrets.token_hex(32) if test_service else ""
        if self.test_token:
            self.env["KHUYENHOC_HUB_TEST_TOKEN"] = self.test_token
        self.hall = Hall.from_env(self.env)
        self.trainer = f"{self.prefix}-gv"
        self.trainees = [f"{self.prefix}-hv{i}" for i in range(1, n_trainees + 1)]
        self.passwords: dict[str, str] = {}
        self.proc: subprocess.Popen | None = None
        self._modes = {p: p.stat().st_mode for p in (REPO / "course" / "source", REPO / ".git") if p.exists()}
        self.timings: dict[str, float] = {}

    # --- the trainer's command -----------------------------------------------------------------
    def lop_hoc(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        # the trainer runs it with the hall's own Python, as docs/phong-hoc.md says
        r = subprocess.run([str(HALL_VENV / "bin" / "python"), "-m", "hub.lop_hoc", *args], cwd=REPO, env=self.env,
                           capture_output=True, text=True)
        if check and r.returncode != 0:
            raise AssertionError(f"lop_hoc {' '.join(args)} -> {r.returncode}\n{r.stdout}\n{r.stderr}")
        return r

    def prepare(self) -> None:
        t = time.perf_counter()
        self.lop_hoc("chuan-bi")
        rows = [(self.trainer, "Nguyễn Văn", "Giảng", "", "giảng viên")]
        names = ["Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang", "Đặng Văn Hải",
                 "Bùi Thị Hoa", "Đỗ Văn Khánh", "Hồ Thị Lan", "Ngô Văn Minh", "Dương Thị Nga", "Lý Văn Oanh"]
        for i, login in enumerate(self.trainees):
            full = names[i % len(names)].split()
            rows.append((login, " ".join(full[:-1]), full[-1], "", ""))
        lst = write_class_list(self.tmp / "danh_sach_lop.xlsx", rows)
        self.lop_hoc("nhap-lop", str(lst), "--phieu", str(self.tmp / "phieu_mat_khau.docx"))
        self.passwords = read_slips(self.tmp / "phieu_mat_khau.docx")
        self.timings["prepare_s"] = time.perf_counter() - t

    # --- the hub ---------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.hall.port}"

    def start(self, timeout: float = 300, attempts: int = 2) -> float:
        """Start the hub; on a loaded machine its first start can lose the race with the proxy: retry once."""
        for attempt in range(1, attempts + 1):
            try:
                return self._start(timeout)
            except AssertionError:
                self.keep_log(f"start-{attempt}")
                self.stop()
                if attempt == attempts:
                    raise
        raise AssertionError("unreachable")

    def keep_log(self, tag: str) -> None:
        """Copy the hub's log to test-artifacts/hub/ (kept after the temporary folder is gone)."""
        out = REPO / "test-artifacts" / "hub"
        out.mkdir(parents=True, exist_ok=True)
        if (self.tmp / "hub.log").exists():
            shutil.copyfile(self.tmp / "hub.log", out / f"hub-{self.prefix}-{tag}.log")

    def _start(self, timeout: float) -> float:
        log = open(self.tmp / "hub.log", "w")
        t = time.perf_counter()
        self.proc = subprocess.Popen([str(HALL_VENV / "bin" / "jupyterhub"), "-f", str(REPO / "hub" / "jupyterhub_config.py")],
                                     cwd=self.tmp, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        while time.perf_counter() - t < timeout:
            if self.proc.poll() is not None:
                raise AssertionError("the hub exited:\n" + (self.tmp / "hub.log").read_text()[-3000:])
            try:
                with urllib.request.urlopen(f"{self.url}/hub/api/", timeout=2) as r:
                    if r.status == 200:
                        ready = time.perf_counter() - t
                        self.timings["hub_ready_s"] = ready
                        return ready
            except OSError:
                pass
            time.sleep(0.25)
        raise AssertionError("the hub did not answer in time:\n" + (self.tmp / "hub.log").read_text()[-3000:])

    def api(self, method: str, path: str, body=None, token: str | None = None):
        token = token or self.hall.token_file.read_text().strip()
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.url}/hub/api{path}", data=data, method=method,
                                     headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(req, timeout=30) as r:
            text = r.read().decode()
            return json.loads(text) if text else None

    def log(self) -> str:
        p = self.tmp / "hub.log"
        return p.read_text(errors="replace") if p.exists() else ""

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=45)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None

    def close(self) -> None:
        from hub import accounts

        self.stop()
        self.keep_log("end")
        try:
            self.lop_hoc("xoa-lop", "--dong-y", check=False)
        finally:
            for login in [self.hall.grader, self.trainer, *self.trainees]:
                if accounts.exists(login):
                    accounts.remove(login)
            for group in (self.hall.trainee_group, self.hall.trainer_group):
                try:
                    grp.getgrnam(group)
                    subprocess.run(["groupdel", group], capture_output=True)
                except KeyError:
                    pass
            from hub import limits

            for _ in range(20):  # the accounts' last processes may still be exiting
                for login in [self.trainer, *self.trainees]:
                    limits.remove(self.hall.cgroup_name, login)
                for controller in ("", "memory", "cpu", "pids"):
                    try:
                        (limits.CGROUP_ROOT / controller / self.hall.cgroup_name).rmdir()
                    except OSError:
                        pass
                if not any((limits.CGROUP_ROOT / c / self.hall.cgroup_name).exists() for c in ("", "memory", "cpu", "pids")):
                    break
                time.sleep(0.5)
            for path, mode in self._modes.items():
                os.chmod(path, mode)
            shutil.rmtree(self.tmp, ignore_errors=True)

    def as_user(self, login: str, code: str) -> subprocess.CompletedProcess:
        """Run Python code as an account (its uid and groups), as its kernel would."""
        import pwd

        pw = pwd.getpwnam(login)
        return subprocess.run(["setpriv", f"--reuid={pw.pw_uid}", f"--regid={pw.pw_gid}", "--init-groups",
                               str(HALL_VENV / "bin" / "python"), "-c", code],
                              env={"HOME": pw.pw_dir, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
                              capture_output=True, text=True, cwd="/")


def loopback_context(browser):
    """A browser context that refuses every request leaving 127.0.0.1 (recorded in ctx.outside)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN")
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    ctx.route("**/*", guard)
    ctx.outside = outside
    return ctx

"""Start and stop JupyterLab and the Voilà app on loopback for browser tests and benchmarks.

Every server runs in its own process group on a free port with a token; ``stop``
sends SIGTERM (the server then shuts its kernels down), waits, kills whatever is
left of the process tree and reports any process that survived.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
APP_NOTEBOOK = REPO / "app" / "ung_dung.ipynb"
APP_TEMPLATES = REPO / "app" / "share" / "jupyter"
OVERRIDES = REPO / "course" / "jupyterlab" / "overrides.json"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.3)
        return s.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Server:
    name: str
    proc: subprocess.Popen
    port: int
    token: str
    log: Path
    started: float
    ready_seconds: float = 0.0
    tree: set[int] = field(default_factory=set)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def remember_children(self) -> None:
        try:
            self.tree |= {c.pid for c in psutil.Process(self.proc.pid).children(recursive=True)}
        except psutil.NoSuchProcess:
            pass

    def stop(self, timeout: float = 30) -> list[int]:
        """Stop the server and its kernels; return the pids that were still alive and had to be killed."""
        self.remember_children()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        deadline = time.time() + 10
        alive = [p for p in self.tree if psutil.pid_exists(p)]
        while alive and time.time() < deadline:
            time.sleep(0.2)
            alive = [p for p in alive if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
        for p in alive:
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return alive


def _start(name: str, cmd: list[str], *, port: int, token: str, cwd: Path, env: dict[str, str], log: Path,
           ready_path: str, timeout: float = 90) -> Server:
    log.parent.mkdir(parents=True, exist_ok=True)
    fh = open(log, "wb")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(name, proc, port, token, log, t0)
    url = f"{server.base}{ready_path}"
    while time.perf_counter() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with code {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    server.ready_seconds = time.perf_counter() - t0
                    return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"{name} not ready after {timeout} s:\n{log.read_text(errors='replace')[-3000:]}")


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update({"PYTHONUTF8": "1", "MPLBACKEND": "Agg"})
    env.update(extra)
    return env


def root_flag() -> list[str]:
    return ["--allow-root"] if hasattr(os, "getuid") and os.getuid() == 0 else []


def start_lab(root: Path, scratch: Path) -> Server:
    """JupyterLab in ``root`` with the course's Vietnamese settings (overrides.json) and isolated user settings."""
    port, token = free_port(), "kiem-thu-lab"
    app_settings = scratch / "app-settings"
    app_settings.mkdir(parents=True, exist_ok=True)
    shutil.copy(OVERRIDES, app_settings / "overrides.json")
    env = _env({"JUPYTERLAB_SETTINGS_DIR": str(scratch / "lab-settings"),
                "JUPYTERLAB_WORKSPACES_DIR": str(scratch / "lab-workspaces"),
                "JUPYTER_RUNTIME_DIR": str(scratch / "runtime")})
    cmd = [str(BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
           f"--IdentityProvider.token={token}", f"--LabApp.app_settings_dir={app_settings}",
           "--ServerApp.port_retries=0", *root_flag()]
    return _start("JupyterLab", cmd, port=port, token=token, cwd=root, env=env, log=scratch / "lab.log",
                  ready_path=f"/api/status?token={token}")


def start_app(work_dir: Path, scratch: Path) -> Server:
    """The officer app (Voilà, template without CDN) writing into ``work_dir``."""
    port, token = free_port(), "kiem-thu-app"
    env = _env({"KHUYENHOC_THU_MUC": str(work_dir), "JUPYTER_PATH": str(APP_TEMPLATES),
                "JUPYTER_RUNTIME_DIR": str(scratch / "runtime")})
    cmd = [str(BIN / "voila"), str(APP_NOTEBOOK), "--template=khuyenhoc", f"--port={port}", "--no-browser",
           "--Voila.ip=127.0.0.1", f"--Voila.token={token}", "--Voila.port_retries=0"]
    return _start("Voilà", cmd, port=port, token=token, cwd=REPO, env=env, log=scratch / "voila.log",
                  ready_path=f"/voila/static/voila.js?token={token}")


"""Settings of one training hall (one JupyterHub for one class), read from the environment.

Every name and path a hall uses is here, so that the hub configuration, the trainer's
class-management command, the tests and the benchmark agree. Defaults suit ``make hub``
on one machine; a production hall sets the variables in ``/etc/default/khuyenhoc-hub``
(see docs/phong-hoc.md).

>>> h = Hall.from_env({"KHUYENHOC_HUB_PORT": "8123", "KHUYENHOC_HUB_STATE": "/tmp/x"})
>>> h.port, str(h.state_dir), h.course_id
(8123, '/tmp/x', 'khuyenhoc')
>>> h.public_url
'http://127.0.0.1:8123/'
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

HUB_DIR = Path(__file__).resolve().parent
REPO_DIR = HUB_DIR.parent
COURSE_SRC = REPO_DIR / "course"
APP_NOTEBOOK = REPO_DIR / "app" / "ung_dung.ipynb"
APP_JUPYTER_PATH = REPO_DIR / "app" / "share" / "jupyter"
LAB_OVERRIDES = COURSE_SRC / "jupyterlab" / "overrides.json"
ROLE_CONFIG = HUB_DIR / "jupyter"  # per-role Jupyter config folders (hocvien, giangvien, cham, chung)
PROXY_BIN = HUB_DIR / ".proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
# User servers run as unprivileged accounts, so they need a Python every account can execute:
# the hall's own virtual environment, made from the system Python (`make hub-venv`).
HALL_VENV = HUB_DIR / ".venv"


def _bytes(text: str) -> int:
    """'512M', '1G', '1.5G' or a plain number of bytes.

    >>> _bytes("1G"), _bytes("512M"), _bytes("1000")
    (1073741824, 536870912, 1000)
    """
    text = text.strip().upper().removesuffix("B")
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


@dataclass(frozen=True)
class Hall:
    """Names, paths and limits of one hall."""

    ip: str = "127.0.0.1"
    port: int = 8000
    public_host: str = ""  # e.g. https://phonghoc.khuyenhoc.local (printed on the slips)
    state_dir: Path = HUB_DIR / ".state"
    exchange: Path = Path("/srv/nbgrader/exchange")
    home_base: Path = Path("/home")
    course_id: str = "khuyenhoc"
    grader: str = "grader-khuyenhoc"
    trainee_group: str = "khuyenhoc-hocvien"
    trainer_group: str = "khuyenhoc-giangvien"
    mem_limit: int = 1 << 30
    cpu_limit: float = 1.0
    pids_limit: int = 256
    idle_timeout: int = 3600
    venv: Path = HALL_VENV
    env: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_env(cls, environ=None) -> "Hall":
        e = dict(os.environ if environ is None else environ)
        d = cls()
        return cls(
            ip=e.get("KHUYENHOC_HUB_IP", d.ip),
            port=int(e.get("KHUYENHOC_HUB_PORT", d.port)),
            public_host=e.get("KHUYENHOC_HUB_URL", ""),
            state_dir=Path(e.get("KHUYENHOC_HUB_STATE", d.state_dir)),
            exchange=Path(e.get("KHUYENHOC_EXCHANGE", d.exchange)),
            home_base=Path(e.get("KHUYENHOC_HOME_BASE", d.home_base)),
            course_id=e.get("KHUYENHOC_COURSE_ID", d.course_id),
            grader=e.get("KHUYENHOC_GRADER", d.grader),
            trainee_group=e.get("KHUYENHOC_NHOM_HOC_VIEN", d.trainee_group),
            trainer_group=e.get("KHUYENHOC_NHOM_GIANG_VIEN", d.trainer_group),
            mem_limit=_bytes(e.get("KHUYENHOC_MEM_LIMIT", "1G")),
            cpu_limit=float(e.get("KHUYENHOC_CPU_LIMIT", d.cpu_limit)),
            pids_limit=int(e.get("KHUYENHOC_PIDS_LIMIT", d.pids_limit)),
            idle_timeout=int(e.get("KHUYENHOC_IDLE_TIMEOUT", d.idle_timeout)),
            venv=Path(e.get("KHUYENHOC_HALL_VENV", d.venv)),
            env=e,
        )

    # --- derived names ---------------------------------------------------------
    @property
    def bin(self) -> Path:
        """bin/ of the hall's virtual environment (jupyterhub-singleuser, nbgrader, python)."""
        return self.venv / "bin"

    @property
    def public_url(self) -> str:
        if self.public_host:
            return self.public_host.rstrip("/") + "/"
        host = "127.0.0.1" if self.ip in ("", "0.0.0.0") else self.ip
        return f"http://{host}:{self.port}/"

    @property
    def grader_home(self) -> Path:
        return self.home_base / self.grader

    @property
    def course_root(self) -> Path:
        """The hall's nbgrader course root: a copy of course/ owned by the grader account."""
        return self.grader_home / self.course_id

    @property
    def formgrade_group(self) -> str:
        """JupyterHub group allowed into the formgrader service (nbgrader's naming)."""
        return f"formgrade-{self.course_id}"

    @property
    def service_port(self) -> int:
        return self.port + 10

    @property
    def roster_file(self) -> Path:
        return self.state_dir / "lop.json"

    @property
    def token_file(self) -> Path:
        return self.state_dir / "quan-ly-lop.token"

    @property
    def cgroup_name(self) -> str:
        return f"khuyenhoc-{self.port}"

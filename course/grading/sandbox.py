"""The sandbox every trainee kernel runs in (bubblewrap + setpriv + prlimit from Debian).

Layout seen by trainee code: the whole system read-only; the course folder, the repository,
the exchange, ``/root``, ``/home``, ``/srv``, ``/tmp`` hidden behind empty tmpfs; only the
Python installation and the toolkit bound back read-only; a throw-away copy of ONE submission
(without its notebooks) as the writable working folder; no network. The kernel runs as an
unprivileged system user with limits on CPU time, memory, processes, file size, open files and
wall time. Nothing here is a Python "jail": the kernel is contained by the operating system.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

#: The unprivileged system user that runs trainee code (created on first use when root).
DEFAULT_USER = "khuyenhoc-cham"
#: The trainee's home inside the sandbox (the submission's copy is a folder in it).
HOME = "/home/hocvien"
#: Set to 1 to allow grading WITHOUT the sandbox (developer machines only; never for a class).
UNSAFE_ENV = "KHUYENHOC_CHAM_KHONG_HOP_CAT"
#: Extra folders to hide from trainee code (separated by ':').
HIDE_ENV = "KHUYENHOC_HOP_CAT_AN"
#: Environment variables passed into the sandbox (everything else is dropped).
PASS_ENV = ("NBGRADER_EXECUTION", "PYTHONUTF8", "PYTHONIOENCODING", "LANG", "LC_ALL", "MPLBACKEND",
            "PYDEVD_DISABLE_FILE_VALIDATION")


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot be set up on this machine (message in Vietnamese)."""


@dataclass(frozen=True)
class Limits:
    """Resource limits of one trainee kernel."""

    cpu_seconds: int = 900          # CPU time of the kernel process (RLIMIT_CPU)
    wall_seconds: int = 1800        # whole life of the kernel (coreutils timeout)
    memory_bytes: int = 4 << 30     # address space (RLIMIT_AS)
    processes: int = 512            # processes and threads of the sandbox user (RLIMIT_NPROC)
    file_bytes: int = 64 << 20      # largest file trainee code may write (RLIMIT_FSIZE)
    open_files: int = 256           # RLIMIT_NOFILE
    tmp_bytes: int = 256 << 20      # size of the private /tmp and home

    def rlimits(self) -> dict[str, int]:
        """The kernel's limits by ``prlimit`` option name (also applied by ``setrlimit`` in warm kernels)."""
        return {"cpu": self.cpu_seconds, "as": self.memory_bytes, "nproc": self.processes,
                "fsize": self.file_bytes, "nofile": self.open_files, "core": 0}


def _tool(name: str) -> str | None:
    return shutil.which(name) or next((p for p in (f"/usr/bin/{name}", f"/bin/{name}") if os.path.exists(p)), None)


def check() -> str | None:
    """None when the sandbox can run here, otherwise the reason (Vietnamese)."""
    if sys.platform != "linux":
        return "hộp cát chỉ chạy trên Linux"
    if os.geteuid() != 0:
        return "máy chấm phải chạy với quyền root để đổi sang người dùng riêng của hộp cát"
    for tool in ("bwrap", "setpriv", "prlimit"):
        if not _tool(tool):
            pkg = {"bwrap": "bubblewrap"}.get(tool, "util-linux")
            return f"thiếu lệnh {tool} (cài gói Debian {pkg})"
    return None


def unsafe_allowed() -> bool:
    """True when the trainer explicitly allowed grading without the sandbox (env var)."""
    return os.environ.get(UNSAFE_ENV, "") == "1"


def ensure_user(name: str = DEFAULT_USER) -> tuple[int, int]:
    """Uid and gid of the sandbox user, creating it (system user, no home, no shell) if needed."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        useradd = _tool("useradd") or "/usr/sbin/useradd"
        done = subprocess.run([useradd, "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                               "--shell", "/usr/sbin/nologin", name], capture_output=True, text=True)
        if done.returncode not in (0, 9):  # 9: created meanwhile by another grader
            raise SandboxUnavailable(f"Không tạo được người dùng {name} cho hộp cát: {done.stderr.strip()}")
        entry = pwd.getpwnam(name)
    if entry.pw_uid == 0:
        raise SandboxUnavailable(f"Người dùng {name} của hộp cát không được là root.")
    return entry.pw_uid, entry.pw_gid


SKIP = ("*.ipynb", ".ipynb_checkpoints", "timestamp.txt", "__pycache__", "khuyenhoc-hopcat-*")


def _copy_submission(src: Path, dest: Path, limits: Limits) -> None:
    """Copy the files of one submission folder (never notebooks: test cells reach the kernel only when run)."""
    dest.mkdir(parents=True)
    total = 0
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if any(part.startswith(".") or any(Path(part).match(p) for p in SKIP) for part in rel.parts):
            continue
        if path.is_symlink():
            continue
        if path.is_dir():
            (dest / rel).mkdir(parents=True, exist_ok=True)
            continue
        total += path.stat().st_size
        if total > limits.tmp_bytes:
            raise SandboxUnavailable(f"Thư mục bài nộp {src} quá lớn để chép vào hộp cát (quá {limits.tmp_bytes >> 20} MB).")
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, dest / rel)


def _under(path: Path, folders) -> bool:
    return any(path == f or f in path.parents for f in folders)


@dataclass(eq=False)
class Sandbox:
    """One throw-away sandbox: a host folder with the work copy, /tmp, home and the kernel's sockets."""

    root: Path
    uid: int
    gid: int
    hidden: list[Path]
    limits: Limits = field(default_factory=Limits)
    workname: str = "bai"

    @property
    def run_dir(self) -> Path:
        """Connection file and ipc sockets (same path inside and outside)."""
        return self.root / "run"

    @property
    def work_dir(self) -> Path:
        """The throw-away copy of the submission, inside the sandbox's home."""
        return self.root / "home" / self.workname

    @classmethod
    def create(cls, submission_dir: str | os.PathLike | None, hidden: list[Path], user: str = DEFAULT_USER,
               limits: Limits | None = None) -> "Sandbox":
        """Make the throw-away folders and copy ONE submission's files (never its notebooks)."""
        uid, gid = ensure_user(user)
        root = Path(tempfile.mkdtemp(prefix="khuyenhoc-hopcat-"))
        box = cls(root=root, uid=uid, gid=gid, hidden=hidden, limits=limits or Limits())
        if submission_dir and Path(submission_dir).is_dir():
            box.workname = Path(submission_dir).name or "bai"
            _copy_submission(Path(submission_dir), box.work_dir, limits=box.limits)
        else:
            box.work_dir.mkdir(parents=True)
        for sub in ("run", "home"):
            (root / sub).mkdir(exist_ok=True)
        for path in root.rglob("*"):
            if not path.is_symlink():
                os.chown(path, uid, gid)
        os.chmod(root / "run", 0o700)
        for folder in (root / "home", box.work_dir):  # bwrap (root without DAC override) must enter them
            os.chmod(folder, 0o711)
        os.chmod(root, 0o711)  # owned by the grader; the sandbox user only reaches its own folders
        return box

    def give(self, path: str | os.PathLike) -> None:
        """Let the sandbox user read a file the grader wrote (the connection file)."""
        os.chown(path, self.uid, self.gid)
        os.chmod(path, 0o600)

    def command(self, argv: list[str], env: dict[str, str]) -> list[str]:
        """The full command: bwrap (namespaces, mounts) → prlimit (limits) → setpriv (user) → argv.

    The wall-time limit is kept by the kernel manager (it kills the process group): a ``timeout``
    wrapper would take the kernel out of its process group and break nbclient's interrupts.
    """
        lim = self.limits
        cmd = [_tool("bwrap"), "--die-with-parent", "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
               "--unshare-cgroup-try", "--hostname", "hop-cat",
               "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
               # a private /tmp first: Python or the toolkit may live under /tmp (a CI clone) and are bound back below
               "--perms", "1777", "--size", str(lim.tmp_bytes), "--tmpfs", "/tmp"]
        tmp = Path("/tmp")
        hidden = [Path(h) for h in self.hidden] + [tmp]
        mounted = {tmp}  # folders that exist inside the sandbox as empty tmpfs
        for folder in sorted({Path(p) for p in self.hidden if Path(p).exists() and not _under(Path(p), [tmp])},
                             key=lambda p: len(str(p))):
            cmd += ["--tmpfs", str(folder)]
            mounted.add(folder)
        made: set[Path] = set()
        for folder in _readable_again(hidden):
            for parent in reversed(folder.parents):  # bwrap would create them 0700: unreachable for the user
                if _under(parent, hidden) and parent not in made and parent not in mounted:
                    cmd += ["--perms", "0755", "--dir", str(parent)]
                    made.add(parent)
            cmd += ["--ro-bind", str(folder), str(folder)]
        cmd += ["--bind", str(self.root / "home"), HOME,
                "--perms", "0711", "--dir", str(self.root),
                "--bind", str(self.run_dir), str(self.run_dir),
                "--chdir", self.cwd, "--clearenv"]
        for key, value in sorted(self.environment(env).items()):
            cmd += ["--setenv", key, value]
        cmd += ["--", _tool("prlimit"), *(f"--{name}={value}" for name, value in lim.rlimits().items()),
                "--", _tool("setpriv"), f"--reuid={self.uid}", f"--regid={self.gid}", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--", *argv]
        return cmd

    @property
    def cwd(self) -> str:
        """The working folder as trainee code sees it."""
        return f"{HOME}/{self.workname}"

    def environment(self, env: dict[str, str]) -> dict[str, str]:
        """The whole environment of trainee code: fixed values plus the few passed from ``env`` (``PASS_ENV``)."""
        bindir = os.path.dirname(sys.executable)
        base = {"HOME": HOME, "USER": "hocvien", "PATH": f"{bindir}:/usr/local/bin:/usr/bin:/bin",
                "TMPDIR": "/tmp", "MPLCONFIGDIR": "/tmp/matplotlib", "PYTHONNOUSERSITE": "1",
                "PYTHONDONTWRITEBYTECODE": "1", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
                "MKL_NUM_THREADS": "1", "KHUYENHOC_HOP_CAT": "1",
                "JPY_PARENT_PID": "1",  # 1: no parent poller, no console banner
                "KHUYENHOC_MAU_BO_NHO": "1"}  # sample.load reads the validated cache (sample.warm)
        base.update({k: v for k, v in env.items() if k in PASS_ENV})
        return base

    def make_fifo(self) -> str:
        """A FIFO in the run folder that the warm kernel's placeholder reads (``course.grading.warm``)."""
        path = self.run_dir / "song-con"
        os.mkfifo(path, 0o600)
        os.chown(path, self.uid, self.gid)
        return str(path)

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _readable_again(hidden: list[Path]) -> list[Path]:
    """Python and the toolkit, when they live inside a hidden folder (e.g. the repository's .venv)."""
    import khuyenhoc

    wanted = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix),
              Path(khuyenhoc.__file__).resolve().parent.parent}
    wanted |= {Path(p) for p in sys.path if p and "site-packages" in p}
    hidden = [Path(h) for h in hidden]
    out = sorted({p.resolve() for p in wanted if p.exists() and _under(p.resolve(), hidden)}, key=lambda p: len(str(p)))
    # a folder inside another one is already readable
    return [p for i, p in enumerate(out) if not any(q in p.parents for q in out[:i])]


def hidden_folders(course_dir: Path | None = None, exchange: Path | None = None) -> list[Path]:
    """Everything trainee code must not read: the course, the repository, the exchange, homes, /srv, /tmp."""
    folders = [Path("/root"), Path("/home"), Path("/srv"), Path("/mnt"), Path("/media"), Path("/var/tmp"),
               Path("/tmp"), Path("/run/user"), Path(os.path.expanduser("~"))]
    folders.append(Path(__file__).resolve().parents[2])  # the repository: course sources, tests, lessons
    if course_dir is not None:
        course_dir = Path(course_dir).resolve()
        folders.append(course_dir)
        if (course_dir.parent / "pyproject.toml").exists():
            folders.append(course_dir.parent)
    if exchange is not None:
        folders.append(Path(exchange).resolve())
    for extra in os.environ.get(HIDE_ENV, "").split(":"):
        if extra:
            folders.append(Path(extra).resolve())
    # only the outermost folders matter; /tmp is handled separately (a private tmpfs)
    folders = sorted({f for f in folders if str(f) not in ("/", "/tmp")}, key=lambda p: len(str(p)))
    return [f for i, f in enumerate(folders) if not any(q in f.parents for q in folders[:i])]

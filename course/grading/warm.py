"""Warm kernels: one pre-imported Python forks each trainee kernel straight into its fresh sandbox.

A cold trainee kernel starts Python and imports ipykernel, pandas, matplotlib, python-docx and the
toolkit anew: on bai_07 that is more CPU than the notebook's own work. The parallel grader
(``course/grading/parallel.py``) therefore asks for warm kernels (``SandboxKernelManager.warm``):

1. the kernel manager starts the usual bubblewrap sandbox (same mounts, same limits, same
   unprivileged user), but with a placeholder instead of the kernel: ``cat`` reading a FIFO;
2. a *zygote* — a separate Python process started once per grading process, which has imported
   the modules listed in ``PRELOAD`` and never reads course files, sources or submissions — forks a
   child that joins the sandbox's namespaces (``setns``: ipc, uts, net, cgroup, pid, mount), takes
   the sandbox's root directory, forks once more (to be inside the pid namespace), applies the same
   ``setrlimit`` limits as ``prlimit``, drops every capability, its groups and root
   (``setresgid``/``setresuid``, ``PR_SET_NO_NEW_PRIVS``) exactly as ``setpriv`` does, clears the
   environment and starts the ipykernel on the connection file;
3. the kernel holds the FIFO's write end: when it exits, ``cat`` sees end-of-file, the sandbox
   ends and nbclient sees a dead kernel as with a cold one; killing the sandbox kills the kernel
   (it lives in the sandbox's pid namespace).

Nothing of the trainee runs in the zygote; each kernel is a copy of it in its own sandbox. If the
zygote cannot serve (not root, crashed), the kernel manager falls back to a cold kernel in the
same sandbox. ``python -m course.grading.warm`` is the zygote itself (line-delimited JSON on
stdin/stdout).
"""

from __future__ import annotations

import atexit
import ctypes
import errno
import json
import os
import resource
import subprocess
import sys
import threading
import time

#: Modules the zygote imports before serving: what the course's notebooks import.
PRELOAD = (
    "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "IPython", "IPython.display",
    "numpy", "pandas", "matplotlib", "matplotlib.pyplot", "matplotlib.backends.backend_agg",
    "matplotlib_inline.backend_inline", "PIL.Image", "docx", "openpyxl", "ipywidgets", "yaml",
    "khuyenhoc", "khuyenhoc.answers", "khuyenhoc.charts", "khuyenhoc.reports", "khuyenhoc.sample",
    "khuyenhoc.indicators", "khuyenhoc.engine", "khuyenhoc.evidence", "khuyenhoc.procedure",
    "khuyenhoc.intake", "khuyenhoc.results", "khuyenhoc.friendly_errors", "khuyenhoc.planning",
    "khuyenhoc.fund", "khuyenhoc.members", "khuyenhoc.news", "khuyenhoc.dossier", "khuyenhoc.widgets",
)

#: The project folder (for ``python -m course.grading.warm``); never on a kernel's path.
_PROJECT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Linux constants (uapi headers)
_NS_ORDER = ("ipc", "uts", "net", "cgroup", "pid", "mnt")
_PR_SET_NO_NEW_PRIVS = 38
_PR_CAPBSET_DROP = 24
_PR_CAP_AMBIENT = 47
_PR_CAP_AMBIENT_CLEAR_ALL = 4
_LINUX_CAPABILITY_VERSION_3 = 0x20080522
_RLIMITS = {"cpu": resource.RLIMIT_CPU, "as": resource.RLIMIT_AS, "nproc": resource.RLIMIT_NPROC,
            "fsize": resource.RLIMIT_FSIZE, "nofile": resource.RLIMIT_NOFILE, "core": resource.RLIMIT_CORE}


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


# --- the zygote -------------------------------------------------------------------------------

def _preload() -> None:
    os.environ.setdefault("MPLBACKEND", "Agg")
    for name in PRELOAD:
        try:
            __import__(name)
        except Exception:  # noqa: BLE001 - a missing optional module only makes kernels less warm
            pass
    try:  # fonts and the glyph cache, as the first chart of a notebook would load them
        import matplotlib.pyplot as plt

        fig = plt.figure()
        fig.text(0.5, 0.5, "Khuyến học 1.234")
        fig.canvas.draw()
        plt.close(fig)
    except Exception:  # noqa: BLE001
        pass
    import gc

    gc.collect()
    gc.freeze()  # the children share these pages; the collector leaves them alone (fewer copies)


def _find_sandbox_init(outer: int) -> int:
    """The sandbox's pid 1 (host pid): the child of the outer bubblewrap process."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2:].split()
        if int(fields[1]) == outer:
            return int(entry)
    raise RuntimeError(f"không thấy tiến trình hộp cát con của {outer}")


def _open_fifo(path: str, deadline: float) -> int:
    """Open the placeholder's FIFO for writing once ``cat`` reads it (the sandbox is then fully set up)."""
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC)
            os.set_blocking(fd, True)
            return fd
        except OSError as err:
            if err.errno != errno.ENXIO or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _enter(request: dict, report_fd: int) -> None:
    """In the zygote's child: join the sandbox, fork the kernel process inside it, report its pid, exit."""
    fifo = _open_fifo(request["fifo"], time.monotonic() + 30)
    target = _find_sandbox_init(int(request["outer_pid"]))
    fds = {}
    for ns in _NS_ORDER:
        try:
            if os.stat(f"/proc/{target}/ns/{ns}").st_ino != os.stat(f"/proc/self/ns/{ns}").st_ino:
                fds[ns] = os.open(f"/proc/{target}/ns/{ns}", os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:  # a namespace type this kernel does not have
            pass
    root = os.open(f"/proc/{target}/root", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    if "mnt" not in fds or "pid" not in fds:
        raise RuntimeError("hộp cát chưa có không gian tên riêng")
    libc = _libc()
    for ns, fd in fds.items():
        _check(libc.setns(fd, 0), f"setns {ns}")
        os.close(fd)
    os.fchdir(root)
    os.chroot(".")
    os.close(root)
    pid = os.fork()
    if pid:
        os.write(report_fd, json.dumps({"pid": pid}).encode() + b"\n")
        os._exit(0)
    _become_kernel(request, fifo)


def _drop_privileges(uid: int, gid: int) -> None:
    """What ``setpriv --reuid --regid --clear-groups --inh-caps=-all --bounding-set=-all --no-new-privs`` does."""
    libc = _libc()
    with open("/proc/sys/kernel/cap_last_cap") as fh:
        last = int(fh.read())
    for cap in range(last + 1):
        _check(libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0), "PR_CAPBSET_DROP")
    libc.prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    header = _CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (_CapData * 2)()
    _check(libc.capset(ctypes.byref(header), data), "capset")
    _check(libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "PR_SET_NO_NEW_PRIVS")
    if os.getuid() == 0 or os.geteuid() == 0 or os.getgroups():
        raise RuntimeError("không bỏ được quyền root")


def _become_kernel(request: dict, fifo: int) -> None:
    """The kernel process, inside the sandbox: limits, user, environment, then ipykernel."""
    try:
        os.setsid()
        null = os.open("/dev/null", os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        if null > 2:
            os.close(null)
        os.closerange(3, fifo)  # every descriptor of the zygote but the FIFO
        os.closerange(fifo + 1, max(resource.getrlimit(resource.RLIMIT_NOFILE)[1], 1 << 16))
        for name, value in request["rlimits"].items():
            resource.setrlimit(_RLIMITS[name], (value, value))
        _drop_privileges(int(request["uid"]), int(request["gid"]))
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        for name in [m for m in sys.modules if m == "course" or m.startswith("course.")]:
            del sys.modules[name]  # the grader's code is not the trainee's business
        os.environ["PWD"] = request["cwd"]
        # the path `python -m ipykernel_launcher` has (the launcher drops its own folder): not the grader's code
        sys.path[:] = [p for p in sys.path[1:] if p != _PROJECT]
        sys.argv = list(request["argv"])
        try:
            import numpy

            numpy.random.seed()  # a fresh process seeds from the system; the children must not share a state
        except ImportError:
            pass
        from ipykernel import kernelapp

        kernelapp.launch_new_instance(argv=sys.argv[1:])
    except BaseException:  # noqa: BLE001 - the kernel process never returns into the zygote
        os._exit(70)
    os._exit(0)


def serve() -> None:
    """The zygote's loop: one JSON request per line on stdin, one JSON answer per line on stdout."""
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # stray prints never corrupt the answers
    _preload()
    out.write(json.dumps({"ready": os.getpid()}) + "\n")
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            read_end, write_end = os.pipe()
            child = os.fork()
            if child == 0:
                os.close(read_end)
                try:
                    _enter(request, write_end)
                except BaseException as err:  # noqa: BLE001
                    os.write(write_end, json.dumps({"error": f"{type(err).__name__}: {err}"}).encode() + b"\n")
                os._exit(1)
            os.close(write_end)
            with os.fdopen(read_end, "rb") as fh:
                answer = fh.readline()
            os.waitpid(child, 0)
            out.write((answer.decode().strip() or json.dumps({"error": "tiến trình con dừng không báo"})) + "\n")
        except Exception as err:  # noqa: BLE001
            out.write(json.dumps({"error": f"{type(err).__name__}: {err}"}) + "\n")


# --- the grader's side ------------------------------------------------------------------------

class Zygote:
    """The grader's handle on one zygote process (started on first use, one per grading process)."""

    _lock = threading.Lock()
    _current: "Zygote | None" = None

    def __init__(self) -> None:
        # the grader's own matplotlib cache (its font list is built once), nothing else of its environment
        env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "PYTHONUTF8", "HOME",
                                                             "MPLCONFIGDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
        env.update({"PYTHONDONTWRITEBYTECODE": "1", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
                    "MKL_NUM_THREADS": "1", "MPLBACKEND": "Agg", "KHUYENHOC_HOP_CAT": "1",
                    "KHUYENHOC_MAU_BO_NHO": "1", "PYTHONNOUSERSITE": "1", "PYTHONPATH": _PROJECT})
        self.process = subprocess.Popen([sys.executable, "-m", "course.grading.warm"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, cwd="/", env=env, text=True, bufsize=1,
                                        start_new_session=True)
        ready = self.process.stdout.readline()
        if not ready.startswith('{"ready"'):
            self.close()
            raise RuntimeError("lò kernel ấm không khởi động được")

    @classmethod
    def shared(cls) -> "Zygote":
        with cls._lock:
            if cls._current is None or cls._current.process.poll() is not None:
                cls._current = cls()
            return cls._current

    def spawn(self, request: dict) -> int:
        """Fork one kernel into the sandbox described by ``request``; its host pid."""
        with self._lock:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError("lò kernel ấm đã dừng")
        answer = json.loads(answer)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return int(answer["pid"])

    def close(self) -> None:
        """End the zygote (end of its input; killed if it does not stop). Kernels it forked are not touched."""
        if self.process.poll() is None:
            try:
                self.process.stdin.close()
                self.process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()


def _close_shared() -> None:
    if Zygote._current is not None:
        Zygote._current.close()
        Zygote._current = None


atexit.register(_close_shared)


if __name__ == "__main__":
    serve()

"""The kernel manager nbgrader uses for every trainee notebook: the kernel starts inside the sandbox.

Set in ``course/nbgrader_config.py``::

    c.Execute.kernel_manager_class = "course.grading.kernel.SandboxKernelManager"

so ``nbgrader autograde``/``validate`` typed in ``course/``, the formgrader and
``course/cham_bai.py`` all run trainee code the same, contained way. The kernel talks to the
grader over ZMQ ``ipc`` sockets in a folder shared with the sandbox (no network inside).
"""

from __future__ import annotations

import os
import atexit
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, CaselessStrEnum, Integer, Unicode

from . import sandbox


_WARMED: list[bool] = []
_LIVE: set = set()  # sandboxes of this process not yet removed (removed at exit at the latest)


@atexit.register
def _remove_leftovers() -> None:
    for box in list(_LIVE):
        box.remove()
        _LIVE.discard(box)


def _warm_sample_cache() -> None:
    """Build the sample's cache file once per grading process (trainee kernels read it, never write it)."""
    if not _WARMED:
        _WARMED.append(True)
        try:
            from khuyenhoc import sample

            sample.warm()
        except Exception:  # noqa: BLE001 - without the cache, notebooks read the CSV files (slower, same data)
            pass


class SandboxKernelManager(AsyncKernelManager):
    """An ``AsyncKernelManager`` whose kernel runs in a throw-away bubblewrap sandbox as an unprivileged user."""

    sandbox_user = Unicode(sandbox.DEFAULT_USER, help="unprivileged user that runs trainee code").tag(config=True)
    course_root = Unicode("", help="course folder (hidden from trainee code)").tag(config=True)
    exchange_root = Unicode("", help="exchange folder (hidden from trainee code)").tag(config=True)
    cpu_seconds = Integer(sandbox.Limits.cpu_seconds, help="CPU seconds per kernel").tag(config=True)
    wall_seconds = Integer(sandbox.Limits.wall_seconds, help="wall-clock seconds per kernel").tag(config=True)
    memory_mb = Integer(sandbox.Limits.memory_bytes >> 20, help="address space per kernel (MiB)").tag(config=True)
    processes = Integer(sandbox.Limits.processes, help="processes/threads of the sandbox user").tag(config=True)
    file_mb = Integer(sandbox.Limits.file_bytes >> 20, help="largest file trainee code may write (MiB)").tag(config=True)
    tmp_mb = Integer(sandbox.Limits.tmp_bytes >> 20, help="size of the private /tmp (MiB)").tag(config=True)
    require_sandbox = Bool(True, help="refuse to run trainee code without the sandbox").tag(config=True)
    warm = Bool(False, help="fork kernels from a pre-imported zygote into their sandbox (course.grading.warm); "
                            "the parallel grader turns it on").tag(config=True)
    traceback_mode = CaselessStrEnum(("Plain", "Context", "Verbose", "Minimal"), "Plain",
                                     help="IPython's traceback style in graded kernels (%xmode): 'Plain' keeps the "
                                          "file, line and message without colouring the surrounding code, about "
                                          "20 times cheaper per failing cell than IPython's default 'Context'; "
                                          "feedback shows only the message either way").tag(config=True)

    _box = None
    _warm_request = None

    def limits(self) -> sandbox.Limits:
        return sandbox.Limits(cpu_seconds=self.cpu_seconds, wall_seconds=self.wall_seconds,
                              memory_bytes=self.memory_mb << 20, processes=self.processes,
                              file_bytes=self.file_mb << 20, tmp_bytes=self.tmp_mb << 20)

    async def _async_pre_start_kernel(self, **kw):
        reason = sandbox.check()
        if reason is not None:
            if self.require_sandbox and not sandbox.unsafe_allowed():
                raise sandbox.SandboxUnavailable(
                    f"Không chạy mã của học viên vì chưa có hộp cát: {reason}. Xem mục 'Hộp cát' trong "
                    f"course/trainer-guide.md (chỉ khi thử trên máy riêng mới đặt {sandbox.UNSAFE_ENV}=1).")
            self.log.warning("Chấm KHÔNG có hộp cát (%s): chỉ dùng khi thử trên máy riêng.", reason)
            return await super()._async_pre_start_kernel(**kw)
        self._remove_box()
        _warm_sample_cache()
        # interrupts by message on the control channel: a SIGINT to the process group would stop bwrap itself
        self.kernel_spec.interrupt_mode = "message"
        hidden = sandbox.hidden_folders(Path(self.course_root) if self.course_root else None,
                                        Path(self.exchange_root) if self.exchange_root else None)
        self._box = sandbox.Sandbox.create(kw.get("cwd"), hidden, user=self.sandbox_user, limits=self.limits())
        _LIVE.add(self._box)
        self.transport = "ipc"
        self.ip = str(self._box.run_dir / "kenh")
        self.connection_file = str(self._box.run_dir / "ket-noi.json")
        kw["cwd"] = str(self._box.run_dir)
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        if "ipykernel_launcher" in kernel_cmd:
            kernel_cmd = [*kernel_cmd, f"--InteractiveShell.xmode={self.traceback_mode}"]
        self._box.give(self.connection_file)
        env = kw.get("env") or dict(os.environ)
        kw["env"] = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
        self._cold_cmd = self._box.command(list(kernel_cmd), env)
        self._warm_request = self._warm_plan(list(kernel_cmd), env)
        if self._warm_request is not None:
            return self._box.command(["cat", self._warm_request["fifo"]], env), kw
        return self._cold_cmd, kw

    def _warm_plan(self, kernel_cmd: list[str], env: dict) -> dict | None:
        """What the zygote needs to fork this kernel into the sandbox, or None for a cold kernel."""
        if not self.warm or kernel_cmd[1:3] != ["-m", "ipykernel_launcher"]:
            return None
        box = self._box
        return {"fifo": box.make_fifo(), "argv": ["ipykernel_launcher", *kernel_cmd[3:]], "cwd": box.cwd,
                "env": box.environment(env), "uid": box.uid, "gid": box.gid, "rlimits": box.limits.rlimits()}

    async def _async_launch_kernel(self, kernel_cmd, **kw) -> None:
        await super()._async_launch_kernel(kernel_cmd, **kw)
        if self._warm_request is None:
            return
        import asyncio

        from . import warm

        request = dict(self._warm_request, outer_pid=self.provisioner.process.pid)
        self._warm_request = None
        try:
            zygote = await asyncio.to_thread(warm.Zygote.shared)
            await asyncio.to_thread(zygote.spawn, request)
        except Exception as err:  # noqa: BLE001 - a cold kernel in the same sandbox instead
            self.log.warning("Không dùng được kernel ấm (%s): chạy kernel thường trong hộp cát.", err)
            await self.provisioner.kill()
            await self.provisioner.wait()
            await super()._async_launch_kernel(self._cold_cmd, **kw)

    async def _async_post_start_kernel(self, **kw) -> None:
        await super()._async_post_start_kernel(**kw)
        if self._box is not None:
            import threading

            self._wall = threading.Timer(self.wall_seconds, self._kill_group)
            self._wall.daemon = True
            self._wall.start()

    def _kill_group(self) -> None:
        """Wall-time limit reached: kill bwrap's whole process group (the kernel with it)."""
        import signal

        process = getattr(self.provisioner, "process", None)
        if process is not None and process.poll() is None:
            self.log.error("Kernel chạy quá %s giây: máy chấm dừng nó.", self.wall_seconds)
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                process.kill()

    def _remove_box(self) -> None:
        wall = getattr(self, "_wall", None)
        if wall is not None:
            wall.cancel()
            self._wall = None
        if self._box is not None:
            self._box.remove()
            _LIVE.discard(self._box)
            self._box = None

    async def _async_finish_shutdown(self, waittime=None, pollinterval: float = 0.1, restart: bool = False) -> None:
        # the sandbox ends within milliseconds of its kernel: look every 10 ms rather than every 100 ms
        await super()._async_finish_shutdown(waittime=waittime, pollinterval=min(pollinterval, 0.01), restart=restart)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            self._remove_box()

    def __del__(self):  # the throw-away folder never outlives the kernel manager
        try:
            self._remove_box()
        except Exception:
            pass

"""Warm kernels (forked from the pre-imported zygote) are contained exactly like cold ones.

The same probe runs in a cold sandboxed kernel and in warm ones: user, groups, capabilities,
no_new_privs, limits, hostname, network, what is visible of the disk, environment and import path
must be the same; a warm kernel that exits ends its sandbox (nbclient sees a dead kernel), and
two warm kernels share nothing (files, pids) although they come from one zygote.
"""

from __future__ import annotations

import ast
import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course.grading import sandbox  # noqa: E402
from course.grading.kernel import SandboxKernelManager  # noqa: E402

pytestmark = pytest.mark.skipif(bool(sandbox.check()), reason=f"cần hộp cát: {sandbox.check()}")


def _run(coroutine):
    """Run a coroutine on its own thread: browser tests earlier in the suite may leave an event
    loop running on the main thread, where asyncio.run refuses to start."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


PROBE = r"""
import os, resource, socket, sys
_st = {l.split(":")[0]: l.split(":")[1].strip() for l in open("/proc/self/status") if ":" in l}
def _can(p):
    try:
        return sorted(os.listdir(p)) if os.path.isdir(p) else open(p, "rb").read(1) is not None
    except OSError as e:
        return type(e).__name__
print(repr({
    "uid": os.getresuid(), "gid": os.getresgid(), "groups": os.getgroups(),
    "caps": [_st[k] for k in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs")],
    "limits": [resource.getrlimit(getattr(resource, "RLIMIT_" + n)) for n in
               ("CPU", "AS", "NPROC", "FSIZE", "NOFILE", "CORE")],
    "host": socket.gethostname(), "net": sorted(os.listdir("/sys/class/net")),
    "cwd": os.path.dirname(os.getcwd()), "work": sorted(os.listdir(".")), "tmp": len(os.listdir("/tmp")) <= 1,
    "home": os.listdir("/home"), "root": _can("/root"), "course": _can(COURSE), "repo": _can(REPO),
    "env": {k: v for k, v in os.environ.items() if k not in ("PWD",)},
    "path": [p for p in sys.path if p], "pids": len([p for p in os.listdir("/proc") if p.isdigit()]),
}))
"""


async def _probe(warm: bool, submission: Path, extra: str = "") -> dict:
    km = SandboxKernelManager(kernel_name="python3", warm=warm, course_root=str(ROOT / "course"))
    await km.start_kernel(cwd=str(submission))
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=60)
        out: list[str] = []
        code = f"COURSE = {str(ROOT / 'course' / 'source')!r}\nREPO = {str(ROOT)!r}\n" + PROBE + extra
        reply = await kc.execute_interactive(
            code, timeout=60, output_hook=lambda m: out.append(m["content"].get("text", "")))
        assert reply["content"]["status"] == "ok", reply["content"]
        return ast.literal_eval("".join(out).strip().splitlines()[0])
    finally:
        kc.stop_channels()
        await km.shutdown_kernel(now=True)
        assert not await km.is_alive()


@pytest.fixture(scope="module")
def probes(tmp_path_factory):
    sub = tmp_path_factory.mktemp("bai_nop")
    (sub / "du_lieu.csv").write_text("a,b\n1,2\n", encoding="utf-8")

    async def run():
        cold = await _probe(False, sub)
        warm1 = await _probe(True, sub, extra="\nopen('vet.txt', 'w').write('x')")
        warm2 = await _probe(True, sub)
        return cold, warm1, warm2

    return _run(run())


def test_warm_kernel_is_contained_like_a_cold_one(probes):
    cold, warm1, warm2 = probes
    assert cold["uid"][0] != 0 and cold["caps"] == ["0000000000000000"] * 5 + ["1"]
    assert cold["course"] in ("FileNotFoundError", "PermissionError", [])
    python_in_root = {Path(p).relative_to("/root").parts[0] for p in (sys.base_prefix, sys.prefix)
                      if p.startswith("/root/")}  # Python itself may live in /root (pyenv): bound back read-only
    assert cold["root"] == "PermissionError" or set(cold["root"]) <= python_in_root
    for warm in (warm1, warm2):
        # its own pid namespace: the sandbox's init, the placeholder and the kernel, nothing of the zygote
        assert warm["pids"] <= 3
        for key in cold:
            if key != "pids":
                assert warm[key] == cold[key], (key, warm[key], cold[key])


def test_warm_kernels_share_no_files(probes):
    _cold, warm1, warm2 = probes
    assert warm1["work"] == ["du_lieu.csv"]  # the probe runs before the file is written
    assert "vet.txt" not in warm2["work"]


def test_warm_kernel_that_exits_ends_its_sandbox():
    async def run():
        km = SandboxKernelManager(kernel_name="python3", warm=True, course_root=str(ROOT / "course"))
        await km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=60)
            kc.execute("import os; os._exit(3)")
            for _ in range(100):
                if not await km.is_alive():
                    return True
                await asyncio.sleep(0.1)
            return False
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)

    assert _run(run())

"""Per-user memory, CPU and process limits with the kernel's cgroups.

LocalProcessSpawner does not enforce ``Spawner.mem_limit``/``cpu_limit`` (only SystemdSpawner,
DockerSpawner and KubeSpawner do). On a hall server without systemd we put each user server,
and the kernels it starts, into its own cgroup: cgroup v2 when ``/sys/fs/cgroup`` is the unified
hierarchy, otherwise the v1 ``memory``, ``cpu`` and ``pids`` controllers. When neither is
writable the limits are reported as not applied (the hub log says so) and the hall still runs.
"""

from __future__ import annotations

import os
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
CPU_PERIOD_US = 100_000


def cgroup_mode(root: Path = CGROUP_ROOT) -> str:
    """'v2', 'v1' or '' (no writable cgroup hierarchy)."""
    if (root / "cgroup.controllers").exists() and os.access(root, os.W_OK):
        return "v2"
    if (root / "memory" / "memory.limit_in_bytes").exists() and os.access(root / "memory", os.W_OK):
        return "v1"
    return ""


def _write(path: Path, value) -> bool:
    try:
        path.write_text(f"{value}\n")
        return True
    except OSError:
        return False


def apply_limits(group: str, name: str, pid: int, mem_bytes: int, cpus: float, pids: int,
                 root: Path = CGROUP_ROOT) -> list[str]:
    """Put process ``pid`` into cgroup ``<group>/<name>`` with the limits; return what was applied."""
    mode = cgroup_mode(root)
    applied: list[str] = []
    if mode == "v2":
        parent = root / group
        parent.mkdir(exist_ok=True)
        _write(parent / "cgroup.subtree_control", "+memory +cpu +pids")
        cg = parent / name
        cg.mkdir(exist_ok=True)
        if mem_bytes and _write(cg / "memory.max", mem_bytes):
            applied.append("memory")
        if cpus and _write(cg / "cpu.max", f"{int(cpus * CPU_PERIOD_US)} {CPU_PERIOD_US}"):
            applied.append("cpu")
        if pids and _write(cg / "pids.max", pids):
            applied.append("pids")
        if not _write(cg / "cgroup.procs", pid):
            return []
        return applied
    if mode == "v1":
        plan = {
            "memory": [("memory.limit_in_bytes", mem_bytes), ("memory.memsw.limit_in_bytes", mem_bytes)]
            if mem_bytes else [],
            "cpu": [("cpu.cfs_period_us", CPU_PERIOD_US), ("cpu.cfs_quota_us", int(cpus * CPU_PERIOD_US))]
            if cpus else [],
            "pids": [("pids.max", pids)] if pids else [],
        }
        for controller, settings in plan.items():
            if not settings or not (root / controller).is_dir():
                continue
            cg = root / controller / group / name
            try:
                cg.mkdir(parents=True, exist_ok=True)
            except OSError:
                continue
            ok = all(_write(cg / f, v) or f == "memory.memsw.limit_in_bytes" for f, v in settings)
            if ok and _write(cg / "cgroup.procs", pid):
                applied.append(controller)
    return applied


def memory_usage(group: str, name: str, root: Path = CGROUP_ROOT) -> int | None:
    """Bytes charged to a user's cgroup now (None when the cgroup does not exist)."""
    for path in (root / group / name / "memory.current", root / "memory" / group / name / "memory.usage_in_bytes"):
        if path.exists():
            return int(path.read_text().split()[0])
    return None


def remove(group: str, name: str, root: Path = CGROUP_ROOT) -> None:
    """Remove a user's (empty) cgroups after the server stopped."""
    for path in (root / group / name, *(root / c / group / name for c in ("memory", "cpu", "pids"))):
        try:
            path.rmdir()
        except OSError:
            pass

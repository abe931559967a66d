"""The hall's Unix accounts: create, disable, enable, reset a password, remove (needs root).

Uses the system's own tools (``groupadd``, ``useradd``, ``chpasswd``, ``usermod``, ``userdel``)
so that PAM, file permissions and nbgrader's exchange see real, separate users.

>>> len(new_password()), new_password()[4]
(9, '-')
"""

from __future__ import annotations

import grp
import os
import pwd
import secrets
import subprocess
from pathlib import Path

# No 0/o, 1/l/i: passwords are typed from a paper slip by people who rarely type.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class AccountError(RuntimeError):
    """A system command failed (message in Vietnamese)."""


def new_password() -> str:
    """Two groups of four easy-to-read characters, e.g. 'k7pq-m3xa' (~39 bits)."""
    pick = lambda: "".join(secrets.choice(ALPHABET) for _ in range(4))  # noqa: E731
    return f"{pick()}-{pick()}"


def _run(cmd: list[str], stdin: str | None = None) -> None:
    r = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    if r.returncode != 0:
        raise AccountError(f"Lệnh hệ thống {' '.join(cmd[:1])} không chạy được: {(r.stderr or r.stdout).strip()}")


def exists(login: str) -> bool:
    try:
        pwd.getpwnam(login)
        return True
    except KeyError:
        return False


def members(group: str) -> list[str]:
    try:
        return sorted(grp.getgrnam(group).gr_mem)
    except KeyError:
        return []


def ensure_group(group: str) -> None:
    try:
        grp.getgrnam(group)
    except KeyError:
        _run(["groupadd", group])


def create(login: str, full_name: str, group: str, home_base: Path, password: str | None = None,
           system: bool = False) -> None:
    """Create the account (own home 0700, own primary group) in ``group`` and set its password."""
    ensure_group(group)
    if exists(login):
        _run(["usermod", "-a", "-G", group, login])
    else:
        cmd = ["useradd", "-m", "-b", str(home_base), "-K", "HOME_MODE=0700", "-s", "/usr/sbin/nologin",
               "-c", full_name.replace(":", " ").replace(",", " "), "-G", group, "-U", login]
        if system:
            cmd.insert(1, "-r")
        _run(cmd)
    home = Path(pwd.getpwnam(login).pw_dir)
    if home.is_dir():
        os.chmod(home, 0o700)
    if password is not None:
        set_password(login, password)


def set_password(login: str, password: str) -> None:
    _run(["chpasswd"], stdin=f"{login}:{password}\n")


def disable(login: str) -> None:
    """Lock the password and expire the account: PAM refuses it from now on."""
    _run(["usermod", "-L", "-e", "1", login])


def enable(login: str) -> None:
    _run(["usermod", "-U", "-e", "", login])


def is_disabled(login: str) -> bool:
    r = subprocess.run(["passwd", "-S", login], capture_output=True, text=True)
    return r.returncode == 0 and r.stdout.split()[1:2] == ["L"]


def stop_processes(login: str) -> None:
    """End every process still running as this account (by process id)."""
    import psutil

    uid = pwd.getpwnam(login).pw_uid
    procs = [p for p in psutil.process_iter(["uids"]) if p.info["uids"] and p.info["uids"].real == uid]
    for p in procs:
        try:
            p.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(procs, timeout=5)


def remove(login: str) -> None:
    """Delete the account and its home (end of the course)."""
    stop_processes(login)
    _run(["userdel", "-r", "-f", login])

"""The hall's spawner: each account's JupyterLab runs as that Unix user, in its own home,
inside its own cgroup, with the Jupyter settings of its role (trainee or trainer)."""

from __future__ import annotations

import grp
import os
import pwd
import shutil

from jupyterhub.spawner import LocalProcessSpawner

from hub import limits
from hub.hall import APP_JUPYTER_PATH, APP_NOTEBOOK, ROLE_CONFIG, Hall


def role_of(username: str, hall: Hall) -> str:
    """'giangvien' for members of the trainer group, otherwise 'hocvien'."""
    try:
        members = grp.getgrnam(hall.trainer_group).gr_mem
    except KeyError:
        members = []
    return "giangvien" if username in members else "hocvien"


class HallSpawner(LocalProcessSpawner):
    """LocalProcessSpawner that enforces mem_limit/cpu_limit with cgroups and sets the role's config."""

    def _hall(self) -> Hall:
        return Hall.from_env()

    def get_env(self):
        env = super().get_env()
        hall = self._hall()
        role = role_of(self.user.name, hall)
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join([str(ROLE_CONFIG / role), str(ROLE_CONFIG / "chung")])
        env["JUPYTER_PATH"] = str(APP_JUPYTER_PATH)
        env["KHUYENHOC_EXCHANGE"] = str(hall.exchange)
        env["KHUYENHOC_COURSE_ID"] = hall.course_id
        env["PATH"] = os.pathsep.join([str(hall.bin), "/usr/local/bin", "/usr/bin", "/bin"])
        env["PYTHONUTF8"] = "1"
        env["LANG"] = env["LC_ALL"] = "C.UTF-8"
        env["MPLBACKEND"] = "Agg"
        return env

    def _prepare_home(self) -> None:
        """Give the account its copy of the officer app (Voilà renders it from the user's server)."""
        try:
            pw = pwd.getpwnam(self.user.name)
        except KeyError:
            return
        home = pw.pw_dir
        if not os.path.isdir(home):
            return
        os.chmod(home, 0o700)  # nobody else reads a trainee's files
        target = os.path.join(home, "ung_dung.ipynb")
        if APP_NOTEBOOK.exists():
            shutil.copyfile(APP_NOTEBOOK, target)
            os.chown(target, pw.pw_uid, pw.pw_gid)
            os.chmod(target, 0o644)

    async def start(self):
        self._prepare_home()
        hall = self._hall()
        self.mem_limit = self.mem_limit or hall.mem_limit
        self.cpu_limit = self.cpu_limit or hall.cpu_limit
        result = await super().start()
        applied = limits.apply_limits(hall.cgroup_name, self.user.name, self.pid,
                                      int(self.mem_limit or 0), float(self.cpu_limit or 0), hall.pids_limit)
        if applied:
            self.log.info("Limits for %s: %s (memory %s B, %s CPU)", self.user.name, ", ".join(applied),
                          self.mem_limit, self.cpu_limit)
        else:
            self.log.warning("No cgroup limits for %s: cgroups not writable on this machine", self.user.name)
        return result

    async def stop(self, now=False):
        await super().stop(now=now)
        limits.remove(self._hall().cgroup_name, self.user.name)

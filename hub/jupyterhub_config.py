# JupyterHub configuration of one training hall (one class on one machine).
#
# Start it with `make hub` (development, 127.0.0.1:8000) or as described in docs/phong-hoc.md
# (production: the same file, variables in /etc/default/khuyenhoc-hub). Every name and path
# comes from hub/hall.py.
#
# - Login: the machine's own accounts (PAM). Accounts are created ONLY by the trainer's
#   class-management command (`python -m hub.lop_hoc nhap-lop danh_sach.xlsx`): no open sign-up.
# - Each account's JupyterLab runs as that Unix user in its own home (LocalProcessSpawner:
#   this machine has no systemd, so SystemdSpawner is not an option), with memory/CPU limits
#   enforced by hub/limits.py through cgroups.
# - Trainees see the Assignments tab only; trainers (Unix group khuyenhoc-giangvien) also open
#   the formgrader, which runs as the shared grader account as a hub SERVICE and opens in its
#   own browser tab: JupyterHub >= 4.1 forbids iframes (frame-ancestors 'none'), and we keep
#   that protection instead of loosening the content-security-policy.
# - The idle culler stops servers nobody used for KHUYENHOC_IDLE_TIMEOUT seconds.
import grp
import os
import secrets
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from hub.hall import PROXY_BIN, ROLE_CONFIG, Hall  # noqa: E402

c = get_config()  # noqa: F821
hall = Hall.from_env()
os.makedirs(hall.state_dir, mode=0o700, exist_ok=True)
os.environ["PATH"] = os.pathsep.join([str(hall.bin), os.environ.get("PATH", "/usr/bin:/bin")])

# --- network ----------------------------------------------------------------------------------
c.JupyterHub.ip = hall.ip
c.JupyterHub.port = hall.port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = hall.port + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{hall.port + 2}"
c.ConfigurableHTTPProxy.command = [str(PROXY_BIN)]
c.ConfigurableHTTPProxy.pid_file = str(hall.state_dir / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{hall.state_dir / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(hall.state_dir / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(hall.state_dir / "jupyterhub.pid")
c.JupyterHub.template_paths = [os.path.join(HERE, "templates")]
c.JupyterHub.template_vars = {"course_id": hall.course_id, "trainer_group": hall.formgrade_group}
# HTTPS: in a hall put the certificate here (see docs/phong-hoc.md, "HTTPS")
if os.environ.get("KHUYENHOC_SSL_CERT"):
    c.JupyterHub.ssl_cert = os.environ["KHUYENHOC_SSL_CERT"]
    c.JupyterHub.ssl_key = os.environ["KHUYENHOC_SSL_KEY"]

# --- who may log in -----------------------------------------------------------------------------
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {hall.trainee_group, hall.trainer_group}
c.PAMAuthenticator.create_system_users = False  # accounts come from the class list only
c.PAMAuthenticator.check_account = True         # a disabled (expired) account cannot log in
c.Authenticator.allow_all = False
c.Authenticator.delete_invalid_users = True


def _members(group):
    try:
        return list(grp.getgrnam(group).gr_mem)
    except KeyError:
        return []


trainers = _members(hall.trainer_group)
c.JupyterHub.load_groups = {hall.formgrade_group: {"users": trainers}}

# --- user servers -------------------------------------------------------------------------------
c.JupyterHub.spawner_class = "hub.spawner.HallSpawner"
c.Spawner.default_url = "/lab"
c.Spawner.cmd = [str(hall.bin / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = "~"
c.Spawner.mem_limit = hall.mem_limit
c.Spawner.cpu_limit = hall.cpu_limit
# a whole hall logs in within minutes on a busy server: wait rather than show trainees an error
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.LocalProcessSpawner.shell_cmd = []
c.JupyterHub.concurrent_spawn_limit = 20  # a hall logs in at once; queue the rest
c.JupyterHub.active_server_limit = 0

# --- services -----------------------------------------------------------------------------------
token_file = hall.token_file
if not token_file.exists():
    fd = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, secrets.token_hex(32).encode())
    os.close(fd)
manager_token = token_file.read_text().strip()

grader_env = {
    "JUPYTER_CONFIG_PATH": os.pathsep.join([str(ROLE_CONFIG / "cham"), str(ROLE_CONFIG / "chung")]),
    "KHUYENHOC_EXCHANGE": str(hall.exchange),
    "KHUYENHOC_COURSE_ID": hall.course_id,
    "PATH": os.pathsep.join([str(hall.bin), "/usr/bin", "/bin"]),
    "PYTHONUTF8": "1", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "MPLBACKEND": "Agg",
    "HOME": str(hall.grader_home),
    "JUPYTERHUB_DEFAULT_URL": "/formgrader",
}
c.JupyterHub.services = [
    {   # the trainer's class-management command (hub/lop_hoc.py) talks to the hub with this token
        "name": "quan-ly-lop",
        "api_token": manager_token,
    },
    {   # stop servers nobody used for a while (frees RAM for the rest of the hall)
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={hall.idle_timeout}",
                    "--cull-every=300"],
    },
]
try:
    import pwd

    pwd.getpwnam(hall.grader)
    have_grader = hall.course_root.is_dir()
except KeyError:
    have_grader = False
if have_grader:
    # nbgrader's "one class, several graders" layout: the service name is the course id.
    c.JupyterHub.services.append({
        "name": hall.course_id,
        "url": f"http://127.0.0.1:{hall.service_port}",
        "command": [str(hall.bin / "jupyterhub-singleuser"), f"--ServerApp.root_dir={hall.course_root}"],
        "user": hall.grader,
        "cwd": str(hall.course_root),
        "environment": grader_env,
        "oauth_no_confirm": True,
        # the hub waits this long for the grader server at start-up (a busy machine needs more than the default)
        "timeout": 180,
    })

c.JupyterHub.load_roles = [
    {"name": "quan-ly-lop", "services": ["quan-ly-lop"],
     "scopes": ["list:users", "read:users", "read:users:activity", "read:servers", "admin:users",
                "admin:servers", "admin:groups", "read:groups"]},
    {"name": "idle-culler", "services": ["idle-culler"],
     "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]},
    {"name": "giang-vien", "groups": [hall.formgrade_group],
     "scopes": ["self", f"access:services!service={hall.course_id}", "list:users", "read:users:activity",
                "read:servers", "admin-ui"]},
]
if have_grader:
    # the grader service asks the hub who is a trainer (nbgrader's course list)
    c.JupyterHub.load_roles.append({"name": "cham-bai", "services": [hall.course_id],
                                    "scopes": ["read:users", "read:groups", "list:services"]})

# Tests and benchmarks only (tests/hub/hallrun.py sets it): a service that may start servers and
# use them, to measure spawn time and memory. Never set on a hall.
if os.environ.get("KHUYENHOC_HUB_TEST_TOKEN"):
    c.JupyterHub.services.append({"name": "kiem-thu", "api_token": os.environ["KHUYENHOC_HUB_TEST_TOKEN"]})
    c.JupyterHub.load_roles.append({"name": "kiem-thu", "services": ["kiem-thu"],
                                    "scopes": ["admin:users", "admin:servers", "access:servers", "tokens"]})

c.JupyterHub.shutdown_on_logout = False
c.JupyterHub.cleanup_servers = True

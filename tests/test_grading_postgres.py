"""A PostgreSQL gradebook (KHUYENHOC_SO_DIEM) with two graders at once, on a throw-away cluster.

The cluster is made with ``initdb`` in a temp folder and run by an unprivileged user (PostgreSQL
refuses root), listening only on a Unix socket in that folder.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course import cham_bai  # noqa: E402
from course.grading import sandbox  # noqa: E402
from course.grading.settings import DATABASE_ENV, EXCHANGE_ENV  # noqa: E402
from course.khoahoc import gradebook, prepare_environment  # noqa: E402
from course.release import make_scratch_course  # noqa: E402

A = "bai_00"
GOOD = {"cau_1": 'ten_xa = "Mai Lâm"', "cau_2": "so_hoi_vien = 1250 + 748", "cau_3": "ty_le = so_hoi_vien / 4000 * 100"}
PARTIAL = {**GOOD, "cau_3": "ty_le = so_hoi_vien / 4000"}
BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))


def _why_skip() -> str | None:
    if sandbox.check():
        return f"cần hộp cát để chấm: {sandbox.check()}"
    if not BIN or not os.path.exists(os.path.join(BIN[-1], "initdb")):
        return "thiếu PostgreSQL (gói Debian postgresql)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "thiếu psycopg (pip install 'khuyenhoc[postgres]')"
    return None


pytestmark = pytest.mark.skipif(bool(_why_skip()), reason=str(_why_skip()))


@pytest.fixture()
def cluster(tmp_path):
    """A running throw-away PostgreSQL cluster; yields the SQLAlchemy URL of an empty database."""
    import pwd

    user = "postgres" if _exists("postgres") else sandbox.DEFAULT_USER
    sandbox.ensure_user(user)
    entry = pwd.getpwnam(user)
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="khuyenhoc-pg-"))  # pytest's tmp folders are closed to other users
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    os.chown(base, entry.pw_uid, entry.pw_gid)
    os.chown(sock, entry.pw_uid, entry.pw_gid)
    as_user = ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups", "--"]
    bin_ = BIN[-1]
    subprocess.run(as_user + [f"{bin_}/initdb", "-D", str(data), "-U", "cham", "--auth=trust", "-E", "UTF8",
                              "--locale=C.UTF-8"], check=True, capture_output=True, cwd="/")
    subprocess.run(as_user + [f"{bin_}/pg_ctl", "-D", str(data), "-w", "-l", str(base / "log"), "-o",
                              f"-c listen_addresses='' -c unix_socket_directories='{sock}'", "start"],
                   check=True, capture_output=True, cwd="/")
    try:
        import psycopg

        with psycopg.connect(host=str(sock), user="cham", dbname="postgres", autocommit=True) as con:
            con.execute("CREATE DATABASE khuyenhoc")
        yield f"postgresql+psycopg://cham@/khuyenhoc?host={sock}"
    finally:
        subprocess.run(as_user + [f"{bin_}/pg_ctl", "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, cwd="/")
        shutil.rmtree(base, ignore_errors=True)


def _exists(user: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(user)
        return True
    except KeyError:
        return False


def test_two_graders_at_once_on_postgresql(cluster, tmp_path, monkeypatch):
    monkeypatch.setenv(DATABASE_ENV, cluster)
    monkeypatch.setenv(EXCHANGE_ENV, str(tmp_path / "trao_doi"))
    prepare_environment()
    course = make_scratch_course(ROOT / "course", tmp_path / "course", [A])
    run = lambda *a: cham_bai.main(["--khoa-hoc", str(course), *a])  # noqa: E731
    assert run("phat-hanh", A, "--khong-gui") == 0
    assert not (course / "gradebook.db").exists()  # the gradebook is the PostgreSQL database
    expected = {}
    release = nbformat.read(course / "release" / A / f"{A}.ipynb", as_version=4)
    for i in range(4):
        sid, answers = f"hv{i}", (GOOD if i % 2 == 0 else PARTIAL)
        expected[sid] = 4.0 if i % 2 == 0 else 2.0
        nb = nbformat.from_dict(release)
        for cell in nb.cells:
            key = cell.metadata.get("nbgrader", {}).get("grade_id", "").removeprefix(f"{A}_")
            if key in answers:
                cell.source = answers[key]
        (course / "submitted" / sid / A).mkdir(parents=True)
        nbformat.write(nb, course / "submitted" / sid / A / f"{A}.ipynb")
    # two trainers grade at the same time, each half of the class, both writing the same gradebook
    cmd = [sys.executable, str(ROOT / "course" / "cham_bai.py"), "--khoa-hoc", str(course), "cham-tu-dong", A,
           "--song-song", "1", "--khong-thanh-tien-do", "--hoc-vien"]
    env = {**os.environ, "PYTHONUTF8": "1"}
    graders = [subprocess.Popen(cmd + half, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for half in (["hv0", "hv1"], ["hv2", "hv3"])]
    outs = [g.communicate(timeout=600) for g in graders]
    for g, (out, err) in zip(graders, outs):
        assert g.returncode == 0, out + err
    with gradebook(course) as gb:
        assert {s: gb.find_submission(A, s).score for s in expected} == expected
    assert run("xuat-diem", "--ra", str(tmp_path / "diem.xlsx")) == 0
    shutil.rmtree(course / "autograded")

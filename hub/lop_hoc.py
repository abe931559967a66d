"""Quản lý lớp học trên máy chủ phòng học (JupyterHub) — lệnh của giảng viên.

Chạy với quyền quản trị (sudo) trên máy chủ phòng học, từ thư mục dự án::

    sudo hub/.venv/bin/python -m hub.lop_hoc chuan-bi                      # một lần: nhóm, tài khoản chấm, thư mục nộp bài
    sudo hub/.venv/bin/python -m hub.lop_hoc nhap-lop danh_sach.xlsx --phieu phieu_mat_khau.docx
    sudo hub/.venv/bin/python -m hub.lop_hoc danh-sach                     # tài khoản, vai trò, khóa/mở
    sudo hub/.venv/bin/python -m hub.lop_hoc truc-tuyen                    # ai đang học, hoạt động lúc nào
    sudo hub/.venv/bin/python -m hub.lop_hoc dat-lai-mat-khau hv007 --phieu hv007.docx
    sudo hub/.venv/bin/python -m hub.lop_hoc khoa hv007                    # khóa tài khoản (mo-khoa để mở lại)
    sudo hub/.venv/bin/python -m hub.lop_hoc phat-bai bai_00               # tạo bản học viên và phát qua hệ thống
    sudo hub/.venv/bin/python -m hub.lop_hoc da-nop bai_00                 # ai đã nộp, ai chưa
    sudo hub/.venv/bin/python -m hub.lop_hoc thu-bai bai_00
    sudo hub/.venv/bin/python -m hub.lop_hoc cham bai_00                   # chấm tự động trong hộp cát
    sudo hub/.venv/bin/python -m hub.lop_hoc tra-bai bai_00                # gửi nhận xét, học viên bấm Fetch Feedback
    sudo hub/.venv/bin/python -m hub.lop_hoc xoa-lop --dong-y              # cuối khóa: xóa mọi tài khoản của lớp

Mã thoát: 0 xong, 1 có vấn đề (đã giải thích), 2 gõ sai lệnh.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hub import accounts  # noqa: E402
from hub.hall import COURSE_SRC, LAB_OVERRIDES, REPO_DIR, ROLE_CONFIG, Hall  # noqa: E402
from hub.hub_api import HubAPI, HubDown  # noqa: E402
from hub.roster import RosterError, read_roster  # noqa: E402
from hub.slips import write_slips  # noqa: E402

VN = timezone(timedelta(hours=7))
COURSE_TITLE = "Hội Khuyến học — lớp bồi dưỡng cán bộ"
INBOUND = re.compile(r"^(?P<student>[^+]+)\+(?P<bai>[^+]+)\+(?P<ts>[^+]+)(\+.*)?$")


class Loi(Exception):
    """A problem explained to the trainer in Vietnamese (exit code 1)."""


# --- helpers ---------------------------------------------------------------------------------

def vn_time(value) -> str:
    """A UTC time (datetime or ISO text) as Vietnamese local time 'dd/mm/yyyy HH:MM'.

    >>> vn_time("2026-12-01T23:30:00Z")
    '02/12/2026 06:30'
    >>> vn_time(None)
    '—'
    """
    if not value:
        return "—"
    if isinstance(value, str):
        text = value.replace("Z", "+00:00").replace(" UTC", "+00:00")
        value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(VN).strftime("%d/%m/%Y %H:%M")


def _need_root() -> None:
    if os.geteuid() != 0:
        raise Loi("Lệnh này cần quyền quản trị máy chủ: chạy lại với sudo "
                  "(ví dụ: sudo hub/.venv/bin/python -m hub.lop_hoc ...).")


def load_roster(hall: Hall) -> dict:
    if hall.roster_file.exists():
        return json.loads(hall.roster_file.read_text(encoding="utf-8"))
    return {}


def save_roster(hall: Hall, roster: dict) -> None:
    hall.state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=hall.state_dir, prefix=".lop.", suffix=".json")  # 0600: personal data
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(roster, f, ensure_ascii=False, indent=1, sort_keys=True)
    os.replace(tmp, hall.roster_file)


def _grader_ids(hall: Hall) -> tuple[int, int]:
    pw = pwd.getpwnam(hall.grader)
    return pw.pw_uid, pw.pw_gid


def _chown_tree(path: Path, uid: int, gid: int) -> None:
    for root, dirs, files in os.walk(path):
        os.chown(root, uid, gid)
        for name in files:
            os.lchown(os.path.join(root, name), uid, gid)


def grader_env(hall: Hall) -> dict:
    return {
        "HOME": str(hall.grader_home), "USER": hall.grader, "LOGNAME": hall.grader,
        "PATH": os.pathsep.join([str(hall.bin), "/usr/bin", "/bin"]),
        "JUPYTER_CONFIG_PATH": os.pathsep.join([str(ROLE_CONFIG / "cham"), str(ROLE_CONFIG / "chung")]),
        "KHUYENHOC_EXCHANGE": str(hall.exchange), "KHUYENHOC_COURSE_ID": hall.course_id,
        "KHUYENHOC_TRAO_DOI": str(hall.exchange),
        "PYTHONUTF8": "1", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "MPLBACKEND": "Agg",
    }


def run_as_grader(hall: Hall, args: list[str]) -> subprocess.CompletedProcess:
    """Run an nbgrader command as the grader account, in the hall's course root."""
    uid, gid = _grader_ids(hall)
    cmd = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--init-groups", str(hall.bin / "nbgrader"), *args]
    return subprocess.run(cmd, cwd=hall.course_root, env=grader_env(hall), capture_output=True, text=True)


def _nbgrader(hall: Hall, args: list[str], what: str) -> None:
    r = run_as_grader(hall, args)
    if r.returncode != 0:
        lines = [ln for ln in (r.stderr + r.stdout).splitlines() if "ERROR" in ln or "Error" in ln]
        raise Loi(f"{what} chưa được: {(lines or [(r.stderr or r.stdout).strip()[-300:]])[-1][:300]}")


def hall_config(hall: Hall) -> str:
    """The hall course's nbgrader_config.py: the course's own configuration, then the hall's paths."""
    return (
        "# Written by `python -m hub.lop_hoc chuan-bi`: do not edit, edit course/nbgrader_config.py.\n"
        "# The course's configuration first (its sandboxed grader included), then the hall's paths.\n"
        "c = get_config()  # noqa: F821\n"
        f"load_subconfig({str(COURSE_SRC / 'nbgrader_config.py')!r})  # noqa: F821\n"
        f"c.CourseDirectory.root = {str(hall.course_root)!r}\n"
        f"c.CourseDirectory.course_id = {hall.course_id!r}\n"
        "import os\n"
        "if not os.environ.get('KHUYENHOC_SO_DIEM'):  # PostgreSQL when set (course/grading/settings.py)\n"
        f"    c.CourseDirectory.db_url = {'sqlite:///' + str(hall.course_root / 'gradebook.db')!r}\n"
        f"c.Exchange.root = {str(hall.exchange)!r}\n"
        "# the grading sandbox hides the hall's course and exchange from trainee code\n"
        f"c.SandboxKernelManager.course_root = {str(hall.course_root)!r}\n"
        f"c.SandboxKernelManager.exchange_root = {str(hall.exchange)!r}\n"
    )


# --- commands --------------------------------------------------------------------------------

def cmd_chuan_bi(hall: Hall, args) -> None:
    """Groups, grader account, exchange, the hall's course copy, Lab settings."""
    _need_root()
    for group in (hall.trainee_group, hall.trainer_group):
        accounts.ensure_group(group)
    hall.home_base.mkdir(parents=True, exist_ok=True)
    if not accounts.exists(hall.grader):
        accounts.create(hall.grader, "Tài khoản chấm bài", hall.trainer_group, hall.home_base, system=True)
    uid, gid = _grader_ids(hall)
    check = subprocess.run(["setpriv", f"--reuid={uid}", f"--regid={gid}", "--init-groups",
                            str(hall.bin / "python"), "-c", "import jupyterhub, nbgrader, khuyenhoc"],
                           capture_output=True, text=True)
    if check.returncode != 0:
        raise Loi(f"Môi trường Python của phòng học ({hall.venv}) chưa có hoặc các tài khoản không chạy được. "
                  "Tạo bằng: make hub-venv (hoặc cài từ gói ngoại tuyến, xem docs/phong-hoc.md).")
    hall.grader_home.mkdir(parents=True, exist_ok=True)
    os.chown(hall.grader_home, uid, gid)
    os.chmod(hall.grader_home, 0o700)
    # The course copy: sources with solutions stay readable by the grader account only.
    root = hall.course_root
    root.mkdir(exist_ok=True)
    shutil.copytree(COURSE_SRC / "source", root / "source", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "ket_qua_*"))
    (root / "nbgrader_config.py").write_text(hall_config(hall), encoding="utf-8")
    _chown_tree(root, uid, gid)
    os.chmod(root, 0o700)
    # The exchange: nbgrader sets the modes of what it creates below (outbound 755, inbound 733,
    # feedback 711); its root belongs to the grader so no trainee can plant a fake course there.
    hall.exchange.mkdir(parents=True, exist_ok=True)
    os.chown(hall.exchange, uid, gid)
    os.chmod(hall.exchange, 0o755)
    # The repository's own sources: trainees' kernels must not read solutions or git history.
    if not args.giu_quyen_nguon:
        for path in (COURSE_SRC / "source", REPO_DIR / ".git"):
            if path.exists():
                os.chmod(path, path.stat().st_mode & ~0o007)
    # JupyterLab in Vietnamese with the course's settings for every account.
    settings = hall.venv / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    if LAB_OVERRIDES.exists():
        shutil.copyfile(LAB_OVERRIDES, settings / "overrides.json")
    hall.state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    print(f"Đã chuẩn bị phòng học: tài khoản chấm '{hall.grader}', khóa học {root}, "
          f"thư mục nộp bài {hall.exchange}.")


def cmd_nhap_lop(hall: Hall, args) -> None:
    _need_root()
    try:
        members = read_roster(args.tep)
    except RosterError as err:
        raise Loi(str(err)) from None
    roster = load_roster(hall)
    slips, created, kept = [], 0, 0
    for m in members:
        group = hall.trainer_group if m.trainer else hall.trainee_group
        new = not accounts.exists(m.login)
        if not new and m.login not in roster:
            raise Loi(f"Tên đăng nhập '{m.login}' đã có trên máy chủ nhưng không thuộc lớp này. "
                      "Đổi mã học viên trong danh sách rồi chạy lại.")
        password = accounts.new_password() if new or args.cap_lai_mat_khau else None
        accounts.create(m.login, m.full_name, group, hall.home_base, password=password)
        roster[m.login] = {"ho": m.last_name, "ten": m.first_name, "email": m.email, "giang_vien": m.trainer,
                           "tao_luc": roster.get(m.login, {}).get("tao_luc", datetime.now(VN).isoformat())}
        if password:
            slips.append({"login": m.login, "full_name": m.full_name, "password": password})
            created += new
        kept += not new
    save_roster(hall, roster)
    _add_to_gradebook(hall, [m for m in members if not m.trainer])
    trainers = [m.login for m in members if m.trainer]
    if trainers:
        try:
            HubAPI(hall).add_to_group(hall.formgrade_group, trainers)
        except HubDown:
            pass  # read from the Unix group when the hub starts
    print(f"Đã tạo {created} tài khoản mới; {kept} tài khoản đã có từ trước"
          f"{' (đã cấp mật khẩu mới)' if args.cap_lai_mat_khau else ' (giữ nguyên mật khẩu)'}.")
    if slips:
        out = write_slips(args.phieu, slips, hall.public_url, COURSE_TITLE)
        print(f"Phiếu mật khẩu ({len(slips)} phiếu) trong {out} — in ra, cắt, phát tận tay; "
              "xong thì xóa tệp này.")


def _add_to_gradebook(hall: Hall, members) -> None:
    """Register trainees in the hall's gradebook (as the grader account: it owns the gradebook)."""
    if not members or not hall.course_root.is_dir():
        return
    import csv

    uid, gid = _grader_ids(hall)
    fd, tmp = tempfile.mkstemp(dir=hall.course_root, prefix=".hoc_vien.", suffix=".csv")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "last_name", "first_name", "email"])
            for m in members:
                w.writerow([m.login, m.last_name, m.first_name, m.email])
        os.chown(tmp, uid, gid)
        _nbgrader(hall, ["db", "student", "import", tmp], "Ghi học viên vào sổ điểm")
    finally:
        os.unlink(tmp)


def _set_state(hall: Hall, logins: list[str], disable: bool) -> None:
    _need_root()
    roster = load_roster(hall)
    for login in logins:
        if login not in roster:
            raise Loi(f"'{login}' không có trong lớp. Xem: python -m hub.lop_hoc danh-sach")
        if disable:
            accounts.disable(login)
            try:  # end the session now: stop the server and revoke the login cookie
                api = HubAPI(hall)
                api.stop_server(login)
                api.delete_user(login)
            except HubDown:
                pass
        else:
            accounts.enable(login)
    print(("Đã khóa: " if disable else "Đã mở lại: ") + ", ".join(logins))


def cmd_khoa(hall: Hall, args) -> None:
    _set_state(hall, args.tai_khoan, disable=True)


def cmd_mo_khoa(hall: Hall, args) -> None:
    _set_state(hall, args.tai_khoan, disable=False)


def cmd_dat_lai_mat_khau(hall: Hall, args) -> None:
    _need_root()
    roster = load_roster(hall)
    if args.tai_khoan not in roster:
        raise Loi(f"'{args.tai_khoan}' không có trong lớp. Xem: python -m hub.lop_hoc danh-sach")
    password = accounts.new_password()
    accounts.set_password(args.tai_khoan, password)
    rec = roster[args.tai_khoan]
    name = f"{rec['ho']} {rec['ten']}".strip()
    if args.phieu:
        write_slips(args.phieu, [{"login": args.tai_khoan, "full_name": name, "password": password}],
                    hall.public_url, COURSE_TITLE)
        print(f"Đã cấp mật khẩu mới cho {args.tai_khoan} ({name}); phiếu trong {args.phieu}.")
    else:
        print(f"Mật khẩu mới của {args.tai_khoan} ({name}): {password}")


def _hub_users(hall: Hall) -> dict:
    try:
        return {u["name"]: u for u in HubAPI(hall).users()}
    except HubDown:
        raise Loi("Máy chủ lớp học (JupyterHub) chưa chạy. Bật bằng: make hub") from None


def cmd_danh_sach(hall: Hall, args) -> None:
    roster = load_roster(hall)
    if not roster:
        raise Loi("Lớp chưa có ai. Nhập danh sách: python -m hub.lop_hoc nhap-lop danh_sach.xlsx")
    print(f"{'Tài khoản':<14}{'Họ và tên':<30}{'Vai trò':<12}Trạng thái")
    for login, rec in sorted(roster.items()):
        state = "đã xóa" if not accounts.exists(login) else ("đã khóa" if accounts.is_disabled(login) else "đang dùng")
        role = "giảng viên" if rec.get("giang_vien") else "học viên"
        print(f"{login:<14}{(rec['ho'] + ' ' + rec['ten']).strip():<30}{role:<12}{state}")


def cmd_truc_tuyen(hall: Hall, args) -> None:
    roster = load_roster(hall)
    users = _hub_users(hall)
    online = 0
    print(f"{'Tài khoản':<14}{'Họ và tên':<30}{'Máy học':<12}Hoạt động lần cuối (giờ Việt Nam)")
    for login, rec in sorted(roster.items()):
        u = users.get(login, {})
        server = (u.get("servers") or {}).get("", {})
        running = bool(server.get("ready"))
        online += running
        state = "đang mở" if running else ("đang khởi động" if server.get("pending") else "tắt")
        print(f"{login:<14}{(rec['ho'] + ' ' + rec['ten']).strip():<30}{state:<12}{vn_time(u.get('last_activity'))}")
    print(f"Đang học: {online}/{len(roster)} người.")


def submissions(hall: Hall, bai: str) -> dict[str, str]:
    """Latest submission time (nbgrader's UTC text) per trainee, from the exchange and the collected folder."""
    latest: dict[str, str] = {}
    inbound = hall.exchange / hall.course_id / "inbound"
    if inbound.is_dir():
        for entry in inbound.iterdir():
            m = INBOUND.match(entry.name)
            if m and m["bai"] == bai:
                latest[m["student"]] = max(latest.get(m["student"], ""), m["ts"])
    submitted = hall.course_root / "submitted"
    if submitted.is_dir():
        for stamp in submitted.glob(f"*/{bai}/timestamp.txt"):
            student = stamp.parent.parent.name
            latest[student] = max(latest.get(student, ""), stamp.read_text(encoding="utf-8").strip())
    return latest


def cmd_da_nop(hall: Hall, args) -> None:
    _need_root()
    roster = load_roster(hall)
    trainees = sorted(k for k, v in roster.items() if not v.get("giang_vien"))
    done = submissions(hall, args.bai)
    print(f"{'Tài khoản':<14}{'Họ và tên':<30}Bài {args.bai}")
    for login in trainees:
        rec = roster[login]
        when = done.get(login)
        print(f"{login:<14}{(rec['ho'] + ' ' + rec['ten']).strip():<30}"
              f"{'đã nộp lúc ' + vn_time(when) if when else 'CHƯA NỘP'}")
    print(f"Đã nộp: {sum(1 for t in trainees if t in done)}/{len(trainees)} học viên.")


def _need_course(hall: Hall) -> None:
    _need_root()
    if not hall.course_root.is_dir():
        raise Loi("Phòng học chưa được chuẩn bị. Chạy trước: python -m hub.lop_hoc chuan-bi")


def cmd_phat_bai(hall: Hall, args) -> None:
    _need_course(hall)
    if not (hall.course_root / "source" / args.bai).is_dir():
        raise Loi(f"Không có bài '{args.bai}'. Chạy lại 'chuan-bi' nếu vừa thêm bài vào course/source.")
    _nbgrader(hall, ["generate_assignment", args.bai, "--force", "--create"], f"Tạo bản học viên của {args.bai}")
    _nbgrader(hall, ["release_assignment", args.bai, "--force"], f"Phát bài {args.bai}")
    print(f"Đã phát {args.bai}: học viên mở thẻ Assignments, bấm Fetch để nhận bài.")


def cmd_thu_bai(hall: Hall, args) -> None:
    _need_course(hall)
    _nbgrader(hall, ["collect", args.bai, "--update"], f"Thu bài {args.bai}")
    n = len(list((hall.course_root / "submitted").glob(f"*/{args.bai}")))
    print(f"Đã thu bài {args.bai}: có {n} bài nộp.")


def cmd_cham(hall: Hall, args) -> None:
    """Autograde with the course's grader (course/cham_bai.py and its sandbox), then return ownership."""
    _need_course(hall)
    cmd = [sys.executable, str(COURSE_SRC / "cham_bai.py"), "--khoa-hoc", str(hall.course_root),
           "cham-tu-dong", args.bai] + (["--hoc-vien", args.hoc_vien] if args.hoc_vien else [])
    env = dict(os.environ, **{k: v for k, v in grader_env(hall).items() if k.startswith(("KHUYENHOC", "PYTHON", "LANG", "LC_"))})
    env["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), env.get("PATH", "/usr/bin:/bin")])  # alembic
    r = subprocess.run(cmd, env=env)
    uid, gid = _grader_ids(hall)
    _chown_tree(hall.course_root, uid, gid)
    if r.returncode != 0:
        raise Loi(f"Chấm {args.bai} chưa xong (xem thông báo ở trên).")


def cmd_tra_bai(hall: Hall, args) -> None:
    _need_course(hall)
    _nbgrader(hall, ["generate_feedback", args.bai, "--force"], f"Tạo nhận xét {args.bai}")
    _nbgrader(hall, ["release_feedback", args.bai], f"Gửi nhận xét {args.bai}")
    print(f"Đã gửi nhận xét {args.bai}: học viên bấm Fetch Feedback trong thẻ Assignments.")


def cmd_xoa_lop(hall: Hall, args) -> None:
    _need_root()
    if not args.dong_y:
        raise Loi("Lệnh này xóa mọi tài khoản và thư mục của học viên trong lớp. "
                  "Xuất điểm trước, rồi chạy lại với --dong-y.")
    roster = load_roster(hall)
    try:
        api = HubAPI(hall)
        for login in roster:
            api.stop_server(login)
            api.delete_user(login)
    except HubDown:
        pass
    removed = 0
    for login in sorted(roster):
        if accounts.exists(login):
            accounts.remove(login)
            removed += 1
    save_roster(hall, {})
    print(f"Đã xóa {removed} tài khoản của lớp.")


# --- entry point -----------------------------------------------------------------------------

def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lop_hoc", description="Quản lý lớp học trên máy chủ phòng học (JupyterHub).")
    sub = p.add_subparsers(dest="lenh", metavar="LỆNH", required=True)

    s = sub.add_parser("chuan-bi", help="chuẩn bị máy chủ phòng học (một lần, và sau khi thêm bài)")
    s.add_argument("--giu-quyen-nguon", action="store_true",
                   help="không khóa course/source và .git của dự án (chỉ dùng trên máy phát triển)")
    s.set_defaults(func=cmd_chuan_bi)

    s = sub.add_parser("nhap-lop", help="tạo tài khoản từ danh sách lớp (Excel/CSV) và in phiếu mật khẩu")
    s.add_argument("tep", help="tệp .xlsx/.csv có cột Mã học viên, Họ, Tên, Email, Vai trò")
    s.add_argument("--phieu", default="phieu_mat_khau.docx", help="tệp Word phiếu mật khẩu (mặc định phieu_mat_khau.docx)")
    s.add_argument("--cap-lai-mat-khau", action="store_true", help="cấp mật khẩu mới cả cho tài khoản đã có")
    s.set_defaults(func=cmd_nhap_lop)

    s = sub.add_parser("danh-sach", help="xem tài khoản của lớp")
    s.set_defaults(func=cmd_danh_sach)

    s = sub.add_parser("truc-tuyen", help="xem ai đang học")
    s.set_defaults(func=cmd_truc_tuyen)

    for name, func, text in (("khoa", cmd_khoa, "khóa tài khoản"), ("mo-khoa", cmd_mo_khoa, "mở lại tài khoản")):
        s = sub.add_parser(name, help=text)
        s.add_argument("tai_khoan", nargs="+")
        s.set_defaults(func=func)

    s = sub.add_parser("dat-lai-mat-khau", help="cấp mật khẩu mới cho một người")
    s.add_argument("tai_khoan")
    s.add_argument("--phieu", help="in ra phiếu Word thay vì hiện trên màn hình")
    s.set_defaults(func=cmd_dat_lai_mat_khau)

    for name, func, text in (("phat-bai", cmd_phat_bai, "phát bài cho cả lớp"),
                             ("da-nop", cmd_da_nop, "xem ai đã nộp bài"),
                             ("thu-bai", cmd_thu_bai, "thu bài đã nộp"),
                             ("tra-bai", cmd_tra_bai, "gửi nhận xét cho học viên")):
        s = sub.add_parser(name, help=text)
        s.add_argument("bai")
        s.set_defaults(func=func)

    s = sub.add_parser("cham", help="chấm tự động (trong hộp cát của khóa học)")
    s.add_argument("bai")
    s.add_argument("--hoc-vien")
    s.set_defaults(func=cmd_cham)

    s = sub.add_parser("xoa-lop", help="cuối khóa: xóa mọi tài khoản của lớp")
    s.add_argument("--dong-y", action="store_true")
    s.set_defaults(func=cmd_xoa_lop)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    hall = Hall.from_env()
    try:
        args.func(hall, args)
    except (Loi, accounts.AccountError) as err:
        print(f"Lỗi: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 1
    except Exception as err:  # last resort: a sentence, not a traceback
        print(f"Lỗi không lường trước: {type(err).__name__}: {err}. "
              "Hãy chụp màn hình thông báo này gửi nhóm kỹ thuật.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

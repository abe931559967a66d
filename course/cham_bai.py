"""Công cụ chấm bài cho giảng viên (bọc nbgrader, thông báo tiếng Việt).

Cách dùng (chạy từ thư mục gốc của dự án, hoặc bất kỳ đâu với đường dẫn đầy đủ)::

    python course/cham_bai.py nhap-hoc-vien danh_sach.xlsx   # cột: Mã học viên, Họ, Tên, Email
    python course/cham_bai.py phat-hanh bai_01               # tạo bản cho học viên và phát qua hệ thống
    python course/cham_bai.py thu-bai bai_01                 # thu bài học viên đã bấm Submit
    python course/cham_bai.py thu-bai bai_01 --tu-thu-muc bai_nop/   # hoặc nhận tệp .ipynb gửi qua Zalo, USB
    python course/cham_bai.py cham-tu-dong bai_01            # song song (mặc định: số lõi), chấm tiếp nếu bị ngắt
    python course/cham_bai.py cham-tu-dong bai_01 --song-song 4 --lam-lai
    python course/cham_bai.py cho-diem bai_01 hv001 cau_7 2 --nhan-xet "Nêu đúng văn bản"
    python course/cham_bai.py nhap-diem-tay bai_01 diem_tay.xlsx  # cột: Mã học viên, cau_7, ... (2,5 được)
    python course/cham_bai.py phan-hoi bai_01                # nhận xét .html, học viên bấm Fetch Feedback
    python course/cham_bai.py phan-hoi bai_01 --ra nhan_xet/ # và chép ra thư mục để gửi tệp (Zalo, USB)
    python course/cham_bai.py xuat-diem --ra diem.xlsx
    python course/cham_bai.py tinh-trang

Mọi bài nộp chạy trong hộp cát (người dùng riêng, không đọc được bài khác, sổ điểm, đề gốc);
thư mục trao đổi: biến KHUYENHOC_TRAO_DOI (mặc định /srv/nbgrader/exchange);
sổ điểm: biến KHUYENHOC_SO_DIEM (mặc định gradebook.db trong thư mục khóa học; PostgreSQL được).

Mã thoát: 0 xong, 1 có vấn đề (đã giải thích), 2 gõ sai lệnh.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from course.khoahoc import COURSE_DIR, gradebook, make_api  # noqa: E402

STUDENT_ID = re.compile(r"^[A-Za-z0-9_.-]+$")


class Loi(Exception):
    """A problem explained to the trainer in Vietnamese (exit code 1)."""


# --- helpers -------------------------------------------------------------------

def _source_notebooks(course: Path, bai: str) -> list[str]:
    folder = course / "source" / bai
    if not folder.is_dir():
        have = sorted(p.name for p in (course / "source").iterdir() if p.is_dir()) if (course / "source").is_dir() else []
        raise Loi(f"Không có bài '{bai}' trong {course / 'source'}. Các bài hiện có: {', '.join(have) or '(chưa có)'}.")
    return sorted(p.stem for p in folder.glob("*.ipynb"))


def _first_error(result: dict) -> str:
    text = (result.get("error") or "") + "\n" + (result.get("log") or "")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for ln in lines:
        if "error" in ln.lower() or "lỗi" in ln.lower():
            return ln[:300]
    return lines[-1][:300] if lines else "không rõ nguyên nhân"


def _submitted_students(course: Path, bai: str) -> list[str]:
    root = course / "submitted"
    if not root.is_dir():
        return []
    return sorted(p.parent.name for p in root.glob(f"*/{bai}") if p.is_dir())


def _fmt(x: float) -> str:
    return f"{x:g}".replace(".", ",")


# --- commands ------------------------------------------------------------------

def cmd_nhap_hoc_vien(course: Path, args) -> None:
    import pandas as pd

    path = Path(args.tep)
    if not path.exists():
        raise Loi(f"Không tìm thấy tệp danh sách: {path}")
    try:
        df = pd.read_excel(path, dtype=str) if path.suffix.lower() in (".xlsx", ".xlsm") else \
            pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    except Exception as err:  # unreadable file: explain, never a traceback
        raise Loi(f"Không đọc được tệp {path.name}: {err}. Hãy lưu lại dạng .xlsx hoặc .csv (UTF-8).") from None
    need = ["Mã học viên", "Họ", "Tên"]
    missing = [c for c in need if c not in df.columns]
    if missing:
        raise Loi(f"Tệp {path.name} thiếu cột: {', '.join(missing)}. Dòng đầu phải có: Mã học viên, Họ, Tên, Email (không bắt buộc).")
    df = df.fillna("")
    bad = [(i + 2, v) for i, v in enumerate(df["Mã học viên"].str.strip()) if not STUDENT_ID.match(v)]
    if bad:
        row, value = bad[0]
        raise Loi(f"Tệp {path.name}, dòng {row}, cột 'Mã học viên': '{value}' không hợp lệ. "
                  "Mã chỉ gồm chữ không dấu, số, dấu gạch (ví dụ hv001), không có khoảng trắng.")
    with gradebook(course) as gb:
        for rec in df.to_dict("records"):
            gb.update_or_create_student(rec["Mã học viên"].strip(), last_name=rec["Họ"].strip(),
                                        first_name=rec["Tên"].strip(), email=rec.get("Email", "").strip() or None)
    print(f"Đã nhập {len(df)} học viên vào sổ điểm.")


def cmd_phat_hanh(course: Path, args) -> None:
    _source_notebooks(course, args.bai)
    api = make_api(course)
    r = api.generate_assignment(args.bai, force=True, create=True)
    if not r["success"]:
        raise Loi(f"Không tạo được bản cho học viên của {args.bai}: {_first_error(r)}")
    print(f"Đã tạo bản cho học viên: {course / 'release' / args.bai}")
    if args.khong_gui:
        return
    r = api.release_assignment(args.bai)
    if not r["success"]:
        raise Loi(f"Đã tạo bài nhưng chưa phát qua hệ thống được: {_first_error(r)}. "
                  "Có thể gửi thư mục release cho học viên bằng cách khác.")
    print(f"Đã phát {args.bai}: học viên bấm Fetch trong thẻ Assignments để nhận bài.")


def _import_folder(course: Path, bai: str, folder: Path) -> int:
    notebooks = _source_notebooks(course, bai)
    if not folder.is_dir():
        raise Loi(f"Không có thư mục {folder}.")
    import nbformat

    count = 0
    candidates = sorted(folder.glob("*.ipynb")) + sorted(folder.glob(f"*/{notebooks[0]}.ipynb"))
    for path in candidates:
        sid = path.stem if path.parent == folder else path.parent.name
        if not STUDENT_ID.match(sid):
            print(f"  ⚠️ Bỏ qua {path.name}: tên tệp phải là mã học viên (ví dụ hv001.ipynb).")
            continue
        try:
            nbformat.read(path, as_version=4)
        except Exception:
            print(f"  ⚠️ Bỏ qua {path}: tệp hỏng, không mở được. Nhờ học viên gửi lại (File → Download).")
            continue
        if len(notebooks) != 1 and path.parent == folder:
            print(f"  ⚠️ Bỏ qua {path.name}: bài {bai} có nhiều sổ tay, hãy để trong thư mục {sid}/.")
            continue
        dest = course / "submitted" / sid / bai
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, dest / f"{notebooks[0] if path.parent == folder else path.stem}.ipynb")
        stamp = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
        (dest / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f UTC"), encoding="utf-8")
        count += 1
    return count


def cmd_thu_bai(course: Path, args) -> None:
    if args.tu_thu_muc:
        n = _import_folder(course, args.bai, Path(args.tu_thu_muc))
        print(f"Đã nhận {n} bài {args.bai} từ thư mục {args.tu_thu_muc}.")
        return
    api = make_api(course)
    r = api.collect(args.bai)
    if not r["success"]:
        raise Loi(f"Chưa thu được bài {args.bai}: {_first_error(r)}")
    print(f"Đã thu bài {args.bai}: hiện có {len(_submitted_students(course, args.bai))} học viên đã nộp.")


def cmd_cham_tu_dong(course: Path, args) -> None:
    from nbgrader.api import MissingEntry

    from course.grading import parallel
    from course.grading.sandbox import SandboxUnavailable
    from course.grading.statuses import STATUSES

    students = list(args.hoc_vien) if args.hoc_vien else _submitted_students(course, args.bai)
    if not students:
        raise Loi(f"Chưa có bài nộp nào của {args.bai}. Hãy chạy 'thu-bai {args.bai}' trước.")
    _source_notebooks(course, args.bai)
    missing = [s for s in students if not (course / "submitted" / s / args.bai).is_dir()]
    if missing:
        raise Loi(f"Chưa có bài nộp {args.bai} của: {', '.join(missing)}.")
    try:
        show_bar = not args.khong_thanh_tien_do and sys.stderr.isatty()
        outcomes = parallel.grade(course, args.bai, students, workers=args.song_song, redo=args.lam_lai,
                                  progress=show_bar, report=lambda _line: None)
    except MissingEntry:
        raise Loi(f"Sổ điểm chưa có bài {args.bai}. Hãy chạy 'phat-hanh {args.bai}' trước.") from None
    except SandboxUnavailable as err:
        raise Loi(str(err)) from None
    if not show_bar:  # with the bar, each line was printed as its submission finished
        for o in outcomes:
            print(parallel.line(o))
    ok = [o for o in outcomes if o.status in ("graded", "manual")]
    print(f"Đã chấm tự động {len(ok)}/{len(outcomes)} bài {args.bai}"
          f"{f' ({sum(o.skipped for o in outcomes)} bài không đổi, bỏ qua)' if any(o.skipped for o in outcomes) else ''}.")
    flagged = [o for o in outcomes if o.status not in ("graded", "manual")]
    if flagged:
        by_status = {}
        for o in flagged:
            by_status.setdefault(STATUSES[o.status].label, []).append(o.student)
        raise Loi("Có bài cần giảng viên xem: " + "; ".join(f"{k}: {', '.join(v)}" for k, v in by_status.items()) +
                  ". Xem mục 'Tình trạng bài chấm' trong course/trainer-guide.md.")


def cmd_cho_diem(course: Path, args) -> None:
    from nbgrader.api import MissingEntry

    cell = args.o_cham if args.o_cham.startswith(f"{args.bai}_") else f"{args.bai}_{args.o_cham}"
    notebooks = _source_notebooks(course, args.bai)
    with gradebook(course) as gb:
        for nb in notebooks:
            try:
                grade = gb.find_grade(cell, nb, args.bai, args.hoc_vien)
            except MissingEntry:
                continue
            if grade.max_score is not None and not (0 <= args.diem <= grade.max_score):
                raise Loi(f"Câu {args.o_cham} tối đa {_fmt(grade.max_score)} điểm; không cho {_fmt(args.diem)} được.")
            grade.manual_score = args.diem
            if args.nhan_xet is not None:
                gb.find_comment(cell, nb, args.bai, args.hoc_vien).manual_comment = args.nhan_xet
            gb.db.commit()
            sub = gb.find_submission(args.bai, args.hoc_vien)
            print(f"Đã cho {args.hoc_vien} {_fmt(args.diem)} điểm ở {args.o_cham}; "
                  f"tổng {args.bai}: {_fmt(sub.score)}/{_fmt(sub.max_score)}.")
            return
    raise Loi(f"Không thấy ô chấm '{args.o_cham}' trong bài {args.bai} của {args.hoc_vien}. "
              "Kiểm tra: bài đã được chấm tự động chưa, tên câu có đúng không (ví dụ cau_7).")


def cmd_nhap_diem_tay(course: Path, args) -> None:
    from nbgrader.api import MissingEntry

    from course.grading.marks import MarksError, import_marks

    with gradebook(course) as gb:
        try:
            marks = import_marks(gb, args.bai, Path(args.tep))
        except MissingEntry:
            raise Loi(f"Sổ điểm chưa có bài {args.bai}.") from None
        except MarksError as err:
            raise Loi(str(err)) from None
    print(f"Đã nhập {len(marks)} điểm chấm tay của {len({m.student for m in marks})} học viên cho {args.bai}.")


def cmd_phan_hoi(course: Path, args) -> None:
    api = make_api(course)
    r = api.generate_feedback(args.bai, args.hoc_vien, force=True)
    if not r["success"]:
        raise Loi(f"Chưa tạo được nhận xét cho {args.bai}: {_first_error(r)}")
    files = sorted((course / "feedback").glob(f"{args.hoc_vien or '*'}/{args.bai}/*.html"))
    print(f"Đã tạo {len(files)} tệp nhận xét trong {course / 'feedback'} (mỗi học viên một tệp .html, "
          "không có phần kiểm tra ẩn).")
    if args.ra:
        out = Path(args.ra)
        out.mkdir(parents=True, exist_ok=True)
        for f in files:
            shutil.copy2(f, out / f"{f.parents[1].name}_{args.bai}_{f.stem}.html")
        print(f"Đã chép {len(files)} tệp vào {out} để gửi cho học viên (mỗi tệp mang mã học viên).")
    r = api.release_feedback(args.bai, args.hoc_vien)
    if r["success"]:
        print("Học viên nộp qua hệ thống có thể bấm Fetch Feedback để xem.")


def _status_of(course: Path, name: str, sid: str, sub, records: dict) -> tuple[str, str]:
    """(status code, detail) of one trainee's assignment: the grader's record, else what the gradebook shows."""
    rec = records.get((name, sid))
    submitted = (course / "submitted" / sid / name).is_dir()
    if rec is not None and (sub is not None or rec.get("status") not in ("graded", "manual")):
        code = rec.get("status", "graded")
        if sub is not None and code in ("graded", "manual"):
            code = "manual" if sub.needs_manual_grade else "graded"
        detail = rec.get("detail", "")
        if code == "tampered" and sub is not None and not sub.needs_manual_grade:
            detail = ("giảng viên đã xem và chấm tay; " + detail).strip("; ")
        return code, detail
    if sub is not None:
        return ("manual" if sub.needs_manual_grade else "graded"), ""
    if submitted:
        return "not_graded", "đã nộp, chưa chấm tự động"
    return "not_submitted", ""


def grades_table(course: Path):
    """Bảng điểm: một dòng một học viên, một cột một bài; bài lỗi ghi tình trạng, không ghi 0."""
    import pandas as pd
    from nbgrader.api import MissingEntry

    from course.grading import store
    from course.grading.statuses import STATUSES

    records = store.read_all(course)
    labels = {k: v.label for k, v in STATUSES.items()} | {"not_graded": "Chưa chấm"}
    todo = {k: v.todo for k, v in STATUSES.items()} | {"not_graded": "Chạy lệnh cham-tu-dong cho bài này."}
    rows, detail = [], []
    with gradebook(course) as gb:
        assignments = sorted(a.name for a in gb.assignments)
        for student in sorted(gb.students, key=lambda s: s.id):
            row = {"Mã học viên": student.id, "Họ": student.last_name or "", "Tên": student.first_name or "",
                   "Email": student.email or ""}
            total = maximum = 0.0
            pending, problems = [], []
            for name in assignments:
                assignment = gb.find_assignment(name)
                try:
                    sub = gb.find_submission(name, student.id)
                except MissingEntry:
                    sub = None
                code, info = _status_of(course, name, student.id, sub, records)
                counted = code in ("graded", "manual") and sub is not None
                score = float(sub.score) if counted else None
                row[name] = score if counted else labels[code]
                if counted:
                    total += score
                if code == "manual":
                    pending.append(name)
                elif code not in ("graded", "not_submitted"):
                    problems.append(f"{name}: {labels[code]}")
                maximum += assignment.max_score
                provisional = float(sub.score) if sub is not None and code in ("timed_out", "kernel_died") else None
                detail.append({"Mã học viên": student.id, "Bài": name, "Điểm": score,
                               "Điểm tạm (chưa tính)": provisional,
                               "Điểm tối đa": assignment.max_score, "Tình trạng": labels[code],
                               "Lý do": info or (STATUSES[code].reason if code in STATUSES else ""),
                               "Việc cần làm": todo[code],
                               "Nộp lúc (UTC)": sub.timestamp if sub is not None else None})
            row.update({"Tổng điểm": total, "Điểm tối đa": maximum,
                        "Tỉ lệ (%)": round(100 * total / maximum, 1) if maximum else 0.0,
                        "Còn chấm tay": ", ".join(pending), "Cần xem": "; ".join(problems)})
            rows.append(row)
        # submissions from IDs not in the class list
        known = {s.id for s in gb.students}
    for (name, sid), rec in sorted(records.items()):
        if sid not in known and rec.get("status") == "unknown_trainee":
            detail.append({"Mã học viên": sid, "Bài": name, "Điểm": None, "Điểm tạm (chưa tính)": None,
                           "Điểm tối đa": None,
                           "Tình trạng": labels["unknown_trainee"], "Lý do": rec.get("detail", ""),
                           "Việc cần làm": todo["unknown_trainee"], "Nộp lúc (UTC)": None})
    return pd.DataFrame(rows), pd.DataFrame(detail)


def cmd_xuat_diem(course: Path, args) -> None:
    import pandas as pd

    summary, detail = grades_table(course)
    if summary.empty:
        raise Loi("Sổ điểm chưa có học viên nào.")
    out = Path(args.ra).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.stem}.", suffix=".xlsx")
    os.close(fd)
    try:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
            summary.to_excel(xl, sheet_name="Tổng hợp", index=False)
            detail.to_excel(xl, sheet_name="Chi tiết", index=False)
            for sheet in xl.sheets.values():
                for col in sheet.columns:
                    sheet.column_dimensions[col[0].column_letter].width = max(12, len(str(col[0].value)) + 2)
        os.replace(tmp, out)
    except PermissionError:
        os.unlink(tmp)
        raise Loi(f"Không ghi được {out}: tệp đang mở trong Excel? Đóng tệp rồi chạy lại.") from None
    print(f"Đã xuất điểm của {len(summary)} học viên vào {out}")


def cmd_tinh_trang(course: Path, args) -> None:
    from collections import Counter

    from course.grading import store
    from course.grading.statuses import STATUSES

    records = store.read_all(course)
    with gradebook(course) as gb:
        names = [args.bai] if args.bai else sorted(a.name for a in gb.assignments)
        if not names:
            print("Chưa phát bài nào.")
        for name in names:
            subs = _submitted_students(course, name)
            graded = list((course / "autograded").glob(f"*/{name}")) if (course / "autograded").is_dir() else []
            try:
                manual = sum(1 for s in gb.find_assignment(name).submissions if s.needs_manual_grade)
            except Exception:
                manual = 0
            counts = Counter(r.get("status") for (a, _), r in records.items() if a == name)
            flagged = ", ".join(f"{n} {STATUSES[c].label.lower()}" for c, n in sorted(counts.items())
                                if c in STATUSES and c not in ("graded", "manual"))
            print(f"{name}: {len(subs)} bài đã nộp, {len(graded)} đã chấm tự động, {manual} còn câu chấm tay"
                  f"{'; cần xem: ' + flagged if flagged else ''}.")


# --- entry point ---------------------------------------------------------------

def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cham_bai", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--khoa-hoc", default=os.environ.get("KHUYENHOC_KHOA_HOC", str(COURSE_DIR)),
                   help="thư mục khóa học (có nbgrader_config.py); mặc định: thư mục chứa công cụ này")
    sub = p.add_subparsers(dest="lenh", metavar="LỆNH", required=True)

    s = sub.add_parser("nhap-hoc-vien", help="nhập danh sách học viên từ Excel/CSV")
    s.add_argument("tep", help="tệp .xlsx hoặc .csv có cột Mã học viên, Họ, Tên, Email")
    s.set_defaults(func=cmd_nhap_hoc_vien)

    s = sub.add_parser("phat-hanh", help="tạo bản cho học viên (không lời giải) và phát bài")
    s.add_argument("bai")
    s.add_argument("--khong-gui", action="store_true", help="chỉ tạo bản phát hành, không phát qua hệ thống")
    s.set_defaults(func=cmd_phat_hanh)

    s = sub.add_parser("thu-bai", help="thu bài đã nộp")
    s.add_argument("bai")
    s.add_argument("--tu-thu-muc", help="nhận các tệp <mã học viên>.ipynb trong một thư mục (gửi qua Zalo, USB…)")
    s.set_defaults(func=cmd_thu_bai)

    s = sub.add_parser("cham-tu-dong", help="máy chấm các câu tự động (song song, trong hộp cát)")
    s.add_argument("bai")
    s.add_argument("--hoc-vien", nargs="+", metavar="MÃ", help="chỉ chấm các học viên này")
    s.add_argument("--song-song", type=int, default=None, metavar="N",
                   help="số bài chấm cùng lúc (mặc định: số lõi của máy)")
    s.add_argument("--lam-lai", action="store_true",
                   help="chấm lại cả bài đã chấm (mặc định: bỏ qua bài không đổi, chấm tiếp sau khi bị ngắt)")
    s.add_argument("--khong-thanh-tien-do", action="store_true", help="không hiện thanh tiến độ")
    s.set_defaults(func=cmd_cham_tu_dong)

    s = sub.add_parser("nhap-diem-tay", help="nhập điểm chấm tay từ Excel/CSV (dòng: học viên, cột: câu)")
    s.add_argument("bai")
    s.add_argument("tep", help="tệp .xlsx hoặc .csv: cột Mã học viên, rồi mỗi câu một cột (cau_7...); 2,5 được")
    s.set_defaults(func=cmd_nhap_diem_tay)

    s = sub.add_parser("cho-diem", help="cho điểm một câu chấm tay (thay cho Formgrader)")
    s.add_argument("bai")
    s.add_argument("hoc_vien")
    s.add_argument("o_cham", help="tên câu, ví dụ cau_7")
    s.add_argument("diem", type=float)
    s.add_argument("--nhan-xet", help="lời nhận xét cho học viên")
    s.set_defaults(func=cmd_cho_diem)

    s = sub.add_parser("phan-hoi", help="tạo tệp nhận xét (.html) cho học viên")
    s.add_argument("bai")
    s.add_argument("--hoc-vien")
    s.add_argument("--ra", help="chép các tệp nhận xét ra thư mục này (gửi qua Zalo, USB)")
    s.set_defaults(func=cmd_phan_hoi)

    s = sub.add_parser("xuat-diem", help="xuất bảng điểm ra Excel")
    s.add_argument("--ra", default="diem.xlsx", help="tệp Excel kết quả (mặc định diem.xlsx)")
    s.set_defaults(func=cmd_xuat_diem)

    s = sub.add_parser("tinh-trang", help="xem số bài đã nộp, đã chấm")
    s.add_argument("bai", nargs="?")
    s.set_defaults(func=cmd_tinh_trang)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    course = Path(args.khoa_hoc).resolve()
    if not (course / "nbgrader_config.py").exists():
        print(f"Lỗi: {course} không phải thư mục khóa học (không có nbgrader_config.py).", file=sys.stderr)
        return 1
    try:
        args.func(course, args)
    except Loi as err:
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

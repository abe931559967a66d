"""Lịch của phong trào và các hạn của xã trong một năm, và tệp .ics để nhập vào lịch điện thoại.

Sources of the dates: the movement's yearly days (``lich-phong-trao.yaml``, each with its source and a tag READ /
INFERRED / NOT FOUND; a NOT FOUND day has no date and is listed as "chưa có ngày"), the reporting and
recognition deadlines of the procedures (``catalogues/thu-tuc.yaml`` through ``khuyenhoc.procedure``), the deadlines
of the commune's plan, and the commune's own days (a YAML file). Nothing here invents a date.

Ví dụ::

    >>> lich = movement_calendar(2026)
    >>> r = lich.set_index("id").loc["ngay-khuyen-hoc"]
    >>> r["start"].strftime("%d/%m/%Y"), r["tag"]
    ('02/10/2026', 'READ')
    >>> pd.isna(lich.set_index("id").loc["thang-khuyen-hoc", "start"])
    True
    >>> "Hạn nộp hồ sơ Cộng đồng học tập cấp xã (kết quả năm 2025)" in set(lich["name"])
    True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from importlib import resources
from pathlib import Path
from typing import Iterable

import pandas as pd
import yaml

from .. import yaml_text
from ..atomic import atomic_path

__all__ = ["movement_calendar", "write_ics", "load_events", "commune_events", "CALENDAR_COLUMNS",
           "CALENDAR_HEADERS", "KINDS", "CalendarError"]

CALENDAR_COLUMNS = ["id", "start", "end", "name", "kind", "tag", "source", "note"]
CALENDAR_HEADERS = {"id": "Mã", "start": "Từ ngày", "end": "Đến ngày", "name": "Việc", "kind": "Loại",
                    "tag": "Nhãn nguồn", "source": "Nguồn", "note": "Ghi chú"}
KINDS = {"phong_trao": "Phong trào", "nam_hoc": "Năm học", "danh_gia": "Đánh giá", "han": "Hạn nộp, báo cáo",
         "ke_hoach": "Kế hoạch của xã", "xa": "Lịch của xã"}
_STEP_NAMES = {"tham_dinh": "Hạn nộp hồ sơ", "cong_nhan": "Hạn quyết định công nhận", "bao_cao": "Hạn báo cáo kết quả"}


class CalendarError(ValueError):
    """Tệp lịch có lỗi (thông báo tiếng Việt, có tên tệp và mục)."""


def _day(spec, year: int, where: str) -> pd.Timestamp:
    if spec is None:
        return pd.NaT
    if isinstance(spec, (dt.date, dt.datetime)):
        return pd.Timestamp(spec)
    if isinstance(spec, str):
        try:
            return pd.Timestamp(dt.datetime.strptime(spec.strip(), "%d/%m/%Y"))
        except ValueError:
            raise CalendarError(f"{where}: ngày '{spec}' phải viết dạng dd/mm/yyyy.") from None
    try:
        return pd.Timestamp(year, int(spec["month"]), int(spec["day"]))
    except (KeyError, TypeError, ValueError):
        raise CalendarError(f"{where}: ngày phải có dạng {{month: …, day: …}} hoặc dd/mm/yyyy.") from None


def load_events(year: int, path: str | os.PathLike | None = None, default_kind: str = "phong_trao") -> pd.DataFrame:
    """Các ngày trong tệp lịch ``path`` (mặc định: lịch phong trào có sẵn) cho năm ``year``.

    >>> load_events(2026).set_index("id").loc["tuan-le-hoc-tap-suot-doi", "end"].strftime("%d/%m/%Y")
    '07/10/2026'
    """
    if path is None:
        text = resources.files(__package__).joinpath("lich-phong-trao.yaml").read_text(encoding="utf-8")
        where = "lich-phong-trao.yaml"
    else:
        where = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CalendarError(f"Không tìm thấy tệp lịch '{where}'.") from None
        except (OSError, UnicodeDecodeError) as e:
            raise CalendarError(f"Không đọc được tệp lịch '{where}': {e}") from None
    try:
        cfg = yaml_text.load(text) or {}
    except yaml.YAMLError as e:
        raise CalendarError(f"Tệp lịch '{where}' không đúng dạng YAML: {e}") from None
    items = cfg.get("events") if isinstance(cfg, dict) else None
    if not isinstance(items, list):
        raise CalendarError(f"Tệp lịch '{where}' phải có mục 'events:' là một danh sách.")
    rows = []
    for i, e in enumerate(items, 1):
        at = f"Tệp lịch '{where}', mục thứ {i}"
        if not isinstance(e, dict) or not str(e.get("name") or "").strip():
            raise CalendarError(f"{at}: thiếu 'name' (tên việc).")
        start = _day(e.get("start"), year, at)
        end = _day(e.get("end"), year, at) if e.get("end") is not None else start
        if pd.notna(start) and pd.notna(end) and end < start:
            raise CalendarError(f"{at}: ngày kết thúc trước ngày bắt đầu.")
        kind = e.get("kind", default_kind)
        if kind not in KINDS:
            raise CalendarError(f"{at}: loại '{kind}' không có; chọn một trong: {', '.join(KINDS)}.")
        rows.append({"id": str(e.get("id") or f"muc-{i}"), "start": start, "end": end, "name": str(e["name"]).strip(),
                     "kind": kind, "tag": str(e.get("tag") or ("NOT FOUND" if pd.isna(start) else "XÃ")),
                     "source": str(e.get("source") or ""), "note": str(e.get("note") or "")})
    return pd.DataFrame(rows, columns=CALENDAR_COLUMNS)


def commune_events(year: int, path: str | os.PathLike) -> pd.DataFrame:
    """Các ngày riêng của xã (tệp YAML cùng dạng lịch phong trào; 'start' có thể ghi dd/mm/yyyy)."""
    ev = load_events(year, path, default_kind="xa")
    ev["source"] = ev["source"].where(ev["source"] != "", f"Lịch của xã ({Path(path).name})")
    return ev


def _deadlines(year: int, models: Iterable[str] | None) -> pd.DataFrame:
    from ..catalogues import resolve
    from ..procedure import deadline, load_config

    cfg = load_config()
    rows = []
    for cid in (models or cfg["procedures"].keys()):
        cat = resolve(cid)
        proc = cfg["procedures"].get(cat.id, {})
        for step, spec in (proc.get("deadlines") or {}).items():
            for assessed in (year - 1, year):
                d = deadline(cat.id, step, assessed, cfg)
                if d is None or d.year != year:
                    continue
                note = str(spec.get("text") or "")
                if d >= pd.Timestamp(cfg.get("reform_date", "2025-07-01")):
                    note += ("; văn bản ghi cơ quan cấp huyện — từ 1/7/2025 không còn cấp huyện, kiểm tra hướng dẫn "
                             "của tỉnh")
                rows.append({"id": f"{cat.id}-{step}-{assessed}", "start": d, "end": d,
                             "name": f"{_STEP_NAMES.get(step, step)} {cat.model} (kết quả năm {assessed})",
                             "kind": "han", "tag": "READ",
                             "source": f"Cấu hình thủ tục (thu-tuc.yaml): {proc.get('note', '')}".strip(),
                             "note": note})
    return pd.DataFrame(rows, columns=CALENDAR_COLUMNS)


def _plan_events(year: int, tasks) -> pd.DataFrame:
    rows = [{"id": f"ke-hoach-{i}", "start": pd.Timestamp(t.due(year)), "end": pd.Timestamp(t.due(year)),
             "name": f"Hạn kế hoạch xã: {t.nhom}", "kind": "ke_hoach", "tag": "KẾ HOẠCH XÃ",
             "source": "Kế hoạch năm của Hội Khuyến học xã (thời hạn do xã quyết định)",
             "note": f"{t.viec} Phụ trách: {t.phu_trach}."} for i, t in enumerate(tasks, 1)]
    return pd.DataFrame(rows, columns=CALENDAR_COLUMNS)


def movement_calendar(year: int, *, models: Iterable[str] | None = None, plan_tasks=None,
                      extra: str | os.PathLike | None = None, events: str | os.PathLike | None = None) -> pd.DataFrame:
    """Lịch năm ``year``: ngày của phong trào, hạn nộp và công nhận theo thủ tục, hạn của kế hoạch xã, ngày riêng
    của xã (``extra``: tệp YAML). Sắp theo ngày; mục chưa có ngày (NOT FOUND) ở cuối."""
    parts = [load_events(year, events), _deadlines(year, models)]
    if plan_tasks:
        parts.append(_plan_events(year, plan_tasks))
    if extra is not None:
        parts.append(commune_events(year, extra))
    parts = [p for p in parts if len(p)]
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=CALENDAR_COLUMNS)
    out["start"] = pd.to_datetime(out["start"])
    out["end"] = pd.to_datetime(out["end"])
    return out.sort_values(["start", "kind"], na_position="last", kind="stable").reset_index(drop=True)


def write_ics(calendar: pd.DataFrame, path: str | os.PathLike, *, name: str = "Lịch khuyến học",
              remind_days: int = 3, stamp: dt.datetime | None = None) -> Path:
    """Ghi các mục có ngày của ``calendar`` thành tệp .ics (iCalendar, RFC 5545) cho lịch điện thoại.

    Mỗi mục là một sự kiện cả ngày; hạn nộp và hạn kế hoạch có nhắc trước ``remind_days`` ngày. Mã sự kiện (UID)
    cố định theo việc và ngày, nên nhập lại tệp mới thì lịch cập nhật chứ không nhân đôi.

    >>> import tempfile, os, icalendar
    >>> p = write_ics(movement_calendar(2026), os.path.join(tempfile.mkdtemp(), "lich.ics"))
    >>> cal = icalendar.Calendar.from_ical(p.read_bytes())
    >>> ev = [e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == "Ngày Khuyến học Việt Nam"][0]
    >>> ev.decoded("DTSTART")
    datetime.date(2026, 10, 2)
    """
    import icalendar

    stamp = stamp or dt.datetime.now(dt.timezone.utc)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Hoi Khuyen hoc//khuyenhoc//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for r in calendar.to_dict("records"):
        if pd.isna(r["start"]):
            continue
        start = pd.Timestamp(r["start"]).date()
        end = pd.Timestamp(r["end"]).date() if pd.notna(r["end"]) else start
        ev = icalendar.Event()
        uid = hashlib.sha1(f"{r['id']}|{r['name']}|{start.isoformat()}".encode()).hexdigest()[:20]
        ev.add("uid", f"{uid}@khuyenhoc")
        ev.add("dtstamp", stamp)
        ev.add("summary", r["name"])
        ev.add("dtstart", start)
        ev.add("dtend", end + dt.timedelta(days=1))  # all-day events end the next day (exclusive)
        desc = "\n".join(x for x in (r["note"], f"Nguồn: {r['source']}" if r["source"] else "",
                                     f"Nhãn nguồn: {r['tag']}") if x)
        ev.add("description", desc)
        ev.add("categories", [KINDS.get(r["kind"], r["kind"])])
        ev.add("transp", "TRANSPARENT")
        if r["kind"] in ("han", "ke_hoach") and remind_days > 0:
            al = icalendar.Alarm()
            al.add("action", "DISPLAY")
            al.add("description", f"Sắp đến: {r['name']}")
            al.add("trigger", dt.timedelta(days=-remind_days))
            ev.add_component(al)
        cal.add_component(ev)
    path = Path(path)
    with atomic_path(path) as tmp:
        Path(tmp).write_bytes(cal.to_ical())
    return path

"""Tham mưu cho cấp ủy, chính quyền: kế hoạch năm của Hội Khuyến học xã (.docx + .xlsx) với chỉ tiêu suy ra từ
khoảng cách của năm nay, người phụ trách và thời hạn; lịch của phong trào với các hạn của xã (.ics cho điện thoại).

Ví dụ (xã mẫu Hòa Mẫu, kết quả năm 2025 → kế hoạch năm 2026)::

    >>> import tempfile
    >>> from khuyenhoc import sample
    >>> from khuyenhoc.planning import yearly_plan
    >>> kq = yearly_plan(sample.load("mau"), 2025, tempfile.mkdtemp())
    >>> [p.name for p in kq.written]
    ['ke-hoach-2026.docx', 'ke-hoach-2026.xlsx', 'lich-khuyen-hoc-2026.ics']
    >>> kq.targets.set_index("indicator").loc["dhht", "plan_target"]
    np.float64(50.9)
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from ..data import CommuneData
from .calendar import (CALENDAR_COLUMNS, CALENDAR_HEADERS, KINDS, CalendarError, commune_events, load_events,
                       movement_calendar, write_ics)
from .documents import plan_document, plan_workbook, target_text
from .settings import PlanSettings, SettingsError, Task, load_plan_settings
from .targets import PLAN_COLUMNS, PLAN_HEADERS, plan_targets, step_target

__all__ = ["yearly_plan", "PlanResult", "plan_targets", "step_target", "movement_calendar", "write_ics",
           "load_events", "commune_events", "load_plan_settings", "PlanSettings", "Task", "SettingsError",
           "CalendarError", "plan_document", "plan_workbook", "target_text", "PLAN_COLUMNS", "PLAN_HEADERS",
           "CALENDAR_COLUMNS", "CALENDAR_HEADERS", "KINDS", "PlanError"]


class PlanError(ValueError):
    """Không lập được kế hoạch (thông báo tiếng Việt)."""


@dataclass
class PlanResult:
    """Kết quả ``yearly_plan``: bảng chỉ tiêu, lịch và các tệp đã ghi."""

    plan_year: int
    targets: pd.DataFrame
    calendar: pd.DataFrame
    written: list[Path]


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:] if name else name


def yearly_plan(data: CommuneData, year: int, out_dir: str | os.PathLike, *,
                settings: PlanSettings | Mapping[str, Any] | str | os.PathLike | None = None, targets=None,
                commune_id: str | None = None, extra_calendar: str | os.PathLike | None = None,
                when: dt.date | None = None) -> PlanResult:
    """Lập kế hoạch năm ``year + 1`` từ kết quả năm ``year``: ``ke-hoach-<năm>.docx``, ``.xlsx`` và lịch ``.ics``.

    ``settings``: dict hoặc tệp YAML sửa phần đầu văn bản, nhóm nhiệm vụ, người phụ trách, thời hạn (xem
    ``planning/ke_hoach_mac_dinh.yaml``); ``targets``: bảng/tệp chỉ tiêu như ``indicators.load_targets``;
    ``extra_calendar``: tệp YAML các ngày riêng của xã.
    """
    from ..results import ReportError

    s = settings if isinstance(settings, PlanSettings) else load_plan_settings(settings)
    try:
        t = plan_targets(data, year, settings=s, targets=targets, commune_id=commune_id)
    except ReportError as e:
        raise PlanError(str(e)) from None
    communes = data.communes()
    cid = commune_id or str(communes["unit_id"].iloc[0])
    au = data.admin_units.set_index("unit_id")
    commune_name = str(au.loc[cid, "name"])
    parent = au.loc[cid, "parent_id"]
    province = str(au.loc[parent, "name"]) if pd.notna(parent) and parent in au.index else ""
    plan_year = int(year) + 1
    s = s.filled(xa=_lower_first(commune_name), ten_xa=commune_name.split(" ", 1)[-1], tinh=_lower_first(province),
                 nam=plan_year, nam_truoc=int(year))
    cal = movement_calendar(plan_year, plan_tasks=s.nhiem_vu, extra=extra_calendar)
    when = when or s.ngay or dt.date.today()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    docx = plan_document(t, cal, s, plan_year=plan_year, commune_name=commune_name, when=when)
    docx.doc.core_properties.title = f"Kế hoạch năm {plan_year}"
    written = [docx.save(out / f"ke-hoach-{plan_year}.docx"),
               plan_workbook(t, cal, s, plan_year=plan_year, path=out / f"ke-hoach-{plan_year}.xlsx"),
               write_ics(cal, out / f"lich-khuyen-hoc-{plan_year}.ics",
                         name=f"Khuyến học {_lower_first(commune_name)} {plan_year}")]
    return PlanResult(plan_year=plan_year, targets=t, calendar=cal, written=written)

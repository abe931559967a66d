"""Biến mẫu của kế hoạch năm (xem ``ke_hoach_mac_dinh.yaml``): tên cơ quan, người ký, nhóm nhiệm vụ, thời hạn.

Ví dụ::

    >>> s = load_plan_settings()
    >>> len(s.nhiem_vu), s.nhiem_vu[0].phu_trach
    (8, 'Chủ tịch Hội')
    >>> s.nhiem_vu[0].due(2026)
    datetime.date(2026, 3, 31)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Mapping

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..settings_files import DocNumber, FilledSettings, SettingsError, VnDate, load_yaml_settings

__all__ = ["PlanSettings", "Task", "load_plan_settings", "SettingsError"]


class Task(BaseModel):
    """Một nhóm nhiệm vụ của kế hoạch: việc, người phụ trách (chức danh), phối hợp, thời hạn (dd/mm), chỉ tiêu."""

    model_config = ConfigDict(extra="forbid")

    nhom: str
    viec: str
    phu_trach: str
    phoi_hop: str = ""
    han: str
    chi_tieu: list[str] = []

    @field_validator("han")
    @classmethod
    def _day_month(cls, v: str) -> str:
        try:
            dt.datetime.strptime(f"{v.strip()}/2024", "%d/%m/%Y")  # 2024: 29/02 is a valid day
        except ValueError:
            raise ValueError(f"thời hạn '{v}' phải viết dạng dd/mm, ví dụ 31/03") from None
        return v.strip()

    def due(self, year: int) -> dt.date:
        """Ngày hết hạn trong năm ``year`` (29/02 của năm không nhuận thành 28/02)."""
        d, m = (int(x) for x in self.han.split("/"))
        try:
            return dt.date(int(year), m, d)
        except ValueError:
            return dt.date(int(year), m, d - 1)


class PlanSettings(FilledSettings):
    """Biến mẫu của kế hoạch năm."""

    co_quan_chu_quan: str
    co_quan_ban_hanh: str
    ky_hieu_co_quan: str = "HKH"
    so: DocNumber = ""
    dia_danh: str
    ngay: VnDate = None
    tham_quyen: str
    chuc_vu: str
    nguoi_ky: str
    noi_nhan: list[str]
    dong_khoang_cach_nam: int = Field(default=2, ge=1, le=10)
    muc_dich: list[str]
    yeu_cau: list[str]
    nhiem_vu: list[Task] = Field(min_length=1)

    def number_symbol(self) -> str:
        no = self.so.strip() or "\u00a0" * 6
        return f"Số: {no}/KH-{self.ky_hieu_co_quan}"

    def owner_of(self, indicator: str) -> Task | None:
        """Nhóm nhiệm vụ đầu tiên nhận chỉ tiêu ``indicator`` (None nếu không nhóm nào nhận)."""
        return next((t for t in self.nhiem_vu if indicator in t.chi_tieu), None)


def load_plan_settings(overrides: Mapping[str, Any] | str | Path | None = None) -> PlanSettings:
    """Biến mẫu mặc định của kế hoạch năm, ghi đè bằng một dict hoặc một tệp YAML.

    >>> load_plan_settings({"nhiem_vu": [{"nhom": "A", "viec": "B", "phu_trach": "C", "han": "31/13"}]})
    ... # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    SettingsError: Tệp 'mẫu kế hoạch' có lỗi: mục 'nhiem_vu.0.han': Value error, thời hạn '31/13' phải viết dạng dd/mm, ví dụ 31/03
    """
    return load_yaml_settings(PlanSettings, __package__, "ke_hoach_mac_dinh.yaml", overrides, "mẫu kế hoạch")

"""Các biến mẫu của báo cáo (tên cơ quan, số hiệu, người ký, lời văn): mặc định + phần cán bộ sửa.

Ví dụ::

    >>> s = load_settings({"so": 15, "nguoi_ky": "Lê Văn Hùng"})
    >>> s.number_symbol()
    'Số: 15/BC-HKH'
    >>> s.nguoi_ky
    'Lê Văn Hùng'
"""

from __future__ import annotations

import datetime as dt
import re
import string
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

__all__ = ["ReportSettings", "load_settings", "SettingsError"]


class SettingsError(ValueError):
    """Tệp mẫu báo cáo có lỗi (thông báo tiếng Việt)."""


class ReportSettings(BaseModel):
    """Biến mẫu của báo cáo năm (xem ``mac_dinh.yaml``)."""

    model_config = ConfigDict(extra="forbid")

    co_quan_chu_quan: str
    co_quan_ban_hanh: str
    loai_van_ban: str = "BÁO CÁO"
    ky_hieu_loai: str = "BC"
    ky_hieu_co_quan: str = "HKH"
    so: str = ""
    dia_danh: str
    ngay: dt.date | None = None
    trich_yeu: list[str]
    mo_dau: str
    nguyen_nhan: list[str] = []
    nhiem_vu: list[str] = []
    de_xuat: list[str] = []
    tham_quyen: str
    chuc_vu: str
    nguoi_ky: str
    noi_nhan: list[str]

    @field_validator("so", mode="before")
    @classmethod
    def _number_as_text(cls, v: Any) -> str:
        return "" if v is None else str(v)

    @field_validator("ngay", mode="before")
    @classmethod
    def _vn_date(cls, v: Any):
        if isinstance(v, str) and v.strip():
            try:
                return dt.datetime.strptime(v.strip(), "%d/%m/%Y").date()
            except ValueError:
                raise ValueError(f"ngày '{v}' phải viết dạng dd/mm/yyyy, ví dụ 05/01/2027") from None
        return v or None

    def number_symbol(self) -> str:
        """'Số: 15/BC-HKH' (hoặc chừa chỗ trống khi chưa có số). Cán bộ gõ cả số và ký hiệu ('12/BC-HKH',
        'Số: 12/BC-HKH') thì giữ nguyên, không thêm ký hiệu lần nữa.

        >>> load_settings({"so": "12/BC-HKH"}).number_symbol()
        'Số: 12/BC-HKH'
        >>> load_settings({"so": "Số: 7"}).number_symbol()
        'Số: 7/BC-HKH'
        """
        no = re.sub(r"(?i)^\s*s[ốo]\s*:?\s*", "", self.so).strip()
        if "/" in no:
            return f"Số: {no}"
        return f"Số: {no or chr(0xA0) * 6}/{self.ky_hieu_loai}-{self.ky_hieu_co_quan}"

    def filled(self, **values: Any) -> "ReportSettings":
        """Bản sao đã điền các chỗ {…} (tên xã, tỉnh, năm…)."""
        values = dict(values)
        fmt = _Formatter()

        def f(s: str) -> str:
            return fmt.vformat(s, (), values)

        values["co_quan_chu_quan_thuong"] = f(self.co_quan_chu_quan)
        data = self.model_dump()
        out = {}
        for k, v in data.items():
            if isinstance(v, str):
                out[k] = f(v)
            elif isinstance(v, list):
                out[k] = [f(x) for x in v]
            else:
                out[k] = v
        return ReportSettings.model_validate(out)


class _Formatter(string.Formatter):
    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key in kwargs:
            return kwargs[key]
        return "{" + str(key) + "}"


def load_settings(overrides: Mapping[str, Any] | str | Path | None = None) -> ReportSettings:
    """Biến mẫu mặc định, ghi đè bằng một dict hoặc một tệp YAML của cán bộ.

    >>> load_settings().chuc_vu
    'CHỦ TỊCH'
    """
    base = yaml.safe_load(resources.files(__package__).joinpath("mac_dinh.yaml").read_text(encoding="utf-8"))
    where = "mẫu báo cáo"
    if isinstance(overrides, (str, Path)):
        where = str(overrides)
        try:
            overrides = yaml.safe_load(Path(overrides).read_text(encoding="utf-8")) or {}
        except FileNotFoundError:
            raise SettingsError(f"Không tìm thấy tệp mẫu báo cáo '{where}'.") from None
        except yaml.YAMLError as e:
            raise SettingsError(f"Tệp '{where}' không đúng dạng YAML: {e}") from None
        if not isinstance(overrides, dict):
            raise SettingsError(f"Tệp '{where}' phải gồm các dòng 'tên: giá trị'.")
    base.update(dict(overrides or {}))
    try:
        return ReportSettings.model_validate(base)
    except ValidationError as e:
        msgs = []
        for err in e.errors():
            loc = ".".join(str(x) for x in err["loc"])
            msg = "không có mục này trong mẫu" if err["type"] == "extra_forbidden" else err["msg"]
            msgs.append(f"mục '{loc}': {msg}")
        raise SettingsError(f"Tệp '{where}' có lỗi: " + "; ".join(msgs)) from None

"""Biến mẫu của hồ sơ công nhận (tên cơ quan, số hiệu, người ký, cuộc họp): mặc định + phần cán bộ sửa.

Ví dụ::

    >>> s = load_dossier_settings({"so_to_trinh": 12, "nguoi_ky": "Lê Văn Hùng"})
    >>> s.number("TTr", s.so_to_trinh)
    'Số: 12/TTr-HKH'
    >>> s.filled(xa="xã Hòa Mẫu", ten_xa="Hòa Mẫu", tinh="tỉnh Hồng Lam", nam=2025, nam_sau=2026,
    ...          mo_hinh="Gia đình học tập").kinh_gui
    'Ủy ban nhân dân xã Hòa Mẫu'
"""

from __future__ import annotations

import datetime as dt
import string
from importlib import resources
from pathlib import Path
from typing import Any, Mapping, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

__all__ = ["DossierSettings", "load_dossier_settings", "load_yaml_settings", "SettingsError", "fill_text"]


class SettingsError(ValueError):
    """Tệp mẫu có lỗi (thông báo tiếng Việt)."""


class _Formatter(string.Formatter):
    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key in kwargs:
            return kwargs[key]
        return "{" + str(key) + "}"


def fill_text(text: str, **values: Any) -> str:
    """Điền các chỗ {…} có trong ``values``; chỗ không biết giữ nguyên.

    >>> fill_text("Hội Khuyến học {xa} năm {nam} {khac}", xa="xã Hòa Mẫu", nam=2025)
    'Hội Khuyến học xã Hòa Mẫu năm 2025 {khac}'
    """
    return _Formatter().vformat(text, (), values)


def _vn_date(v: Any):
    if isinstance(v, str) and v.strip():
        try:
            return dt.datetime.strptime(v.strip(), "%d/%m/%Y").date()
        except ValueError:
            raise ValueError(f"ngày '{v}' phải viết dạng dd/mm/yyyy, ví dụ 05/01/2027") from None
    return v or None


class _Filled(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def filled(self, **values: Any):
        """Bản sao đã điền các chỗ {…} (tên xã, tỉnh, năm…) trong mọi chuỗi."""
        values = dict(values)
        if hasattr(self, "co_quan_chu_quan"):
            values["co_quan_chu_quan_thuong"] = fill_text(getattr(self, "co_quan_chu_quan"), **values)

        def f(v):
            if isinstance(v, str):
                return fill_text(v, **values)
            if isinstance(v, list):
                return [f(x) for x in v]
            if isinstance(v, dict):
                return {k: f(x) for k, x in v.items()}
            return v

        return type(self).model_validate({k: f(v) for k, v in self.model_dump().items()})


class DossierSettings(_Filled):
    """Biến mẫu của hồ sơ công nhận (xem ``dossier/mac_dinh.yaml``)."""

    co_quan_chu_quan: str
    co_quan_ban_hanh: str
    ky_hieu_co_quan: str = "HKH"
    dia_danh: str
    ngay: dt.date | None = None
    so_to_trinh: str = ""
    so_bien_ban: str = ""
    so_bao_cao: str = ""
    so_quyet_dinh: str = ""
    kinh_gui: str
    co_quan_cong_nhan: str
    co_quan_cong_nhan_chu_quan: str = ""
    ky_hieu_cong_nhan: str = "UBND"
    tham_quyen: str
    chuc_vu: str
    nguoi_ky: str
    tham_quyen_quyet_dinh: str
    chuc_vu_quyet_dinh: str
    nguoi_ky_quyet_dinh: str
    thu_ky: str
    hop_thoi_gian: str
    hop_dia_diem: str
    hop_thanh_phan: list[str]
    noi_nhan_to_trinh: list[str]
    noi_nhan_quyet_dinh: list[str]

    @field_validator("so_to_trinh", "so_bien_ban", "so_bao_cao", "so_quyet_dinh", mode="before")
    @classmethod
    def _number_as_text(cls, v: Any) -> str:
        return "" if v is None else str(v)

    @field_validator("ngay", mode="before")
    @classmethod
    def _date(cls, v: Any):
        return _vn_date(v)

    def number(self, type_code: str, no: str, issuer_code: str | None = None) -> str:
        """'Số: 12/TTr-HKH' (hoặc chừa chỗ trống khi chưa có số)."""
        no = str(no).strip() or "\u00a0" * 6
        return f"Số: {no}/{type_code}-{issuer_code or self.ky_hieu_co_quan}"


M = TypeVar("M", bound=BaseModel)


def load_yaml_settings(model: type[M], package: str, filename: str,
                       overrides: Mapping[str, Any] | str | Path | None = None, what: str = "mẫu") -> M:
    """Giá trị mặc định (tệp ``filename`` trong gói ``package``) ghi đè bằng một dict hoặc một tệp YAML."""
    base = yaml.safe_load(resources.files(package).joinpath(filename).read_text(encoding="utf-8"))
    where = what
    if isinstance(overrides, (str, Path)):
        where = str(overrides)
        try:
            overrides = yaml.safe_load(Path(overrides).read_text(encoding="utf-8")) or {}
        except FileNotFoundError:
            raise SettingsError(f"Không tìm thấy tệp {what} '{where}'.") from None
        except (OSError, UnicodeDecodeError) as e:
            raise SettingsError(f"Không đọc được tệp {what} '{where}': {e}") from None
        except yaml.YAMLError as e:
            raise SettingsError(f"Tệp '{where}' không đúng dạng YAML: {e}") from None
        if not isinstance(overrides, dict):
            raise SettingsError(f"Tệp '{where}' phải gồm các dòng 'tên: giá trị'.")
    base.update(dict(overrides or {}))
    try:
        return model.model_validate(base)
    except ValidationError as e:
        msgs = []
        for err in e.errors():
            loc = ".".join(str(x) for x in err["loc"])
            msg = "không có mục này trong mẫu" if err["type"] == "extra_forbidden" else err["msg"]
            msgs.append(f"mục '{loc}': {msg}")
        raise SettingsError(f"Tệp '{where}' có lỗi: " + "; ".join(msgs)) from None


def load_dossier_settings(overrides: Mapping[str, Any] | str | Path | None = None) -> DossierSettings:
    """Biến mẫu mặc định của hồ sơ công nhận, ghi đè bằng một dict hoặc một tệp YAML của cán bộ.

    >>> load_dossier_settings().chuc_vu
    'CHỦ TỊCH'
    >>> load_dossier_settings({"khong_co": 1})  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    SettingsError: Tệp 'mẫu hồ sơ' có lỗi: mục 'khong_co': không có mục này trong mẫu
    """
    return load_yaml_settings(DossierSettings, __package__, "mac_dinh.yaml", overrides, "mẫu hồ sơ")

"""Biến mẫu của văn bản (báo cáo, hồ sơ, kế hoạch…): giá trị mặc định trong gói, cán bộ ghi đè bằng dict hoặc YAML.

Một chỗ cho cả ba loại văn bản: đọc tệp YAML, báo lỗi tiếng Việt, điền các chỗ ``{…}``, đọc ngày dd/mm/yyyy.

    >>> fill_text("Hội Khuyến học {xa} năm {nam} {khac}", xa="xã Hòa Mẫu", nam=2025)
    'Hội Khuyến học xã Hòa Mẫu năm 2025 {khac}'
    >>> vn_date("05/01/2027")
    datetime.date(2027, 1, 5)
"""

from __future__ import annotations

import datetime as dt
import string
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Mapping, TypeVar

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from . import yaml_text

__all__ = ["SettingsError", "FilledSettings", "fill_text", "vn_date", "load_yaml_settings", "DocNumber", "VnDate"]


class SettingsError(ValueError):
    """Tệp mẫu có lỗi (thông báo tiếng Việt)."""


class _Formatter(string.Formatter):
    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key in kwargs:
            return kwargs[key]
        return "{" + str(key) + "}"


def fill_text(text: str, **values: Any) -> str:
    """Điền các chỗ {…} có trong ``values``; chỗ không biết giữ nguyên (xem ví dụ của mô-đun)."""
    return _Formatter().vformat(text, (), values)


def vn_date(v: Any) -> dt.date | None:
    """Ngày cán bộ gõ dạng dd/mm/yyyy; chuỗi rỗng là chưa có ngày.

    >>> vn_date("2027-01-05")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ValueError: ngày '2027-01-05' phải viết dạng dd/mm/yyyy, ví dụ 05/01/2027
    """
    if isinstance(v, str) and v.strip():
        try:
            return dt.datetime.strptime(v.strip(), "%d/%m/%Y").date()
        except ValueError:
            raise ValueError(f"ngày '{v}' phải viết dạng dd/mm/yyyy, ví dụ 05/01/2027") from None
    return v or None


#: A document number as the officer typed it (12, "12", "12/BC-HKH"); empty when not numbered yet.
DocNumber = Annotated[str, BeforeValidator(lambda v: "" if v is None else str(v))]
#: A date typed dd/mm/yyyy (or already a date); None when not dated yet.
VnDate = Annotated[dt.date | None, BeforeValidator(vn_date)]


class FilledSettings(BaseModel):
    """Biến mẫu có thể điền tên xã, tỉnh, năm… vào mọi chuỗi (``filled``)."""

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


M = TypeVar("M", bound=BaseModel)


def load_yaml_settings(model: type[M], package: str, filename: str,
                       overrides: Mapping[str, Any] | str | Path | None = None, what: str = "mẫu") -> M:
    """Giá trị mặc định (tệp ``filename`` trong gói ``package``) ghi đè bằng một dict hoặc một tệp YAML.

    >>> from khuyenhoc.report_settings import ReportSettings
    >>> load_yaml_settings(ReportSettings, "khuyenhoc", "bao_cao_mac_dinh.yaml", {"so": 3}).so
    '3'
    >>> load_yaml_settings(ReportSettings, "khuyenhoc", "bao_cao_mac_dinh.yaml", "/khong/co.yaml",
    ...                    "mẫu báo cáo")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    SettingsError: Không tìm thấy tệp mẫu báo cáo '/khong/co.yaml'.
    """
    base = yaml_text.load(resources.files(package).joinpath(filename).read_text(encoding="utf-8"))
    where = what
    if isinstance(overrides, (str, Path)):
        where = str(overrides)
        try:
            overrides = yaml_text.load(Path(overrides).read_text(encoding="utf-8")) or {}
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

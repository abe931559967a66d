"""Các biến mẫu của báo cáo (tên cơ quan, số hiệu, người ký, lời văn): mặc định + phần cán bộ sửa.

Ví dụ::

    >>> s = load_settings({"so": 15, "nguoi_ky": "Lê Văn Hùng"})
    >>> s.number_symbol()
    'Số: 15/BC-HKH'
    >>> s.nguoi_ky
    'Lê Văn Hùng'
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping

from .settings_files import DocNumber, FilledSettings, SettingsError, VnDate, load_yaml_settings

__all__ = ["ReportSettings", "load_settings", "SettingsError"]


class ReportSettings(FilledSettings):
    """Biến mẫu của báo cáo năm (xem ``bao_cao_mac_dinh.yaml``)."""

    co_quan_chu_quan: str
    co_quan_ban_hanh: str
    loai_van_ban: str = "BÁO CÁO"
    ky_hieu_loai: str = "BC"
    ky_hieu_co_quan: str = "HKH"
    so: DocNumber = ""
    dia_danh: str
    ngay: VnDate = None
    trich_yeu: list[str]
    mo_dau: str
    nguyen_nhan: list[str] = []
    nhiem_vu: list[str] = []
    de_xuat: list[str] = []
    tham_quyen: str
    chuc_vu: str
    nguoi_ky: str
    noi_nhan: list[str]

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


def load_settings(overrides: Mapping[str, Any] | str | Path | None = None) -> ReportSettings:
    """Biến mẫu mặc định, ghi đè bằng một dict hoặc một tệp YAML của cán bộ.

    >>> load_settings().chuc_vu
    'CHỦ TỊCH'
    """
    return load_yaml_settings(ReportSettings, "khuyenhoc", "bao_cao_mac_dinh.yaml", overrides, "mẫu báo cáo")

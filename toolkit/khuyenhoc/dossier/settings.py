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

from pathlib import Path
from typing import Any, Mapping

from ..settings_files import DocNumber, FilledSettings, SettingsError, VnDate, fill_text, load_yaml_settings

__all__ = ["DossierSettings", "load_dossier_settings", "load_yaml_settings", "SettingsError", "fill_text"]


class DossierSettings(FilledSettings):
    """Biến mẫu của hồ sơ công nhận (xem ``dossier/mac_dinh.yaml``)."""

    co_quan_chu_quan: str
    co_quan_ban_hanh: str
    ky_hieu_co_quan: str = "HKH"
    dia_danh: str
    ngay: VnDate = None
    so_to_trinh: DocNumber = ""
    so_bien_ban: DocNumber = ""
    so_bao_cao: DocNumber = ""
    so_quyet_dinh: DocNumber = ""
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

    def number(self, type_code: str, no: str, issuer_code: str | None = None) -> str:
        """'Số: 12/TTr-HKH' (hoặc chừa chỗ trống khi chưa có số)."""
        no = str(no).strip() or "\u00a0" * 6
        return f"Số: {no}/{type_code}-{issuer_code or self.ky_hieu_co_quan}"


def load_dossier_settings(overrides: Mapping[str, Any] | str | Path | None = None) -> DossierSettings:
    """Biến mẫu mặc định của hồ sơ công nhận, ghi đè bằng một dict hoặc một tệp YAML của cán bộ.

    >>> load_dossier_settings().chuc_vu
    'CHỦ TỊCH'
    >>> load_dossier_settings({"khong_co": 1})  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    SettingsError: Tệp 'mẫu hồ sơ' có lỗi: mục 'khong_co': không có mục này trong mẫu
    """
    return load_yaml_settings(DossierSettings, __package__, "mac_dinh.yaml", overrides, "mẫu hồ sơ")

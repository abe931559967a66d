"""Định dạng số, tiền và ngày theo kiểu Việt Nam (giữ để tương thích: dùng ``khuyenhoc.vnformat``).

Ví dụ::

    >>> so(1234567), tien(50000), phan_tram(19.456)
    ('1.234.567', '50.000 đ', '19,5%')
"""

from ..vnformat import gia_tri, ngay, ngay_thang_nam, phan_tram, so, so_gon, so_theo_don_vi, tien  # noqa: F401

__all__ = ["so", "so_gon", "tien", "phan_tram", "ngay", "gia_tri", "ngay_thang_nam", "so_theo_don_vi"]

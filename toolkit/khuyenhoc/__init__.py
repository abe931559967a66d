"""khuyenhoc — bộ công cụ cho cán bộ Hội Khuyến học.

Đọc sổ sách của xã (Excel/CSV), đánh giá các mô hình học tập theo bộ tiêu chí,
kiểm tra minh chứng, tính chỉ tiêu và lập báo cáo.

Ví dụ::

    >>> import khuyenhoc
    >>> khuyenhoc.__version__
    '0.1.0'
"""

__version__ = "0.1.0"

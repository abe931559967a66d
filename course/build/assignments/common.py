"""Pieces shared by all graded assignments."""

from __future__ import annotations

from ..cells import locked_code, locked_md

#: Helpers every test cell may use; lives in a locked, ungraded set-up cell.
SETUP = '''
import math
import numbers
import os
import unicodedata


def chuan_hoa(chu):
    """Chuẩn hóa chữ để so sánh: dạng NFC, bỏ khoảng trắng thừa, không phân biệt hoa thường."""
    return " ".join(unicodedata.normalize("NFC", str(chu)).split()).casefold()


def da_tra_loi(*ten_bien):
    """Báo bằng tiếng Việt nếu câu trả lời chưa có (ô trả lời chưa viết hoặc chưa chạy)."""
    for ten in ten_bien:
        assert ten in globals(), (
            f"Chưa thấy '{ten}'. Hãy viết câu trả lời vào ô phía trên "
            "(xóa hai dòng có sẵn, kể cả dòng raise NotImplementedError()) rồi chạy ô đó trước."
        )


def la_so(x):
    """True nếu x là một con số (không phải chữ, không phải Đúng/Sai)."""
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


print("✅ Đã sẵn sàng. Hãy làm lần lượt từ câu 1.")
'''

HOW_TO = """
**Cách làm bài**

1. Chạy ô chuẩn bị ngay dưới đây (Shift + Enter).
2. Ở mỗi ô trả lời, **xóa hai dòng** `# VIẾT CÂU TRẢ LỜI CỦA BẠN Ở ĐÂY` và `raise NotImplementedError()`,
   rồi viết câu trả lời. Chạy ô trả lời, rồi chạy ô kiểm tra 🔒 ngay sau nó.
3. Ô kiểm tra in "đúng dạng" nghĩa là máy đọc được câu trả lời; **đúng hay sai** được chấm khi giảng viên thu bài
   (có thêm phần kiểm tra ẩn).
4. Xong thì lưu (Ctrl + S), bấm **Validate** (kiểm tra bài), rồi **Submit** (nộp bài).
   Không sao chép, không xóa ô.
"""


def setup_cells(assignment: str) -> list:
    return [locked_md(f"{assignment}_cach_lam", HOW_TO),
            locked_code(f"{assignment}_chuan_bi", SETUP)]

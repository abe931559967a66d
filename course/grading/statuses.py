"""Grading statuses shown to trainers: what happened to a submission, why, and what to do.

>>> STATUSES["tampered"].label
'Bị can thiệp'
>>> sorted(STATUSES) == sorted(ORDER)
True
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    """One grading status: its code, the label trainers see, the reason and what the trainer should do."""

    code: str
    label: str
    reason: str
    todo: str
    scored: bool  # True when the automatic marks count as they are


STATUSES = {s.code: s for s in [
    Status("graded", "Đã chấm", "Máy đã chấm xong mọi câu tự động.", "Không cần làm gì.", True),
    Status("manual", "Chờ chấm tay", "Máy đã chấm câu tự động; còn câu viết chờ giảng viên chấm.",
           "Chấm các câu viết (Formgrader, lệnh cho-diem hoặc nhap-diem-tay).", True),
    Status("kernel_died", "Kernel bị dừng", "Sổ tay làm kernel dừng giữa chừng (hết bộ nhớ, tự thoát hoặc lỗi nặng); "
           "các câu chưa chạy được tính 0.",
           "Mở bài nộp xem ô cuối cùng chạy được; nếu do máy chấm thì chấm lại, nếu do bài thì báo học viên sửa.", False),
    Status("timed_out", "Quá giờ", "Một ô chạy quá thời gian cho phép (vòng lặp không dừng hoặc việc quá nặng); "
           "ô đó và các câu phụ thuộc được tính 0.",
           "Xem ô bị quá giờ trong bài đã chấm; báo học viên sửa vòng lặp rồi nộp lại, hoặc chấm lại khi máy rảnh.",
           False),
    Status("tampered", "Bị can thiệp", "Bài có mã thay đổi cơ chế chạy của IPython, gán đè hàm của bộ công cụ hoặc "
           "của ô kiểm tra, hoặc tự dừng kernel: điểm tự động bị giữ lại, không tính.",
           "Đọc các ô được nêu; nếu là nhầm lẫn vô tình thì cho điểm tay, nếu cố ý thì xử lý theo quy chế lớp.", False),
    Status("unreadable", "Tệp hỏng", "Tệp nộp không mở được (không phải sổ tay .ipynb hợp lệ).",
           "Nhờ học viên mở lại bài trong JupyterLab, lưu (Ctrl + S) rồi nộp lại.", False),
    Status("wrong_name", "Sai tên tệp", "Tệp nộp không mang tên sổ tay của bài (đã đổi tên hoặc nộp nhầm tệp).",
           "Nhờ học viên nộp đúng tệp của bài (không đổi tên), hoặc đổi tên lại rồi thu bài lần nữa.", False),
    Status("unknown_trainee", "Không có trong danh sách", "Mã học viên của bài nộp không có trong danh sách lớp.",
           "Kiểm tra mã học viên; nếu đúng là học viên của lớp thì thêm vào danh sách (nhap-hoc-vien) rồi chấm lại.",
           False),
    Status("not_submitted", "Chưa nộp", "Học viên chưa nộp bài này.", "Nhắc học viên nộp bài.", False),
]}

#: Order from best to worst (the worse status wins when several apply).
ORDER = ["graded", "manual", "not_submitted", "timed_out", "kernel_died", "tampered", "unreadable", "wrong_name",
         "unknown_trainee"]


def worst(codes) -> str:
    """The most serious of several status codes.

    >>> worst(["graded", "timed_out", "manual"])
    'timed_out'
    """
    codes = list(codes) or ["graded"]
    return max(codes, key=ORDER.index)

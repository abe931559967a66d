"""Lệnh ``khuyenhoc``: dùng bộ công cụ từ cửa sổ dòng lệnh.

Mỗi lệnh con nằm trong một mô-đun riêng của gói này và có hàm
``register(subparsers)``: hàm đó thêm lệnh con (``subparsers.add_parser``) và
gắn hàm chạy bằng ``set_defaults(run=...)``; hàm chạy nhận ``args`` và trả về mã
thoát. Mô-đun mới đặt trong ``khuyenhoc/cli/`` được nạp tự động (tên bắt đầu
bằng ``_`` thì bỏ qua); ``COMMAND_ORDER`` chỉ định thứ tự hiện trong trợ giúp.

Mã thoát: 0 xong, 1 dữ liệu hoặc bộ tiêu chí có vấn đề (có giải thích bằng tiếng
Việt), 2 gõ lệnh sai. Không bao giờ in traceback (trừ khi đặt biến môi trường
``KHUYENHOC_DEBUG=1``).

Adding a command (in your own module, e.g. ``cli/assess_cmd.py``)::

    def register(subparsers):
        p = subparsers.add_parser("assess", help="Đánh giá …", description="…")
        p.add_argument("tep", help="…")
        p.set_defaults(run=run)

    def run(args) -> int:
        ...
        return 0

Raise ``CommandError("thông báo tiếng Việt", code)`` for a clean exit with a message.

Ví dụ::

    >>> from khuyenhoc.cli import main
    >>> main(["--phien-ban"])
    khuyenhoc 0.1.0
    0
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import pkgutil
import sys
from typing import Iterator, Sequence

from .. import __version__
from ..problems import IntakeError

__all__ = ["main", "build_parser", "CommandError", "COMMAND_ORDER", "EXIT_OK", "EXIT_DATA", "EXIT_USAGE"]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2

#: Modules listed first in the help, in this order; other modules of the package follow, sorted.
COMMAND_ORDER = ("sample_cmd", "template_cmd", "validate_cmd", "criteria_cmd", "privacy_cmd")


class CommandError(Exception):
    """Lỗi có thông báo tiếng Việt cho người dùng, kèm mã thoát (mặc định 1)."""

    def __init__(self, message: str, code: int = EXIT_DATA):
        super().__init__(message)
        self.code = code


# --------------------------------------------------------------------------- Vietnamese argparse

_VI = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "show this help message and exit": "hiện trợ giúp này rồi thoát",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không hiểu được: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không có: %(value)r (chọn một trong: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn không rõ: %(option)s có thể là %(matches)s",
    "not allowed with argument %s": "không dùng được cùng với %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ignored explicit argument %r": "bỏ qua giá trị %r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "show program's version number and exit": "hiện số phiên bản rồi thoát",
}


def _vi_gettext(text: str) -> str:
    return _VI.get(text, text)


def _vi_ngettext(singular: str, plural: str, n: int) -> str:
    return _VI.get(singular if n == 1 else plural, singular if n == 1 else plural)


@contextlib.contextmanager
def _vietnamese_argparse() -> Iterator[None]:
    """Translate argparse's own messages while the CLI runs (restored afterwards)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _vi_gettext, _vi_ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class VietnameseParser(argparse.ArgumentParser):
    """ArgumentParser thông báo lỗi bằng tiếng Việt và thoát với mã 2."""

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: lỗi: {message}\nGõ '{self.prog} -h' để xem hướng dẫn.\n")


def _command_modules() -> list[str]:
    found = [m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]
    first = [m for m in COMMAND_ORDER if m in found]
    return first + sorted(m for m in found if m not in COMMAND_ORDER)


def build_parser() -> argparse.ArgumentParser:
    """Bộ phân tích dòng lệnh với mọi lệnh con đã đăng ký."""
    parser = VietnameseParser(
        prog="khuyenhoc",
        description="Bộ công cụ của Hội Khuyến học: đọc và kiểm tra sổ sách của xã, đánh giá các mô hình học tập, "
                    "lập báo cáo.",
        epilog="Gõ 'khuyenhoc <lệnh> -h' để xem hướng dẫn của từng lệnh. Mã thoát: 0 xong, 1 dữ liệu có vấn đề, "
               "2 gõ lệnh sai.",
    )
    parser.add_argument("--phien-ban", "--version", action="version", version=f"khuyenhoc {__version__}",
                        help="hiện số phiên bản rồi thoát")
    sub = parser.add_subparsers(title="các lệnh", metavar="<lệnh>", dest="lenh", parser_class=VietnameseParser)
    broken = []
    for name in _command_modules():
        try:
            mod = importlib.import_module(f"{__name__}.{name}")
        except Exception as exc:  # a colleague's module must not break the others
            broken.append(f"{name} ({type(exc).__name__}: {exc})")
            continue
        register = getattr(mod, "register", None)
        if callable(register):
            register(sub)
    parser.set_defaults(_broken=broken)
    return parser


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


def main(argv: Sequence[str] | None = None) -> int:
    """Chạy lệnh ``khuyenhoc`` với các tham số ``argv`` (mặc định: dòng lệnh); trả về mã thoát.

    >>> main(["lenh-khong-co"])  # the usage and the error go to stderr
    2
    """
    _utf8_streams()
    debug = os.environ.get("KHUYENHOC_DEBUG") == "1"
    try:
        with _vietnamese_argparse():
            parser = build_parser()
            args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
        for b in getattr(args, "_broken", []):
            print(f"Cảnh báo: không nạp được lệnh từ mô-đun {b}.", file=sys.stderr)
        run = getattr(args, "run", None)
        if run is None:
            parser.print_help()
            return EXIT_USAGE
        code = run(args)
        return EXIT_OK if code is None else int(code)
    except SystemExit as exc:  # argparse: help (0) or wrong usage (2)
        return exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else EXIT_USAGE)
    except CommandError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return exc.code
    except IntakeError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_DATA
    except BrokenPipeError:  # output piped into `head` or closed early: stop quietly
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return EXIT_DATA
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return EXIT_DATA
    except Exception as exc:  # never a traceback for the user
        if debug:
            raise
        print(f"Lỗi ngoài dự kiến ({type(exc).__name__}): {exc}\n"
              "Hãy gửi thông báo này cho người hỗ trợ kỹ thuật; đặt biến môi trường KHUYENHOC_DEBUG=1 "
              "để xem chi tiết.", file=sys.stderr)
        return EXIT_DATA

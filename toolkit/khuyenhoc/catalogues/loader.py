"""Đọc một tệp bộ tiêu chí (YAML) và báo lỗi rõ ràng: tệp nào, mục nào trong tệp, sai gì.

Ví dụ::

    >>> from pathlib import Path
    >>> c = load_catalogue(Path(__file__).parent / "cong-dan-hoc-tap-qd324.yaml")
    >>> c.id, len(c.indicators())
    ('congdan-qd324', 10)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .. import yaml_text
from .model import Catalogue


class CatalogueError(ValueError):
    """Bộ tiêu chí không đọc được hoặc sai mẫu; ``problems`` là danh sách thông báo tiếng Việt."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


_PYDANTIC_VI = {
    "missing": "thiếu mục bắt buộc",
    "extra_forbidden": "mục này không có trong mẫu bộ tiêu chí (gõ sai tên?)",
    "string_type": "phải là chữ",
    "float_type": "phải là số",
    "float_parsing": "phải là số",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "bool_type": "phải là Có/Không (true/false)",
    "bool_parsing": "phải là Có/Không (true/false)",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "list_type": "phải là một danh sách (các dòng bắt đầu bằng '-')",
    "tuple_type": "phải là một danh sách (các dòng bắt đầu bằng '-')",
    "dict_type": "phải là một bảng (các dòng 'tên: giá trị')",
    "model_type": "phải là một bảng (các dòng 'tên: giá trị')",
    "too_short": "không được để trống danh sách",
    "greater_than_equal": "quá nhỏ",
    "less_than_equal": "quá lớn",
    "string_pattern_mismatch": "chỉ được dùng chữ thường không dấu, chữ số và dấu '-'",
}


def _where(raw: Any, loc: tuple) -> str:
    """Đường dẫn trong tệp, kèm mã của tiêu chí/chỉ số cho dễ tìm: criteria[1] (GDHT-2).indicators[0] (GDHT-2.1)."""
    parts: list[str] = []
    node = raw
    for key in loc:
        if isinstance(key, int):
            label = f"[{key + 1}]"
            try:
                node = node[key]
                if isinstance(node, dict) and "id" in node:
                    label += f" ({node['id']})"
            except (IndexError, KeyError, TypeError):
                node = None
            if parts:
                parts[-1] += label
            else:
                parts.append(label)
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return ".".join(parts) or "(toàn tệp)"


def _message(err: dict) -> str:
    typ = err.get("type", "")
    if typ == "value_error":
        msg = str(err.get("msg", ""))
        return msg.removeprefix("Value error, ")
    if typ == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"giá trị '{err.get('input')}' không hợp lệ; chọn một trong: {expected}"
    base = _PYDANTIC_VI.get(typ)
    if base is None:
        return f"giá trị không hợp lệ ({err.get('msg', typ)})"
    if typ in ("greater_than_equal", "less_than_equal"):
        bound = err.get("ctx", {}).get("ge", err.get("ctx", {}).get("le"))
        return f"{base} (giới hạn: {bound})"
    if "input" in err and typ not in ("missing", "extra_forbidden"):
        return f"'{err['input']}' {base}"
    return base


def parse_catalogue(raw: Any, source: str) -> Catalogue:
    """Kiểm tra nội dung đã đọc từ tệp ``source`` theo mẫu bộ tiêu chí."""
    if not isinstance(raw, dict):
        raise CatalogueError([f"Tệp '{source}': nội dung phải là một bảng 'tên: giá trị' (bộ tiêu chí), "
                              "không phải danh sách hay chữ đơn lẻ."])
    try:
        return Catalogue.model_validate(raw)
    except ValidationError as e:
        problems = []
        for err in e.errors():
            problems.append(f"Tệp '{source}', mục {_where(raw, tuple(err['loc']))}: {_message(err)}.")
        raise CatalogueError(problems) from None


def read_yaml(path: str | Path, error: type[CatalogueError] = CatalogueError, what: str = "bộ tiêu chí") -> Any:
    """Nội dung của một tệp YAML (tệp không bị sửa); lỗi → ``error`` nêu tệp, dòng và cột bằng tiếng Việt."""
    p = Path(path)
    if not p.is_file():
        raise error([f"Không tìm thấy tệp {what} '{p}'."])
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise error([f"Tệp '{p.name}': không đọc được dạng chữ UTF-8. Hãy lưu lại tệp với mã UTF-8."]) from None
    try:
        return yaml_text.load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f", dòng {mark.line + 1}, cột {mark.column + 1}" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e)
        raise error([f"Tệp '{p.name}'{where}: lỗi cú pháp YAML ({problem}). Kiểm tra thụt lề "
                     "(dùng dấu cách, không dùng Tab) và dấu ':' sau mỗi tên mục."]) from None


def load_catalogue(path: str | Path) -> Catalogue:
    """Đọc bộ tiêu chí từ tệp YAML ``path`` (tệp không bị sửa).

    Lỗi cú pháp hay sai mẫu → ``CatalogueError`` với thông báo tiếng Việt nêu tệp, dòng hoặc mục.
    """
    return parse_catalogue(read_yaml(path), Path(path).name)

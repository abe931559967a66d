"""Tệp quy tắc của tổ chức Hội (YAML): các dấu hiệu chi hội yếu và điều kiện kết nạp, báo lỗi tiếng Việt.

Ví dụ::

    >>> r = load_branch_rules()
    >>> r.yeu_khi_so_dau_hieu, r.ket_nap.tuoi_toi_thieu
    (2, 18)
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .. import yaml_text

__all__ = ["BranchRules", "Sign", "BranchRulesError", "load_branch_rules", "parse_branch_rules", "BRANCH_FIELDS",
           "BRANCH_KINDS", "RULES_FILE"]

RULES_FILE = "chi-hoi-yeu.yaml"
BRANCH_KINDS = ("Chi hội thôn", "Chi hội cơ quan", "Chi hội trường học", "Chi hội doanh nghiệp, hợp tác xã")

#: Facts of a branch a sign may test: name → (Vietnamese label, kind).
BRANCH_FIELDS: dict[str, tuple[str, str]] = {
    "hoi_vien": ("số hội viên", "num"),
    "ket_nap_moi": ("số kết nạp mới", "num"),
    "ra_hoi": ("số ra Hội", "num"),
    "tang_giam": ("tăng, giảm so với cuối năm trước", "num"),
    "co_chi_hoi_truong": ("có chi hội trưởng", "bool"),
    "can_bo": ("số cán bộ chi hội", "num"),
    "can_bo_tap_huan": ("số cán bộ được tập huấn", "num"),
    "thu_quy": ("số tiền thu cho quỹ (đồng)", "num"),
    "ty_le_hoi_vien": ("tỷ lệ hội viên (%)", "num"),
}


class BranchRulesError(ValueError):
    """Tệp quy tắc tổ chức Hội có lỗi (các thông báo tiếng Việt ở ``problems``)."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sign(_Strict):
    """Một dấu hiệu chi hội yếu: một thông tin so với một ngưỡng (chỉ với một số loại chi hội nếu có ``ap_dung``)."""

    ma: str = Field(pattern=r"^[a-z0-9-]+$")
    ten: str
    truong: str
    phep: Literal["=", "!=", ">=", "<=", ">", "<"]
    gia_tri: bool | float
    ap_dung: list[Literal[BRANCH_KINDS]] = []  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _check(self) -> "Sign":
        if self.truong not in BRANCH_FIELDS:
            raise ValueError(f"không có thông tin '{self.truong}'; dùng một trong: {', '.join(BRANCH_FIELDS)}")
        kind = BRANCH_FIELDS[self.truong][1]
        if kind == "bool" and not isinstance(self.gia_tri, bool):
            raise ValueError(f"'{self.truong}' là Có/Không: ghi true hoặc false")
        if kind == "num" and isinstance(self.gia_tri, bool):
            raise ValueError(f"'{self.truong}' là số: ghi một con số, không phải true/false")
        if kind == "bool" and self.phep not in ("=", "!="):
            raise ValueError(f"'{self.truong}' là Có/Không: chỉ dùng '=' hoặc '!='")
        return self


class Admission(_Strict):
    tuoi_toi_thieu: int = Field(default=18, ge=0, le=120)


class BranchRules(_Strict):
    """Các dấu hiệu chi hội yếu, số dấu hiệu để xếp là yếu, điều kiện kết nạp."""

    ten: str
    nguon: str = ""
    trang_thai: str = "ví dụ"
    yeu_khi_so_dau_hieu: int = Field(default=1, ge=1)
    dau_hieu: list[Sign] = Field(min_length=1)
    ket_nap: Admission = Admission()


def parse_branch_rules(raw, source: str) -> BranchRules:
    """Kiểm tra nội dung tệp quy tắc; lỗi → ``BranchRulesError`` nêu tệp, mục (kèm mã dấu hiệu) và lỗi."""
    if not isinstance(raw, dict):
        raise BranchRulesError([f"Tệp '{source}': nội dung phải là một bảng 'tên: giá trị'."])
    try:
        return BranchRules.model_validate(raw)
    except ValidationError as e:
        problems = []
        for err in e.errors():
            loc = list(err["loc"])
            where = []
            node = raw
            for k in loc:
                if isinstance(k, int):
                    node = node[k] if isinstance(node, list) and k < len(node) else None
                    tag = f" ({node['ma']})" if isinstance(node, dict) and "ma" in node else ""
                    where[-1:] = [(where[-1] if where else "") + f"[{k + 1}]{tag}"]
                elif isinstance(k, str) and (k.startswith("literal[") or k in ("bool", "float")):
                    continue
                else:
                    where.append(str(k))
                    node = node.get(k) if isinstance(node, dict) else None
            msg = str(err["msg"]).removeprefix("Value error, ")
            if err["type"] == "missing":
                msg = "thiếu mục bắt buộc"
            elif err["type"] == "extra_forbidden":
                msg = "mục này không có trong mẫu (gõ sai tên?)"
            elif err["type"] == "literal_error":
                msg = f"'{err.get('input')}' không hợp lệ; chọn một trong: {err.get('ctx', {}).get('expected', '')}"
            elif err["type"] not in ("value_error",):
                msg = f"'{err.get('input')}' không hợp lệ ({err['msg']})"
            problems.append(f"Tệp '{source}', mục {'.'.join(where) or '(toàn tệp)'}: {msg}.")
        raise BranchRulesError(sorted(set(problems), key=problems.index)) from None


def load_branch_rules(path: str | os.PathLike | None = None) -> BranchRules:
    """Đọc tệp quy tắc tổ chức Hội (mặc định: ví dụ của xã mẫu); tệp không bị sửa."""
    if path is None:
        text, name = resources.files(__package__).joinpath(RULES_FILE).read_text(encoding="utf-8"), RULES_FILE
    else:
        p = Path(path)
        name = p.name
        if not p.is_file():
            raise BranchRulesError([f"Không tìm thấy tệp quy tắc '{p}'."])
        try:
            text = p.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise BranchRulesError([f"Tệp '{name}': không đọc được dạng chữ UTF-8."]) from None
    try:
        raw = yaml_text.load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f", dòng {mark.line + 1}, cột {mark.column + 1}" if mark is not None else ""
        raise BranchRulesError([f"Tệp '{name}'{where}: lỗi cú pháp YAML. Kiểm tra thụt lề (dùng dấu cách, "
                                "không dùng Tab) và dấu ':' sau mỗi tên mục."]) from None
    return parse_branch_rules(raw, name)

"""Ngưỡng do địa phương quy định: tệp YAML ghi các ngưỡng mà tỉnh hoặc xã đã quyết định.

Bộ tiêu chí để ``threshold: null`` ở chỗ văn bản gốc không cho con số: công cụ không
bao giờ tự đặt. Khi tỉnh hoặc xã đã quyết định (bằng kế hoạch, hướng dẫn…), cán bộ ghi
các con số đó vào một tệp ngưỡng địa phương, kèm ai quyết định, văn bản nào, ngày nào::

    decided_by: UBND xã Hòa Mẫu
    document: Kế hoạch số 05/KH-UBND ngày 15/01/2024
    note: Áp dụng từ năm đánh giá 2024.
    catalogues:
      giadinh-qd387:
        thresholds:
          GDHT-2.2: 50            # số: 50 nghĩa là 50%
      donvi-tt24-2023:
        thresholds:
          "DVHT24-2.1:2": 90      # mức độ 2 (giống --nguong DVHT24-2.1:2=90)

Một chỉ số mà bộ tiêu chí đã có ngưỡng vẫn ghi được (địa phương quy định chặt hơn),
nhưng kết quả đánh giá sẽ nói rõ là ngưỡng của bộ tiêu chí đã được thay.

Ví dụ::

    >>> t = ThresholdLayer.inline({"GDHT-2.2": 50}, "dòng lệnh")
    >>> t.for_catalogue(get_catalogue("giadinh-qd387"))
    {'GDHT-2.2': 50}
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import get_catalogue
from .loader import CatalogueError, _message, _where, read_yaml
from .model import Catalogue

__all__ = ["ThresholdLayer", "ThresholdsError", "load_thresholds", "parse_thresholds", "resolve_thresholds",
           "ORIGIN_CATALOGUE", "ORIGIN_FILE", "ORIGIN_INLINE", "ORIGIN_CLI", "dump_thresholds"]

ORIGIN_CATALOGUE = "bộ tiêu chí"
ORIGIN_FILE = "tệp ngưỡng địa phương"
ORIGIN_INLINE = "tham số thresholds"
ORIGIN_CLI = "dòng lệnh (--nguong)"

Value = float | bool | str | None


class ThresholdsError(CatalogueError):
    """Tệp ngưỡng địa phương sai: ``problems`` là danh sách thông báo tiếng Việt (tệp, mục, sai gì)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _CatalogueEntry(_Strict):
    decided_by: str | None = None
    document: str | None = None
    note: str = ""
    thresholds: dict[str, Value | dict[int, Value]] = Field(min_length=1)


class _File(_Strict):
    title: str = "Ngưỡng do địa phương quy định"
    decided_by: str
    document: str
    note: str = ""
    catalogues: dict[str, _CatalogueEntry] = Field(min_length=1)


@dataclass(frozen=True)
class ThresholdLayer:
    """Một lớp ngưỡng do người dùng đặt (tệp ngưỡng địa phương, dòng lệnh hoặc tham số ``thresholds``).

    ``values``: mã bộ tiêu chí → mã chỉ số → ngưỡng (hoặc {mức độ: ngưỡng}); mã bộ tiêu chí ``"*"``:
    dùng cho mọi bộ tiêu chí có chỉ số đó. ``origin``: nguồn ngưỡng (hiện trong lời giải thích).
    """

    values: dict[str, dict[str, Any]]
    origin: str
    basis: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    title: str = ""
    decided_by: str = ""
    document: str = ""
    note: str = ""

    @classmethod
    def inline(cls, thresholds: Mapping[str, Any], origin: str = ORIGIN_INLINE) -> "ThresholdLayer":
        """Ngưỡng cho trực tiếp ``{mã chỉ số: ngưỡng}`` (dùng được cho mọi bộ tiêu chí có chỉ số đó)."""
        return cls({"*": dict(thresholds)}, origin)

    def for_catalogue(self, catalogue: Catalogue) -> dict[str, Any]:
        """Các ngưỡng của lớp này dành cho ``catalogue`` (dạng dùng cho ``Catalogue.with_thresholds``)."""
        return {**self.values.get("*", {}), **self.values.get(catalogue.id, {})}

    def label(self, catalogue_id: str) -> str:
        """Nguồn ngưỡng kèm số văn bản, ví dụ 'tệp ngưỡng địa phương (Kế hoạch số 05/KH-UBND ngày 15/01/2024)'."""
        basis = self.basis.get(catalogue_id) or self.basis.get("*")
        if not basis:
            return self.origin
        short = basis.split(" của ")[0].split(" — ")[0].split(", ")[0].strip()
        if "giả định" in basis and "giả định" not in short:
            short += " (giả định)"
        return f"{self.origin} ({short})"


def _file_problems(raw: dict, src: str) -> list[str]:
    """Check a parsed file against the registry of catalogues: catalogue, indicator, level, kind of value."""
    problems: list[str] = []
    for cid, entry in (raw.get("catalogues") or {}).items():
        where = f"Tệp '{src}', mục catalogues.{cid}"
        try:
            cat = get_catalogue(cid)
        except KeyError as e:
            problems.append(f"{where}: {e.args[0]}")
            continue
        inds = {i.id: i for _, i in cat.indicators()}
        for key, value in (entry.get("thresholds") or {}).items():
            ind_id, _, lv_text = str(key).partition(":")
            here = f"{where}.thresholds.{key}"
            ind = inds.get(ind_id)
            if ind is None:
                problems.append(f"{here}: không có chỉ số '{ind_id}' trong bộ tiêu chí '{cid}' "
                                f"(các chỉ số có: {', '.join(inds)}).")
                continue
            pairs: list[tuple[int | None, Any]]
            if lv_text:
                if isinstance(value, dict):
                    problems.append(f"{here}: đã ghi mức độ sau dấu ':' thì giá trị phải là một con số, "
                                    "không phải bảng.")
                    continue
                try:
                    pairs = [(int(lv_text), value)]
                except ValueError:
                    problems.append(f"{here}: mức độ '{lv_text}' phải là số (ví dụ {ind_id}:2).")
                    continue
            elif isinstance(value, dict):
                pairs = list(value.items())
            else:
                pairs = [(None, value)]
            for lv, v in pairs:
                problems += _value_problems(cat, ind, lv, v, here)
    return problems


def _value_problems(cat: Catalogue, ind, lv: int | None, v: Any, here: str) -> list[str]:
    if cat.rule.kind == "levels":
        if lv is None:
            return [f"{here}: bộ tiêu chí '{cat.id}' chia mức độ; ghi rõ mức độ, ví dụ \"{ind.id}:1\" hoặc "
                    f"\"{ind.id}:2\"."]
        if lv not in cat.level_numbers or not ind.applies_at(lv):
            return [f"{here}: chỉ số {ind.id} không xét ở mức độ {lv}."]
    elif lv is not None:
        return [f"{here}: bộ tiêu chí '{cat.id}' không chia mức độ; bỏ phần ':{lv}'."]
    if ind.unit == "có/không":
        if not isinstance(v, bool):
            return [f"{here}: chỉ số {ind.id} là Có/Không; ngưỡng phải là true (Có) hoặc false (Không), "
                    f"không phải '{v}'."]
        return []
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        hint = " (không ghi dấu %)" if isinstance(v, str) and v.strip().endswith("%") else ""
        return [f"{here}: ngưỡng của chỉ số {ind.id} phải là một con số ({ind.unit}){hint}, không phải '{v}'."]
    if ind.unit == "%" and not 0 <= v <= 100:
        return [f"{here}: ngưỡng {v} không hợp lệ: tỉ lệ phải từ 0 đến 100."]
    if v < 0:
        return [f"{here}: ngưỡng {v} không được âm."]
    return []


def _normalise(thresholds: Mapping[str, Any]) -> dict[str, Any]:
    """Keys 'ID:2' → {'ID': {2: v}}; numbers as float."""
    out: dict[str, Any] = {}
    for key, value in thresholds.items():
        ind, _, lv = str(key).partition(":")
        conv = (lambda x: x if isinstance(x, bool) or x is None else float(x))
        if lv:
            out.setdefault(ind, {})[int(lv)] = conv(value)
        elif isinstance(value, dict):
            out.setdefault(ind, {}).update({int(k): conv(x) for k, x in value.items()})
        else:
            out[ind] = conv(value)
    return out


def parse_thresholds(raw: Any, source: str, path: Path | None = None) -> ThresholdLayer:
    """Kiểm tra nội dung đã đọc từ tệp ngưỡng ``source``; trả về một ``ThresholdLayer``."""
    if not isinstance(raw, dict):
        raise ThresholdsError([f"Tệp '{source}': nội dung phải là một bảng 'tên: giá trị' (tệp ngưỡng địa phương), "
                               "không phải danh sách hay chữ đơn lẻ."])
    try:
        f = _File.model_validate(raw)
    except ValidationError as e:
        raise ThresholdsError([f"Tệp '{source}', mục {_where(raw, tuple(err['loc']))}: {_message(err)}."
                               for err in e.errors()]) from None
    problems = _file_problems(raw, source)
    if problems:
        raise ThresholdsError(problems)
    values, basis = {}, {}
    for cid, entry in f.catalogues.items():
        values[cid] = _normalise(entry.thresholds)
        who = entry.decided_by or f.decided_by
        doc = entry.document or f.document
        basis[cid] = f"{doc} — {who}" if who and who not in doc else doc
    return ThresholdLayer(values, ORIGIN_FILE, basis, path, f.title, f.decided_by, f.document, f.note)


def load_thresholds(path: str | os.PathLike) -> ThresholdLayer:
    """Đọc tệp ngưỡng địa phương ``path`` (YAML; tệp không bị sửa).

    Sai cú pháp, sai mẫu, bộ tiêu chí hay chỉ số không có, giá trị sai loại → ``ThresholdsError`` với thông báo
    tiếng Việt nêu tệp và mục.

    >>> from khuyenhoc import sample
    >>> t = load_thresholds(sample.path("mau")["thresholds"])
    >>> t.values["giadinh-qd387"]
    {'GDHT-2.2': 50.0}
    """
    p = Path(path)
    raw = read_yaml(p, ThresholdsError, "ngưỡng địa phương")
    return parse_thresholds(raw, p.name, p)


def _layers(thresholds: Any) -> list[ThresholdLayer]:
    if thresholds is None:
        return []
    if isinstance(thresholds, ThresholdLayer):
        return [thresholds]
    if isinstance(thresholds, (str, os.PathLike)):
        return [load_thresholds(thresholds)]
    if isinstance(thresholds, Mapping):
        return [ThresholdLayer.inline(thresholds)] if thresholds else []
    if isinstance(thresholds, Iterable):
        return [layer for t in thresholds for layer in _layers(t)]
    raise TypeError("thresholds phải là {mã chỉ số: ngưỡng}, đường dẫn tệp ngưỡng địa phương (.yaml), "
                    "một ThresholdLayer, hoặc danh sách các thứ đó")


def resolve_thresholds(catalogue: Catalogue, thresholds: Any) -> tuple[Catalogue, dict, list[str]]:
    """Áp các ngưỡng người dùng đặt (lần lượt, lớp sau thay lớp trước) vào ``catalogue``.

    Trả về (bộ tiêu chí đã đặt ngưỡng, nguồn của từng ngưỡng {(mã chỉ số, mức độ): nguồn}, các lưu ý).
    Lỗi (chỉ số không có…) → ``KeyError`` với thông báo tiếng Việt.

    >>> c, origins, notes = resolve_thresholds(get_catalogue("giadinh-qd387"), {"GDHT-2.2": 50})
    >>> c.indicator("GDHT-2.2").threshold, origins[("GDHT-2.2", None)]
    (50.0, 'tham số thresholds')
    """
    layers = _layers(thresholds)
    levels: list[int | None] = list(catalogue.level_numbers) if catalogue.rule.kind == "levels" else [None]
    origins: dict[tuple[str, int | None], str] = {}
    notes: list[str] = []
    original = catalogue
    merged: dict[str, Any] = {}
    used: list[ThresholdLayer] = []
    for layer in layers:
        mine = layer.for_catalogue(catalogue)
        if not mine:
            continue
        used.append(layer)
        for ind_id, v in _normalise(mine).items():
            if isinstance(v, dict) and isinstance(merged.get(ind_id), dict):
                merged[ind_id] = {**merged[ind_id], **v}
            else:
                merged[ind_id] = v
            lvs = list(v) if isinstance(v, dict) else levels
            for lv in lvs:
                origins[(ind_id, lv)] = layer.label(catalogue.id)
    if not merged:
        return catalogue, origins, notes
    catalogue = catalogue.with_thresholds(merged)
    from ..vnformat import fmt_requirement

    for (ind_id, lv), origin in origins.items():
        ind0 = original.indicator(ind_id)
        before = ind0.threshold_at(lv) if (lv is None or ind0.applies_at(lv)) else None
        after = catalogue.indicator(ind_id).threshold_at(lv)
        if before is not None and after is not None:
            where = f" (mức độ {lv})" if lv is not None else ""
            notes.append(f"Chỉ số {ind_id}{where}: bộ tiêu chí đặt ngưỡng {fmt_requirement(ind0.op, before, ind0.unit)}; "
                         f"{origin} thay bằng {fmt_requirement(ind0.op, after, ind0.unit)}.")
    for layer in used:
        ids = sorted({i for (i, _lv), o in origins.items() if o == layer.label(catalogue.id)})
        if ids:
            src = f" '{layer.path}'" if layer.path is not None else ""
            notes.append(f"Ngưỡng của {', '.join(ids)} lấy từ {layer.origin}{src}"
                         + (f": {layer.basis.get(catalogue.id)}." if layer.basis.get(catalogue.id) else "."))
    return catalogue, origins, notes


def dump_thresholds(title: str, decided_by: str, document: str, note: str, catalogues: Mapping[str, Mapping],
                    header: str = "") -> str:
    """Nội dung YAML của một tệp ngưỡng địa phương (dùng khi tạo tệp mẫu).

    ``catalogues``: mã bộ tiêu chí → {"thresholds": {...}, tùy chọn "decided_by", "document", "note"}.

    >>> print(dump_thresholds("T", "UBND xã A", "Kế hoạch số 1/KH-UBND", "", {"giadinh-qd387": {"thresholds": {"GDHT-2.2": 50}}}))
    title: T
    decided_by: UBND xã A
    document: Kế hoạch số 1/KH-UBND
    note: ''
    catalogues:
      giadinh-qd387:
        thresholds:
          GDHT-2.2: 50
    <BLANKLINE>
    """
    body = {"title": title, "decided_by": decided_by, "document": document, "note": note,
            "catalogues": {cid: dict(entry) for cid, entry in catalogues.items()}}
    text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=110, default_flow_style=False)
    return header + text

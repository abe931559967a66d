"""Đọc định nghĩa chỉ tiêu và bảng chỉ tiêu mục tiêu (tệp YAML hoặc CSV, sửa được).

Ví dụ::

    >>> defs = load_definitions()
    >>> defs.indicator("hoi_vien_dan_so").factor
    100.0
    >>> t = load_targets()
    >>> float(t[(t.indicator == "gdht") & (t.year == 2025)].value.iloc[0])
    70.0
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Literal

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from .. import yaml_text
from .hierarchy import LEVELS
from .measures import MEASURES

__all__ = ["Definition", "Definitions", "load_definitions", "load_targets", "TargetsError", "TARGET_COLUMNS"]

TARGET_COLUMNS = ["indicator", "plan", "plan_name", "priority", "year", "value", "direction", "source", "status", "note"]


class TargetsError(ValueError):
    """Tệp định nghĩa hoặc tệp chỉ tiêu có lỗi (thông báo bằng tiếng Việt)."""


class Definition(BaseModel):
    """Một chỉ tiêu: tử số / mẫu số × hệ số, tên, đơn vị tính, các cấp tính được."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    group: str
    numerator: str
    denominator: str | None = None
    factor: float = 1.0
    unit: str
    levels: tuple[Literal["thôn", "xã", "tỉnh"], ...] = ("xã", "tỉnh")
    direction: Literal[">=", "<="] = ">="
    description: str = ""

    @model_validator(mode="after")
    def _known_measures(self) -> "Definition":
        for m in (self.numerator, self.denominator):
            if m is not None and m not in MEASURES:
                raise ValueError(f"chỉ tiêu {self.id}: không có đại lượng '{m}' (các đại lượng: {', '.join(sorted(MEASURES))})")
        return self


class Group(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    name: str


class Definitions(BaseModel):
    """Tập định nghĩa chỉ tiêu, theo thứ tự trong tệp."""

    model_config = ConfigDict(frozen=True)

    version: str
    groups: tuple[Group, ...]
    indicators: tuple[Definition, ...]

    @model_validator(mode="after")
    def _unique_and_grouped(self) -> "Definitions":
        ids = [d.id for d in self.indicators]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"mã chỉ tiêu bị trùng: {', '.join(sorted(dup))}")
        groups = {g.id for g in self.groups}
        for d in self.indicators:
            if d.group not in groups:
                raise ValueError(f"chỉ tiêu {d.id}: nhóm '{d.group}' không có trong danh sách nhóm")
        return self

    def indicator(self, id: str) -> Definition:
        for d in self.indicators:
            if d.id == id:
                return d
        raise KeyError(id)

    def group_name(self, id: str) -> str:
        return {g.id: g.name for g in self.groups}[id]

    def frame(self) -> pd.DataFrame:
        """Bảng định nghĩa (một dòng mỗi chỉ tiêu), kèm tên nhóm và thứ tự."""
        rows = [d.model_dump() | {"group_name": self.group_name(d.group), "order": i}
                for i, d in enumerate(self.indicators)]
        return pd.DataFrame(rows)


def _read_yaml(path: Path | None, default: str) -> tuple[dict, str]:
    if path is None:
        text = resources.files(__package__).joinpath(default).read_text(encoding="utf-8")
        return yaml_text.load(text), default
    path = Path(path)
    try:
        return yaml_text.load(path.read_text(encoding="utf-8")), str(path)
    except FileNotFoundError:
        raise TargetsError(f"Không tìm thấy tệp '{path}'.") from None
    except yaml.YAMLError as e:
        raise TargetsError(f"Tệp '{path}' không đúng dạng YAML: {e}") from None


def _explain(e: ValidationError, where: str) -> str:
    parts = []
    for err in e.errors():
        loc = " → ".join(str(x) for x in err["loc"])
        parts.append(f"{loc}: {err['msg']}")
    return f"Tệp '{where}' có lỗi: " + "; ".join(parts)


def load_definitions(path: str | Path | None = None) -> Definitions:
    """Đọc định nghĩa chỉ tiêu (mặc định: tệp ``definitions.yaml`` đi kèm bộ công cụ).

    >>> len(load_definitions().indicators) > 20
    True
    """
    raw, where = _read_yaml(path, "definitions.yaml")
    try:
        return Definitions.model_validate(raw)
    except ValidationError as e:
        raise TargetsError(_explain(e, where)) from None


class _Target(BaseModel):
    indicator: str
    plan: str
    year: int | None = None
    value: float
    direction: Literal[">=", "<="] | None = None
    source: str
    status: Literal["READ", "INFERRED", "example", "local"] = "local"
    note: str = ""


def load_targets(path: str | Path | None = None, definitions: Definitions | None = None) -> pd.DataFrame:
    """Bảng chỉ tiêu mục tiêu (mặc định: QĐ 387, 677, 1373 và ví dụ kế hoạch Thanh Oai 2024).

    ``path`` is a YAML file (``plans`` + ``targets``) or a CSV file with the
    columns ``indicator, plan, year, value, source`` (optional ``plan_name,
    priority, direction, status, note``).

    >>> t = load_targets()
    >>> t[t.indicator == "quy_binh_quan"].value.tolist()
    [50000.0]
    """
    definitions = definitions or load_definitions()
    plans: dict[str, dict] = {}
    if path is not None and Path(path).suffix.lower() == ".csv":
        where = str(path)
        try:
            df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except FileNotFoundError:
            raise TargetsError(f"Không tìm thấy tệp '{path}'.") from None
        rows = df.to_dict("records")
        for r in rows:
            if r.get("plan_name"):
                plans.setdefault(r["plan"], {"id": r["plan"], "name": r["plan_name"],
                                             "priority": int(r.get("priority") or 1)})
            for k in ("year", "direction", "status", "note"):
                if k in r and r[k] == "":
                    r.pop(k)
    else:
        raw, where = _read_yaml(Path(path) if path else None, "targets.yaml")
        if not isinstance(raw, dict) or "targets" not in raw:
            raise TargetsError(f"Tệp '{where}' cần có mục 'targets'.")
        for p in raw.get("plans") or []:
            plans[p["id"]] = p
        rows = raw["targets"] or []
    out = []
    for i, r in enumerate(rows, start=1):
        try:
            t = _Target.model_validate(r)
        except ValidationError as e:
            raise TargetsError(_explain(e, f"{where}, chỉ tiêu thứ {i}")) from None
        try:
            d = definitions.indicator(t.indicator)
        except KeyError:
            raise TargetsError(f"Tệp '{where}', chỉ tiêu thứ {i}: không có chỉ tiêu mã '{t.indicator}'.") from None
        plan = plans.get(t.plan, {"id": t.plan, "name": t.plan, "priority": 1})
        out.append({
            "indicator": t.indicator, "plan": t.plan, "plan_name": plan.get("name", t.plan),
            "priority": int(plan.get("priority", 1)), "year": t.year, "value": t.value,
            "direction": t.direction or d.direction, "source": t.source, "status": t.status, "note": t.note,
        })
    df = pd.DataFrame(out, columns=TARGET_COLUMNS)
    df["year"] = df["year"].astype("Int64")
    df["value"] = df["value"].astype(float)
    return df

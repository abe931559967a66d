"""Mẫu (schema) của một bộ tiêu chí: văn bản, nguồn gốc, cách xét, tiêu chí và chỉ số.

A catalogue is pure data (a YAML file); this module declares its shape with
pydantic so that a malformed file is rejected with a precise message.

Ví dụ::

    >>> from khuyenhoc.catalogues.model import Indicator
    >>> Indicator(id="X-1", text="Có tủ sách", measure="declared", unit="có/không", threshold=True).threshold_at(1)
    1.0
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..schema import EVIDENCE_TYPES, MODELS

#: Model name of the UNESCO learning-city framework (not a commune learning title).
UNESCO_MODEL = "Thành phố học tập (UNESCO)"
ALL_MODELS = (*MODELS, UNESCO_MODEL)

SubjectKind = Literal["person", "household", "clan", "village", "unit", "commune", "province", "admin"]

#: Subject kind of each learning model (the table that holds its subjects).
MODEL_KIND: dict[str, str] = {
    "Công dân học tập": "person",
    "Gia đình học tập": "household",
    "Dòng họ học tập": "clan",
    "Cộng đồng học tập cấp thôn": "village",
    "Đơn vị học tập": "unit",
    "Cộng đồng học tập cấp xã": "commune",
    UNESCO_MODEL: "admin",
}

Threshold = float | bool | None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Document(_Strict):
    """Một văn bản căn cứ: số, ngày, cơ quan ban hành."""

    number: str
    date: dt.date | None = None
    issuer: str
    title: str = ""
    note: str = ""


class ClassBand(_Strict):
    """Một mức xếp loại theo tổng điểm (từ ``min`` điểm trở lên)."""

    name: str
    min: float


class LevelSpec(_Strict):
    """Một mức độ công nhận; ``wait_months``: số tháng tối thiểu kể từ quyết định công nhận mức thấp hơn."""

    level: int = Field(ge=1, le=9)
    name: str
    wait_months: int = Field(default=0, ge=0)


class Rule(_Strict):
    """Cách xét: ``all`` (mọi chỉ số đạt), ``points`` (tính điểm, xếp loại), ``levels`` (mức độ), ``rating`` (tự đánh giá)."""

    kind: Literal["all", "points", "levels", "rating"]
    pass_points: float | None = None
    classes: tuple[ClassBand, ...] = ()
    fail_class: str = "Chưa đạt"
    recognised_classes: tuple[str, ...] | None = None
    levels: tuple[LevelSpec, ...] = ()
    scale: tuple[float, float] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "Rule":
        if self.kind == "levels":
            if not self.levels:
                raise ValueError("cách xét 'levels' cần danh sách 'levels' (các mức độ)")
            nums = [lv.level for lv in self.levels]
            if nums != list(range(1, len(nums) + 1)):
                raise ValueError("các mức độ phải đánh số liên tiếp 1, 2, … theo thứ tự")
        if self.kind == "points" and not self.classes and self.pass_points is None:
            raise ValueError("cách xét 'points' cần 'classes' (các mức xếp loại) hoặc 'pass_points'")
        if self.recognised_classes is not None:
            names = {c.name for c in self.classes}
            bad = [c for c in self.recognised_classes if c not in names]
            if bad:
                raise ValueError(f"'recognised_classes' có mức không khai báo trong 'classes': {', '.join(bad)}")
        return self


class AppliesTo(_Strict):
    """Chỉ số chỉ áp dụng cho đối tượng có cột ``column`` thuộc ``values`` (ví dụ loại đơn vị)."""

    column: str
    values: tuple[str, ...]


class Indicator(_Strict):
    """Một chỉ số: mã, nội dung, cách đo, ngưỡng hoặc điểm, loại minh chứng."""

    id: str
    text: str
    short: str | None = None
    measure: str
    params: dict[str, Any] = Field(default_factory=dict)
    unit: Literal["%", "điểm", "có/không", "số", "mức"] = "có/không"
    op: Literal[">=", ">", "<=", "<", "=="] = ">="
    threshold: float | bool | dict[int, float | bool | None] | None = None
    points: float | None = Field(default=None, ge=0)
    scoring: Literal["pass", "value"] = "pass"
    levels: tuple[int, ...] | None = None
    required: bool = True
    if_empty: Literal["pass", "fail"] = "fail"
    applies_to: AppliesTo | None = None
    evidence: tuple[str, ...] = ()
    issuers: tuple[str, ...] | None = None
    basis: Literal["read", "inferred", "not_found"] = "read"
    note: str = ""

    @field_validator("evidence")
    @classmethod
    def _known_evidence(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        bad = [e for e in v if e not in EVIDENCE_TYPES]
        if bad:
            raise ValueError(
                f"loại minh chứng không có trong danh mục: {', '.join(bad)} "
                f"(chọn trong: {', '.join(EVIDENCE_TYPES)})"
            )
        return v

    def threshold_at(self, level: int | None = None) -> float | None:
        """Ngưỡng (dạng số) ở mức độ ``level``; None nếu chưa đặt."""
        t = self.threshold
        if isinstance(t, dict):
            t = t.get(level if level is not None else 1)
        if t is None:
            return None
        return float(t)

    def applies_at(self, level: int) -> bool:
        """Chỉ số có được xét ở mức độ ``level`` không."""
        if self.levels is not None:
            return level in self.levels
        if isinstance(self.threshold, dict):
            return level in self.threshold
        return True


class Criterion(_Strict):
    """Một tiêu chí (nhóm chỉ số)."""

    id: str
    name: str
    points: float | None = None
    indicators: tuple[Indicator, ...] = Field(min_length=1)


class Subjects(_Strict):
    """Đối tượng được xét: loại (người, hộ, dòng họ…) và phạm vi (tất cả hay chỉ người đã đăng ký)."""

    kind: SubjectKind
    scope: Literal["all", "registered"] = "all"
    admin_levels: tuple[str, ...] = ()


class EvidencePolicy(_Strict):
    """Quy định về minh chứng: nơi cấp được chấp nhận, có bắt buộc tệp hay không."""

    issuers: tuple[str, ...] = ()
    require_file: bool = True


class Catalogue(_Strict):
    """Một bộ tiêu chí (một mô hình, một phiên bản)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]*$")
    model: str
    name: str
    version: str
    default: bool = False
    documents: tuple[Document, ...] = Field(min_length=1)
    provenance: Literal["official", "reconstructed"]
    sources: tuple[str, ...] = ()
    notes: str = ""
    subjects: Subjects
    rule: Rule
    validity_years: int | None = Field(default=None, ge=1)
    evidence: EvidencePolicy = EvidencePolicy()
    criteria: tuple[Criterion, ...] = Field(min_length=1)

    @field_validator("model")
    @classmethod
    def _known_model(cls, v: str) -> str:
        if v not in ALL_MODELS:
            raise ValueError(f"mô hình '{v}' không có trong danh mục (chọn trong: {', '.join(ALL_MODELS)})")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> "Catalogue":
        from .vocabulary import MEASURE_DECLS as MEASURES

        seen: set[str] = set()
        crit_ids: set[str] = set()
        levels = {lv.level for lv in self.rule.levels}
        for c in self.criteria:
            if c.id in crit_ids:
                raise ValueError(f"mã tiêu chí '{c.id}' bị trùng")
            crit_ids.add(c.id)
            for ind in c.indicators:
                if ind.id in seen:
                    raise ValueError(f"mã chỉ số '{ind.id}' bị trùng")
                seen.add(ind.id)
                if ind.measure != "declared":
                    spec = MEASURES.get(ind.measure)
                    if spec is None:
                        raise ValueError(
                            f"chỉ số {ind.id}: cách đo '{ind.measure}' không có (các cách đo có: "
                            f"declared, {', '.join(sorted(MEASURES))})"
                        )
                    if self.subjects.kind not in spec.kinds:
                        raise ValueError(
                            f"chỉ số {ind.id}: cách đo '{ind.measure}' không dùng được cho loại đối tượng "
                            f"'{self.subjects.kind}' (chỉ dùng cho: {', '.join(spec.kinds)})"
                        )
                    try:
                        spec.check_params(ind.params)
                    except ValueError as e:
                        raise ValueError(f"chỉ số {ind.id}: {e}") from None
                if self.rule.kind == "points" and ind.points is None:
                    raise ValueError(f"chỉ số {ind.id}: cách xét 'points' cần 'points' (điểm tối đa) cho mỗi chỉ số")
                if self.rule.kind == "levels":
                    lv_used = set(ind.levels or ()) | (set(ind.threshold) if isinstance(ind.threshold, dict) else set())
                    bad = lv_used - levels
                    if bad:
                        raise ValueError(f"chỉ số {ind.id}: mức độ {sorted(bad)} không khai báo trong 'rule.levels'")
                elif isinstance(ind.threshold, dict):
                    raise ValueError(f"chỉ số {ind.id}: ngưỡng theo mức độ chỉ dùng với cách xét 'levels'")
        return self

    # ------------------------------------------------------------------ helpers

    def indicators(self) -> list[tuple[Criterion, Indicator]]:
        """Danh sách (tiêu chí, chỉ số) theo thứ tự trong tệp."""
        return [(c, i) for c in self.criteria for i in c.indicators]

    def indicator(self, indicator_id: str) -> Indicator:
        """Chỉ số có mã ``indicator_id``."""
        for _, i in self.indicators():
            if i.id == indicator_id:
                return i
        raise KeyError(indicator_id)

    @property
    def level_numbers(self) -> list[int]:
        return [lv.level for lv in self.rule.levels]

    def unset_thresholds(self) -> list[tuple[str, int | None]]:
        """Các (mã chỉ số, mức độ) chưa có ngưỡng mà người dùng phải đặt."""
        out: list[tuple[str, int | None]] = []
        if self.rule.kind == "rating":
            return out
        for _, ind in self.indicators():
            if self.rule.kind == "levels":
                for lv in self.level_numbers:
                    if ind.applies_at(lv) and ind.threshold_at(lv) is None:
                        out.append((ind.id, lv))
            elif ind.threshold_at(None) is None:
                out.append((ind.id, None))
        return out

    def with_thresholds(self, thresholds: dict[str, Any]) -> "Catalogue":
        """Bản sao của bộ tiêu chí với một số ngưỡng do người dùng đặt.

        ``thresholds``: mã chỉ số → ngưỡng (số, Có/Không, hoặc {mức độ: ngưỡng}).

        >>> from khuyenhoc.catalogues import get_catalogue
        >>> c = get_catalogue("giadinh-qd387").with_thresholds({"GDHT-2.2": 50})
        >>> c.indicator("GDHT-2.2").threshold
        50.0
        """
        unknown = [k for k in thresholds if k not in {i.id for _, i in self.indicators()}]
        if unknown:
            raise KeyError(f"Không có chỉ số {', '.join(unknown)} trong bộ tiêu chí '{self.id}'")
        raw = self.model_dump(mode="python")
        for c in raw["criteria"]:
            for i in c["indicators"]:
                if i["id"] in thresholds:
                    new = thresholds[i["id"]]
                    if isinstance(new, dict) and isinstance(i["threshold"], dict):
                        new = {**i["threshold"], **new}
                    i["threshold"] = new
        return Catalogue.model_validate(raw)

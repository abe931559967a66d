"""Các cách đo (measure) mà một bộ tiêu chí được phép gọi tên: loại đối tượng, tham số, điều kiện lọc.

The vocabulary of the catalogues, declared as data: a catalogue file names a
measure (``measure: share_persons``) with parameters, and loading the file
checks them against this table. The engine (``khuyenhoc.engine.measures``)
implements each declared measure under the same name and refuses to start if
one is missing or extra, so the catalogues never import the engine.

Ví dụ::

    >>> sorted(MEASURE_DECLS)[:3]
    ['clan_flag', 'count_classes', 'has_branch']
    >>> MEASURE_DECLS["share_persons"].check_params({"among": {"mau_toc": ["đen"]}})
    Traceback (most recent call last):
    ...
    ValueError: điều kiện 'mau_toc' trong 'among': cột 'mau_toc' không dùng được (dùng được: age, digital_skills, enrolment, learning_activities, literacy, occupation, residence, school_result, schooling, sex)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..schema import MODELS

__all__ = ["MeasureDecl", "MEASURE_DECLS", "PERSON_YEAR_COLUMNS", "HOUSEHOLD_YEAR_COLUMNS",
           "PERSON_FILTER_COLUMNS", "HOUSEHOLD_FILTER_COLUMNS"]

#: Columns of person_years copied onto each resident for the assessment year.
PERSON_YEAR_COLUMNS = (
    "literacy", "schooling", "occupation", "digital_skills", "enrolment", "school_result", "learning_activities",
)
#: Columns of household_years copied onto each household for the assessment year.
HOUSEHOLD_YEAR_COLUMNS = ("cultural_family", "bookshelf", "internet", "family_fund", "fund_contribution")
PERSON_FILTER_COLUMNS = frozenset({"age", "sex", "residence", *PERSON_YEAR_COLUMNS})
HOUSEHOLD_FILTER_COLUMNS = frozenset({"poor", *HOUSEHOLD_YEAR_COLUMNS})


@dataclass(frozen=True)
class MeasureDecl:
    """Khai báo một cách đo: tên, loại đối tượng dùng được, tham số (giá trị mặc định), mô tả tiếng Việt."""

    name: str
    kinds: tuple[str, ...]
    defaults: dict[str, Any]
    label: str
    unit: str
    needs: tuple[tuple[str, str], ...] = ()
    filters: dict[str, frozenset] = field(default_factory=dict)  # param name -> allowed filter columns

    def check_params(self, params: dict[str, Any]) -> None:
        """Báo ``ValueError`` (tiếng Việt) nếu tham số không có hoặc điều kiện lọc dùng cột không được phép.

        >>> MEASURE_DECLS["household_flag"].check_params({"column": "internet"}) is None
        True
        """
        unknown = set(params) - set(self.defaults)
        if unknown:
            raise ValueError(
                f"tham số không có cho cách đo '{self.name}': {', '.join(sorted(unknown))} "
                f"(tham số có: {', '.join(k for k in self.defaults if not k.startswith('_')) or 'không có'})"
            )
        for pname, cols in self.filters.items():
            spec = params.get(pname, {}) or {}
            if not isinstance(spec, dict):
                raise ValueError(f"tham số '{pname}' phải là một bảng điều kiện (cột: giá trị)")
            for k in spec:
                col = k[:-4] if k.endswith("_min") or k.endswith("_max") else k
                if col not in cols:
                    raise ValueError(f"điều kiện '{k}' trong '{pname}': cột '{col}' không dùng được "
                                     f"(dùng được: {', '.join(sorted(cols))})")
        if "model" in self.defaults and "model" in params and params["model"] not in MODELS:
            raise ValueError(f"mô hình '{params['model']}' không có trong danh mục")
        if "column" in self.defaults:
            allowed = self.defaults.get("_columns")
            col = params.get("column", self.defaults["column"])
            if allowed and col not in allowed:
                raise ValueError(f"cột '{col}' không dùng được (chọn: {', '.join(allowed)})")

    def params_for(self, params: dict[str, Any]) -> dict[str, Any]:
        """Tham số mặc định, thay bằng các tham số của bộ tiêu chí.

        >>> MEASURE_DECLS["count_classes"].params_for({})
        {'kinds_of_class': []}
        """
        merged = {k: v for k, v in self.defaults.items() if not k.startswith("_")}
        merged.update(params)
        return merged


_PERSON_NEEDS = (("persons", "birth_date"), ("persons", "residence"), ("persons", "household_id"),
                 ("households", "village_id"))
_CONTAINERS = ("household", "clan", "village", "unit", "commune", "province")
_HH_COLUMNS = ("cultural_family", "bookshelf", "internet", "family_fund")


def _decl(name: str, *, kinds, label: str, unit: str, needs=(), filters=None, **defaults) -> MeasureDecl:
    return MeasureDecl(name, tuple(kinds), defaults, label, unit, tuple(needs), filters or {})


MEASURE_DECLS: dict[str, MeasureDecl] = {d.name: d for d in (
    _decl("share_persons", kinds=_CONTAINERS, unit="%",
          label="Tỉ lệ người (trong nhóm 'among') thỏa điều kiện 'where'",
          needs=_PERSON_NEEDS, filters={"among": PERSON_FILTER_COLUMNS, "where": PERSON_FILTER_COLUMNS},
          among={}, where={}),
    _decl("share_households", kinds=("clan", "village", "commune", "province"), unit="%",
          label="Tỉ lệ hộ (trong nhóm 'among') thỏa điều kiện 'where'",
          needs=(("households", "village_id"),),
          filters={"among": HOUSEHOLD_FILTER_COLUMNS, "where": HOUSEHOLD_FILTER_COLUMNS}, among={}, where={}),
    _decl("household_flag", kinds=("household",), unit="có/không",
          label="Hộ có đặc điểm (cột Có/Không của bảng Hộ theo năm) trong năm đánh giá",
          needs=(("household_years", "year"),), column="bookshelf", _columns=_HH_COLUMNS),
    _decl("clan_flag", kinds=("clan",), unit="có/không",
          label="Dòng họ có đặc điểm (quy ước khuyến học, quỹ khuyến học)",
          needs=(("clans", "charter"), ("clans", "study_fund")), column="charter",
          _columns=("charter", "study_fund")),
    _decl("takes_part_khuyenhoc", kinds=("household",), unit="có/không",
          label="Hộ tham gia khuyến học: góp quỹ khuyến học trong năm hoặc có người là hội viên",
          needs=(("household_years", "fund_contribution"), ("members", "person_id"))),
    _decl("share_recognised", kinds=_CONTAINERS, unit="%",
          label="Tỉ lệ đối tượng bên trong (người, hộ, thôn, đơn vị) giữ danh hiệu 'model' còn hiệu lực",
          needs=(("recognitions", "model"),), filters={"among": PERSON_FILTER_COLUMNS | HOUSEHOLD_FILTER_COLUMNS},
          model="Gia đình học tập", among={}),
    _decl("has_branch", kinds=("village", "unit"), unit="có/không",
          label="Có chi hội khuyến học được thành lập đến cuối năm đánh giá",
          needs=(("branches", "founded"),)),
    _decl("count_classes", kinds=("village", "commune"), unit="số",
          label="Số lớp học (chuyên đề, xóa mù chữ…) khai giảng trong năm đánh giá",
          needs=(("classes", "start"), ("classes", "village_id")), kinds_of_class=[]),
)}

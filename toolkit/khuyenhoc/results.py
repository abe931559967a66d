"""Kết quả của một năm, tính một lần: chỉ tiêu, đánh giá các mô hình, số được công nhận, thôn còn thấp.

The results layer sits between the computations (intake → engine → indicators)
and the faces (reports, charts, widgets/app, CLI, main job). :func:`compute_results`
builds one :class:`Results` object from (data, year, catalogues, thresholds,
targets, evidence); every face reads its tables and computes nothing of its own,
so the main job, ``khuyenhoc report``, the officer app's report and the charts
show the same figures for the same inputs. Each table is computed on first use
and then kept (``cached_property``). This module imports no face.

The two "recognised" counts are kept apart and named for what they are
(``COUNT_LABELS``): *recognised in the year* (decisions of the year — the
numerators of the indicators) and *holding a valid title* (31/12); the table
:attr:`Results.recognitions` puts them beside the criteria assessment's "meets
the criteria" count for every model.

Ví dụ::

    >>> from khuyenhoc.data import CommuneData
    >>> compute_results(CommuneData())  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ReportError: Bảng 'Đơn vị hành chính' chưa có đơn vị cấp xã nào: không lập được báo cáo.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from .data import CommuneData
from .engine.context import COUNT_LABELS
from .indicators import (awards_by_kind, compute, data_years, fund_use, lagging_villages, latest_complete_year,
                         load_definitions, load_targets)
from .indicators.arithmetic import choose_targets, value_of
from .indicators.measures import MEASURES, MODEL_COUNTS, Context as MeasureContext
from .indicators.vnformat import so

__all__ = ["Results", "compute_results", "ReportError", "AssessmentRun", "assess_models", "overview",
           "village_rates", "COUNT_LABELS", "RECOGNITION_COLUMNS", "RECOGNITION_HEADERS", "OVERVIEW_COLUMNS",
           "OVERVIEW_HEADERS", "PROVENANCE", "UNDECIDED"]


class ReportError(ValueError):
    """Không tính được kết quả hoặc không lập được báo cáo (thông báo tiếng Việt)."""


PROVENANCE = {"official": "Chính thức", "reconstructed": "Bản dựng lại"}
UNDECIDED = "Chưa kết luận"

OVERVIEW_COLUMNS = ["model", "catalogue_id", "documents", "provenance", "assessed", "met", "rate", "undecided",
                    "unset_thresholds", "distribution"]
OVERVIEW_HEADERS = ["Mô hình", "Mã bộ tiêu chí", "Căn cứ", "Nguồn bộ tiêu chí", "Số được đánh giá", "Số đạt",
                    "Tỷ lệ đạt (%)", "Số chưa kết luận", "Số ngưỡng chưa đặt", "Phân bố kết quả"]

RECOGNITION_COLUMNS = ["model", "subjects", "recognised_in_year", "recognised_in_year_rate", "titled",
                       "titled_rate", "assessed", "meets_criteria", "meets_criteria_rate"]
#: Vietnamese headers: each count says which "recognised" it is.
RECOGNITION_HEADERS = {
    "model": "Mô hình", "subjects": "Số đối tượng",
    "recognised_in_year": "Số " + COUNT_LABELS["recognised_in_year"][0].lower() + COUNT_LABELS["recognised_in_year"][1:],
    "recognised_in_year_rate": "Tỷ lệ được công nhận trong năm (%)",
    "titled": "Số " + COUNT_LABELS["titled"][0].lower() + COUNT_LABELS["titled"][1:],
    "titled_rate": "Tỷ lệ giữ danh hiệu còn hiệu lực (%)",
    "assessed": "Số được đánh giá theo bộ tiêu chí", "meets_criteria": "Số đạt theo bộ tiêu chí (tự đánh giá)",
    "meets_criteria_rate": "Tỷ lệ đạt theo bộ tiêu chí (%)",
}


# =========================================================================== assessments
@dataclass
class AssessmentRun:
    """Kết quả đánh giá mọi mô hình của một năm: ``results`` (mã bộ tiêu chí → Assessment) và các mô hình
    không đánh giá được (``skipped``: mô hình → lý do)."""

    year: int
    results: dict
    skipped: dict[str, str]


def assess_models(data: CommuneData, year: int, evidence_dir: str | os.PathLike | None = None,
                  models: Iterable[str] | None = None, thresholds=None) -> AssessmentRun:
    """Đánh giá các mô hình (mặc định: bộ tiêu chí mặc định của mọi mô hình, trừ UNESCO) trong năm ``year``.

    Mô hình nào thiếu dữ liệu thì ghi lý do vào ``skipped`` và đánh giá tiếp các mô hình khác.
    ``thresholds``: ngưỡng do địa phương quy định (tệp .yaml hoặc ``ThresholdLayer``, xem ``engine.assess``).

    >>> from khuyenhoc.data import CommuneData
    >>> r = assess_models(CommuneData(), 2025)
    >>> len(r.skipped), len(r.results)  # no year of data: every model is skipped, with the reason
    (6, 0)
    """
    from .catalogues import resolve
    from .catalogues.model import ALL_MODELS, UNESCO_MODEL
    from .engine import AssessmentError, Context, assess

    chosen = list(models) if models is not None else [m for m in ALL_MODELS if m != UNESCO_MODEL]
    ctx = Context(data, year)
    results, skipped = {}, {}
    for m in chosen:
        cat = resolve(m)
        try:
            results[cat.id] = assess(data, cat, year, evidence_dir=evidence_dir, context=ctx, thresholds=thresholds)
        except AssessmentError as exc:
            skipped[cat.model] = str(exc)
    return AssessmentRun(int(year), results, dict(sorted(skipped.items())))


def _distribution(counts: pd.Series) -> str:
    order = sorted(counts.index, key=lambda k: (k in ("Chưa đạt", UNDECIDED), k == UNDECIDED, str(k)))
    return "; ".join(f"{k}: {so(counts[k])}" for k in order if counts[k])


def overview(results: Mapping) -> pd.DataFrame:
    """Bảng tổng hợp kết quả đánh giá (không có tên, không có mã cá nhân): mỗi mô hình một dòng.

    Cột: mô hình, mã bộ tiêu chí, căn cứ, nguồn bộ tiêu chí, số được đánh giá, số đạt, tỷ lệ đạt (%),
    số chưa kết luận, số ngưỡng chưa đặt, phân bố kết quả.

    >>> overview({}).columns.tolist() == OVERVIEW_COLUMNS
    True
    """
    rows = []
    for cid, r in results.items():
        s = r.summary
        n = len(s)
        met = int(s["recognised"].fillna(False).sum()) if n else 0
        undecided = int((s["result"] == UNDECIDED).fillna(False).sum()) if n else 0
        cat = r.catalogue
        rows.append({
            "model": cat.model, "catalogue_id": cid, "documents": "; ".join(d.number for d in cat.documents),
            "provenance": PROVENANCE.get(cat.provenance, cat.provenance), "assessed": n, "met": met,
            "rate": round(100.0 * met / n, 1) if n else np.nan, "undecided": undecided,
            "unset_thresholds": len(cat.unset_thresholds()), "distribution": _distribution(r.counts()) if n else "",
        })
    out = pd.DataFrame(rows, columns=OVERVIEW_COLUMNS)
    for c in ("assessed", "met", "undecided", "unset_thresholds"):
        out[c] = out[c].astype("Int64")
    out["rate"] = out["rate"].astype("Float64")
    return out


def village_rates(assessment, data: CommuneData, label: str | None = None) -> pd.DataFrame:
    """Số đối tượng, số đạt theo bộ tiêu chí và tỷ lệ đạt theo thôn của một kết quả đánh giá, dạng bảng chỉ
    tiêu (cột ``indicator, name, unit, unit_id, unit_name, year, value, target, met``) để vẽ bằng
    ``charts.village_chart``. Không có tên người.

    >>> from khuyenhoc.engine import assess
    >>> village_rates(assess(CommuneData(), "giadinh-qd387", 2025, check_year=False), CommuneData()).empty
    True
    """
    s = assessment.summary
    s = s[s["village_id"].notna().to_numpy(dtype=bool)] if "village_id" in s.columns else s.iloc[0:0]
    if s.empty:
        return pd.DataFrame()
    hit = s["recognised"].fillna(False).astype(bool)
    g = pd.DataFrame({"unit_id": s["village_id"].astype("string").to_numpy(), "hit": hit.to_numpy(dtype=int)})
    g = g.groupby("unit_id", sort=True)["hit"].agg(["size", "sum"]).reset_index()
    g.columns = ["unit_id", "subjects", "meets_criteria"]
    names = data.admin_units.drop_duplicates("unit_id").set_index("unit_id")["name"].astype("string")
    g["unit_name"] = g["unit_id"].map(names).fillna(g["unit_id"])
    g["value"] = value_of(g["meets_criteria"].astype(float), g["subjects"].astype(float), 100.0)
    model = label or assessment.catalogue.model
    g["indicator"], g["name"], g["unit"], g["year"] = "ty_le_dat", f"Tỷ lệ đạt {model} theo bộ tiêu chí", "%", \
        int(assessment.year)
    g["target"] = pd.array([pd.NA] * len(g), dtype="Float64")
    g["met"] = pd.array([pd.NA] * len(g), dtype="boolean")
    g["direction"] = ">="
    return g


# =========================================================================== the results of a year
def pick_commune(data: CommuneData, commune_id: str | None = None) -> str:
    """Mã xã của báo cáo: ``commune_id`` nếu có, hoặc xã duy nhất trong dữ liệu.

    >>> pick_commune(CommuneData())  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ReportError: Bảng 'Đơn vị hành chính' chưa có đơn vị cấp xã nào: không lập được báo cáo.
    """
    communes = data.communes()
    if commune_id is not None:
        if commune_id not in set(communes["unit_id"]):
            raise ReportError(f"Không có xã mã '{commune_id}' trong bảng 'Đơn vị hành chính'.")
        return commune_id
    if len(communes) == 0:
        raise ReportError("Bảng 'Đơn vị hành chính' chưa có đơn vị cấp xã nào: không lập được báo cáo.")
    if len(communes) > 1:
        raise ReportError(f"Dữ liệu có {len(communes)} xã; hãy chọn một xã (tham số commune_id).")
    return str(communes["unit_id"].iloc[0])


@dataclass
class Results:
    """Mọi số liệu của một năm cho một xã (tính một lần, rồi các báo cáo, biểu đồ, ứng dụng chỉ đọc).

    ``assessments``: kết quả đánh giá các mô hình (``None`` khi không đánh giá).
    """

    data: CommuneData
    year: int
    commune_id: str
    targets: pd.DataFrame
    assessments: AssessmentRun | None = None
    thresholds: Any = None
    evidence_dir: Path | None = None
    unesco_ratings: Mapping[str, float] | None = None
    notes: list[str] = field(default_factory=list)

    @cached_property
    def definitions(self):
        return load_definitions()

    @cached_property
    def commune_name(self) -> str:
        au = self.data.admin_units.drop_duplicates("unit_id").set_index("unit_id")
        return str(au.loc[self.commune_id, "name"])

    @cached_property
    def province_name(self) -> str:
        au = self.data.admin_units.drop_duplicates("unit_id").set_index("unit_id")
        parent = au.loc[self.commune_id, "parent_id"]
        return str(au.loc[parent, "name"]) if pd.notna(parent) and parent in au.index else ""

    # ------------------------------------------------------------------ indicators
    @cached_property
    def indicators(self) -> pd.DataFrame:
        """Bảng chỉ tiêu cấp xã và cấp thôn của mọi năm đến năm báo cáo (các đại lượng chỉ tính một lần)."""
        years = [y for y in data_years(self.data) if y <= self.year] or [self.year]
        if self.year not in years:
            years.append(self.year)
        return compute(self.data, years, ["xã", "thôn"], targets=self.targets, definitions=self.definitions)

    @cached_property
    def history(self) -> pd.DataFrame:
        """Chỉ tiêu cấp xã của mọi năm đến năm báo cáo."""
        t = self.indicators
        return t[(t["level"] == "xã") & (t["unit_id"] == self.commune_id)].reset_index(drop=True)

    @cached_property
    def commune(self) -> pd.DataFrame:
        """Chỉ tiêu cấp xã của năm báo cáo."""
        h = self.history
        return h[h["year"] == self.year].reset_index(drop=True)

    @cached_property
    def previous(self) -> pd.DataFrame:
        """Chỉ tiêu cấp xã của năm trước (chỉ mục: mã chỉ tiêu)."""
        h = self.history
        return h[h["year"] == self.year - 1].set_index("indicator")

    @cached_property
    def villages(self) -> pd.DataFrame:
        """Chỉ tiêu theo thôn của năm báo cáo."""
        t = self.indicators
        ids = set(self.data.villages(self.commune_id)["unit_id"])
        keep = (t["level"] == "thôn") & (t["year"] == self.year) & t["unit_id"].isin(ids)
        return t[keep.fillna(False).to_numpy(dtype=bool)].reset_index(drop=True)

    @cached_property
    def lagging(self) -> pd.DataFrame:
        """Thôn còn thấp: dưới mức phấn đấu, hoặc (chưa có mức phấn đấu) dưới mức chung của xã."""
        return lagging_villages(self.data, self.year, commune_id=self.commune_id, targets=self.targets,
                                villages=self.villages, communes=self.commune)

    @cached_property
    def fund_use(self) -> pd.DataFrame:
        f = self.data.fund_spending
        d = self.data.replace(fund_spending=f[f["commune_id"] == self.commune_id])
        return fund_use(d, self.year)

    @cached_property
    def awards_by_kind(self) -> pd.DataFrame:
        return awards_by_kind(self.data, self.year)

    @cached_property
    def next_targets(self) -> pd.DataFrame:
        """Mức phấn đấu năm sau cho các chỉ tiêu của xã (theo thứ tự của bảng chỉ tiêu)."""
        ids = list(self.commune["indicator"])
        ch = choose_targets(self.targets, ids, [self.year + 1])
        ch = ch[ch["indicator"].isin(ids)].copy()
        order = {k: i for i, k in enumerate(ids)}
        ch["order"] = ch["indicator"].map(order)
        return ch.sort_values("order").reset_index(drop=True)

    def indicator(self, indicator: str) -> Mapping[str, Any] | None:
        """Dòng của một chỉ tiêu cấp xã năm báo cáo (dict), hoặc ``None``."""
        t = self.commune[self.commune["indicator"] == indicator]
        return t.iloc[0].to_dict() if len(t) else None

    # ------------------------------------------------------------------ learning models
    @cached_property
    def overview(self) -> pd.DataFrame:
        """Kết quả đánh giá theo bộ tiêu chí, mỗi mô hình một dòng (rỗng khi không đánh giá)."""
        return overview(self.assessments.results if self.assessments is not None else {})

    @cached_property
    def recognitions(self) -> pd.DataFrame:
        """Mỗi mô hình một dòng: số đối tượng, số được công nhận trong năm, số giữ danh hiệu còn hiệu lực, số
        đạt theo bộ tiêu chí (tự đánh giá) và các tỷ lệ — ba con số khác nhau, mỗi cột ghi rõ là số nào."""
        ctx = MeasureContext(self.data, [self.year])
        cid = self.commune_id
        from .indicators.arithmetic import aggregate
        from .indicators.hierarchy import ancestors

        anc = ancestors(self.data.admin_units)
        ov = self.overview.set_index("model")
        rows = []
        for model, measures in MODEL_COUNTS.items():
            vals = []
            for m in measures:
                f = aggregate(MEASURES[m].func(ctx), anc, "xã", MEASURES[m].aggregation)
                v = f.loc[f["unit_id"] == cid, "value"]
                vals.append(float(v.iloc[0]) if len(v) else 0.0)
            n, rec, tit = vals
            if n == 0 and model not in ov.index:
                continue
            assessed = ov["assessed"].get(model, pd.NA)
            met = ov["met"].get(model, pd.NA)
            rows.append({"model": model, "subjects": n, "recognised_in_year": rec, "titled": tit,
                         "assessed": assessed, "meets_criteria": met})
        out = pd.DataFrame(rows, columns=["model", "subjects", "recognised_in_year", "titled", "assessed",
                                          "meets_criteria"])
        for c in ("subjects", "recognised_in_year", "titled", "assessed", "meets_criteria"):
            out[c] = pd.array(out[c].astype("Float64").round(), dtype="Float64").astype("Int64")
        out["recognised_in_year_rate"] = value_of(out["recognised_in_year"], out["subjects"], 100.0)
        out["titled_rate"] = value_of(out["titled"], out["subjects"], 100.0)
        out["meets_criteria_rate"] = value_of(out["meets_criteria"], out["assessed"], 100.0)
        return out[RECOGNITION_COLUMNS]

    @cached_property
    def village_table(self) -> pd.DataFrame:
        """Mỗi thôn một dòng, mỗi chỉ tiêu một cột (giá trị năm báo cáo): bảng so sánh các thôn."""
        v = self.villages
        if v.empty:
            return pd.DataFrame()
        w = v.pivot(index=["unit_id", "unit_name"], columns="indicator", values="value").reset_index()
        order = list(dict.fromkeys(v["indicator"]))
        w.columns.name = None
        return w[["unit_id", "unit_name", *[c for c in order if c in w.columns]]]

    @cached_property
    def village_assessments(self) -> dict[str, pd.DataFrame]:
        """Tỷ lệ đạt theo bộ tiêu chí theo thôn, cho mỗi bộ tiêu chí đã đánh giá (xem :func:`village_rates`)."""
        if self.assessments is None:
            return {}
        return {cid: village_rates(r, self.data) for cid, r in self.assessments.results.items()}

    def key_figures(self) -> dict[str, Any]:
        """Các con số chính (để so giữa các mặt: việc chính, dòng lệnh, ứng dụng, báo cáo, biểu đồ)."""
        c = self.commune.set_index("indicator")
        figures: dict[str, Any] = {f"indicator:{k}": (None if pd.isna(v) else round(float(v), 6))
                                   for k, v in c["value"].items()}
        for r in self.overview.to_dict("records"):
            figures[f"assessment:{r['model']}"] = (int(r["met"]), int(r["assessed"]))
        for r in self.recognitions.to_dict("records"):
            figures[f"recognised_in_year:{r['model']}"] = int(r["recognised_in_year"])
            figures[f"titled:{r['model']}"] = int(r["titled"])
        return figures


def compute_results(data: CommuneData, year: int | None = None, *, commune_id: str | None = None,
                    targets: pd.DataFrame | str | os.PathLike | None = None, thresholds: Any = None,
                    evidence_dir: str | os.PathLike | None = None, assess: bool = True,
                    models: Iterable[str] | None = None,
                    unesco_ratings: Mapping[str, float] | None = None) -> Results:
    """Tính kết quả của năm ``year`` (mặc định: năm gần nhất đã có số liệu cả năm) cho một xã.

    ``targets``: bảng hoặc tệp mức phấn đấu (mặc định: bảng đi kèm); ``thresholds``: ngưỡng do địa phương quy
    định (tệp .yaml hoặc đã nạp); ``evidence_dir``: thư mục tệp minh chứng; ``assess=False``: không đánh giá
    các mô hình theo bộ tiêu chí.
    """
    cid = pick_commune(data, commune_id)
    if year is None:
        year = latest_complete_year(data)
        if year is None:
            raise ReportError("Dữ liệu chưa có số liệu của năm nào: không lập được báo cáo.")
    elif int(year) not in (have := data_years(data)):
        listed = ", ".join(str(y) for y in have) or "không có năm nào"
        raise ReportError(f"Không có số liệu năm {year} trong dữ liệu (các năm có số liệu: {listed}): "
                          "chọn năm khác hoặc nhập số liệu năm đó.")
    if not isinstance(targets, pd.DataFrame):
        targets = load_targets(targets)
    if isinstance(thresholds, (str, os.PathLike)):
        from .catalogues.local import load_thresholds

        thresholds = load_thresholds(thresholds)
    evidence = Path(evidence_dir) if evidence_dir is not None else None
    run = assess_models(data, int(year), evidence, models=models, thresholds=thresholds) if assess else None
    return Results(data=data, year=int(year), commune_id=cid, targets=targets, assessments=run,
                   thresholds=thresholds, evidence_dir=evidence, unesco_ratings=unesco_ratings)

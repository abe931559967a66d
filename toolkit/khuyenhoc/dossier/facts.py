"""Số liệu của hồ sơ công nhận, lấy từ kết quả đánh giá (``engine.assess``) và sổ minh chứng.

Everything here is an aggregate except ``proposed`` (one row per subject proposed for
recognition, with internal codes): only the restricted list reads it.

Ví dụ::

    >>> from khuyenhoc.data import CommuneData
    >>> SUBJECT_NOUNS["household"]
    'hộ gia đình'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..catalogues.model import Catalogue
from ..data import CommuneData
from ..engine import Assessment, assess
from ..evidence import STATUS_OK, check_evidence

__all__ = ["DossierFacts", "collect_facts", "SUBJECT_NOUNS", "PERSONAL_KINDS", "DossierError"]

#: How the documents name one subject of each kind.
SUBJECT_NOUNS = {"person": "công dân", "household": "hộ gia đình", "clan": "dòng họ",
                 "village": "thôn, bản, tổ dân phố", "unit": "cơ quan, đơn vị", "commune": "xã",
                 "admin": "đơn vị hành chính", "province": "tỉnh"}
#: Subject kinds whose names are personal data (Luật 91/2025/QH15): their list is restricted.
PERSONAL_KINDS = frozenset({"person", "household"})

UNDECIDED = "Chưa kết luận"


class DossierError(ValueError):
    """Không lập được hồ sơ (thông báo tiếng Việt)."""


@dataclass
class DossierFacts:
    """Số liệu tổng hợp cho các văn bản của hồ sơ (chỉ ``proposed`` có mã đối tượng)."""

    catalogue: Catalogue
    year: int
    commune_id: str
    commune_name: str
    province_name: str
    assessment: Assessment
    registered: int
    passed: int
    not_passed: int
    undecided: int
    passed_with_evidence: int
    results: pd.DataFrame  # result, count (registered subjects)
    indicators: pd.DataFrame  # criterion, indicator, short, [level], applies, met, evidence_ok, value, threshold
    failures: pd.DataFrame  # indicator, short, count: registered subjects not passed, by unmet indicator
    evidence_records: int
    evidence_valid: int
    proposed: pd.DataFrame  # subject_id, village_id, result, points, evidence_complete, missing

    @property
    def noun(self) -> str:
        return SUBJECT_NOUNS.get(self.catalogue.subjects.kind, "đối tượng")

    @property
    def personal(self) -> bool:
        return self.catalogue.subjects.kind in PERSONAL_KINDS

    @property
    def passed_missing_evidence(self) -> int:
        return self.passed - self.passed_with_evidence


def _chosen_level_rows(a: Assessment, details: pd.DataFrame, summary: pd.DataFrame) -> pd.DataFrame:
    if "level" not in details.columns:
        return details
    if a.level is not None:
        return details[(details["level"] == a.level).fillna(False).to_numpy(dtype=bool)]
    want = pd.Series(1, index=summary["subject_id"].astype(object))
    if "requested_level" in summary.columns:
        req = pd.to_numeric(summary["requested_level"], errors="coerce")
        want = pd.Series(req.fillna(1).astype(int).to_numpy(), index=summary["subject_id"].astype(object))
    lv = details["subject_id"].astype(object).map(want).fillna(1).astype(int)
    return details[(details["level"].astype("Int64") == lv.to_numpy()).fillna(False).to_numpy(dtype=bool)]


def collect_facts(data: CommuneData, model, year: int, *, thresholds=None, evidence_dir: str | Path | None = None,
                  commune_id: str | None = None, assessment: Assessment | None = None) -> DossierFacts:
    """Đánh giá (hoặc dùng ``assessment`` đã có) rồi tổng hợp số liệu cho hồ sơ của một xã."""
    from ..engine import AssessmentError

    communes = data.communes()
    if commune_id is None:
        if len(communes) != 1:
            raise DossierError(f"Dữ liệu có {len(communes)} xã; hãy chọn một xã (mã xã)." if len(communes)
                               else "Bảng 'Đơn vị hành chính' chưa có đơn vị cấp xã nào: không lập được hồ sơ.")
        commune_id = str(communes["unit_id"].iloc[0])
    elif commune_id not in set(communes["unit_id"]):
        raise DossierError(f"Không có xã mã '{commune_id}' trong bảng 'Đơn vị hành chính'.")
    if assessment is None:
        try:
            assessment = assess(data, model, year, thresholds=thresholds, evidence_dir=evidence_dir)
        except AssessmentError as e:
            raise DossierError(str(e)) from None
    a = assessment
    au = data.admin_units.set_index("unit_id")
    commune_name = str(au.loc[commune_id, "name"])
    parent = au.loc[commune_id, "parent_id"]
    province_name = str(au.loc[parent, "name"]) if pd.notna(parent) and parent in au.index else ""
    s = a.summary
    s = s[(s["commune_id"].astype(object) == commune_id).to_numpy(dtype=bool)]
    reg = s[s["registered"].fillna(False).to_numpy(dtype=bool)].reset_index(drop=True)
    rec = reg["recognised"].fillna(False).to_numpy(dtype=bool)
    und = (reg["result"].astype(object) == UNDECIDED).to_numpy(dtype=bool)
    ev_ok = reg["evidence_complete"].fillna(False).to_numpy(dtype=bool)
    results = reg["result"].astype(object).value_counts().rename_axis("result").reset_index(name="count")

    d = a.details
    if len(d):
        d = d[d["subject_id"].astype(object).isin(set(reg["subject_id"].astype(object))).to_numpy(dtype=bool)]
        d = _chosen_level_rows(a, d, reg)
    keys = ["criterion_id", "indicator_id"] + (["level"] if "level" in d.columns else [])
    if len(d):
        applies = d["applies"].fillna(False).astype(bool)
        met = (d["met"].fillna(False).astype(bool) & applies)
        evok = (d["evidence_status"].astype(object) == STATUS_OK)
        g = pd.DataFrame({**{k: d[k].astype(object) for k in keys}, "short": d["indicator"].astype(object),
                          "applies": applies.astype(int), "met": met.astype(int), "evidence_ok": evok.astype(int),
                          "value": d["value"].astype(float), "threshold": d["threshold"].astype(float)})
        indicators = g.groupby(keys, sort=False, dropna=False).agg(
            short=("short", "first"), applies=("applies", "sum"), met=("met", "sum"),
            evidence_ok=("evidence_ok", "sum"), value=("value", "first"), threshold=("threshold", "first"),
        ).reset_index()
        failed_ids = set(reg.loc[~rec & ~und, "subject_id"].astype(object))
        f = d[d["subject_id"].astype(object).isin(failed_ids).to_numpy(dtype=bool)
              & (d["met"] == False).fillna(False).to_numpy(dtype=bool)  # noqa: E712
              & d["applies"].fillna(False).to_numpy(dtype=bool)]
        failures = (f.groupby(f["indicator_id"].astype(object), sort=False)
                    .agg(short=("indicator", "first"), count=("subject_id", "nunique"))
                    .reset_index().rename(columns={"indicator_id": "indicator"})
                    .sort_values("count", ascending=False, kind="stable").reset_index(drop=True))
    else:
        indicators = pd.DataFrame(columns=keys + ["short", "applies", "met", "evidence_ok", "value", "threshold"])
        failures = pd.DataFrame(columns=["indicator", "short", "count"])
    ev = check_evidence(data, a.catalogue, year, evidence_dir)
    ev = ev[ev["subject_id"].astype(object).isin(set(reg["subject_id"].astype(object))).to_numpy(dtype=bool)]
    cols = [c for c in ("subject_id", "village_id", "result", "points", "class", "evidence_complete", "missing")
            if c in reg.columns]
    proposed = reg.loc[rec, cols].reset_index(drop=True)
    return DossierFacts(
        catalogue=a.catalogue, year=int(year), commune_id=commune_id, commune_name=commune_name,
        province_name=province_name, assessment=a, registered=len(reg), passed=int(rec.sum()),
        not_passed=int((~rec & ~und).sum()), undecided=int(und.sum()), passed_with_evidence=int((rec & ev_ok).sum()),
        results=results, indicators=indicators, failures=failures, evidence_records=len(ev),
        evidence_valid=int(ev["valid"].fillna(False).astype(bool).sum()) if len(ev) else 0, proposed=proposed,
    )

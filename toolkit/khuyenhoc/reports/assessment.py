"""Kết quả đánh giá các mô hình học tập theo bộ tiêu chí: các bảng chi tiết hạn chế lưu hành.

The assessment itself (``assess_models``, ``overview``, ``AssessmentRun``) is part of
the results layer (``khuyenhoc.results``) and is re-exported here; the report's
summary section is ``annual.SECTIONS["danh_gia"]``. This module writes the
per-subject tables, the evidence gaps and the collection checklists, which hold
names and ids, so they go to the restricted folder.

Ví dụ::

    >>> overview({}).shape[0]
    0
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Mapping

import pandas as pd
from openpyxl.styles import PatternFill

from ..data import CommuneData
from ..results import (OVERVIEW_COLUMNS, OVERVIEW_HEADERS, PROVENANCE, AssessmentRun, assess_models,
                       overview)
from .annual import SECTIONS
from ..restricted import _subject_names

__all__ = ["assess_models", "overview", "write_assessment_tables", "write_gap_report", "write_checklists",
           "gap_frames", "checklist_file_name", "AssessmentRun", "OVERVIEW_COLUMNS", "OVERVIEW_HEADERS", "SECTION", "PROVENANCE"]

#: Short labels of the models (sheet names in the restricted workbooks are at most 31 characters).
SHORT = {
    "Công dân học tập": "Công dân HT", "Gia đình học tập": "Gia đình HT", "Dòng họ học tập": "Dòng họ HT",
    "Cộng đồng học tập cấp thôn": "Cộng đồng HT thôn", "Đơn vị học tập": "Đơn vị HT",
    "Cộng đồng học tập cấp xã": "Cộng đồng HT xã",
}

#: The report's assessment section (part of ``annual.SECTIONS``; it reads ``ctx.results.assessments``).
SECTION = next(s for s in SECTIONS if s.key == "danh_gia")


# =========================================================================== restricted workbooks
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")


def _sheet_name(text: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]\*\?/\\:]", " ", text).strip()[:31]
    name, k = base, 2
    while name.lower() in used:
        name = f"{base[:27]} ({k})"
        k += 1
    used.add(name.lower())
    return name


def _write_sheet(wb: list, title: str, df: pd.DataFrame, headers: list[str], lines: list[str]) -> None:
    """One restricted sheet (the mark, a few note lines, bold headers, the rows), written by :func:`_save`."""
    wb.append((title, df, headers, lines))


def _save(wb: list, path: Path) -> Path:
    """Write the collected sheets at once (``restricted.write_restricted_tables``; XlsxWriter)."""
    from ..restricted import write_restricted_tables

    path.parent.mkdir(parents=True, exist_ok=True)
    return write_restricted_tables(path, wb)


#: Columns of the per-indicator sheets (the explanation already spells out indicator, unit and comparison).
DETAIL_COLUMNS = ["subject_id", "name", "village", "level", "indicator_id", "source", "value", "threshold", "points",
                  "met", "evidence_status", "evidence_problem", "explanation"]


def _named(df: pd.DataFrame, names: pd.Series, villages: pd.Series) -> pd.DataFrame:
    """Add the subject's name after its id and the village name in place of the ids of village and commune."""
    out = df.drop(columns=["commune_id"], errors="ignore").copy()
    if "subject_id" in out.columns:
        out.insert(out.columns.get_loc("subject_id") + 1, "name", out["subject_id"].astype(object).map(names))
    if "village_id" in out.columns:
        out.insert(out.columns.get_loc("village_id"), "village", out["village_id"].astype(object).map(villages))
        out = out.drop(columns="village_id")
    return out


def write_assessment_tables(run: AssessmentRun, data: CommuneData, path: str | os.PathLike) -> Path:
    """Ghi kết quả đánh giá từng đối tượng (có tên) ra một tệp .xlsx hạn chế lưu hành: trang tổng hợp,
    rồi với mỗi mô hình một trang tóm tắt (mỗi đối tượng một dòng) và một trang chi tiết (đối tượng × chỉ số).

    >>> import tempfile, os
    >>> from khuyenhoc.data import CommuneData
    >>> p = write_assessment_tables(AssessmentRun(2025, {}, {}), CommuneData(), os.path.join(tempfile.mkdtemp(), "a.xlsx"))
    >>> p.suffix
    '.xlsx'
    """
    from ..engine.result import HEADERS

    names = _subject_names(data)
    villages = data.admin_units.drop_duplicates("unit_id").set_index("unit_id")["name"]
    wb: list = []  # sheets, written together by _save
    used: set[str] = set()
    ov = overview(run.results)
    notes = [f"Kết quả đánh giá các mô hình học tập năm {run.year} (tính từ dữ liệu, chưa phải quyết định công nhận)."]
    notes += [f"Chưa đánh giá được {m}: {why}" for m, why in run.skipped.items()]
    _write_sheet(wb, _sheet_name("Tổng hợp", used), ov, OVERVIEW_HEADERS, notes)
    for cid, r in run.results.items():
        label = SHORT.get(r.catalogue.model, r.catalogue.model)
        lines = [f"Bộ tiêu chí: {cid} — {r.catalogue.name}", *r.messages]
        for kind, df, keep in (("tóm tắt", r.summary, None), ("chi tiết", r.details, DETAIL_COLUMNS)):
            df = _named(df, names, villages)
            if keep is not None:
                df = df[[c for c in keep if c in df.columns]]
            heads = [{"name": "Tên", "village": "Thôn"}.get(c, HEADERS.get(c, c)) for c in df.columns]
            _write_sheet(wb, _sheet_name(f"{label} - {kind}", used), df, heads, lines if kind == "tóm tắt" else lines[:1])
    return _save(wb, Path(path))


def gap_frames(run: AssessmentRun, data: CommuneData,
               evidence_dir: str | os.PathLike | None = None) -> dict[str, pd.DataFrame]:
    """Minh chứng còn thiếu của từng bộ tiêu chí đã đánh giá (``khuyenhoc.evidence.gap_report``), có tên người.

    >>> from khuyenhoc.data import CommuneData
    >>> gap_frames(AssessmentRun(2025, {}, {}), CommuneData())
    {}
    """
    from ..evidence import gap_report

    folder = Path(evidence_dir) if evidence_dir is not None else None

    def checked(r):  # the assessment's own evidence checks, when made with the same folder
        return r.evidence_checks if r.evidence_checks is not None and r.evidence_dir == folder else None

    return {cid: gap_report(data, r.catalogue, run.year, evidence_dir, checked=checked(r))
            for cid, r in run.results.items()}


def write_gap_report(run: AssessmentRun, data: CommuneData, path: str | os.PathLike,
                     evidence_dir: str | os.PathLike | None = None,
                     gaps: Mapping[str, pd.DataFrame] | None = None) -> Path:
    """Ghi báo cáo thiếu minh chứng (ai còn thiếu minh chứng nào, cho chỉ số nào) ra .xlsx hạn chế lưu hành,
    mỗi mô hình một trang.

    >>> import tempfile, os
    >>> from khuyenhoc.data import CommuneData
    >>> p = write_gap_report(AssessmentRun(2025, {}, {}), CommuneData(), os.path.join(tempfile.mkdtemp(), "g.xlsx"))
    >>> p.exists()
    True
    """
    from ..evidence.gaps import GAP_COLUMNS, GAP_HEADERS

    gaps = gaps if gaps is not None else gap_frames(run, data, evidence_dir)
    wb: list = []  # sheets, written together by _save
    used: set[str] = set()
    counts = []
    frames = []
    for cid, r in run.results.items():
        g = gaps[cid]
        counts.append({"model": r.catalogue.model, "catalogue_id": cid, "gaps": len(g),
                       "subjects": g["subject_id"].nunique()})
        frames.append((r.catalogue.model, cid, g))
    summary = pd.DataFrame(counts, columns=["model", "catalogue_id", "subjects", "gaps"])
    _write_sheet(wb, _sheet_name("Tổng hợp", used), summary,
                 ["Mô hình", "Mã bộ tiêu chí", "Số đối tượng còn thiếu", "Số minh chứng còn thiếu"],
                 [f"Minh chứng còn thiếu năm {run.year} (đối tượng đã đăng ký)."])
    for model, cid, g in frames:
        cols = [c for c in GAP_COLUMNS if c not in ("commune_id", "village_id", "criterion_id")]
        _write_sheet(wb, _sheet_name(SHORT.get(model, model), used), g[cols], [GAP_HEADERS[c] for c in cols],
                     [f"{model} — bộ tiêu chí {cid}"])
    return _save(wb, Path(path))


def checklist_file_name(catalogue_id: str, year: int) -> str:
    """Tên tệp phiếu đi thu minh chứng của một bộ tiêu chí.

    >>> checklist_file_name("giadinh-qd387", 2025)
    'HAN-CHE-LUU-HANH_phieu-thu-minh-chung_giadinh-qd387-2025.xlsx'
    """
    return f"HAN-CHE-LUU-HANH_phieu-thu-minh-chung_{catalogue_id}-{year}.xlsx"


def write_checklists(run: AssessmentRun, data: CommuneData, folder: str | os.PathLike,
                     evidence_dir: str | os.PathLike | None = None,
                     gaps: Mapping[str, pd.DataFrame] | None = None) -> list[Path]:
    """Ghi phiếu đi thu minh chứng theo thôn (``khuyenhoc.evidence.write_checklist``), mỗi mô hình một tệp,
    chỉ cho mô hình còn thiếu minh chứng.

    >>> import tempfile
    >>> from khuyenhoc.data import CommuneData
    >>> write_checklists(AssessmentRun(2025, {}, {}), CommuneData(), tempfile.mkdtemp())
    []
    """
    from ..evidence import write_checklist

    gaps = gaps if gaps is not None else gap_frames(run, data, evidence_dir)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for cid, r in run.results.items():
        if len(gaps[cid]) == 0:
            continue
        out.append(write_checklist(data, r.catalogue, run.year, folder / checklist_file_name(cid, run.year),
                                   evidence_dir, gaps=gaps[cid]))
    return out

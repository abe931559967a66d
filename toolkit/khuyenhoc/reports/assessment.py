"""Kết quả đánh giá các mô hình học tập theo bộ tiêu chí: phần tổng hợp của báo cáo năm và các bảng chi tiết.

The engine (``khuyenhoc.engine.assess_all``) is run once for the report year. The
annual report and its annex get aggregates only (per model: subjects assessed,
how many meet the criteria, rate, how many are left "Chưa kết luận" because a
threshold is not set); the per-subject tables, the evidence gaps and the
collection checklists hold names and ids, so they go to the restricted folder.

Ví dụ::

    >>> overview({}).shape[0]
    0
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..atomic import atomic_path
from ..data import CommuneData
from ..indicators.vnformat import so
from .annual import ReportContext, Section, add_section
from .restricted import MARK, _subject_names

__all__ = ["assess_models", "overview", "write_assessment_tables", "write_gap_report", "write_checklists",
           "gap_frames", "checklist_file_name", "AssessmentRun", "OVERVIEW_COLUMNS", "OVERVIEW_HEADERS", "SECTION", "PROVENANCE"]

PROVENANCE = {"official": "Chính thức", "reconstructed": "Bản dựng lại"}
UNDECIDED = "Chưa kết luận"

#: Short labels of the models (sheet names in the restricted workbooks are at most 31 characters).
SHORT = {
    "Công dân học tập": "Công dân HT", "Gia đình học tập": "Gia đình HT", "Dòng họ học tập": "Dòng họ HT",
    "Cộng đồng học tập cấp thôn": "Cộng đồng HT thôn", "Đơn vị học tập": "Đơn vị HT",
    "Cộng đồng học tập cấp xã": "Cộng đồng HT xã",
}

OVERVIEW_COLUMNS = ["model", "catalogue_id", "documents", "provenance", "assessed", "met", "rate", "undecided",
                    "unset_thresholds", "distribution"]
OVERVIEW_HEADERS = ["Mô hình", "Mã bộ tiêu chí", "Căn cứ", "Nguồn bộ tiêu chí", "Số được đánh giá", "Số đạt",
                    "Tỷ lệ đạt (%)", "Số chưa kết luận", "Số ngưỡng chưa đặt", "Phân bố kết quả"]


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
    from ..catalogues import resolve
    from ..catalogues.model import ALL_MODELS, UNESCO_MODEL
    from ..engine import AssessmentError, Context, assess

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
    """Bảng tổng hợp (không có tên, không có mã cá nhân): mỗi mô hình một dòng.

    Cột: mô hình, mã bộ tiêu chí, căn cứ, nguồn bộ tiêu chí, số được đánh giá, số đạt, tỷ lệ đạt (%),
    số chưa kết luận, số ngưỡng chưa đặt, phân bố kết quả.
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


# =========================================================================== report section
def _section(ctx: ReportContext, doc) -> None:
    run: AssessmentRun = ctx.extra["assessments"]
    ov = overview(run.results)
    doc.paragraph(f"Hội đã đánh giá {len(ov)} mô hình học tập theo bộ tiêu chí, từ số liệu trong sổ sách năm "
                  f"{ctx.year}. Đây là kết quả tự đánh giá để chuẩn bị hồ sơ, chưa phải quyết định công nhận; "
                  "“Số đạt” là số đối tượng đáp ứng các tiêu chí theo số liệu hiện có.")
    if len(ov):
        rows = [[str(i), r["model"], r["documents"], r["provenance"], so(r["assessed"]), so(r["met"]),
                 so(r["rate"], 1), so(r["undecided"])] for i, r in enumerate(ov.to_dict("records"), start=1)]
        doc.table(["TT", "Mô hình", "Căn cứ", "Nguồn bộ tiêu chí", "Số được đánh giá", "Số đạt", "Tỷ lệ đạt (%)",
                   "Chưa kết luận"], rows, widths_cm=[0.8, 3.3, 3.1, 1.9, 1.9, 1.6, 1.7, 1.8],
                  numeric=[False, False, False, False, True, True, True, True],
                  caption=f"Bảng: Kết quả đánh giá các mô hình học tập năm {ctx.year}")
        doc.paragraph("Phân bố kết quả theo từng mô hình:")
        doc.bullets(f"{r['model']}: {r['distribution']}." for r in ov.to_dict("records") if r["distribution"])
    notes = []
    recon = ov[ov["provenance"] == PROVENANCE["reconstructed"]]
    if len(recon):
        notes.append(f"Bộ tiêu chí của {len(recon)} mô hình ({', '.join(recon['model'])}) là bản dựng lại từ tài liệu "
                     "công khai, chưa đối chiếu toàn văn văn bản: kết quả chỉ để tham khảo, cần kiểm tra trước khi "
                     "dùng cho quyết định chính thức.")
    for cid, r in run.results.items():
        unset = r.catalogue.unset_thresholds()
        if unset:
            ids = list(dict.fromkeys(i for i, _ in unset))
            where = f"({', '.join(ids)})" if len(ids) == len(unset) else f"ở {len(ids)} chỉ số ({', '.join(ids)})"
            und = int((r.summary["result"] == UNDECIDED).fillna(False).sum()) if len(r.summary) else 0
            effect = (f"Vì vậy {so(und)} đối tượng để “{UNDECIDED}”." if und else
                      f"Năm nay chưa có đối tượng nào phải để “{UNDECIDED}” vì thiếu ngưỡng (các đối tượng đã có "
                      "kết luận từ các chỉ số khác).")
            notes.append(f"{r.catalogue.model}: {len(unset)} ngưỡng chưa đặt {where}; người dùng cần đặt ngưỡng theo "
                         f"văn bản hướng dẫn của địa phương. {effect}")
    for model, why in run.skipped.items():
        notes.append(f"Chưa đánh giá được mô hình {model}: {why}")
    if notes:
        doc.paragraph("Lưu ý:", bold=True)
        doc.bullets(notes)
    doc.paragraph("Danh sách từng đối tượng, minh chứng còn thiếu và phiếu đi thu minh chứng theo thôn được lập riêng, "
                  "hạn chế lưu hành.", italic=True)


SECTION = Section("danh_gia", "Kết quả đánh giá các mô hình học tập theo bộ tiêu chí năm {nam}", _section,
                  when=lambda ctx: "assessments" in ctx.extra)
add_section(SECTION, after="ket_qua")


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


def _cells(df: pd.DataFrame) -> list[list]:
    """Rows of plain Python values; booleans as Có/Không, missing as empty cells."""
    out = {}
    for c in df.columns:
        s = df[c]
        if isinstance(s.dtype, pd.CategoricalDtype):
            s = s.astype(object)
        if pd.api.types.is_bool_dtype(s.dtype):
            s = s.astype(object).map({True: "Có", False: "Không"})
        elif pd.api.types.is_datetime64_any_dtype(s.dtype):
            s = s.dt.strftime("%d/%m/%Y")
        s = s.astype(object)
        out[c] = s.where(s.notna() & (s != ""), None)
    return pd.DataFrame(out).to_numpy().tolist() if len(df) else []


def _write_sheet(wb: Workbook, title: str, df: pd.DataFrame, headers: list[str], lines: list[str]) -> None:
    """One write-only sheet: the restriction mark, a few note lines, bold headers, then the rows."""
    ws = wb.create_sheet(title)
    mark = WriteOnlyCell(ws, value=MARK)
    mark.font = Font(bold=True, color="C00000", size=13)
    ws.append([mark])
    for ln in lines:
        ws.append([ln])
    start = 2 + len(lines)
    ws.freeze_panes = f"A{start + 1}"
    rows = _cells(df)
    for j, h in enumerate(headers, start=1):
        width = max([len(str(h))] + [len(str(r[j - 1])) for r in rows[:200] if r[j - 1] is not None])
        ws.column_dimensions[get_column_letter(j)].width = min(max(8, width + 2), 60)
    head = []
    for h in headers:
        c = WriteOnlyCell(ws, value=h)
        c.font = Font(bold=True)
        c.fill = _HEAD_FILL
        c.alignment = Alignment(wrap_text=True, vertical="center")
        head.append(c)
    ws.append(head)
    for r in rows:
        ws.append(r)
    ws.oddHeader.center.text = MARK


def _save(wb: Workbook, path: Path) -> Path:
    wb.properties.title = MARK
    wb.properties.keywords = "han che luu hanh; du lieu ca nhan"
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


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
    wb = Workbook(write_only=True)
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

    return {cid: gap_report(data, r.catalogue, run.year, evidence_dir) for cid, r in run.results.items()}


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
    wb = Workbook(write_only=True)
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
                                   evidence_dir))
    return out

"""Việc chính của phần báo cáo: chỉ tiêu, đánh giá các mô hình, biểu đồ, báo cáo năm, phụ lục và các tệp
hạn chế lưu hành (danh sách có tên, kết quả đánh giá từng đối tượng, minh chứng còn thiếu, phiếu thu minh chứng).

Ví dụ::

    >>> JOB_STEPS[0]
    'Tính chỉ tiêu'
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import pandas as pd

from ..atomic import atomic_path
from ..data import CommuneData
from ..indicators import COLUMN_LABELS
from ..indicators.vnformat import gia_tri, phan_tram, so
from .annex import write_annex
from ..results import COUNT_LABELS, PROVENANCE, AssessmentRun, Results, assess_models, compute_results
from .annual import ReportContext, ReportError, build_document, prepare, verdict
from .assessment import gap_frames, write_assessment_tables, write_checklists, write_gap_report
from ..restricted import MARK, restricted_file_name, write_named_lists

__all__ = ["main_job", "run_job", "JobResult", "JOB_STEPS", "RESTRICTED_DIR", "summary_lines", "validate_source",
           "write_indicators_csv", "load_default_data", "load_data"]


def load_default_data() -> CommuneData:
    """Dữ liệu xã mẫu đi kèm bộ công cụ (``khuyenhoc.sample.load("mau")``)."""
    try:
        from .. import sample

        return sample.load("mau")
    except (ImportError, AttributeError) as exc:
        raise ReportError("Chưa có dữ liệu xã mẫu trong bộ công cụ; hãy chỉ định tệp dữ liệu của xã.") from exc
    except FileNotFoundError as exc:
        raise ReportError(f"Chưa có dữ liệu xã mẫu ({exc}); hãy chỉ định tệp dữ liệu của xã.") from exc


def write_indicators_csv(table: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Ghi bảng chỉ tiêu ra CSV (UTF-8 có BOM để Excel hiện đúng dấu, tiêu đề tiếng Việt).

    >>> import tempfile, os
    >>> from khuyenhoc.indicators import COLUMNS
    >>> p = write_indicators_csv(pd.DataFrame(columns=COLUMNS), os.path.join(tempfile.mkdtemp(), "a.csv"))
    >>> p.read_text(encoding="utf-8-sig").split(",")[0]
    'Mã chỉ tiêu'
    """
    t = table.copy()
    t["met"] = t["met"].map(lambda v: "" if v is None or v is pd.NA or pd.isna(v) else ("Đạt" if v else "Chưa đạt"))
    t = t.rename(columns=COLUMN_LABELS)
    path = Path(path)
    with atomic_path(path) as tmp:
        t.to_csv(tmp, index=False, encoding="utf-8-sig")
    return path


#: Folder (inside the output folder) for everything that holds names or personal ids.
RESTRICTED_DIR = "han-che-luu-hanh"

#: Steps reported through ``progress`` by :func:`run_job` (for a progress bar's total).
JOB_STEPS = ("Tính chỉ tiêu", "Đánh giá các mô hình", "Vẽ biểu đồ", "Lập báo cáo năm", "Lập phụ lục Excel",
             "Lập danh sách hạn chế lưu hành", "Ghi kết quả đánh giá", "Báo cáo thiếu minh chứng",
             "Phiếu đi thu minh chứng")


@dataclass
class JobResult:
    """Kết quả việc chính: các tệp đã ghi, báo cáo đã chuẩn bị (``ctx``; số liệu: ``results``) và kết quả đánh
    giá (``assessments``)."""

    out_dir: Path
    ctx: ReportContext
    written: list[Path] = field(default_factory=list)
    assessments: AssessmentRun | None = None
    thresholds: Any = None
    sample_thresholds: bool = False

    @property
    def results(self) -> Results:
        """Kết quả của năm (``khuyenhoc.results.Results``) mà mọi tệp đã ghi đọc từ đó."""
        return self.ctx.results

    @property
    def restricted(self) -> list[Path]:
        """Các tệp hạn chế lưu hành (có dữ liệu cá nhân)."""
        folder = self.out_dir / RESTRICTED_DIR
        return [p for p in self.written if p.is_relative_to(folder)]

    @property
    def shared(self) -> list[Path]:
        """Các tệp chỉ có số liệu tổng hợp (gửi cấp trên được)."""
        folder = self.out_dir / RESTRICTED_DIR
        return [p for p in self.written if not p.is_relative_to(folder)]


def write_report_documents(ctx, out_dir: str | os.PathLike) -> dict[str, Path]:
    """Báo cáo năm (.docx) và phụ lục chỉ tiêu (.xlsx) của một báo cáo đã chuẩn bị (``prepare``), ghi vào ``out_dir``.

    The one place that names and writes these two files: the CLI, the main job and
    the officer app's report builder all call it, so their outputs are the same.
    """
    out = Path(out_dir)
    y = ctx.year
    return {"docx": build_document(ctx).save(out / f"bao-cao-nam-{y}.docx"),
            "xlsx": write_annex(ctx, out / f"phu-luc-chi-tieu-{y}.xlsx")}


def run_job(out_dir: str | os.PathLike, data: CommuneData | None = None, year: int | None = None, *,
            commune_id: str | None = None, settings: Mapping[str, Any] | str | Path | None = None,
            targets: pd.DataFrame | str | Path | None = None, unesco_ratings: Mapping[str, float] | None = None,
            evidence_dir: str | os.PathLike | None = None, assess: bool = True,
            progress: Callable[[str], None] | None = None, thresholds: Any = None) -> JobResult:
    """Như :func:`main_job` nhưng trả về cả số liệu của báo cáo và kết quả đánh giá (để in tóm tắt).

    >>> import tempfile
    >>> r = run_job(tempfile.mkdtemp())
    >>> r.ctx.year, len(r.shared), len(r.restricted)
    (2025, 9, 9)
    >>> r.assessments.results["congdan-qd324"].year
    2025
    """
    step = progress or (lambda _msg: None)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    restricted = out / RESTRICTED_DIR
    sample_thresholds = False
    if data is None:
        step("Đọc dữ liệu xã mẫu")
        data = load_default_data()
        if evidence_dir is None:
            evidence_dir = _sample_evidence_dir()
        if thresholds is None:
            thresholds = sample_thresholds_file()
            sample_thresholds = thresholds is not None
    step(JOB_STEPS[0])
    results = compute_results(data, year, commune_id=commune_id, targets=targets, thresholds=thresholds,
                              evidence_dir=evidence_dir, assess=False, unesco_ratings=unesco_ratings)
    y = results.year
    step(JOB_STEPS[1])
    if assess:
        results.assessments = assess_models(data, y, results.evidence_dir, thresholds=results.thresholds)
    ctx = prepare(results, settings=settings, chart_dir=out / "bieu-do")
    res = JobResult(out, ctx, thresholds=results.thresholds, sample_thresholds=sample_thresholds,
                    assessments=results.assessments)
    written = res.written
    written.append(write_indicators_csv(results.history, out / f"chi-tieu-xa-{y}.csv"))
    written.append(write_indicators_csv(results.villages, out / f"chi-tieu-thon-{y}.csv"))
    step(JOB_STEPS[2])
    written.extend(ctx.charts.values())
    step(JOB_STEPS[3])
    documents = write_report_documents(ctx, out)
    written.append(documents["docx"])
    step(JOB_STEPS[4])
    written.append(documents["xlsx"])
    step(JOB_STEPS[5])
    written.append(write_named_lists(data, y, restricted / restricted_file_name(y)))
    if res.assessments is not None:
        run = res.assessments
        step(JOB_STEPS[6])
        written.append(write_assessment_tables(run, data, restricted / f"HAN-CHE-LUU-HANH_ket-qua-danh-gia-{y}.xlsx"))
        step(JOB_STEPS[7])
        gaps = gap_frames(run, data, evidence_dir)
        written.append(write_gap_report(run, data, restricted / f"HAN-CHE-LUU-HANH_thieu-minh-chung-{y}.xlsx",
                                        evidence_dir, gaps=gaps))
        step(JOB_STEPS[8])
        written.extend(write_checklists(run, data, restricted, evidence_dir, gaps=gaps))
    return res


def main_job(out_dir: str | os.PathLike, data: CommuneData | None = None, year: int | None = None, *,
             commune_id: str | None = None, settings: Mapping[str, Any] | str | Path | None = None,
             targets: pd.DataFrame | str | Path | None = None, unesco_ratings: Mapping[str, float] | None = None,
             evidence_dir: str | os.PathLike | None = None, assess: bool = True,
             progress: Callable[[str], None] | None = None, thresholds: Any = None) -> list[Path]:
    """Ghi vào ``out_dir``: bảng chỉ tiêu (CSV), biểu đồ (PNG), báo cáo năm (.docx, có phần kết quả đánh giá
    các mô hình), phụ lục (.xlsx); và vào thư mục con ``han-che-luu-hanh``: danh sách có tên người, kết quả
    đánh giá từng đối tượng, báo cáo thiếu minh chứng, phiếu đi thu minh chứng theo thôn. Trả về danh sách tệp đã ghi.

    Không có ``data``: dùng xã mẫu (và thư mục minh chứng của xã mẫu). Không có ``year``: năm gần nhất đã có
    số liệu cả năm. ``evidence_dir``: thư mục minh chứng để kiểm tra tệp. ``assess=False``: không đánh giá mô hình.
    ``thresholds``: tệp ngưỡng do địa phương quy định (.yaml) hoặc ngưỡng đã nạp; không có ``data`` và không có
    ``thresholds``: dùng tệp ngưỡng (giả định) của xã mẫu.

    >>> import tempfile
    >>> written = main_job(tempfile.mkdtemp(), assess=False)
    >>> sorted({p.suffix for p in written})
    ['.csv', '.docx', '.png', '.xlsx']
    """
    return run_job(out_dir, data, year, commune_id=commune_id, settings=settings, targets=targets,
                   unesco_ratings=unesco_ratings, evidence_dir=evidence_dir, assess=assess, progress=progress,
                   thresholds=thresholds).written


def sample_thresholds_file() -> Path | None:
    """Tệp ngưỡng địa phương (giả định) đi kèm xã mẫu, nếu có."""
    try:
        from .. import sample

        p = sample.path("mau")["thresholds"]
    except (ImportError, AttributeError, KeyError, ValueError):
        return None
    return p if p.is_file() else None


def _sample_evidence_dir() -> Path | None:
    try:
        from .. import sample

        p = sample.path("mau")["evidence"]
    except (ImportError, AttributeError, KeyError, ValueError):
        return None
    return p if p.is_dir() else None


def validate_source(source: str | os.PathLike, out_dir: str | os.PathLike) -> tuple[CommuneData | None, list, Path]:
    """Kiểm tra sổ dữ liệu ``source`` (``khuyenhoc.intake.check``) và ghi danh sách vấn đề vào thư mục hạn chế
    lưu hành (các vấn đề có thể trích tên người). Trả về (dữ liệu hoặc None nếu có lỗi, vấn đề, tệp đã ghi).

    >>> import tempfile
    >>> data, problems, report = validate_source("khong-co.xlsx", tempfile.mkdtemp())
    >>> data is None, report.name
    (True, 'kiem-tra-du-lieu.txt')
    """
    from ..intake import check
    from ..problems import render_text

    src = Path(source)
    path = Path(out_dir) / RESTRICTED_DIR / "kiem-tra-du-lieu.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not src.exists():
        data, problems = None, []
        text = f"Không tìm thấy tệp hoặc thư mục dữ liệu '{src}'."
    else:
        data, problems = check(src)
        text = render_text(problems) if problems else "Không phát hiện vấn đề nào trong sổ dữ liệu."
    with atomic_path(path) as tmp:
        Path(tmp).write_text(f"{MARK}\nTệp: {src}\n\n{text}\n", encoding="utf-8")
    return data, problems, path


def _figure(r: Mapping[str, Any]) -> str:
    s = f"{r['name']}: {gia_tri(r['value'], r['unit'])}"
    if pd.notna(r["target"]):
        s += f" (chỉ tiêu {gia_tri(r['target'], r['unit'])} — {verdict(r).lower()})"
    return s


def summary_lines(result: JobResult) -> list[str]:
    """Tóm tắt bằng tiếng Việt những gì đã ghi và các con số chính (không có tên người).

    >>> import tempfile
    >>> from pathlib import Path
    >>> from khuyenhoc import sample
    >>> from khuyenhoc.reports import prepare
    >>> lines = summary_lines(JobResult(Path(tempfile.mkdtemp()), prepare(sample.load("mau"), 2025)))
    >>> lines[0]
    'Xã Hòa Mẫu — báo cáo năm 2025.'
    """
    ctx, out = result.ctx, result.out_dir
    t = ctx.commune
    lines = [f"{ctx.commune_name} — báo cáo năm {ctx.year}."]
    key = t[t["indicator"].isin(["hoi_vien_dan_so", "quy_binh_quan"])]
    models = t[(t["group"] == "mo_hinh") & t["value"].notna()]
    if len(key):
        lines.append("Chỉ tiêu chính:")
        lines += [f"  - {_figure(r)}" for r in key.to_dict("records")]
    if len(models):
        lines.append(f"Tỷ lệ theo mô hình, tính theo số {COUNT_LABELS['recognised_in_year'].lower()} "
                     "(so với chỉ tiêu):")
        lines += [f"  - {_figure(r)}" for r in models.to_dict("records")]
    rec = result.results.recognitions
    if len(rec):
        lines.append("Số được công nhận theo mô hình — trong năm / giữ danh hiệu còn hiệu lực (31/12):")
        lines += [f"  - {r['model']}: {so(r['recognised_in_year'])} / {so(r['titled'])} trên {so(r['subjects'])}."
                  for r in rec.to_dict("records")]
    run = result.assessments
    if run is not None:
        lines.append("Đánh giá theo bộ tiêu chí (tự đánh giá từ dữ liệu, chưa phải quyết định công nhận):")
        th = result.thresholds
        if th is not None and getattr(th, "path", None) is not None:
            who = "của xã mẫu — GIẢ ĐỊNH, không phải quy định chính thức" if result.sample_thresholds else \
                f"{th.document}"
            lines.append(f"  Ngưỡng do địa phương quy định lấy từ tệp '{th.path}' ({who}).")
        elif run.results:
            lines.append("  Không dùng tệp ngưỡng địa phương (--nguong-file): ngưỡng nào bộ tiêu chí để trống thì "
                         "kết luận “Chưa kết luận”.")
        for r in result.results.overview.to_dict("records"):
            s = f"  - {r['model']}: {so(r['met'])}/{so(r['assessed'])} đạt theo bộ tiêu chí ({phan_tram(r['rate'])})"
            if r["undecided"]:
                s += f", {so(r['undecided'])} chưa kết luận ({so(r['unset_thresholds'])} ngưỡng chưa đặt)"
            if r["provenance"] == PROVENANCE["reconstructed"]:
                s += "; bộ tiêu chí dựng lại"
            lines.append(s + ".")
        lines += [f"  - Chưa đánh giá được {m}: {why}" for m, why in run.skipped.items()]
    shared, restricted = result.shared, result.restricted
    charts = [p for p in shared if p.suffix == ".png"]
    lines.append(f"Đã ghi {len(result.written)} tệp vào thư mục '{out.resolve()}':")
    lines += [f"  - {p.relative_to(out).as_posix()}" for p in shared if p.suffix != ".png"]
    if charts:
        lines.append(f"  - {len(charts)} biểu đồ PNG trong {charts[0].parent.relative_to(out).as_posix()}/")
    if restricted:
        lines.append(f"Trong đó {len(restricted)} tệp HẠN CHẾ LƯU HÀNH (có dữ liệu cá nhân, không gửi ra ngoài xã) "
                     f"ở thư mục {RESTRICTED_DIR}/:")
        lines += [f"  - {p.name}" for p in restricted]
    return lines


def load_data(path: str | os.PathLike | None) -> CommuneData:
    """Dữ liệu của xã từ tệp .xlsx hoặc thư mục CSV (qua ``khuyenhoc.intake.read``); không có: xã mẫu."""
    if path is None:
        return load_default_data()
    p = Path(path)
    if not p.exists():
        raise ReportError(f"Không tìm thấy tệp hoặc thư mục dữ liệu '{p}'.")
    from ..intake import read

    return read(p)

"""Báo cáo năm của Hội Khuyến học xã gửi cấp trên (.docx, thể thức Nghị định 30/2020).

The report is a list of *sections* (``SECTIONS``), each a builder that reads the
prepared :class:`ReportContext` — the results of the year (``khuyenhoc.results``,
computed once) plus the report's settings — and writes into the document. The
sections read ``ctx.results`` explicitly (the assessment section reads
``ctx.results.assessments``); nothing registers itself at import time. A caller
can build its own list with ``add_section(Section(...), after="ket_qua",
sections=list(SECTIONS))``; a section with ``when`` is left out when ``when(ctx)``
is false. Headings are numbered automatically. The report holds aggregates only.

Ví dụ::

    >>> [s.key for s in SECTIONS]
    ['ket_qua', 'danh_gia', 'han_che', 'phuong_huong', 'de_xuat']
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Mapping

import pandas as pd

from .. import charts
from ..charts import ChartError
from ..data import CommuneData
from ..indicators.vnformat import gia_tri, ngay_thang_nam, so, so_theo_don_vi
from ..results import (COUNT_LABELS, PROVENANCE, RECOGNITION_HEADERS, UNDECIDED, ReportError, Results,
                       compute_results)
from ..nd30 import Header, Nd30Document, Signature
from ..report_settings import ReportSettings, load_settings

__all__ = ["ReportContext", "Section", "SECTIONS", "add_section", "annual_report", "ReportError",
           "prepare", "value_cells", "verdict"]


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:] if name else name


def value_cells(row: Mapping[str, Any]) -> str:
    """Ô số liệu của một chỉ tiêu trong bảng báo cáo (cùng cách định dạng ở báo cáo, phụ lục và kiểm thử).

    >>> value_cells({"value": 41.666, "unit": "%"})
    '41,7'
    """
    return so_theo_don_vi(row["value"], row["unit"])


def verdict(row: Mapping[str, Any]) -> str:
    met = row.get("met")
    if met is None or met is pd.NA or pd.isna(met):
        return "–"
    return "Đạt" if bool(met) else "Chưa đạt"


@dataclass
class ReportContext:
    """Báo cáo đã chuẩn bị: kết quả của năm (``results``, tính một lần), biến mẫu và thư mục biểu đồ.

    The figures are read from ``results`` (the properties below only forward them), so the report, its annex,
    the charts and the officer app show the same numbers.
    """

    results: Results
    settings: ReportSettings
    chart_dir: Path

    data = property(lambda self: self.results.data)
    year = property(lambda self: self.results.year)
    commune_id = property(lambda self: self.results.commune_id)
    targets = property(lambda self: self.results.targets)
    unesco_ratings = property(lambda self: self.results.unesco_ratings)
    definitions = property(lambda self: self.results.definitions)
    commune_name = property(lambda self: self.results.commune_name)
    province_name = property(lambda self: self.results.province_name)
    history = property(lambda self: self.results.history)
    commune = property(lambda self: self.results.commune)
    previous = property(lambda self: self.results.previous)
    villages = property(lambda self: self.results.villages)
    lagging = property(lambda self: self.results.lagging)
    fund_use = property(lambda self: self.results.fund_use)
    awards_by_kind = property(lambda self: self.results.awards_by_kind)
    next_targets = property(lambda self: self.results.next_targets)

    # ------------------------------------------------------------------ charts
    @cached_property
    def charts(self) -> dict[str, Path]:
        """Biểu đồ của báo cáo (PNG trong ``chart_dir``); thiếu số liệu thì bỏ qua biểu đồ đó."""
        out: dict[str, Path] = {}
        d = self.chart_dir
        jobs: list[tuple[str, Callable[[Path], Any]]] = [
            ("tien-do-chi-tieu", lambda p: charts.progress_chart(self.commune, path=p)),
            ("xu-huong-hoi-vien", lambda p: charts.trend_chart(self.history, "hoi_vien_dan_so", path=p)),
            ("so-sanh-thon-hoi-vien", lambda p: charts.village_chart(
                self.villages, "hoi_vien_dan_so", self.year, path=p,
                average=_float(self.commune.set_index("indicator")["value"].get("hoi_vien_dan_so")))),
            ("so-sanh-thon-gdht", lambda p: charts.village_chart(
                self.villages, "gdht", self.year, path=p,
                average=_float(self.commune.set_index("indicator")["value"].get("gdht")))),
            ("su-dung-quy", lambda p: charts.fund_use_chart(self.fund_use, self.year, path=p,
                                                            unit_name=self.commune_name)),
        ]
        if self.unesco_ratings:
            jobs.append(("ho-so-unesco", lambda p: charts.unesco_profile_chart(self.unesco_ratings, path=p)))
        import matplotlib

        for name, job in jobs:
            p = d / f"{name}-{self.year}.png"
            try:
                fig = job(p)
            except ChartError:
                continue
            out[name] = p
            del fig
        matplotlib.pyplot.close("all") if "matplotlib.pyplot" in __import__("sys").modules else None
        return out


def _float(v) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


# =========================================================================== sections
@dataclass(frozen=True)
class Section:
    """Một phần của báo cáo: mã, tiêu đề (có thể chứa {nam}, {nam_sau}), hàm viết nội dung và (tùy chọn)
    điều kiện để phần đó có mặt."""

    key: str
    title: str
    build: Callable[[ReportContext, Nd30Document], None]
    when: Callable[[ReportContext], bool] | None = None


def _indicator_table(ctx: ReportContext, doc: Nd30Document, rows: pd.DataFrame, caption: str) -> None:
    y, y0 = ctx.year, ctx.year - 1
    body = []
    for i, r in enumerate(rows.to_dict("records"), start=1):
        prev = ctx.previous["value"].get(r["indicator"]) if r["indicator"] in ctx.previous.index else None
        target = "–" if pd.isna(r["target"]) else so_theo_don_vi(r["target"], r["unit"])
        body.append([str(i), r["name"], r["unit"], so_theo_don_vi(prev, r["unit"]), value_cells(r), target,
                     verdict(r)])
    doc.table(["TT", "Chỉ tiêu", "Đơn vị tính", f"Năm {y0}", f"Năm {y}", "Chỉ tiêu", "Đánh giá"], body,
              widths_cm=[1.0, 4.4, 1.6, 2.65, 2.65, 2.2, 2.0],
              numeric=[False, False, False, True, True, True, False], caption=caption)


def _sentence(r: Mapping[str, Any]) -> str:
    val = gia_tri(r["value"], r["unit"])
    if pd.notna(r["denominator"]):
        detail = f" ({so(r['numerator'])}/{so(r['denominator'])})" if r["unit"] == "%" else ""
    else:
        detail = ""
    s = f"{r['name']}: {val}{detail}"
    if pd.notna(r["target"]):
        s += f"; chỉ tiêu {gia_tri(r['target'], r['unit'])} — {verdict(r).lower()}"
    return s + "."


def _results(ctx: ReportContext, doc: Nd30Document) -> None:
    t = ctx.commune
    with_target = t[t["target"].notna()]
    n_met = int(with_target["met"].fillna(False).sum())
    doc.paragraph(f"Năm {ctx.year}, trong {len(with_target)} chỉ tiêu có chỉ tiêu phấn đấu, Hội đạt {n_met} chỉ tiêu. "
                  "Kết quả cụ thể theo từng lĩnh vực như sau.")
    if "tien-do-chi-tieu" in ctx.charts:
        doc.image(ctx.charts["tien-do-chi-tieu"], width_cm=9,
                  caption=f"Biểu đồ 1. Kết quả so với chỉ tiêu năm {ctx.year}")
    fig_no = 2
    for g in ctx.definitions.groups:
        rows = t[t["group"] == g.id]
        if rows.empty:
            continue
        doc.subheading(g.name)
        for r in rows.to_dict("records"):
            if pd.notna(r["value"]):
                doc.paragraph(f"- {_sentence(r)}")
        _indicator_table(ctx, doc, rows, caption=f"Bảng: {g.name}")
        if g.id == "to_chuc":
            for key, cap in (("xu-huong-hoi-vien", "Tỷ lệ hội viên trên dân số qua các năm"),
                             ("so-sanh-thon-hoi-vien", f"Tỷ lệ hội viên trên dân số theo thôn, năm {ctx.year}")):
                if key in ctx.charts:
                    doc.image(ctx.charts[key], caption=f"Biểu đồ {fig_no}. {cap}")
                    fig_no += 1
        if g.id == "quy":
            _fund_tables(ctx, doc)
            if "su-dung-quy" in ctx.charts:
                doc.image(ctx.charts["su-dung-quy"], caption=f"Biểu đồ {fig_no}. Sử dụng quỹ khuyến học năm {ctx.year}")
                fig_no += 1
        if g.id == "mo_hinh":
            _recognition_table(ctx, doc)
        if g.id == "mo_hinh" and "so-sanh-thon-gdht" in ctx.charts:
            doc.image(ctx.charts["so-sanh-thon-gdht"],
                      caption=f"Biểu đồ {fig_no}. Tỷ lệ hộ đạt Gia đình học tập theo thôn, năm {ctx.year}")
            fig_no += 1
    if "ho-so-unesco" in ctx.charts:
        doc.image(ctx.charts["ho-so-unesco"], width_cm=11,
                  caption=f"Biểu đồ {fig_no}. Tự đánh giá theo các khối nền tảng của UNESCO")
    doc.paragraph("Báo cáo chỉ gồm số liệu tổng hợp; danh sách cá nhân, hộ được công nhận, khen thưởng được lập "
                  "riêng và hạn chế lưu hành.", italic=True)


def _recognition_table(ctx: ReportContext, doc: Nd30Document) -> None:
    """The two "recognised" counts side by side (and the criteria assessment's count), each column named."""
    r = ctx.results.recognitions
    if r.empty:
        return
    assessed = ctx.results.assessments is not None
    doc.paragraph(f"Tỷ lệ các mô hình học tập ở bảng trên tính theo số {COUNT_LABELS['recognised_in_year'].lower()}. "
                  f"Bảng dưới ghi thêm số {COUNT_LABELS['titled'].lower()}"
                  + (" và số đạt theo bộ tiêu chí (tự đánh giá từ dữ liệu, chưa phải quyết định công nhận)"
                     if assessed else "") + ": đây là các con số khác nhau.")
    heads = ["TT", "Mô hình", RECOGNITION_HEADERS["subjects"], RECOGNITION_HEADERS["recognised_in_year"],
             RECOGNITION_HEADERS["titled"]]
    widths = [1.0, 4.4, 2.2, 3.6, 3.6]
    if assessed:
        heads.append(RECOGNITION_HEADERS["meets_criteria"])
        widths = [1.0, 3.6, 2.0, 3.2, 3.2, 3.0]
    body = []
    for i, x in enumerate(r.to_dict("records"), start=1):
        row = [str(i), x["model"], so(x["subjects"]),
               f"{so(x['recognised_in_year'])} ({so(x['recognised_in_year_rate'], 1)}%)",
               f"{so(x['titled'])} ({so(x['titled_rate'], 1)}%)"]
        if assessed:
            row.append("–" if pd.isna(x["meets_criteria"]) else
                       f"{so(x['meets_criteria'])}/{so(x['assessed'])} ({so(x['meets_criteria_rate'], 1)}%)")
        body.append(row)
    doc.table(heads, body, widths_cm=widths, numeric=[False, False] + [True] * (len(heads) - 2),
              caption=f"Bảng: Số được công nhận theo mô hình học tập năm {ctx.year}")


def _assessments(ctx: ReportContext, doc: Nd30Document) -> None:
    """Summary of the criteria assessment of every model (``ctx.results.assessments``), aggregates only."""
    run = ctx.results.assessments
    ov = ctx.results.overview
    doc.paragraph(f"Hội đã đánh giá {len(ov)} mô hình học tập theo bộ tiêu chí, từ số liệu trong sổ sách năm "
                  f"{ctx.year}. Đây là kết quả tự đánh giá để chuẩn bị hồ sơ, chưa phải quyết định công nhận; "
                  "“Số đạt” là số đối tượng đáp ứng các tiêu chí theo số liệu hiện có (khác với số "
                  f"{COUNT_LABELS['recognised_in_year'].lower()} và số {COUNT_LABELS['titled'].lower()}).")
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


def _fund_tables(ctx: ReportContext, doc: Nd30Document) -> None:
    f = ctx.fund_use
    if len(f):
        rows = [[str(i), r["purpose"], so(r["payments"]), so(r["amount"]), so(r["share"], 1)]
                for i, r in enumerate(f.to_dict("records"), start=1)]
        rows.append(["", "Cộng", so(f["payments"].sum()), so(f["amount"].sum()), "100,0"])
        doc.table(["TT", "Nội dung chi", "Số khoản", "Số tiền (đồng)", "Tỷ lệ (%)"], rows,
                  widths_cm=[1.0, 7.0, 2.0, 3.5, 2.5], numeric=[False, False, True, True, True],
                  caption=f"Bảng: Sử dụng quỹ khuyến học năm {ctx.year}")
    a = ctx.awards_by_kind
    if len(a):
        rows = [[str(i), r["kind"], so(r["count"]), so(r["amount"])] for i, r in enumerate(a.to_dict("records"), 1)]
        rows.append(["", "Cộng", so(a["count"].sum()), so(a["amount"].sum())])
        doc.table(["TT", "Loại", "Số suất", "Giá trị (đồng)"], rows, widths_cm=[1.0, 8.5, 2.5, 4.0],
                  numeric=[False, False, True, True], caption=f"Bảng: Học bổng, khen thưởng năm {ctx.year}")


def _shortcomings(ctx: ReportContext, doc: Nd30Document) -> None:
    t = ctx.commune
    unmet = t[(t["met"] == False).fillna(False)]  # noqa: E712
    if len(unmet):
        doc.paragraph("Các chỉ tiêu chưa đạt:", bold=False)
        for r in unmet.to_dict("records"):
            doc.paragraph(f"- {r['name']}: đạt {gia_tri(r['value'], r['unit'])}, chỉ tiêu {gia_tri(r['target'], r['unit'])} "
                          f"(còn thiếu {gia_tri(-r['gap'], r['unit'])}).")
    else:
        doc.paragraph("Các chỉ tiêu có chỉ tiêu phấn đấu đều đạt.")
    lag = ctx.lagging
    if len(lag):
        doc.paragraph("Các thôn, bản, tổ dân phố còn thấp:")
        for ind, grp in lag.groupby("indicator", sort=False):
            first = grp.iloc[0]
            names = ", ".join(f"{r['unit_name']} ({gia_tri(r['value'], r['unit'])})" for r in grp.to_dict("records"))
            basis = ("dưới chỉ tiêu " + gia_tri(first["reference"], first["unit"])) if first["basis"] == "chỉ tiêu" \
                else ("dưới mức chung của xã " + gia_tri(first["reference"], first["unit"]))
            doc.paragraph(f"- {first['name']} {basis}: {names}.")
    if ctx.settings.nguyen_nhan:
        doc.paragraph("Nguyên nhân:", bold=True)
        doc.bullets(ctx.settings.nguyen_nhan)


def _directions(ctx: ReportContext, doc: Nd30Document) -> None:
    if ctx.settings.nhiem_vu:
        doc.subheading("Nhiệm vụ trọng tâm")
        doc.bullets(ctx.settings.nhiem_vu)
    nt = ctx.next_targets
    if len(nt):
        doc.subheading(f"Chỉ tiêu phấn đấu năm {ctx.year + 1}")
        cur = ctx.commune.set_index("indicator")
        rows = []
        for i, r in enumerate(nt.to_dict("records"), start=1):
            c = cur.loc[r["indicator"]]
            src = r["target_source"]
            rows.append([str(i), c["name"], so_theo_don_vi(c["value"], c["unit"]),
                         f"{'≤' if r['target_direction'] == '<=' else '≥'} {so_theo_don_vi(r['target'], c['unit'])} {c['unit']}",
                         src])
        doc.table(["TT", "Chỉ tiêu", f"Thực hiện {ctx.year}", f"Chỉ tiêu {ctx.year + 1}", "Căn cứ"], rows,
                  widths_cm=[1.0, 5.5, 2.3, 3.0, 4.7], numeric=[False, False, True, True, False])


def _proposals(ctx: ReportContext, doc: Nd30Document) -> None:
    doc.bullets(ctx.settings.de_xuat or ["Không có."])


SECTIONS: list[Section] = [
    Section("ket_qua", "Kết quả thực hiện nhiệm vụ năm {nam}", _results),
    Section("danh_gia", "Kết quả đánh giá các mô hình học tập theo bộ tiêu chí năm {nam}", _assessments,
            when=lambda ctx: ctx.results.assessments is not None),
    Section("han_che", "Hạn chế và nguyên nhân", _shortcomings),
    Section("phuong_huong", "Phương hướng, nhiệm vụ năm {nam_sau}", _directions),
    Section("de_xuat", "Đề xuất, kiến nghị", _proposals),
]


def add_section(section: Section, after: str | None = None, sections: list[Section] | None = None) -> list[Section]:
    """Thêm một phần vào báo cáo (mặc định vào danh sách chung ``SECTIONS``), sau phần có mã ``after``.

    >>> s = add_section(Section("thu", "Phần thử", lambda ctx, doc: None), after="ket_qua", sections=list(SECTIONS))
    >>> [x.key for x in s][:2]
    ['ket_qua', 'thu']
    """
    target = SECTIONS if sections is None else sections
    target[:] = [s for s in target if s.key != section.key]
    keys = [s.key for s in target]
    pos = keys.index(after) + 1 if after in keys else len(target)
    target.insert(pos, section)
    return target


# =========================================================================== building
def prepare(data: CommuneData | Results, year: int | None = None, *, commune_id: str | None = None,
            settings: ReportSettings | Mapping[str, Any] | str | Path | None = None,
            targets: pd.DataFrame | str | Path | None = None, chart_dir: str | Path | None = None,
            unesco_ratings: Mapping[str, float] | None = None) -> ReportContext:
    """Chuẩn bị báo cáo năm (dùng chung cho báo cáo .docx và phụ lục .xlsx) từ kết quả đã tính
    (``khuyenhoc.results.compute_results``) hoặc từ dữ liệu (khi đó không đánh giá các mô hình).

    >>> from khuyenhoc.data import CommuneData
    >>> prepare(CommuneData())  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ReportError: Bảng 'Đơn vị hành chính' chưa có đơn vị cấp xã nào: không lập được báo cáo.
    """
    if isinstance(data, Results):
        results = data
    else:
        results = compute_results(data, year, commune_id=commune_id, targets=targets, assess=False,
                                  unesco_ratings=unesco_ratings)
    s = settings if isinstance(settings, ReportSettings) else load_settings(settings)
    ctx = ReportContext(results=results, settings=s,
                        chart_dir=Path(chart_dir) if chart_dir else Path(tempfile.mkdtemp(prefix="khuyenhoc-bieu-do-")))
    xa = _lower_first(ctx.commune_name)
    ten_xa = ctx.commune_name.split(" ", 1)[1] if " " in ctx.commune_name else ctx.commune_name
    ctx.settings = s.filled(xa=xa, ten_xa=ten_xa, tinh=_lower_first(ctx.province_name), nam=ctx.year,
                            nam_sau=ctx.year + 1)
    return ctx


def build_document(ctx: ReportContext, sections: list[Section] | None = None) -> Nd30Document:
    """Dựng văn bản báo cáo từ các phần."""
    s = ctx.settings
    doc = Nd30Document()
    when = s.ngay or dt.date.today()
    doc.header(Header(parent_body=s.co_quan_chu_quan, issuer=s.co_quan_ban_hanh, number_symbol=s.number_symbol(),
                      place_date=f"{s.dia_danh}, {ngay_thang_nam(when)}"))
    doc.title(s.loai_van_ban, s.trich_yeu)
    doc.paragraph(s.mo_dau)
    for sec in (SECTIONS if sections is None else sections):
        if sec.when is not None and not sec.when(ctx):
            continue
        doc.heading(sec.title.format(nam=ctx.year, nam_sau=ctx.year + 1))
        sec.build(ctx, doc)
    doc.signature(Signature(authority=s.tham_quyen, title=s.chuc_vu, name=s.nguoi_ky, recipients=s.noi_nhan))
    return doc


def annual_report(data: CommuneData, year: int | None, out: str | os.PathLike, *, commune_id: str | None = None,
                  settings: ReportSettings | Mapping[str, Any] | str | Path | None = None,
                  targets: pd.DataFrame | str | Path | None = None, chart_dir: str | Path | None = None,
                  unesco_ratings: Mapping[str, float] | None = None,
                  sections: list[Section] | None = None) -> Path:
    """Lập báo cáo năm (.docx) của Hội Khuyến học xã; trả về đường dẫn tệp.

    ``settings``: dict hoặc tệp YAML ghi đè các biến mẫu (xem ``mac_dinh.yaml``).

    >>> import os, tempfile
    >>> from khuyenhoc import sample
    >>> tep = annual_report(sample.load("mau"), 2025, os.path.join(tempfile.mkdtemp(), "bao-cao.docx"),
    ...                     settings={"so": 15})
    >>> tep.name
    'bao-cao.docx'
    """
    ctx = prepare(data, year, commune_id=commune_id, settings=settings, targets=targets, chart_dir=chart_dir,
                  unesco_ratings=unesco_ratings)
    return build_document(ctx, sections).save(out)

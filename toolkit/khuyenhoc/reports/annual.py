"""Báo cáo năm của Hội Khuyến học xã gửi cấp trên (.docx, thể thức Nghị định 30/2020).

The report is a list of *sections* (``SECTIONS``), each a builder that reads the
prepared :class:`ReportContext` and writes into the document. A new section is
added with ``add_section(Section(...), after="ket_qua")`` without touching the
others (``reports.assessment`` adds the summary of ``khuyenhoc.engine.assess``
this way); a section with ``when`` is left out when ``when(ctx)`` is false.
Headings are numbered automatically. The report holds aggregates only.

Ví dụ::

    >>> [s.key for s in SECTIONS if s.key != "danh_gia"]
    ['ket_qua', 'han_che', 'phuong_huong', 'de_xuat']
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Mapping

import pandas as pd

from .. import charts
from ..charts import ChartError
from ..data import CommuneData
from ..indicators import (
    awards_by_kind, compute, data_years, fund_use, lagging_villages, latest_complete_year, load_definitions,
    load_targets,
)
from ..indicators.compute import _choose_targets
from ..indicators.vnformat import gia_tri, ngay_thang_nam, so, so_theo_don_vi, tien
from .nd30 import Header, Nd30Document, Signature
from .settings import ReportSettings, load_settings

__all__ = ["ReportContext", "Section", "SECTIONS", "add_section", "annual_report", "ReportError",
           "prepare", "value_cells"]


class ReportError(ValueError):
    """Không lập được báo cáo (thông báo tiếng Việt)."""


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
    """Mọi số liệu tổng hợp mà các phần của báo cáo cần (tính một lần)."""

    data: CommuneData
    year: int
    commune_id: str
    settings: ReportSettings
    chart_dir: Path
    targets: pd.DataFrame
    unesco_ratings: Mapping[str, float] | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # room for later sections (e.g. assessment results)

    @cached_property
    def definitions(self):
        return load_definitions()

    @cached_property
    def commune_name(self) -> str:
        au = self.data.admin_units.set_index("unit_id")
        return str(au.loc[self.commune_id, "name"])

    @cached_property
    def province_name(self) -> str:
        au = self.data.admin_units.set_index("unit_id")
        parent = au.loc[self.commune_id, "parent_id"]
        return str(au.loc[parent, "name"]) if pd.notna(parent) and parent in au.index else ""

    @cached_property
    def history(self) -> pd.DataFrame:
        """Chỉ tiêu cấp xã của mọi năm đến năm báo cáo."""
        years = [y for y in data_years(self.data) if y <= self.year] or [self.year]
        if self.year not in years:
            years.append(self.year)
        t = compute(self.data, years, "xã", targets=self.targets, definitions=self.definitions)
        return t[t["unit_id"] == self.commune_id].reset_index(drop=True)

    @cached_property
    def commune(self) -> pd.DataFrame:
        h = self.history
        return h[h["year"] == self.year].reset_index(drop=True)

    @cached_property
    def previous(self) -> pd.DataFrame:
        h = self.history
        return h[h["year"] == self.year - 1].set_index("indicator")

    @cached_property
    def villages(self) -> pd.DataFrame:
        t = compute(self.data, self.year, "thôn", targets=self.targets, definitions=self.definitions)
        ids = set(self.data.villages(self.commune_id)["unit_id"])
        return t[t["unit_id"].isin(ids)].reset_index(drop=True)

    @cached_property
    def lagging(self) -> pd.DataFrame:
        return lagging_villages(self.data, self.year, commune_id=self.commune_id, targets=self.targets)

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
        ids = list(self.commune["indicator"])
        ch = _choose_targets(self.targets, ids, [self.year + 1])
        cur = self.commune.set_index("indicator")
        ch = ch[ch["indicator"].isin(cur.index)].copy()
        order = {k: i for i, k in enumerate(ids)}
        ch["order"] = ch["indicator"].map(order)
        return ch.sort_values("order").reset_index(drop=True)

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
        if g.id == "mo_hinh" and "so-sanh-thon-gdht" in ctx.charts:
            doc.image(ctx.charts["so-sanh-thon-gdht"],
                      caption=f"Biểu đồ {fig_no}. Tỷ lệ hộ đạt Gia đình học tập theo thôn, năm {ctx.year}")
            fig_no += 1
    if "ho-so-unesco" in ctx.charts:
        doc.image(ctx.charts["ho-so-unesco"], width_cm=11,
                  caption=f"Biểu đồ {fig_no}. Tự đánh giá theo các khối nền tảng của UNESCO")
    doc.paragraph("Báo cáo chỉ gồm số liệu tổng hợp; danh sách cá nhân, hộ được công nhận, khen thưởng được lập "
                  "riêng và hạn chế lưu hành.", italic=True)


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
def _pick_commune(data: CommuneData, commune_id: str | None) -> str:
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


def prepare(data: CommuneData, year: int | None = None, *, commune_id: str | None = None,
            settings: ReportSettings | Mapping[str, Any] | str | Path | None = None,
            targets: pd.DataFrame | str | Path | None = None, chart_dir: str | Path | None = None,
            unesco_ratings: Mapping[str, float] | None = None) -> ReportContext:
    """Chuẩn bị số liệu của báo cáo năm (dùng chung cho báo cáo .docx và phụ lục .xlsx).

    >>> from khuyenhoc.data import CommuneData
    >>> prepare(CommuneData())  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ReportError: Bảng 'Đơn vị hành chính' chưa có đơn vị cấp xã nào: không lập được báo cáo.
    """
    cid = _pick_commune(data, commune_id)
    if year is None:
        year = latest_complete_year(data)
        if year is None:
            raise ReportError("Dữ liệu chưa có số liệu của năm nào: không lập được báo cáo.")
    elif int(year) not in (have := data_years(data)):
        listed = ", ".join(str(y) for y in have) or "không có năm nào"
        raise ReportError(f"Không có số liệu năm {year} trong dữ liệu (các năm có số liệu: {listed}): "
                          "chọn năm khác hoặc nhập số liệu năm đó.")
    s = settings if isinstance(settings, ReportSettings) else load_settings(settings)
    if not isinstance(targets, pd.DataFrame):
        targets = load_targets(targets)
    ctx = ReportContext(data=data, year=int(year), commune_id=cid, settings=s,
                        chart_dir=Path(chart_dir) if chart_dir else Path(tempfile.mkdtemp(prefix="khuyenhoc-bieu-do-")),
                        targets=targets, unesco_ratings=unesco_ratings)
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

    >>> import sys; sys.path.insert(0, "tests")
    >>> from test_indicators import tiny_commune  # doctest: +SKIP
    >>> annual_report(tiny_commune(), 2025, "bao-cao.docx", settings={"so": 15})  # doctest: +SKIP
    PosixPath('bao-cao.docx')
    """
    ctx = prepare(data, year, commune_id=commune_id, settings=settings, targets=targets, chart_dir=chart_dir,
                  unesco_ratings=unesco_ratings)
    return build_document(ctx, sections).save(out)

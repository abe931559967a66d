"""Xem kết quả đánh giá một mô hình: chọn bộ tiêu chí, năm, thôn → bảng và biểu đồ theo thôn.

Ví dụ::

    >>> from khuyenhoc.data import CommuneData
    >>> AssessmentExplorer(CommuneData()).catalogue.description
    'Bộ tiêu chí'
"""

from __future__ import annotations

import html

import ipywidgets as w
import matplotlib.pyplot as plt
import pandas as pd

from .. import charts
from ..catalogues import list_catalogues
from ..charts import ChartError
from ..data import CommuneData
from ..engine.explain import fmt_number
from ..engine.result import HEADERS, INTERNAL_NOTE
from .common import clear, figure_html, say, button, css, download_link, frame_html, guarded, labelled, message_html, result_area
from .session import Session

__all__ = ["AssessmentExplorer", "village_table"]

ALL_VILLAGES = "Cả xã"


def village_table(session: Session, summary: pd.DataFrame, name: str, year: int) -> pd.DataFrame:
    """Số đối tượng và số đạt theo thôn (dạng bảng chỉ tiêu, để vẽ bằng ``charts.village_chart``)."""
    s = summary[summary["village_id"].notna().to_numpy(dtype=bool)]
    if s.empty:
        return pd.DataFrame()
    g = s.groupby(s["village_id"].astype(str))["recognised"].agg(["size", lambda x: int(x.fillna(False).sum())])
    g.columns = ["subjects", "recognised"]
    names = session.data.admin_units.set_index("unit_id")["name"].astype(str)
    g = g.reset_index().rename(columns={"village_id": "unit_id"})
    g["unit_name"] = g["unit_id"].map(names).fillna(g["unit_id"])
    g["value"] = (g["recognised"] / g["subjects"] * 100).round(1)
    g["indicator"], g["name"], g["unit"], g["year"] = "ty_le_dat", f"Tỷ lệ đạt {name}", "%", year
    g["target"], g["met"] = float("nan"), pd.NA
    return g


class AssessmentExplorer:
    """Đánh giá cả xã theo một bộ tiêu chí; xem theo thôn, có biểu đồ và tệp Excel tải về."""

    def __init__(self, data: CommuneData | Session):
        self.session = Session.of(data)
        cats = list_catalogues()
        opts = [(f"{r.model} — {r.id}" + (" (mặc định)" if r.default else ""), r.id) for r in cats.itertuples()]
        default = cats.loc[cats["model"] == "Gia đình học tập", "id"]
        years = self.session.years()
        self.catalogue = labelled(w.Dropdown(options=opts, value=default.iloc[0] if len(default) else opts[0][1]),
                                  "Bộ tiêu chí", "Mô hình và bộ tiêu chí dùng để đánh giá")
        self.year = labelled(w.Dropdown(options=years, value=self.session.default_year() if years else None), "Năm",
                             "Năm đánh giá")
        villages = self.session.data.villages()
        self.village = labelled(w.Dropdown(options=[(ALL_VILLAGES, ALL_VILLAGES)] + list(zip(villages["name"].astype(str),
                                                                            villages["unit_id"].astype(str)))),
                                "Thôn", "Xem cả xã hoặc một thôn")
        self.run = button("Đánh giá", "Đánh giá mọi đối tượng theo bộ tiêu chí đã chọn")
        self.out = result_area()
        self.run.add_class("kh-nut-danh-gia")
        self.out.add_class("kh-ket-qua-danh-gia")
        self.excel = button("Lưu kết quả ra Excel", "Ghi bảng tóm tắt và chi tiết ra tệp Excel để tải về",
                            style="")
        self.excel_out = result_area()
        self.last = None
        self.run.on_click(guarded(self.out)(self._on_run))
        self.excel.on_click(guarded(self.excel_out)(self._on_excel))
        self.widget = w.VBox([css(), w.HTML("<h3>Đánh giá theo bộ tiêu chí</h3>"), self.catalogue, self.year,
                              self.village, self.run, self.out, self.excel, self.excel_out], _dom_classes=["khuyenhoc-app", "kh-danh-gia"])

    def _on_run(self, _btn=None) -> None:
        if self.year.value is None:
            raise ValueError("Dữ liệu chưa có năm nào để đánh giá.")
        year = int(self.year.value)
        r = self.session.assess(self.catalogue.value, year)
        summ = r.summary
        vid = self.village.value
        if vid != ALL_VILLAGES:
            summ = summ[(summ["village_id"] == vid).fillna(False).to_numpy(dtype=bool)]
        place = ALL_VILLAGES if vid == ALL_VILLAGES else self.village.label
        n, rec = len(summ), int(summ["recognised"].fillna(False).sum()) if len(summ) else 0
        say(self.out, f"<h4>{html.escape(r.catalogue.model)} năm {year} — {html.escape(place)}</h4>")
        share = f" ({fmt_number(rec / n * 100)}%)" if n else ""
        say(self.out, message_html(f"{n} đối tượng được xét, {rec} đạt/được công nhận{share}."))
        for m in r.messages:
            say(self.out, message_html(m, "cảnh báo"))
        counts = summ["result"].value_counts().rename_axis("Kết quả").reset_index(name="Số đối tượng")
        say(self.out, frame_html(counts, css_class="kh-bang kh-dem-ket-qua"))
        vt = village_table(self.session, r.summary, r.catalogue.model, year)
        if len(vt) > 1 and vid == ALL_VILLAGES:
            shown = vt.assign(value=vt["value"].map(fmt_number))
            say(self.out, frame_html(shown[["unit_name", "subjects", "recognised", "value"]].rename(columns={
                "unit_name": "Thôn", "subjects": "Số đối tượng", "recognised": "Số đạt", "value": "Tỷ lệ đạt (%)"}),
                css_class="kh-bang kh-theo-thon"))
            try:
                fig = charts.village_chart(vt, "ty_le_dat", year,
                                           average=rec / n * 100 if n else None)
                say(self.out, figure_html(fig))
                plt.close(fig)
            except ChartError as exc:
                say(self.out, message_html(str(exc), "cảnh báo"))
        cols = [c for c in ("subject_id", "village_id", "result", "reason") if c in summ.columns]
        say(self.out, "<b>Danh sách đối tượng</b> (tài liệu nội bộ):")
        say(self.out, frame_html(summ[cols].rename(columns=HEADERS), limit=100, css_class="kh-bang kh-doi-tuong"))
        self.last = r

    def _on_excel(self, _btn=None) -> None:
        if self.last is None:
            raise ValueError("Hãy bấm 'Đánh giá' trước.")
        r = self.last
        path = self.session.report_dir / f"danh-gia-{r.catalogue.id}-{r.year}.xlsx"
        r.to_excel(path)
        say(self.excel_out, download_link(path, f"Tải kết quả đầy đủ (Excel) — {INTERNAL_NOTE}"))

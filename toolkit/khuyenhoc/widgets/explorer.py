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
from ..indicators.vnformat import so
from ..engine.result import HEADERS, INTERNAL_NOTE
from ..results import village_rates
from .common import clear, figure_html, say, button, css, download_link, frame_html, guarded, labelled, message_html, result_area
from .session import Session

__all__ = ["AssessmentExplorer"]

ALL_VILLAGES = "Cả xã"


class AssessmentExplorer:
    """Đánh giá cả xã theo một bộ tiêu chí; xem theo thôn, có biểu đồ và tệp Excel tải về."""

    def __init__(self, data: CommuneData | Session):
        self.session = Session.of(data)
        cats = list_catalogues()
        # officers read the catalogue's name (model, document), never its internal id
        opts = [(r.name + (" (mặc định)" if r.default else ""), r.id) for r in cats.itertuples()]
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
        share = f" ({so(rec / n * 100, 1)}%)" if n else ""
        say(self.out, message_html(f"{so(n)} đối tượng được xét, {so(rec)} đạt theo bộ tiêu chí{share} "
                                   "(tự đánh giá từ dữ liệu, chưa phải quyết định công nhận)."))
        for m in r.messages:  # the engine's notes name the catalogue by its id: officers read its name
            say(self.out, message_html(m.replace(f"'{r.catalogue.id}'", f"“{r.catalogue.name}”"), "cảnh báo"))
        counts = summ["result"].value_counts().rename_axis("Kết quả").reset_index(name="Số đối tượng")
        say(self.out, frame_html(counts, css_class="kh-bang kh-dem-ket-qua"))
        vt = village_rates(r, self.session.data)
        if len(vt) > 1 and vid == ALL_VILLAGES:
            shown = vt[["unit_name", "subjects", "meets_criteria", "value"]].rename(columns={
                "unit_name": "Thôn", "subjects": "Số đối tượng", "meets_criteria": "Số đạt theo bộ tiêu chí",
                "value": "Tỷ lệ đạt (%)"})
            say(self.out, frame_html(shown, css_class="kh-bang kh-theo-thon"))
            try:
                fig = charts.village_chart(vt, "ty_le_dat", year,
                                           average=rec / n * 100 if n else None)
                say(self.out, figure_html(fig))
                plt.close(fig)
            except ChartError as exc:
                say(self.out, message_html(str(exc), "cảnh báo"))
        cols = [c for c in ("subject_id", "village_id", "result", "reason") if c in summ.columns]
        listed = summ[cols].copy()
        if "village_id" in listed.columns:  # the village's name, not its code
            names = self.session.data.admin_units.drop_duplicates("unit_id").set_index("unit_id")["name"]
            listed["village_id"] = listed["village_id"].map(names)
        say(self.out, "<b>Danh sách đối tượng</b> (tài liệu nội bộ):")
        say(self.out, frame_html(listed.rename(columns={**HEADERS, "village_id": "Thôn"}), limit=100,
                                 css_class="kh-bang kh-doi-tuong"))
        self.last = r

    def _on_excel(self, _btn=None) -> None:
        if self.last is None:
            raise ValueError("Hãy bấm 'Đánh giá' trước.")
        r = self.last
        path = self.session.report_dir / f"danh-gia-{r.catalogue.id}-{r.year}.xlsx"
        r.to_excel(path)
        say(self.excel_out, download_link(path, f"Tải kết quả đầy đủ (Excel) — {INTERNAL_NOTE}"))

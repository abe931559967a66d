"""Bảng kiểm tiêu chí của một đối tượng (người, hộ, dòng họ, thôn, đơn vị): từng chỉ số, giá trị, minh chứng.

Ví dụ::

    >>> from khuyenhoc.data import CommuneData
    >>> c = CriteriaChecklist(CommuneData())
    >>> c.model.description
    'Mô hình'
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from ..catalogues import resolve
from ..data import CommuneData
from ..engine.explain import fmt_requirement, fmt_value
from ..schema import MODEL_SUBJECTS, MODELS
from .common import clear, say, button, css, frame_html, guarded, labelled, message_html, result_area
from .session import Session

__all__ = ["CriteriaChecklist", "checklist_table"]


def _mark(met) -> str:
    if met is None or met is pd.NA or pd.isna(met):
        return "– chưa kết luận"
    return "✔ Đạt" if bool(met) else "✖ Chưa đạt"


def checklist_table(session: Session, model, year: int, subject_id: str) -> tuple[pd.DataFrame, pd.Series]:
    """(bảng kiểm từng chỉ số, dòng tóm tắt) của đối tượng ``subject_id``; ValueError nếu không có đối tượng này.

    Các cột: Tiêu chí, Mã chỉ số, Chỉ số, Giá trị, Yêu cầu, Kết quả, Minh chứng, Minh chứng đã có.
    """
    r = session.assess(model, year)
    det = r.details
    rows = det[(det["subject_id"] == subject_id).to_numpy(dtype=bool)] if len(det) else det
    if rows.empty:
        tname, tcol = MODEL_SUBJECTS[r.catalogue.model]
        raise ValueError(f"Không có đối tượng '{subject_id}' trong kết quả đánh giá '{r.catalogue.model}' năm {year} "
                         f"(cần một mã ở cột '{tcol}' của bảng '{tname}', đang cư trú).")
    summ = r.summary[(r.summary["subject_id"] == subject_id).to_numpy(dtype=bool)].iloc[0]
    ev = session.data.evidence
    ev = ev[((ev["subject_id"] == subject_id) & (ev["model"] == r.catalogue.model)).fillna(False).to_numpy(dtype=bool)]
    date_txt = ev["date"].dt.strftime("%d/%m/%Y").fillna("")
    items = (ev["evidence_id"].fillna("") + " " + ev["type"].fillna("") + " " + date_txt + " ("
             + ev["issuer"].fillna("") + ")")
    by_ind = items.groupby(ev["indicator_id"].astype(object)).agg("; ".join) if len(ev) else pd.Series(dtype=object)
    rows = rows.reset_index(drop=True)
    value = [fmt_value(None if pd.isna(v) else float(v), u) for v, u in zip(rows["value"], rows["unit"].astype(str))]
    need = [fmt_requirement(o, None if pd.isna(t) else float(t), u)
            for o, t, u in zip(rows["op"].astype(str), rows["threshold"], rows["unit"].astype(str))]
    status = rows["evidence_status"].astype(str)
    prob = rows["evidence_problem"].astype(str)
    table = pd.DataFrame({
        "Tiêu chí": rows["criterion_id"].astype(str),
        "Mã chỉ số": rows["indicator_id"].astype(str),
        "Chỉ số": rows["indicator"].astype(str),
        "Giá trị": value,
        "Yêu cầu": need,
        "Kết quả": [_mark(m) for m in rows["met"]],
        "Minh chứng": status.where(prob == "", status + ": " + prob),
        "Minh chứng đã có": rows["indicator_id"].astype(str).map(by_ind).fillna("").tolist(),
    })
    if "level" in rows.columns:
        table.insert(0, "Mức độ", rows["level"].astype("Int64").astype(str).tolist())
    return table, summ


class CriteriaChecklist:
    """Bảng kiểm tiêu chí: chọn mô hình, năm, mã đối tượng rồi bấm 'Xem bảng kiểm'."""

    def __init__(self, data: CommuneData | Session, model: str = "Gia đình học tập"):
        self.session = Session.of(data)
        years = self.session.years()
        self.model = labelled(w.Dropdown(options=list(MODELS), value=model), "Mô hình",
                              "Danh hiệu cần kiểm tra (dùng bộ tiêu chí mặc định của mô hình)")
        self.year = labelled(w.Dropdown(options=years, value=self.session.default_year() if years else None), "Năm",
                             "Năm đánh giá")
        self.subject = labelled(w.Combobox(placeholder="ví dụ X01-H0001", ensure_option=False), "Mã đối tượng",
                                "Mã người, hộ, dòng họ, thôn hoặc đơn vị (gõ vài ký tự để chọn)")
        self.show = button("Xem bảng kiểm", "Đánh giá đối tượng này theo từng chỉ số")
        self.out = result_area()
        self._options()
        self.model.observe(lambda _c: self._options(), names="value")
        self.show.on_click(guarded(self.out)(self._on_show))
        self.widget = w.VBox([css(), w.HTML("<h3>Bảng kiểm tiêu chí của một đối tượng</h3>"),
                              self.model, self.year, self.subject, self.show, self.out],
                             _dom_classes=["khuyenhoc-app", "kh-bang-kiem"])

    def _options(self) -> None:
        tname, tcol = MODEL_SUBJECTS[self.model.value]
        self.subject.options = self.session.data[tname][tcol].dropna().astype(str).head(3000).tolist()

    def _on_show(self, _btn=None) -> None:
        sid = (self.subject.value or "").strip()
        if not sid:
            raise ValueError("Hãy nhập mã đối tượng (ví dụ mã hộ X01-H0001).")
        if self.year.value is None:
            raise ValueError("Dữ liệu chưa có năm nào để đánh giá.")
        table, summ = checklist_table(self.session, self.model.value, int(self.year.value), sid)
        cat = resolve(self.model.value)
        kind = "xong" if bool(summ["recognised"]) else "cảnh báo"
        say(self.out, f"<b>{html.escape(cat.model)} năm {self.year.value} — {html.escape(sid)}</b> "
                     f"(bộ tiêu chí: {html.escape(cat.name)})")
        say(self.out, message_html(f"Kết quả: {summ['result']}. {summ['reason'] or ''}".strip(), kind))
        say(self.out, frame_html(table, css_class="kh-bang kh-bang-kiem-chi-so"))

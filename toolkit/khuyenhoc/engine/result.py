"""Kết quả đánh giá: bảng chi tiết (đối tượng × chỉ số) và bảng tóm tắt (mỗi đối tượng một dòng).

Ví dụ::

    >>> from khuyenhoc.engine import assess
    >>> from khuyenhoc.data import CommuneData
    >>> r = assess(CommuneData(), "congdan-qd324", 2025, check_year=False)
    >>> len(r.summary), list(r.summary.columns)[:3]
    (0, ['subject_id', 'village_id', 'commune_id'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..catalogues.model import Catalogue

#: Vietnamese headers of the result tables (for Excel/CSV output).
HEADERS = {
    "subject_id": "Mã đối tượng", "village_id": "Mã thôn", "commune_id": "Mã xã", "level": "Mức độ",
    "criterion_id": "Tiêu chí", "indicator_id": "Mã chỉ số", "indicator": "Chỉ số", "source": "Nguồn giá trị",
    "value": "Giá trị", "unit": "Đơn vị", "op": "So sánh", "threshold": "Ngưỡng", "threshold_source": "Nguồn ngưỡng", "points": "Điểm",
    "max_points": "Điểm tối đa", "applies": "Áp dụng", "met": "Đạt", "required": "Bắt buộc",
    "evidence_status": "Minh chứng", "evidence_problem": "Vấn đề minh chứng", "explanation": "Giải thích",
    "registered": "Đã đăng ký", "registration_id": "Mã đăng ký", "requested_level": "Mức đăng ký",
    "class": "Xếp loại", "mean_rating": "Điểm trung bình", "recognised": "Được công nhận", "result": "Kết quả",
    "reason": "Lý do", "missing": "Còn thiếu", "evidence_complete": "Đủ minh chứng",
}

INTERNAL_NOTE = "Tài liệu nội bộ — chứa mã cá nhân, không gửi ra ngoài xã."


@dataclass
class Assessment:
    """Kết quả ``assess``: ``details`` (đối tượng × chỉ số), ``summary`` (mỗi đối tượng một dòng), ``messages``;
    ``evidence_checks``: bảng kiểm tra từng minh chứng (``check_evidence``) đã dùng, với thư mục minh chứng
    ``evidence_dir`` (``None``: không kiểm tra tệp)."""

    catalogue: Catalogue
    year: int
    level: int | None
    details: pd.DataFrame
    summary: pd.DataFrame
    messages: list[str] = field(default_factory=list)
    evidence_checks: pd.DataFrame | None = field(default=None, repr=False)
    evidence_dir: Path | None = None

    def __repr__(self) -> str:
        n = len(self.summary)
        rec = int(self.summary["recognised"].fillna(False).sum()) if n else 0
        return (f"<Kết quả đánh giá '{self.catalogue.id}' năm {self.year}: {n} đối tượng, "
                f"{rec} đạt/được công nhận, {len(self.messages)} lưu ý>")

    def counts(self) -> pd.Series:
        """Số đối tượng theo kết quả (Đạt, Chưa đạt, Mức độ 1…).

        >>> from khuyenhoc.data import CommuneData
        >>> from khuyenhoc.engine import assess
        >>> assess(CommuneData(), "congdan-qd324", 2025, check_year=False).counts().sum()
        np.int64(0)
        """
        return self.summary["result"].value_counts()

    def causes(self) -> pd.Series:
        """Số đối tượng chưa đạt theo nguyên nhân (người đã đạt không được đếm).

        Với bộ tiêu chí tính điểm có mức điểm đạt (ví dụ Công dân học tập: 80 điểm), hai nguyên nhân được tách
        riêng: "Chưa đủ 80 điểm" và "Đủ điểm nhưng có chỉ số dưới mức tối thiểu". Các bộ tiêu chí khác ghi
        kết quả của bảng tóm tắt ("Chưa đạt"); "Chưa kết luận" là chưa đặt đủ ngưỡng.

        >>> from khuyenhoc.data import CommuneData
        >>> from khuyenhoc.engine import assess
        >>> len(assess(CommuneData(), "congdan-qd324", 2025, check_year=False).causes())
        0
        """
        from .explain import fmt_number

        s = self.summary
        out = s.loc[~s["recognised"].fillna(False).astype(bool), "result"].astype(object)
        out = out[out != "Tự đánh giá"]
        rule = self.catalogue.rule
        if rule.kind == "points" and rule.pass_points is not None and len(out):
            decided = (out != "Chưa kết luận").to_numpy()
            short = (s.loc[out.index, "points"] < rule.pass_points).fillna(False).to_numpy(dtype=bool)
            out[decided & short] = f"Chưa đủ {fmt_number(rule.pass_points)} điểm"
            out[decided & ~short] = "Đủ điểm nhưng có chỉ số dưới mức tối thiểu"
        return out.value_counts().rename_axis("nguyên nhân").rename("số đối tượng")

    def tables_vi(self) -> dict[str, pd.DataFrame]:
        """Hai bảng với tên cột tiếng Việt, để ghi ra Excel hoặc CSV."""
        return {
            "Tóm tắt": self.summary.rename(columns=HEADERS),
            "Chi tiết": self.details.rename(columns=HEADERS),
        }

    def to_excel(self, path: str | Path) -> Path:
        """Ghi kết quả ra tệp Excel (ghi trọn vẹn hoặc không ghi): trang Tóm tắt, Chi tiết, Lưu ý."""
        from ..atomic import atomic_path

        path = Path(path)
        notes = pd.DataFrame({"Lưu ý": [INTERNAL_NOTE, f"Bộ tiêu chí: {self.catalogue.id} — {self.catalogue.name}",
                                        f"Năm đánh giá: {self.year}", *self.messages]})
        with atomic_path(path) as tmp:
            with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
                for name, df in self.tables_vi().items():
                    out = df.copy()
                    for c in out.columns:
                        if isinstance(out[c].dtype, pd.CategoricalDtype):
                            out[c] = out[c].astype(object)
                    out.to_excel(xw, sheet_name=name, index=False)
                notes.to_excel(xw, sheet_name="Lưu ý", index=False)
        return path

    def to_csv(self, path: str | Path, table: str = "summary") -> Path:
        """Ghi một bảng (``summary`` hoặc ``details``) ra CSV UTF-8 có BOM (Excel mở đúng tiếng Việt)."""
        from ..atomic import atomic_path

        path = Path(path)
        df = (self.summary if table == "summary" else self.details).rename(columns=HEADERS)
        with atomic_path(path) as tmp:
            df.to_csv(tmp, index=False, encoding="utf-8-sig")
        return path

"""Phiếu giấy tự đánh giá Công dân học tập, cho người không dùng điện thoại thông minh, và việc kiểm tra phiếu.

Phần mềm Công dân học tập quốc gia (congdanhoctap.vn) là nơi người dân tự khai và tự chấm. Người không có điện
thoại thông minh khai trên giấy; cán bộ chi hội kiểm tra phiếu rồi nhập giúp. Mô-đun này:

- ``write_form`` in phiếu (.docx, khổ A4, chữ Times New Roman) từ bộ tiêu chí đang dùng: mỗi chỉ số một dòng,
  điểm tối đa, ô điểm tự chấm, minh chứng kèm theo. Đây là **mẫu gợi ý** của khóa học, không phải mẫu chính thức
  (không tìm thấy mẫu phiếu giấy chính thức); phiếu ghi rõ điều đó.
- ``check_form`` kiểm tra một phiếu đã điền (chép lại thành một ``dict``): thiếu điểm, điểm ngoài khoảng, tổng
  cộng sai, chỉ số dưới ngưỡng, chưa chọn hoặc chọn nhiều nhóm đối tượng, chưa đồng ý xử lý dữ liệu, thiếu chữ
  ký, thiếu xác nhận của chi hội. Kết quả có kết luận và danh sách việc cần sửa bằng tiếng Việt.
- ``to_self_scores`` đổi phiếu hợp lệ thành các dòng của trang "Điểm tự đánh giá" trong sổ của xã.

Phiếu không hỏi số căn cước và dân tộc: bộ công cụ không lưu các thông tin đó (giảm thiểu dữ liệu cá nhân).

Ví dụ::

    >>> phieu = {"ho_ten": "Lò Văn Pấng", "nam_sinh": 1968, "nhom": "Người dân trong xã",
    ...          "diem": {f"CDHT-{c}": 9 for c in ("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4",
    ...                                             "3.1", "3.2")},
    ...          "tong_diem": 90, "dong_y": True, "ky_ten": True, "xac_nhan_chi_hoi": True}
    >>> ket_qua = check_form(phieu, nam_danh_gia=2025)
    >>> ket_qua.ket_luan
    'Đủ điều kiện đề nghị công nhận'
    >>> ket_qua.tong_diem
    90.0
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .answers import read_number
from .catalogues import get_catalogue

__all__ = ["TARGET_GROUPS", "FormCheck", "check_form", "to_self_scores", "write_form", "indicator_rows"]

#: The four target groups of QĐ 324/QĐ-KHVN (25/10/2023), each with its own set of forms (read: Báo Quảng Ngãi).
TARGET_GROUPS = ("Người dân trong xã", "Người lao động", "Cán bộ công nhân viên, doanh nhân",
                 "Học sinh, sinh viên, học viên")

CATALOGUE_ID = "congdan-qd324"
OK = "Đủ điều kiện đề nghị công nhận"
NOT_MET = "Chưa đạt"
INCOMPLETE = "Phiếu chưa hợp lệ: cần bổ sung"


@dataclass
class FormCheck:
    """Kết quả kiểm tra một phiếu: kết luận, tổng điểm tính lại và các việc cần sửa (tiếng Việt)."""

    ket_luan: str
    tong_diem: float | None
    loi: list[str] = field(default_factory=list)
    chua_dat: list[str] = field(default_factory=list)

    @property
    def hop_le(self) -> bool:
        """Phiếu điền đủ và đúng (dù có thể chưa đạt)."""
        return not self.loi


def indicator_rows(catalogue_id: str = CATALOGUE_ID) -> list[dict]:
    """Các chỉ số của bộ tiêu chí, theo thứ tự in trên phiếu.

    >>> hang = indicator_rows()
    >>> len(hang), hang[0]["ma"], hang[0]["diem_toi_da"]
    (10, 'CDHT-1.1', 10.0)
    """
    cat = get_catalogue(catalogue_id)
    rows = []
    for crit in cat.criteria:
        for ind in crit.indicators:
            rows.append({"nhom_nang_luc": crit.name, "ma": ind.id, "noi_dung": ind.text,
                         "diem_toi_da": float(ind.points or 0), "nguong": ind.threshold,
                         "minh_chung": list(ind.evidence or [])})
    return rows


def _age(year_of_birth, year: int) -> int | None:
    value = read_number(year_of_birth)
    return None if value is None else int(year - value)


def check_form(form: Mapping, *, nam_danh_gia: int, catalogue_id: str = CATALOGUE_ID) -> FormCheck:
    """Kiểm tra một phiếu giấy đã điền, chép lại thành ``dict``.

    Các khóa: ``ho_ten``, ``nam_sinh``, ``nhom`` (một trong ``TARGET_GROUPS``, hoặc danh sách các ô đã đánh dấu),
    ``diem`` (mã chỉ số → điểm ghi trên phiếu, chấp nhận "8,5"), ``tong_diem`` (tổng người khai tự cộng),
    ``dong_y`` (người khai đồng ý), ``dong_y_nguoi_dai_dien`` (với người dưới 18 tuổi), ``ky_ten``,
    ``xac_nhan_chi_hoi``.

    >>> kq = check_form({"ho_ten": "A", "nam_sinh": 1990, "nhom": "Người lao động",
    ...                  "diem": {"CDHT-1.1": "11"}, "tong_diem": 11}, nam_danh_gia=2025)
    >>> kq.ket_luan
    'Phiếu chưa hợp lệ: cần bổ sung'
    >>> kq.loi[0]
    'Chỉ số CDHT-1.1: điểm ghi là 11, lớn hơn điểm tối đa 10.'
    """
    rows = indicator_rows(catalogue_id)
    errors: list[str] = []
    below: list[str] = []
    scores = dict(form.get("diem") or {})
    total = 0.0
    complete = True
    for row in rows:
        code, top = row["ma"], row["diem_toi_da"]
        raw = scores.pop(code, None)
        value = read_number(raw) if raw is not None and str(raw).strip() else None
        if raw is None or not str(raw).strip():
            errors.append(f"Chỉ số {code} ({row['noi_dung']}): chưa ghi điểm.")
            complete = False
            continue
        if value is None:
            errors.append(f"Chỉ số {code}: “{raw}” không phải một con số; ghi điểm bằng số, ví dụ 8 hoặc 8,5.")
            complete = False
            continue
        if value < 0 or value > top:
            errors.append(f"Chỉ số {code}: điểm ghi là {_fmt(value)}, lớn hơn điểm tối đa {_fmt(top)}."
                          if value > top else f"Chỉ số {code}: điểm không được âm ({_fmt(value)}).")
            complete = False
            continue
        total += value
        if row["nguong"] is not None and value < float(row["nguong"]):
            below.append(f"Chỉ số {code} ({row['noi_dung']}) được {_fmt(value)} điểm, dưới mức tối thiểu "
                         f"{_fmt(float(row['nguong']))}.")
    for extra in scores:
        errors.append(f"Mã “{extra}” không có trong bộ tiêu chí {catalogue_id}: xem lại mã chỉ số trên phiếu.")
    declared = read_number(form.get("tong_diem"))
    if complete and declared is not None and abs(declared - total) > 1e-6:
        errors.append(f"Tổng điểm người khai tự cộng là {_fmt(declared)}, cộng lại đúng là {_fmt(total)}: "
                      "sửa tổng điểm trên phiếu (người khai ký nháy bên cạnh).")
    groups = form.get("nhom")
    chosen = [groups] if isinstance(groups, str) else list(groups or [])
    chosen = [g for g in chosen if str(g).strip()]
    if not chosen:
        errors.append("Chưa đánh dấu nhóm đối tượng: chọn đúng một trong bốn nhóm.")
    elif len(chosen) > 1:
        errors.append(f"Đánh dấu {len(chosen)} nhóm đối tượng: mỗi người chỉ khai theo một nhóm.")
    elif chosen[0] not in TARGET_GROUPS:
        errors.append(f"Nhóm đối tượng “{chosen[0]}” không phải một trong bốn nhóm của bộ tiêu chí.")
    if not str(form.get("ho_ten") or "").strip():
        errors.append("Chưa ghi họ và tên người khai.")
    age = _age(form.get("nam_sinh"), nam_danh_gia)
    if age is None:
        errors.append("Chưa ghi năm sinh (hoặc năm sinh không đọc được).")
    elif not 0 <= age <= 120:
        errors.append(f"Năm sinh {form.get('nam_sinh')} không hợp lý cho năm đánh giá {nam_danh_gia}.")
    if form.get("dong_y") is not True:
        errors.append("Người khai chưa đánh dấu đồng ý cho Hội xử lý thông tin trên phiếu: không được nhập phiếu "
                      "khi chưa có sự đồng ý (không đánh dấu thay).")
    if age is not None and 0 <= age < 18 and form.get("dong_y_nguoi_dai_dien") is not True:
        errors.append("Người khai dưới 18 tuổi: cần thêm sự đồng ý của cha, mẹ hoặc người giám hộ.")
    if form.get("ky_ten") is not True:
        errors.append("Người khai chưa ký tên.")
    if form.get("xac_nhan_chi_hoi") is not True:
        errors.append("Chưa có xác nhận của chi hội khuyến học.")
    if errors:
        verdict = INCOMPLETE
    else:
        cat = get_catalogue(catalogue_id)
        verdict = OK if total >= float(cat.rule.pass_points or 0) and not below else NOT_MET
    return FormCheck(verdict, total if complete else None, errors, below)


def to_self_scores(form: Mapping, registration_id: str, *, nam_danh_gia: int,
                   catalogue_id: str = CATALOGUE_ID) -> list[dict]:
    """Các dòng của trang "Điểm tự đánh giá" (Mã đăng ký, Mã chỉ số, Điểm) từ một phiếu hợp lệ.

    >>> phieu = {"ho_ten": "A", "nam_sinh": 1980, "nhom": "Người lao động", "dong_y": True, "ky_ten": True,
    ...          "xac_nhan_chi_hoi": True, "diem": {r["ma"]: "8,5" for r in indicator_rows()}, "tong_diem": 85}
    >>> to_self_scores(phieu, "X01-DK0001", nam_danh_gia=2025)[0]
    {'Mã đăng ký': 'X01-DK0001', 'Mã chỉ số': 'CDHT-1.1', 'Điểm/giá trị': 8.5}
    """
    result = check_form(form, nam_danh_gia=nam_danh_gia, catalogue_id=catalogue_id)
    if not result.hop_le:
        raise ValueError("Phiếu chưa hợp lệ, chưa nhập được: " + " ".join(result.loi))
    scores = form["diem"]
    return [{"Mã đăng ký": registration_id, "Mã chỉ số": row["ma"], "Điểm/giá trị": read_number(scores[row["ma"]])}
            for row in indicator_rows(catalogue_id)]


def _fmt(x: float) -> str:
    return (f"{x:.1f}".rstrip("0").rstrip(".")).replace(".", ",")


def write_form(path: str | os.PathLike, *, xa: str, nam_danh_gia: int, catalogue_id: str = CATALOGUE_ID) -> Path:
    """In phiếu tự đánh giá (mẫu gợi ý) ra tệp .docx; trả về đường dẫn tệp.

    >>> import tempfile, docx
    >>> tep = write_form(Path(tempfile.mkdtemp()) / "phieu.docx", xa="Hòa Mẫu", nam_danh_gia=2025)
    >>> "PHIẾU TỰ ĐÁNH GIÁ" in "\\n".join(p.text for p in docx.Document(tep).paragraphs)
    True
    """
    from .nd30 import Header, Nd30Document

    cat = get_catalogue(catalogue_id)
    doc = Nd30Document()
    doc.header(Header(parent_body=f"HỘI KHUYẾN HỌC XÃ {xa}", issuer="CHI HỘI KHUYẾN HỌC ..................",
                      number_symbol="", place_date="............, ngày ..... tháng ..... năm ........"))
    doc.page_mark("MẪU GỢI Ý CỦA KHÓA HỌC")
    doc.title("Phiếu tự đánh giá", [f"danh hiệu “Công dân học tập” năm {nam_danh_gia}", f"xã {xa}"])
    doc.paragraph("Dành cho người không khai được trên phần mềm Công dân học tập (congdanhoctap.vn). Chi hội "
                  "khuyến học kiểm tra phiếu và nhập giúp vào phần mềm. Đây là mẫu gợi ý của khóa tập huấn, "
                  "không phải mẫu chính thức; các chỉ số theo bộ tiêu chí đang dùng: "
                  f"{cat.name} (bản dựng lại, cần đối chiếu với văn bản của Hội cấp trên).", italic=True)
    doc.paragraph("Họ và tên: ............................................   Năm sinh: ..........", indent=False)
    doc.paragraph("Thôn, bản, tổ dân phố: ..................................................", indent=False)
    doc.paragraph("Nhóm đối tượng (đánh dấu một ô):", indent=False)
    for group in TARGET_GROUPS:
        doc.paragraph(f"☐ {group}", indent=True)
    rows = [[str(i), f"{r['ma']}. {r['noi_dung']}", _fmt(r["diem_toi_da"]), "", ", ".join(r["minh_chung"][:2])]
            for i, r in enumerate(indicator_rows(catalogue_id), start=1)]
    rows.append(["", "Tổng cộng", _fmt(sum(r["diem_toi_da"] for r in indicator_rows(catalogue_id))), "", ""])
    doc.table(["STT", "Chỉ số", "Điểm tối đa", "Điểm tự chấm", "Minh chứng kèm theo"], rows,
              widths_cm=[1.3, 7.2, 1.9, 2.0, 4.1])
    doc.paragraph(f"Đạt khi tổng điểm từ {_fmt(float(cat.rule.pass_points or 0))} trở lên và không chỉ số nào "
                  "dưới 5 điểm. Số liệu tính từ 01/01 đến 31/12 của năm đánh giá.", indent=False)
    doc.paragraph("☐ Tôi đồng ý để Hội Khuyến học xã dùng thông tin trên phiếu này cho việc đánh giá, công nhận "
                  "danh hiệu Công dân học tập. (Người dưới 18 tuổi: cha, mẹ hoặc người giám hộ cùng đánh dấu "
                  "và ký.) ☐ Người đại diện đồng ý.", indent=False)
    doc.paragraph("Phiếu không ghi số căn cước, không ghi dân tộc.", italic=True, indent=False)
    doc.two_signatures(("XÁC NHẬN CỦA CHI HỘI", "[Họ và tên]"), ("NGƯỜI KHAI", "[Họ và tên]"))
    return doc.save(path)

"""Minh chứng giả định cho các đăng ký của năm đang đánh giá, kèm tệp minh chứng nhỏ.

``EVIDENCE_KINDS`` says, for each indicator id, what kind of paper proves it and
who issues it. Adding evidence for another model is adding its indicator ids
to ``EVIDENCE_KINDS`` (and the model to ``EVIDENCE_MODELS``): the generator
then produces evidence for the current-year registrations of that model.

A few items are faulty on purpose, for teaching (``FAULTS``): dated outside the
assessment year, issued by an implausible issuer, file missing, file changed
after its checksum was recorded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .spec import days, make_ids, number_within, random_days, rng_for, to_datetime

#: indicator id → (evidence type, issuer template, file stem, what it shows).
#: Templates may use {xa} (commune), {tinh} (province), {thon} (village), {noi_lam} (workplace or village branch).
EVIDENCE_KINDS: dict[str, tuple[str, str, str, str]] = {
    "CDHT-1.1": ("Sổ theo dõi", "Thư viện xã {xa}", "so_muon_sach", "Trích sổ mượn sách, báo của thư viện xã"),
    "CDHT-1.2": ("Kế hoạch", "Chi hội khuyến học {thon}", "ke_hoach_hoc_tap", "Kế hoạch học tập cá nhân năm"),
    "CDHT-1.3": ("Giấy chứng nhận", "Trung tâm học tập cộng đồng xã {xa}", "chung_nhan_lop_hoc",
                 "Hoàn thành lớp học chuyên đề"),
    "CDHT-1.4": ("Giấy khen", "Hội Khuyến học xã {xa}", "giay_khen_khuyen_hoc", "Có thành tích vận động con em học tập"),
    "CDHT-2.1": ("Giấy chứng nhận", "Trung tâm học tập cộng đồng xã {xa}", "chung_nhan_ky_nang_so",
                 "Hoàn thành lớp kỹ năng số cơ bản"),
    "CDHT-2.2": ("Giấy chứng nhận", "Trung tâm Ngoại ngữ – Tin học tỉnh {tinh}", "chung_nhan_ngoai_ngu",
                 "Hoàn thành khóa tiếng Anh giao tiếp cơ bản"),
    "CDHT-2.3": ("Bảng tổng hợp kết quả", "{noi_lam}", "ket_qua_cong_viec", "Kết quả công việc, sản xuất trong năm"),
    "CDHT-2.4": ("Biên bản họp", "Chi hội khuyến học {thon}", "bien_ban_sinh_hoat", "Tham gia góp ý tại buổi sinh hoạt"),
    "CDHT-3.1": ("Giấy khen", "UBND xã {xa}", "giay_khen_xay_dung_khu_dan_cu", "Tích cực xây dựng khu dân cư văn hóa"),
    "CDHT-3.2": ("Giấy chứng nhận", "Hội Chữ thập đỏ xã {xa}", "chung_nhan_tinh_nguyen", "Tham gia hoạt động tình nguyện"),
}
#: model → indicator ids for which the sample produces evidence.
EVIDENCE_MODELS: dict[str, tuple[str, ...]] = {
    "Công dân học tập": tuple(k for k in EVIDENCE_KINDS if k.startswith("CDHT-")),
}
#: Issuers that cannot have issued such a paper (for the "issuer not plausible" fault).
IMPLAUSIBLE_ISSUERS = ("Cửa hàng điện thoại Minh Phát", "Tự xác nhận", "Quán cà phê Hưng Thịnh")
#: Planted faults and how many of each per commune.
FAULTS = {"date_outside_year": 2, "issuer_implausible": 2, "file_missing": 1, "checksum_mismatch": 1}


@dataclass
class Evidence:
    table: pd.DataFrame
    files: dict[str, bytes]  # path relative to the evidence folder → content
    faults: pd.DataFrame  # evidence_id, fault (for tests and trainers)


def _render(row: dict) -> bytes:
    text = (
        f"{row['issuer']}\n"
        f"{row['type'].upper()}\n"
        f"Số: {row['evidence_id']}\n"
        f"Cấp cho: {row['_name']} (mã {row['subject_id']})\n"
        f"Nội dung: {row['_what']}\n"
        f"Ngày {row['_date_text']}\n"
        "(Tệp minh chứng giả định, dùng cho khóa học.)\n"
    )
    return text.encode("utf-8")


def build_evidence(registrations: pd.DataFrame, people, geo, units: pd.DataFrame, p_workplace: np.ndarray,
                   seed: int, year: int, as_of_day: int, subjects_per_commune: int = 12) -> Evidence:
    """Minh chứng cho các đăng ký năm ``year`` đã tự đánh giá, của các mô hình trong ``EVIDENCE_MODELS``."""
    rng = rng_for(seed, "evidence")
    r = registrations
    cand = r[(r["year"] == year) & r["model"].isin(list(EVIDENCE_MODELS)) & (r["status"] == "Đã tự đánh giá")]
    rows = []
    for c, grp in cand.groupby("_commune", sort=True):
        pick = grp.iloc[np.sort(rng.choice(len(grp), size=min(subjects_per_commune, len(grp)), replace=False))]
        for _, reg in pick.iterrows():
            inds = EVIDENCE_MODELS[reg["model"]]
            k = int(rng.integers(2, 4))
            for ind in sorted(rng.choice(inds, size=k, replace=False)):
                rows.append({"_commune": c, "model": reg["model"], "subject_id": reg["subject_id"],
                             "_subject": int(reg["_subject"]), "indicator_id": ind,
                             "_after": int(reg["_registered"])})
    ev = pd.DataFrame(rows, columns=["_commune", "model", "subject_id", "_subject", "indicator_id", "_after"])
    if ev.empty:
        return Evidence(table=ev, files={}, faults=pd.DataFrame(columns=["evidence_id", "fault"]))
    cm = ev["_commune"].to_numpy()
    ev["evidence_id"] = make_ids(geo.prefix[cm], "MC", number_within(cm), 4)
    y0 = days(date(year, 1, 2))
    d = random_days(rng, y0, as_of_day - 25, size=len(ev))
    ev["_day"] = d
    ev["_recorded"] = np.minimum(d + rng.integers(1, 20, len(ev)), as_of_day)
    kinds = ev["indicator_id"].map(EVIDENCE_KINDS)
    ev["type"] = kinds.str[0]
    ev["_what"] = kinds.str[3]
    pidx = ev["_subject"].to_numpy()
    vill = people.p_village[pidx]
    thon = np.array([n[0].lower() + n[1:] for n in geo.village_name], dtype=object)[vill]
    w = p_workplace[pidx]
    noi_lam = np.where(w >= 0, units["name"].to_numpy(dtype=object)[np.maximum(w, 0)], "Chi hội khuyến học " + thon)
    xa = geo.commune_name[ev["_commune"].to_numpy()]
    templ = kinds.str[1].to_numpy()
    ev["issuer"] = [t.format(xa=a, tinh=geo.province_name, thon=b, noi_lam=n) for t, a, b, n in zip(templ, xa, thon, noi_lam)]
    stem = kinds.str[2].to_numpy()
    ev["file"] = ev["subject_id"] + "/" + ev["indicator_id"] + "_" + stem + ".txt"
    ev["_name"] = people.p_name[pidx]

    # planted faults, per commune, on distinct rows
    faults = []
    for c, grp in ev.groupby("_commune", sort=True):
        idx = rng.permutation(grp.index.to_numpy())
        pos = 0
        for fault, k in FAULTS.items():
            for i in idx[pos:pos + k]:
                faults.append((int(i), fault))
            pos += k
    fault_of = dict(faults)
    for i, fault in faults:
        if fault == "date_outside_year":
            ev.at[i, "_day"] = days(date(year - 1, 11, 1)) + int(rng.integers(0, 50))
            ev.at[i, "_recorded"] = int(ev.at[i, "_after"]) + int(rng.integers(1, 10))
        elif fault == "issuer_implausible":
            ev.at[i, "issuer"] = IMPLAUSIBLE_ISSUERS[int(rng.integers(len(IMPLAUSIBLE_ISSUERS)))]
    ev["_date_text"] = pd.to_datetime(to_datetime(ev["_day"].to_numpy())).strftime("%d/%m/%Y")
    files: dict[str, bytes] = {}
    sha = []
    for i, row in zip(ev.index, ev.to_dict("records")):  # evidence rows are few (a dozen subjects per commune)
        content = _render(row)
        sha.append(hashlib.sha256(content).hexdigest())
        fault = fault_of.get(int(i))
        if fault == "file_missing":
            continue
        if fault == "checksum_mismatch":  # someone changed the date in the file after it was recorded
            changed = dict(row, _date_text=row["_date_text"][:-4] + str(year - 1))
            content = _render(changed)
        files[row["file"]] = content
    ev["sha256"] = sha
    ev["date"] = to_datetime(ev["_day"].to_numpy())
    ev["recorded"] = to_datetime(ev["_recorded"].to_numpy())
    fl = pd.DataFrame({"evidence_id": [ev.at[i, "evidence_id"] for i, _ in faults], "fault": [f for _, f in faults]})
    return Evidence(table=ev, files=files, faults=fl)

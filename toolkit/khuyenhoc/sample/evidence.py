"""Minh chứng giả định cho các đăng ký của năm đang đánh giá, kèm tệp minh chứng nhỏ.

``EVIDENCE_KINDS`` says, for each indicator id, what kind of paper proves it and
who issues it (types and issuers the criteria catalogue accepts). Models with
evidence: Công dân học tập, Gia đình học tập, Đơn vị học tập, Cộng đồng học tập
cấp xã. Adding another model is adding its indicator ids to ``EVIDENCE_KINDS``,
its id prefix to ``EVIDENCE_MODELS`` and its counts to ``SUBJECTS`` and
``FAULTS``: the generator then produces evidence for the current-year
registrations of that model.

A few items are faulty on purpose, for teaching (``FAULTS``, per model): dated
outside the assessment year, issued by an implausible issuer, file missing, file
changed after its checksum was recorded.
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
    # Gia đình học tập (types and issuers accepted by the catalogue giadinh-qd387)
    "GDHT-1.1": ("Danh sách", "Chi hội khuyến học {thon}", "danh_sach_con_em_di_hoc",
                 "Danh sách con em trong độ tuổi đi học của hộ"),
    "GDHT-1.2": ("Học bạ, giấy báo kết quả", "{truong}", "giay_bao_ket_qua", "Kết quả học tập cả năm của con em"),
    "GDHT-1.3": ("Học bạ, giấy báo kết quả", "{truong}", "nhan_xet_ren_luyen", "Nhận xét rèn luyện, đạo đức của con em"),
    "GDHT-2.2": ("Giấy chứng nhận", "Trung tâm học tập cộng đồng xã {xa}", "chung_nhan_hoc_tap",
                 "Người lớn trong hộ hoàn thành lớp học chuyên đề"),
    "GDHT-2.3": ("Sổ theo dõi", "Chi hội khuyến học {thon}", "so_dong_gop_quy", "Trích sổ đóng góp quỹ khuyến học"),
    "GDHT-3.1": ("Sổ theo dõi", "Chi hội khuyến học {thon}", "so_quy_gia_dinh", "Quỹ khuyến học của gia đình"),
    "GDHT-3.2": ("Ảnh hoạt động", "Chi hội khuyến học {thon}", "anh_goc_hoc_tap", "Ảnh tủ sách, góc học tập của con em"),
    "GDHT-4.1": ("Báo cáo tự đánh giá", "Ban công tác Mặt trận {thon}", "xac_nhan_kinh_te",
                 "Xác nhận kinh tế gia đình ổn định"),
    "GDHT-4.2": ("Giấy chứng nhận", "UBND xã {xa}", "gia_dinh_van_hoa", "Công nhận Gia đình văn hóa"),
    # Đơn vị học tập (donvi-tt24-2023); {don_vi} is the unit itself
    "DVHT24-1.1": ("Kế hoạch", "{don_vi}", "ke_hoach_hoc_tap", "Kế hoạch học tập năm của đơn vị"),
    "DVHT24-1.2": ("Quyết định", "{don_vi}", "quy_che_khuyen_khich", "Quy chế khuyến khích học tập của đơn vị"),
    "DVHT24-1.5": ("Ảnh hoạt động", "{don_vi}", "anh_hoat_dong", "Tham gia Tuần lễ hưởng ứng học tập suốt đời"),
    "DVHT24-2.2": ("Giấy chứng nhận", "Trung tâm học tập cộng đồng xã {xa}", "chung_nhan_boi_duong",
                   "Thành viên hoàn thành chương trình bồi dưỡng"),
    "DVHT24-3.1": ("Danh sách", "Hội Khuyến học xã {xa}", "danh_sach_cdht", "Danh sách thành viên là Công dân học tập"),
    "DVHT24-3.3": ("Quyết định", "UBND xã {xa}", "quyet_dinh_thi_dua", "Công nhận danh hiệu thi đua tập thể"),
    "DVHT24-3.5": ("Bảng tổng hợp kết quả", "{don_vi}", "tong_hop_nguoi_hoc", "Tỉ lệ người học đạt Công dân học tập"),
    # Cộng đồng học tập cấp xã (congdongxa-tt25-2023)
    "CDXA25-1.1": ("Kế hoạch", "Đảng ủy xã {xa}", "ke_hoach_tuyen_truyen", "Kế hoạch tuyên truyền học tập suốt đời"),
    "CDXA25-1.2": ("Quyết định", "UBND xã {xa}", "ke_hoach_xhht", "Ban hành kế hoạch xây dựng xã hội học tập"),
    "CDXA25-1.3": ("Báo cáo tự đánh giá", "Hội Khuyến học xã {xa}", "bao_cao_tuan_le", "Báo cáo Tuần lễ học tập suốt đời"),
    "CDXA25-2.1": ("Bảng tổng hợp kết quả", "UBND xã {xa}", "ngan_sach", "Kinh phí ngân sách cho xã hội học tập"),
    "CDXA25-2.2": ("Sổ theo dõi", "Hội Khuyến học xã {xa}", "so_xa_hoi_hoa", "Nguồn lực xã hội hóa huy động được"),
    "CDXA25-2.3": ("Biên bản họp", "UBND xã {xa}", "bien_ban_phoi_hop", "Họp phối hợp giữa các tổ chức trong xã"),
}
#: model → indicator ids for which the sample produces evidence.
EVIDENCE_MODELS: dict[str, tuple[str, ...]] = {
    model: tuple(k for k in EVIDENCE_KINDS if k.startswith(prefix))
    for model, prefix in (("Công dân học tập", "CDHT-"), ("Gia đình học tập", "GDHT-"), ("Đơn vị học tập", "DVHT24-"),
                          ("Cộng đồng học tập cấp xã", "CDXA25-"))
}
#: Subjects given evidence per commune and model (main sample, smaller commune).
SUBJECTS = {"Công dân học tập": (8, 5), "Gia đình học tập": (5, 3), "Đơn vị học tập": (3, 2),
            "Cộng đồng học tập cấp xã": (1, 1)}
#: Units whose own papers (plans, rules) count as issued by an accepted issuer of the catalogue.
SELF_ISSUING_KINDS = ("Ủy ban nhân dân xã", "Trung tâm học tập cộng đồng", "Trường mầm non", "Trường tiểu học",
                      "Trường trung học cơ sở", "Trường trung học phổ thông")
#: Issuers that cannot have issued such a paper (for the "issuer not plausible" fault).
IMPLAUSIBLE_ISSUERS = ("Cửa hàng điện thoại Minh Phát", "Tự xác nhận", "Quán cà phê Hưng Thịnh")
#: Planted faults per commune and model, and how many of each.
FAULTS = {
    "Công dân học tập": {"date_outside_year": 2, "issuer_implausible": 2, "file_missing": 1, "checksum_mismatch": 1},
    "Gia đình học tập": {"date_outside_year": 1, "issuer_implausible": 1, "file_missing": 1, "checksum_mismatch": 1},
    "Đơn vị học tập": {"date_outside_year": 1, "issuer_implausible": 1, "file_missing": 1, "checksum_mismatch": 1},
    "Cộng đồng học tập cấp xã": {"date_outside_year": 1},
}


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


def _subject_context(ev: pd.DataFrame, people, geo, units: pd.DataFrame, p_workplace: np.ndarray) -> pd.DataFrame:
    """Name on the paper and the words of issuer templates, for each evidence row (by the model of its subject)."""
    n = len(ev)
    model = ev["model"].to_numpy()
    subj = ev["_subject"].to_numpy()
    com = ev["_commune"].to_numpy()
    vname = np.array([v[0].lower() + v[1:] for v in geo.village_name], dtype=object)
    uname = units["name"].to_numpy(dtype=object)
    ucomm = units["_commune"].to_numpy()
    ukind = units["kind"].to_numpy(dtype=object)
    # the school that issues children's results: the lower-secondary school of the commune, else any school
    school_rank = np.select([ukind == "Trường trung học cơ sở", np.char.startswith(ukind.astype(str), "Trường")], [0, 1], 9)
    truong_of = {}
    for c in range(geo.n_communes):
        cand = np.flatnonzero((ucomm == c) & (school_rank < 9))
        truong_of[c] = uname[cand[np.argmin(school_rank[cand])]] if len(cand) else f"Trường Tiểu học {geo.commune_name[c]}"
    person = model == "Công dân học tập"
    household = model == "Gia đình học tập"
    unit = model == "Đơn vị học tập"
    p = np.where(person, subj, 0)
    hh = np.where(household, subj, 0)
    village = np.select([person, household], [people.p_village[p], people.hh_village[hh]], -1)
    thon = np.where(village >= 0, vname[np.maximum(village, 0)], "")
    w = np.where(person, p_workplace[p], -1)
    noi_lam = np.where(w >= 0, uname[np.maximum(w, 0)], "Chi hội khuyến học " + thon)
    don_vi = np.where(unit, uname[np.where(unit, subj, 0)], "")
    name = np.select([person, household, unit],
                     [people.p_name[p], "Hộ " + people.p_name[people.hh_head[hh]].astype(object), don_vi],
                     "Xã " + geo.commune_name[com].astype(object))
    return pd.DataFrame({"_name": name, "thon": thon, "noi_lam": noi_lam, "don_vi": don_vi,
                         "truong": [truong_of[c] for c in com], "xa": geo.commune_name[com]}, index=ev.index)


def build_evidence(registrations: pd.DataFrame, people, geo, units: pd.DataFrame, p_workplace: np.ndarray,
                   seed: int, year: int, as_of_day: int, small: bool = False) -> Evidence:
    """Minh chứng cho các đăng ký năm ``year`` của các mô hình trong ``EVIDENCE_MODELS`` (``small``: xã nhỏ hơn).

    Công dân học tập: people who already self-assessed; the other models: registrations not withdrawn.
    """
    rng = rng_for(seed, "evidence")
    r = registrations
    cur = r[(r["year"] == year) & r["model"].isin(list(EVIDENCE_MODELS)) & (r["status"] != "Rút đăng ký")]
    cur = cur[(cur["model"] != "Công dân học tập") | (cur["status"] == "Đã tự đánh giá")]
    own = units["kind"].isin(SELF_ISSUING_KINDS).to_numpy()
    cur = cur[(cur["model"] != "Đơn vị học tập") | own[np.where(cur["model"] == "Đơn vị học tập", cur["_subject"], 0)]]
    rows = []
    for (c, mdl), grp in cur.groupby(["_commune", "_model_order"], sort=True):
        model = grp["model"].iloc[0]
        size = min(SUBJECTS[model][1 if small else 0], len(grp))
        pick = grp.iloc[np.sort(rng.choice(len(grp), size=size, replace=False))]
        inds = EVIDENCE_MODELS[model]
        for _, reg in pick.iterrows():  # a handful of subjects per model
            k = len(inds) if model == "Cộng đồng học tập cấp xã" else int(rng.integers(2, 4))
            for ind in sorted(rng.choice(inds, size=k, replace=False)):
                rows.append({"_commune": c, "_model_order": mdl, "model": model, "subject_id": reg["subject_id"],
                             "_subject": int(reg["_subject"]), "indicator_id": ind, "_after": int(reg["_registered"])})
    ev = pd.DataFrame(rows, columns=["_commune", "_model_order", "model", "subject_id", "_subject", "indicator_id",
                                     "_after"])
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
    ctx = _subject_context(ev, people, geo, units, p_workplace)
    ev["_name"] = ctx["_name"]
    templ = kinds.str[1].to_numpy()
    ev["issuer"] = [t.format(xa=a, tinh=geo.province_name, thon=b, noi_lam=nl, don_vi=dv, truong=tr)
                    for t, a, b, nl, dv, tr in zip(templ, ctx["xa"], ctx["thon"], ctx["noi_lam"], ctx["don_vi"],
                                                   ctx["truong"])]
    stem = kinds.str[2].to_numpy()
    ev["file"] = ev["subject_id"] + "/" + ev["indicator_id"] + "_" + stem + ".txt"

    # planted faults, per commune and model, on distinct rows
    faults = []
    for (c, _), grp in ev.groupby(["_commune", "_model_order"], sort=True):
        idx = rng.permutation(grp.index.to_numpy())
        pos = 0
        for fault, k in FAULTS[grp["model"].iloc[0]].items():
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

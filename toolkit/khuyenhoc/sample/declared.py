"""Giá trị tự khai (giả định) của hộ, đơn vị và xã, và điều kiện đạt của từng đăng ký theo bộ tiêu chí.

The criteria catalogues (``khuyenhoc/catalogues``) mix indicators measured from
the commune's books with indicators the subject declares on its self-assessment
form (``measure: declared``, table "Điểm tự đánh giá"). This module makes the
declared values of the sample and decides, with the same rules as the
catalogues, whether a registration met the criteria, so that the decisions
recorded in the sample are the ones the criteria engine reaches:

- Gia đình học tập (``giadinh-qd387``): every required indicator met;
- Đơn vị học tập (``donvi-tt24-2023``): levels 1 and 2;
- Dòng họ học tập (``dongho-qd387``) and Cộng đồng học tập cấp thôn
  (``congdongthon-qd387``): every indicator met, the shares measured as the
  engine measures them (``share_grid``);
- Cộng đồng học tập cấp xã (``congdongxa-tt25-2023``): levels 1 and 2, level 2 at
  least 12 months after the level-1 decision.

Where a catalogue leaves a threshold unset, the sample commune decided its own
(``SAMPLE_THRESHOLDS``). They are written, with the invented documents of
``THRESHOLD_DECISIONS``, to the local thresholds file shipped with each sample
commune (``nguong-dia-phuong.yaml``, see ``thresholds_file_text``): the generator
and the file read the same values. They are the fictional commune's choice,
not official figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Thresholds the (fictional) sample communes decided where the catalogue has none (threshold: null):
#: catalogue id -> indicator id -> value, or {level: value}. The one source of the generator's decisions and of
#: the shipped local thresholds files.
SAMPLE_THRESHOLDS: dict[str, dict] = {
    "giadinh-qd387": {"GDHT-2.2": 50},
    "dongho-qd387": {"DHHT-2.1": 40, "DHHT-2.2": 95, "DHHT-2.3": 15},
    "congdongthon-qd387": {"CDTHON-1.2": 1, "CDTHON-2.1": 45, "CDTHON-2.2": 97, "CDTHON-2.3": 95},
    "donvi-tt24-2023": {"DVHT24-2.1": {2: 90}, "DVHT24-2.2": {2: 90}},
    "congdongxa-tt25-2023": {
        **{ind: {2: True} for ind in ("CDXA25-1.1", "CDXA25-1.2", "CDXA25-1.3", "CDXA25-2.1", "CDXA25-2.2",
                                      "CDXA25-2.3")},
        "CDXA25-3.1": {1: 40, 2: 50}, "CDXA25-3.2": {1: 25, 2: 50}, "CDXA25-3.3": {1: 90, 2: 95},
    },
}

#: Who decided (invented bodies and documents, marked "giả định"): the commune for the titles it recognises,
#: the province's education department for Đơn vị học tập and Cộng đồng học tập cấp xã.
THRESHOLD_DECISIONS = {
    "commune": ("Hội Khuyến học xã {xa} (giả định)",
                "Kế hoạch số 05/KH-HKH ngày 15/01/2021 của Hội Khuyến học xã {xa} (giả định), UBND xã {xa} "
                "thống nhất tại Công văn số 12/UBND-VX ngày 20/01/2021 (giả định)"),
    "province": ("Sở Giáo dục và Đào tạo tỉnh {tinh} (giả định)",
                 "Hướng dẫn số 21/HD-SGDĐT ngày 01/03/2024 của Sở Giáo dục và Đào tạo tỉnh {tinh} (giả định)"),
}
PROVINCE_DECIDES = ("donvi-tt24-2023", "congdongxa-tt25-2023")


def sample_threshold(catalogue_id: str, indicator_id: str, level: int | None = None) -> float:
    """Ngưỡng xã mẫu đã đặt cho một chỉ số (dạng số; Có = 1).

    >>> sample_threshold("congdongxa-tt25-2023", "CDXA25-3.2", 2)
    50.0
    """
    v = SAMPLE_THRESHOLDS[catalogue_id][indicator_id]
    if isinstance(v, dict):
        v = v[level]
    return float(v)


def thresholds_file_text(commune: str, province: str) -> str:
    """Nội dung tệp ngưỡng địa phương (giả định) của xã mẫu ``commune`` — viết từ ``SAMPLE_THRESHOLDS``.

    >>> "GDHT-2.2: 50" in thresholds_file_text("Hòa Mẫu", "Hồng Lam")
    True
    """
    from ..catalogues.local import dump_thresholds

    fmt = {"xa": commune, "tinh": province}
    c_who, c_doc = (t.format(**fmt) for t in THRESHOLD_DECISIONS["commune"])
    p_who, p_doc = (t.format(**fmt) for t in THRESHOLD_DECISIONS["province"])
    cats = {}
    for cid, values in SAMPLE_THRESHOLDS.items():
        entry: dict = {}
        if cid in PROVINCE_DECIDES:
            entry = {"decided_by": p_who, "document": p_doc}
        flat: dict = {}
        for ind, v in values.items():
            if isinstance(v, dict):
                flat.update({f"{ind}:{lv}": x for lv, x in v.items()})
            else:
                flat[ind] = v
        entry["thresholds"] = flat
        cats[cid] = entry
    header = (
        f"# NGƯỠNG DO ĐỊA PHƯƠNG QUY ĐỊNH — xã {commune}, tỉnh {province} (GIẢ ĐỊNH)\n"
        "#\n"
        "# Tệp này đi kèm DỮ LIỆU MẪU. Xã, tỉnh, cơ quan, văn bản và các con số dưới đây đều là GIẢ ĐỊNH: xã mẫu\n"
        "# tự quyết định để học cách dùng công cụ. ĐÂY KHÔNG PHẢI QUY ĐỊNH CHÍNH THỨC và không phải ngưỡng của bộ\n"
        "# tiêu chí. Xã thật ghi vào tệp của mình các ngưỡng mà tỉnh/xã mình đã quyết định bằng văn bản.\n"
        "#\n"
        "# Cách ghi: catalogues → mã bộ tiêu chí → thresholds → mã chỉ số: ngưỡng.\n"
        "#   - tỉ lệ ghi số phần trăm không kèm dấu %, ví dụ 50 nghĩa là 50%;\n"
        "#   - chỉ số Có/Không ghi true (Có) hoặc false (Không);\n"
        "#   - bộ tiêu chí chia mức độ: ghi mức độ sau dấu ':' trong ngoặc kép, ví dụ \"DVHT24-2.1:2\": 90.\n"
        "# decided_by / document: cơ quan quyết định và văn bản (số, ngày); ghi riêng trong một bộ tiêu chí nếu\n"
        "# bộ đó do cơ quan khác quyết định. Sinh lại bằng: python -m khuyenhoc.sample.build\n\n"
    )
    note = ("Giả định của dữ liệu mẫu, không phải quy định chính thức. Các ngưỡng này chỉ điền vào chỗ bộ tiêu chí "
            "để trống (threshold: null) vì văn bản gốc không cho con số.")
    return dump_thresholds(f"Ngưỡng do địa phương quy định — xã {commune} (giả định)", c_who, c_doc, note, cats,
                           header=header)

GDHT_DECLARED = ("GDHT-1.3", "GDHT-4.1")
DVHT_FLAGS = ("DVHT24-1.1", "DVHT24-1.2", "DVHT24-1.3", "DVHT24-1.4", "DVHT24-1.5", "DVHT24-3.2")
DVHT_DECLARED = DVHT_FLAGS + ("DVHT24-2.1", "DVHT24-2.2", "DVHT24-3.3", "DVHT24-3.4", "DVHT24-3.5", "DVXA-1.1")
CDXA_DECLARED = ("CDXA25-1.1", "CDXA25-1.2", "CDXA25-1.3", "CDXA25-2.1", "CDXA25-2.2", "CDXA25-2.3")

#: Level thresholds of the Đơn vị học tập catalogue (TT 24/2023), with the sample's own for level 2 of 2.1/2.2.
DVHT_LEVELS = {
    1: {"share": 90.0, "cdht": 90.0, "emulation": 1, "digital": 1, "learners": 95.0},
    2: {"share": sample_threshold("donvi-tt24-2023", "DVHT24-2.1", 2), "cdht": 95.0, "emulation": 2, "digital": 2,
        "learners": 97.0},
}
assert DVHT_LEVELS[2]["share"] == sample_threshold("donvi-tt24-2023", "DVHT24-2.2", 2)
SCHOOL_KINDS = ("Trường mầm non", "Trường tiểu học", "Trường trung học cơ sở", "Trường trung học phổ thông")
RESIDENT = ("Thường trú", "Tạm trú")
LITERATE = ("Biết chữ mức độ 1", "Biết chữ mức độ 2")


def household_conditions(person_years: pd.DataFrame, household_years: pd.DataFrame, p_hh: np.ndarray,
                         p_residence: np.ndarray, age: np.ndarray, member_active: np.ndarray) -> np.ndarray:
    """Hộ-năm (dòng của ``household_years``) đạt mọi chỉ số đo từ sổ của bộ Gia đình học tập.

    ``age`` (năm − năm sinh) and ``member_active`` (an active member of the Hội that year) are aligned with
    the rows of ``person_years``. As in the engine, only people still living in the commune count.
    """
    py = person_years
    here = np.isin(p_residence[py["_person"].to_numpy()], RESIDENT)
    enrol = py["enrolment"].to_numpy(dtype=object)
    result = py["school_result"].astype(object).to_numpy()
    lit = py["literacy"].to_numpy(dtype=object)
    acts = py["learning_activities"].to_numpy(dtype=np.int64)
    adult = here & (age >= 15)
    flags = pd.DataFrame({
        "h": p_hh[py["_person"].to_numpy()], "y": py["year"].to_numpy(),
        "drop": here & (enrol == "Bỏ học"),
        "bad_result": here & (enrol == "Đang đi học") & (result == "Chưa đạt"),
        "illiterate": here & (age >= 15) & (age <= 60) & ~np.isin(lit, LITERATE),
        "adult": adult, "learner": adult & (acts >= 1), "member": here & member_active,
    })
    g = flags.groupby(["h", "y"]).sum()
    key = pd.MultiIndex.from_arrays([household_years["_hh"].to_numpy(), household_years["year"].to_numpy()])
    g = g.reindex(key, fill_value=0)
    hy = household_years
    learning = (g["adult"].to_numpy() > 0) & (100 * g["learner"].to_numpy()
                                              >= sample_threshold("giadinh-qd387", "GDHT-2.2") * g["adult"].to_numpy())
    takes_part = (hy["fund_contribution"].to_numpy() > 0) | (g["member"].to_numpy() > 0)
    return ((g["drop"].to_numpy() == 0) & (g["bad_result"].to_numpy() == 0) & (g["illiterate"].to_numpy() == 0)
            & learning & takes_part & hy["family_fund"].to_numpy(dtype=bool) & hy["bookshelf"].to_numpy(dtype=bool)
            & hy["cultural_family"].to_numpy(dtype=bool))


def household_declared(rng: np.random.Generator, engagement: np.ndarray) -> np.ndarray:
    """Giá trị tự khai GDHT-1.3, GDHT-4.1 (1 = đạt, 0 = chưa đạt) của từng đăng ký: hầu hết là 1."""
    p_no = np.clip(0.02 - 0.015 * engagement, 0.003, 0.08)
    return (rng.random((len(engagement), len(GDHT_DECLARED))) >= p_no[:, None]).astype(float)


def unit_declared(rng: np.random.Generator, kind: np.ndarray, good: np.ndarray) -> pd.DataFrame:
    """Giá trị tự khai của đơn vị theo năm (TT 24/2023): 0/1, tỉ lệ %, mức danh hiệu thi đua, mức chuyển đổi số.

    ``good`` units mostly meet level 1 and many level 2; the others fall short on one point or two.
    """
    n = len(kind)
    out = {}
    p_yes = np.where(good, 0.995, 0.9)
    for ind in DVHT_FLAGS:
        out[ind] = (rng.random(n) < p_yes).astype(float)
    for ind in ("DVHT24-2.1", "DVHT24-2.2"):
        lo = np.where(good, 90.0, 80.0)
        hi = np.where(good, 100.0, 96.0)
        out[ind] = np.round(lo + (hi - lo) * rng.beta(2.0, 1.2, n), 1)
    u = rng.random(n)
    out["DVHT24-3.3"] = np.where(good, np.select([u < 0.6, u < 0.97], [2.0, 1.0], 0.0),
                                 np.where(u < 0.8, 1.0, 0.0))
    upper = kind == "Trường trung học phổ thông"
    out["DVHT24-3.4"] = np.where(upper, np.where(rng.random(n) < np.where(good, 0.6, 0.2), 2.0, 1.0), np.nan)
    school = np.isin(kind, SCHOOL_KINDS)
    lo = np.where(good, 94.0, 90.0)
    out["DVHT24-3.5"] = np.where(school, np.round(lo + (100.0 - lo) * rng.beta(2.0, 1.0, n), 1), np.nan)
    out["DVXA-1.1"] = out["DVHT24-1.1"]  # the same learning plan, for the commune-level catalogue
    return pd.DataFrame(out)


def unit_met(decl: pd.DataFrame, kind: np.ndarray, cdht_share: np.ndarray, level: int) -> np.ndarray:
    """Đơn vị đạt mọi chỉ số của mức độ ``level`` (chưa xét mức thấp hơn)."""
    t = DVHT_LEVELS[level]
    ok = np.ones(len(decl), dtype=bool)
    for ind in DVHT_FLAGS:
        ok &= decl[ind].to_numpy() >= 1
    ok &= (decl["DVHT24-2.1"].to_numpy() >= t["share"]) & (decl["DVHT24-2.2"].to_numpy() >= t["share"])
    ok &= np.nan_to_num(cdht_share, nan=-1.0) >= t["cdht"]
    ok &= decl["DVHT24-3.3"].to_numpy() >= t["emulation"]
    upper = kind == "Trường trung học phổ thông"
    ok &= ~upper | (np.nan_to_num(decl["DVHT24-3.4"].to_numpy(), nan=-1.0) >= t["digital"])
    school = np.isin(kind, SCHOOL_KINDS)
    ok &= ~school | (np.nan_to_num(decl["DVHT24-3.5"].to_numpy(), nan=-1.0) >= t["learners"])
    return ok


def declared_rows(registration_ids: np.ndarray, values: pd.DataFrame) -> pd.DataFrame:
    """Bảng Điểm tự đánh giá (registration_id, indicator_id, value) từ các cột giá trị; bỏ ô trống."""
    long = values.assign(registration_id=registration_ids).melt(
        id_vars="registration_id", var_name="indicator_id", value_name="value")
    long = long.dropna(subset=["value"])
    order = {k: i for i, k in enumerate(values.columns)}
    long = long.assign(_o=long["indicator_id"].map(order)).sort_values(["registration_id", "_o"], kind="stable")
    return long.drop(columns="_o").reset_index(drop=True)


def share_grid(group: np.ndarray, year_idx: np.ndarray, among: np.ndarray, hit: np.ndarray, n_groups: int,
               n_years: int) -> np.ndarray:
    """Tỉ lệ % (nhóm × năm) của các dòng ``hit`` trong các dòng ``among``, tính đúng như bộ máy đánh giá
    (``100 × số đạt / số xét``; NaN khi không có dòng nào được xét). ``group`` = -1: dòng không thuộc nhóm nào.
    """
    ok = (group >= 0) & (year_idx >= 0)
    key = group[ok] * n_years + year_idx[ok]
    size = n_groups * n_years
    den = np.bincount(key, weights=among[ok].astype(float), minlength=size)
    num = np.bincount(key, weights=(among & hit)[ok].astype(float), minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(den > 0, 100.0 * num / np.where(den > 0, den, 1), np.nan)
    return out.reshape(n_groups, n_years)


def meets(value: np.ndarray, catalogue_id: str, indicator_id: str, level: int | None = None,
          if_empty: bool = False) -> np.ndarray:
    """``value ≥ ngưỡng xã mẫu đã đặt``; giá trị trống (NaN) → ``if_empty``."""
    thr = sample_threshold(catalogue_id, indicator_id, level)
    with np.errstate(invalid="ignore"):
        return np.where(np.isnan(value), if_empty, value >= thr)

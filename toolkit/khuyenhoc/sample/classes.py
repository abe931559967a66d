"""Lớp học của Trung tâm học tập cộng đồng, lớp xóa mù chữ và học viên (giả định)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .geography import Geography
from .organisation import Organisation
from .people import People
from .spec import days, make_ids, number_within, random_days, rng_for, to_datetime

#: Topics of community-learning-centre classes by field.
TOPICS = {
    "Nông nghiệp": ("Kỹ thuật trồng lúa chất lượng cao", "Trồng rau an toàn theo VietGAP",
                    "Phòng trừ sâu bệnh hại cây ăn quả", "Kỹ thuật trồng và chăm sóc chè"),
    "Chăn nuôi, thú y": ("Phòng bệnh cho đàn gia cầm", "Chăn nuôi lợn an toàn sinh học", "Nuôi cá nước ngọt"),
    "Sức khỏe": ("Chăm sóc sức khỏe người cao tuổi", "Dinh dưỡng cho trẻ dưới 5 tuổi", "Phòng chống sốt xuất huyết"),
    "Pháp luật": ("Tìm hiểu Luật Đất đai", "Phòng chống bạo lực gia đình", "An toàn giao thông cho học sinh"),
    "Kỹ năng số": ("Sử dụng điện thoại thông minh", "Dịch vụ công trực tuyến", "Thanh toán không dùng tiền mặt",
                   "Nhận biết lừa đảo trên mạng"),
    "Văn hóa, xã hội": ("Câu lạc bộ đọc sách", "Xây dựng gia đình văn hóa", "Câu lạc bộ hát dân ca"),
    "Ngoại ngữ": ("Tiếng Anh giao tiếp cơ bản",),
    "Nghề": ("Nghề mây tre đan", "Nghề may công nghiệp", "Sửa chữa máy nông nghiệp"),
    "Khác": ("Phòng chống thiên tai", "Bảo vệ môi trường nông thôn"),
}
_FIELD_P = np.array([20, 12, 12, 10, 16, 10, 4, 10, 6], dtype=float)


@dataclass
class Classes:
    classes: pd.DataFrame
    enrolments: pd.DataFrame
    lit1_year: np.ndarray  # per person: year the person completed a literacy class (9999 = never)
    lit2_year: np.ndarray  # per person: year the person completed a post-literacy class


def _sample_learners(rng, pool_group: np.ndarray, pool_person: np.ndarray, class_group: np.ndarray,
                     sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Draw learners for each class from the pool of its group (vectorised, duplicates dropped)."""
    order = np.argsort(pool_group, kind="stable")
    pg, pp = pool_group[order], pool_person[order]
    starts = np.searchsorted(pg, class_group, side="left")
    ends = np.searchsorted(pg, class_group, side="right")
    avail = ends - starts
    sizes = np.minimum(sizes, avail)
    cls = np.repeat(np.arange(len(class_group)), sizes)
    off = np.floor(rng.random(len(cls)) * avail[cls]).astype(np.int64)
    person = pp[starts[cls] + off]
    key = pd.DataFrame({"c": cls, "p": person}).drop_duplicates()
    return key["c"].to_numpy(), key["p"].to_numpy()


def build_classes(geo: Geography, people: People, org: Organisation, seed: int, years: list[int],
                  as_of_day: int) -> Classes:
    """Lớp chuyên đề (10–20 lớp mỗi năm mỗi xã), lớp xóa mù chữ và danh sách học viên."""
    rng = rng_for(seed, "classes")
    units = org.units
    centre = units[units["kind"] == "Trung tâm học tập cộng đồng"].set_index("_commune")["unit_id"]
    fields = np.array(list(TOPICS), dtype=object)
    last = years[-1]
    rows = []
    for c in range(geo.n_communes):
        villages = np.flatnonzero(geo.village_commune == c)
        scale = max(1.0, geo.commune_pop[c] / 5000) ** 0.5
        for y in years:
            n = int(round(rng.integers(10, 21) * scale))
            f = fields[rng.choice(len(fields), size=n, p=_FIELD_P / _FIELD_P.sum())]
            start = random_days(rng, days(date(y, 1, 5)), days(date(y, 11, 30)), size=n)
            sessions = rng.integers(2, 11, n)
            end = start + sessions * 7 - 3
            at_village = rng.random(n) < 0.7
            v = rng.choice(villages, size=n)
            for i in range(n):
                if start[i] > as_of_day:
                    continue
                topics = TOPICS[f[i]]
                rows.append((c, y, "Chuyên đề TTHTCĐ", f[i], topics[rng.integers(len(topics))],
                             geo.village_id[v[i]] if at_village[i] else None, start[i],
                             end[i] if end[i] <= as_of_day else -1, int(sessions[i])))
    # literacy classes: where there are enough illiterate adults, in two complete years
    lit1_year = np.full(len(people.p_id), 9999)
    lit2_year = np.full(len(people.p_id), 9999)
    complete = [y for y in years if y != last]
    lit_rows = []
    age_mid = people.age_on(days(date(years[0], 7, 1)))
    for c in range(geo.n_communes):
        pool = np.flatnonzero(people.p_illiterate & (people.p_commune == c) & (age_mid >= 15) & (age_mid <= 70)
                              & (people.p_exit < 0))
        if len(pool) < 6 or len(complete) < 3:
            continue
        y1, y2 = sorted(rng.choice(complete[1:], size=2, replace=False))
        learners = rng.permutation(pool)[: min(len(pool), int(rng.integers(12, 26)))]
        lit_rows.append((c, y1, "Xóa mù chữ", learners))
        lit_rows.append((c, y2, "Sau xóa mù chữ", learners))

    cls = pd.DataFrame(rows, columns=["_commune", "_year", "kind", "field", "topic", "village_id", "_start", "_end",
                                      "sessions"])
    cls["_lit"] = -1
    extra = []
    for k, (c, y, kind, learners) in enumerate(lit_rows):
        start = days(date(y, 3, 1)) + int(rng.integers(0, 30))
        sessions = int(rng.integers(60, 91)) if kind == "Xóa mù chữ" else int(rng.integers(30, 46))
        end = start + int(sessions * 2.2)
        vill = geo.village_id[people.p_village[learners[0]]]
        extra.append((c, y, kind, "Biết chữ", "Lớp xóa mù chữ" if kind == "Xóa mù chữ" else "Lớp học sau xóa mù chữ",
                      vill, start, end, sessions, k))
    if extra:
        cls = pd.concat([cls, pd.DataFrame(extra, columns=cls.columns)], ignore_index=True)
    for col in ("_commune", "_year", "_start", "_end", "sessions", "_lit"):
        cls[col] = cls[col].astype(np.int64)
    cls = cls.sort_values(["_commune", "_start"], kind="stable").reset_index(drop=True)
    cm = cls["_commune"].to_numpy()
    cls["class_id"] = make_ids(geo.prefix[cm], "LH", number_within(cm), 3)
    cls["centre_id"] = centre.reindex(cm).to_numpy()
    cls["start"] = to_datetime(cls["_start"].to_numpy())
    cls["end"] = to_datetime(np.maximum(cls["_end"].to_numpy(), 0), cls["_end"].to_numpy() >= 0)

    # ---------------------------------------------------------------- learners of topic classes
    topic = cls[cls["kind"] == "Chuyên đề TTHTCĐ"]
    age_now = people.age_on(as_of_day)
    adult = (age_now >= 18) & (age_now <= 75) & (people.p_exit < 0)
    pool = np.flatnonzero(adult)
    n_v = len(geo.village_id)
    # group key: village (for classes in a village) or commune (n_v + commune) for classes at the centre
    vill_idx = pd.Series(np.arange(n_v), index=geo.village_id)
    has_v = topic["village_id"].notna().to_numpy()
    cgroup = np.where(has_v, vill_idx.reindex(topic["village_id"].fillna("")).fillna(-1).to_numpy(np.int64),
                      n_v + topic["_commune"].to_numpy())
    pool_groups = np.r_[people.p_village[pool], n_v + people.p_commune[pool]]
    pool_persons = np.r_[pool, pool]
    sizes = rng.integers(15, 41, len(topic))
    ci, pi = _sample_learners(rng, pool_groups, pool_persons, cgroup, sizes)
    t_rows = topic.index.to_numpy()[ci]
    sess = cls["sessions"].to_numpy()[t_rows]
    ongoing = (cls["_end"].to_numpy() < 0)[t_rows]
    so_far = np.where(ongoing, np.maximum(1, (as_of_day - cls["_start"].to_numpy()[t_rows]) // 7 + 1), sess)
    so_far = np.minimum(so_far, sess)
    attended = rng.binomial(so_far, np.clip(rng.normal(0.86, 0.12, len(ci)), 0.2, 1.0))
    completed = (~ongoing) & (attended >= np.ceil(0.8 * sess))
    enr = [pd.DataFrame({"_row": t_rows, "_person": pi, "attended": attended, "completed": completed})]

    # ---------------------------------------------------------------- learners of literacy classes
    lit = cls[cls["kind"] != "Chuyên đề TTHTCĐ"]
    lit_row_of = pd.Series(lit.index.to_numpy(), index=lit["_lit"].to_numpy())
    for k, (c, y, kind, learners) in enumerate(lit_rows):
        ri = int(lit_row_of[k])
        sess_l = int(cls.at[ri, "sessions"])
        att = rng.binomial(sess_l, np.clip(rng.normal(0.88, 0.1, len(learners)), 0.3, 1.0))
        done = att >= np.ceil(0.8 * sess_l)
        if kind == "Xóa mù chữ":
            lit1_year[learners[done]] = y
        else:
            # only those who finished the first class and this one reach level 2
            ok = done & (lit1_year[learners] < y)
            lit2_year[learners[ok]] = y
        enr.append(pd.DataFrame({"_row": ri, "_person": learners, "attended": att, "completed": done}))
    e = pd.concat(enr, ignore_index=True).sort_values(["_row", "_person"], kind="stable").reset_index(drop=True)
    e["class_id"] = cls["class_id"].to_numpy()[e["_row"].to_numpy()]
    e["person_id"] = people.p_id[e["_person"].to_numpy()]
    return Classes(classes=cls, enrolments=e, lit1_year=lit1_year, lit2_year=lit2_year)

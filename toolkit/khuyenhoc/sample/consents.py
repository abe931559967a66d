"""Phiếu đồng ý xử lý dữ liệu cá nhân (giả định) của người nhận khen thưởng và người đăng ký Công dân học tập.

Consent is never assumed: a person without a form has not agreed, and some
forms say "Không". For a child of 7 or more both the child and the guardian
answer; a child under 7 is not asked (the child's answer is left blank) and the
guardian decides. One child said no while the guardian said yes, and one adult
withdrew.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .people import DAYS_PER_YEAR, People
from .spec import make_ids, number_within, rng_for, to_datetime


def build_consents(people: People, awards: pd.DataFrame, registrations: pd.DataFrame, seed: int, as_of_day: int,
                   prefix: np.ndarray) -> pd.DataFrame:
    """Phiếu đồng ý cho từng người và mục đích, ghi ngày ký, người đại diện (nếu dưới 18 tuổi), ngày rút lại."""
    rng = rng_for(seed, "consents")
    aw = awards.groupby("_person")["_day"].min()
    cd = registrations[registrations["model"] == "Công dân học tập"].groupby("_subject")["_registered"].min()
    asked = []
    # award recipients: publishing the list (most asked), keeping photos (some asked)
    asked.append(pd.DataFrame({"_person": aw.index.to_numpy(), "_need": aw.to_numpy(),
                               "purpose": "Công bố danh sách khen thưởng, học bổng", "_ask": 0.93, "_yes": 0.95}))
    photo = aw[rng.random(len(aw)) < 0.4]
    asked.append(pd.DataFrame({"_person": photo.index.to_numpy(), "_need": photo.to_numpy(),
                               "purpose": "Lưu ảnh làm minh chứng", "_ask": 1.0, "_yes": 0.85}))
    asked.append(pd.DataFrame({"_person": cd.index.to_numpy(), "_need": cd.to_numpy(),
                               "purpose": "Xét công nhận danh hiệu", "_ask": 0.97, "_yes": 0.97}))
    contact = cd[rng.random(len(cd)) < 0.5]
    asked.append(pd.DataFrame({"_person": contact.index.to_numpy(), "_need": contact.to_numpy(),
                               "purpose": "Liên hệ, thông báo", "_ask": 1.0, "_yes": 0.9}))
    c = pd.concat(asked, ignore_index=True)
    c = c[rng.random(len(c)) < c["_ask"].to_numpy()].reset_index(drop=True)
    n = len(c)
    p = c["_person"].to_numpy()
    day = np.maximum(c["_need"].to_numpy() - rng.integers(1, 15, n), people.p_birth[p] + 1)
    age = (day - people.p_birth[p]) / DAYS_PER_YEAR
    minor = age < 18
    g = people.p_guardian[p]
    head = people.hh_head[people.p_hh[p]]
    g_ok = (g >= 0) & (people.p_exit[np.maximum(g, 0)] < 0)
    g = np.where(g_ok, g, head)
    subject_yes = rng.random(n) < c["_yes"].to_numpy()
    guardian_yes = np.where(minor, rng.random(n) < 0.97, False)
    # children under 7 are not asked themselves (blank answer); the guardian decides
    not_asked = minor & (age < 7)
    withdrawn = np.full(n, -1)
    kids = np.flatnonzero(minor & (age >= 7) & subject_yes & guardian_yes)
    if len(kids):  # one child said no although the guardian agreed
        subject_yes[kids[0]] = False
    adults = np.flatnonzero(~minor & subject_yes & (day < as_of_day - 60))
    if len(adults):  # one adult withdrew consent later
        i = adults[len(adults) // 2]
        withdrawn[i] = day[i] + int((as_of_day - day[i]) * 0.5)
    out = pd.DataFrame({
        "_commune": people.p_commune[p], "_day": day, "person_id": people.p_id[p], "purpose": c["purpose"].to_numpy(),
        "subject_agrees": pd.array(np.where(not_asked, None, subject_yes), dtype="boolean"),
        "guardian_id": np.where(minor, people.p_id[np.maximum(g, 0)], None),
        "guardian_agrees": pd.array(np.where(minor, guardian_yes, False), dtype="boolean"), "_withdrawn": withdrawn,
        "_minor": minor,
    })
    out.loc[~out["_minor"], "guardian_agrees"] = pd.NA
    out = out.sort_values(["_commune", "_day", "person_id", "purpose"], kind="stable").reset_index(drop=True)
    cm = out["_commune"].to_numpy()
    out["consent_id"] = make_ids(prefix[cm], "DY", number_within(cm), 4)
    out["date"] = to_datetime(out["_day"].to_numpy())
    w = out["_withdrawn"].to_numpy()
    out["withdrawn"] = to_datetime(np.maximum(w, 0), w >= 0)
    return out

"""Sự đồng ý xử lý dữ liệu cá nhân: ai đã đồng ý cho mục đích nào, vào ngày nào (Luật 91/2025/QH15,
Nghị định 356/2025/NĐ-CP).

A person's consent covers a purpose on a date when a consent record for that
purpose is dated on or before that date, has not been withdrawn by then, and
the right people agreed: an adult (18 or over) themself; a child from 7 to 17
both the child and the guardian; a child under 7 the guardian (the child is not
asked). Nothing is ever presumed: a blank "agrees" cell means no. Every list
with names that the toolkit writes (named lists, evidence checklists) keeps
only the people whose consent covers its purpose.

Ví dụ::

    >>> import pandas as pd
    >>> from khuyenhoc.data import CommuneData
    >>> d = CommuneData({
    ...     "persons": pd.DataFrame({"person_id": ["A", "B"], "birth_date": [pd.Timestamp("1980-01-01"),
    ...                                                                      pd.Timestamp("2015-01-01")]}),
    ...     "consents": pd.DataFrame({"consent_id": ["1", "2"], "person_id": ["A", "B"],
    ...                               "purpose": [PUBLISH, PUBLISH], "date": [pd.Timestamp("2025-01-01")] * 2,
    ...                               "subject_agrees": [True, True], "guardian_id": [None, "A"],
    ...                               "guardian_agrees": [None, None]})})
    >>> sorted(consented(d, PUBLISH, "2025-06-01"))   # B is 10: the guardian did not agree
    ['A']
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .data import CommuneData

__all__ = ["RECOGNITION", "PUBLISH", "PHOTOS", "CONTACT", "STATISTICS", "ADULT_AGE", "ASK_CHILD_AGE", "consented",
           "consent_mask"]

RECOGNITION = "Xét công nhận danh hiệu"
PUBLISH = "Công bố danh sách khen thưởng, học bổng"
PHOTOS = "Lưu ảnh làm minh chứng"
CONTACT = "Liên hệ, thông báo"
STATISTICS = "Thống kê của Hội"
ADULT_AGE = 18
ASK_CHILD_AGE = 7


def _age(birth: pd.Series, on: pd.Timestamp) -> pd.Series:
    b = pd.to_datetime(birth, errors="coerce")
    years = on.year - b.dt.year - ((b.dt.month * 100 + b.dt.day) > (on.month * 100 + on.day)).astype("Int64")
    return years.astype("Float64")


def consented(data: CommuneData, purpose: str, on=None) -> set[str]:
    """Mã nhân khẩu của những người mà sự đồng ý còn hiệu lực ngày ``on`` (mặc định hôm nay) bao gồm ``purpose``."""
    on = pd.Timestamp(on if on is not None else dt.date.today()).normalize()
    c = data.consents
    if c.empty:
        return set()
    c = c[(c["purpose"] == purpose).fillna(False).to_numpy(dtype=bool)]
    date = pd.to_datetime(c["date"], errors="coerce")
    withdrawn = pd.to_datetime(c["withdrawn"], errors="coerce") if "withdrawn" in c else pd.Series(pd.NaT, index=c.index)
    live = (date <= on).fillna(False) & ~(withdrawn <= on).fillna(False)
    c = c[live.to_numpy(dtype=bool)]
    if c.empty:
        return set()
    births = data.persons.drop_duplicates("person_id").set_index("person_id")["birth_date"]
    age = _age(c["person_id"].map(births), on)
    subject = c["subject_agrees"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    guardian = (c["guardian_agrees"].astype("boolean").fillna(False).to_numpy(dtype=bool)
                & c["guardian_id"].notna().to_numpy(dtype=bool))
    adult = (age >= ADULT_AGE).fillna(False).to_numpy(dtype=bool)
    asked_child = ((age >= ASK_CHILD_AGE) & (age < ADULT_AGE)).fillna(False).to_numpy(dtype=bool)
    small = (age < ASK_CHILD_AGE).fillna(False).to_numpy(dtype=bool)
    unknown = age.isna().to_numpy(dtype=bool)
    ok = (adult & subject) | (asked_child & subject & guardian) | (small & guardian) | (
        unknown & subject & (guardian | c["guardian_id"].isna().to_numpy(dtype=bool)))
    return set(c.loc[ok, "person_id"].dropna().astype(str))


def consent_mask(person_ids: pd.Series, data: CommuneData, purpose: str, on=None) -> pd.Series:
    """Với mỗi mã nhân khẩu: người đó đã đồng ý cho ``purpose`` chưa (True/False).

    >>> consent_mask(pd.Series(["A"]), CommuneData(), PUBLISH).tolist()
    [False]
    """
    ok = consented(data, purpose, on)
    return person_ids.astype("string").isin(ok).fillna(False).astype(bool)

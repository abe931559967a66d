"""Kiểm tra minh chứng: đúng loại, đúng kỳ đánh giá, đúng nơi cấp, có tệp và tệp không bị thay đổi.

Each evidence item (table "Minh chứng") is checked against its indicator in the
criteria catalogue:

1. **loại**: the type is one of the indicator's accepted evidence types;
2. **ngày**: dated inside the assessment period (01/01–31/12 of the year);
3. **nơi cấp**: the issuer matches one accepted issuer kind of the catalogue
   (or of the indicator). Matching: both texts are folded (lower case, no
   diacritics, đ → d, spaces collapsed), common abbreviations are expanded
   (UBND → ủy ban nhân dân, HKH → hội khuyến học, GDĐT → giáo dục và đào tạo,
   TTHTCĐ → trung tâm học tập cộng đồng, THCS, THPT, MN → mầm non) and the
   issuer must contain the kind as whole words: "UBND xã Đồng Mai" matches
   "Ủy ban nhân dân"; "Trường Tiểu học Đồng Mai" matches "Trường". An empty
   list accepts any non-empty issuer;
4. **tệp**: when an evidence folder is given, the file exists inside it
   (paths are relative to the folder; absolute paths and ".." are refused) and,
   when a SHA-256 was recorded, the file's SHA-256 is unchanged.

The checks are part of assessing (each indicator's evidence status is a column of
the engine's details), so they live in the engine; ``khuyenhoc.evidence``
re-exports them with the gap report and the collection checklists built on top.

Ví dụ::

    >>> issuer_matches(pd.Series(["UBND xã Đồng Mai", "Công ty ABC"]), ["Ủy ban nhân dân"]).tolist()
    [True, False]
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..arrays import isin
from ..catalogues import Catalogue, resolve
from ..data import CommuneData
from ..textnorm import fold_series

__all__ = ["STATUS_OK", "STATUS_MISSING", "STATUS_INVALID", "STATUS_NOT_REQUIRED", "STATUSES", "issuer_matches",
           "check_evidence", "status_by_indicator"]

STATUS_OK = "đủ"
STATUS_MISSING = "thiếu"
STATUS_INVALID = "không hợp lệ"
STATUS_NOT_REQUIRED = "không yêu cầu"
#: Status names by code (codes are what the engine stores: 0 đủ, 1 thiếu, 2 không hợp lệ, 3 không yêu cầu).
STATUSES = (STATUS_OK, STATUS_MISSING, STATUS_INVALID, STATUS_NOT_REQUIRED)

_ABBREVIATIONS = {
    r"\bubnd\b": "uy ban nhan dan",
    r"\bhkh\b": "hoi khuyen hoc",
    r"\bgd ?dt\b": "giao duc va dao tao",
    r"\bgd&dt\b": "giao duc va dao tao",
    r"\btthtcd\b": "trung tam hoc tap cong dong",
    r"\bthcs\b": "trung hoc co so",
    r"\bthpt\b": "trung hoc pho thong",
    r"\bmn\b": "mam non",
    r"\bmttq\b": "mat tran to quoc",
}


def _norm(s: pd.Series) -> pd.Series:
    f = fold_series(s.astype("string")).astype("string").str.replace(r"[.,;:()\-/]", " ", regex=True)
    for pat, rep in _ABBREVIATIONS.items():
        f = f.str.replace(pat, rep, regex=True)
    return f.str.replace(r"\s+", " ", regex=True).str.strip()


_NORMALISED: dict[str, str | None] = {}


def _normalised(texts: list[str]) -> list[str | None]:
    """``_norm`` of each text, each distinct text normalised once per process (issuers repeat across models)."""
    new = [t for t in dict.fromkeys(texts) if t not in _NORMALISED]
    if len(_NORMALISED) + len(new) > 100_000:  # a long-running app fed many workbooks: start afresh
        _NORMALISED.clear()
        new = list(dict.fromkeys(texts))
    if new:
        for t, n in zip(new, _norm(pd.Series(new, dtype="string"))):
            _NORMALISED[t] = None if n is pd.NA else n
    return [_NORMALISED[t] for t in texts]


def issuer_matches(issuers: pd.Series, kinds: list[str] | tuple[str, ...]) -> pd.Series:
    """Nơi cấp có thuộc một trong các loại ``kinds`` không (xem cách so khớp ở đầu mô-đun).

    >>> issuer_matches(pd.Series(["UBND xã Mai Lâm", "Trường THCS", None]), ["Ủy ban nhân dân"]).tolist()
    [True, False, False]
    """
    present = issuers.notna() & (issuers.astype("string").str.strip() != "")
    if not kinds:
        return present.fillna(False).astype(bool)
    values = issuers.astype("string")
    # a few distinct issuers repeat over thousands of rows: normalise and match each distinct text once
    distinct = list(values.dropna().unique())
    wanted = [f" {k} " for k in _normalised(list(kinds)) if k is not None]
    hit = {text: any(k in f" {n or ''} " for k in wanted) for text, n in zip(distinct, _normalised(distinct))}
    ok = values.map(hit).fillna(False).astype(bool)
    return (ok & present).fillna(False).astype(bool)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _file_checks(files: pd.Series, sha: pd.Series, folder: Path) -> tuple[np.ndarray, np.ndarray]:
    """(tệp có, mã kiểm tra khớp) cho từng dòng; mỗi tệp chỉ đọc một lần."""
    root = folder.resolve()
    exists: dict[str, bool] = {}
    digests: dict[str, str | None] = {}
    for f in files.dropna().astype(str).unique():  # one pass per distinct file: disk I/O, not data rows
        p = Path(f)
        target = (root / p).resolve()
        inside = not p.is_absolute() and (target == root or root in target.parents)
        ok = inside and target.is_file()
        exists[f] = ok
        digests[f] = _sha256(target) if ok else None
    fs = files.astype("string")
    file_ok = fs.map(exists).fillna(False).to_numpy(dtype=bool)
    actual = fs.map(digests)
    recorded = sha.astype("string").str.strip().str.lower()
    hash_ok = np.where(recorded.isna().to_numpy() | ~file_ok, True,
                       (actual.astype("string") == recorded).fillna(False).to_numpy(dtype=bool))
    return file_ok, hash_ok


def check_evidence(data: CommuneData, model, year: int, evidence_dir: str | Path | None = None) -> pd.DataFrame:
    """Kiểm tra từng minh chứng của mô hình ``model`` năm ``year``; trả về bảng kết quả theo từng minh chứng.

    Các cột: evidence_id, subject_id, indicator_id, type, date, issuer, file, type_ok, date_ok,
    issuer_ok, file_ok, hash_ok (trống nếu không kiểm tra tệp), valid, problem.

    >>> from khuyenhoc.data import CommuneData
    >>> check_evidence(CommuneData(), "congdan-qd324", 2025).shape[0]
    0
    """
    cat = resolve(model)
    ev = data.evidence
    ev = ev[(ev["model"] == cat.model).fillna(False).to_numpy(dtype=bool)].reset_index(drop=True)
    out = pd.DataFrame({c: ev[c].to_numpy() for c in ("evidence_id", "subject_id", "indicator_id", "type", "date",
                                                      "issuer", "file", "sha256")})
    for c in ("evidence_id", "subject_id", "indicator_id", "type", "issuer", "file", "sha256"):
        out[c] = out[c].astype("string")
    out["date"] = pd.to_datetime(out["date"])
    known = {i.id: i for _, i in cat.indicators()}
    ind_ok = out["indicator_id"].isin(list(known)).to_numpy(dtype=bool)
    type_ok = np.zeros(len(out), dtype=bool)
    issuer_ok = np.zeros(len(out), dtype=bool)
    for ind_id, ind in known.items():  # one pass per indicator, vectorised over items
        rows = (out["indicator_id"] == ind_id).fillna(False).to_numpy(dtype=bool)
        if not rows.any():
            continue
        type_ok[rows] = out.loc[rows, "type"].isin(list(ind.evidence) or list(out["type"].dropna())).to_numpy(dtype=bool)
        kinds = ind.issuers if ind.issuers is not None else cat.evidence.issuers
        issuer_ok[rows] = issuer_matches(out.loc[rows, "issuer"], kinds).to_numpy(dtype=bool)
    start, end = pd.Timestamp(int(year), 1, 1), pd.Timestamp(int(year), 12, 31, 23, 59, 59)
    date_ok = ((out["date"] >= start) & (out["date"] <= end)).fillna(False).to_numpy(dtype=bool)
    if evidence_dir is not None:
        file_ok, hash_ok = _file_checks(out["file"], out["sha256"], Path(evidence_dir))
        if not cat.evidence.require_file:
            file_ok = file_ok | out["file"].isna().to_numpy()
        out["file_ok"] = pd.array(file_ok, dtype="boolean")
        out["hash_ok"] = pd.array(hash_ok, dtype="boolean")
    else:
        file_ok = hash_ok = np.ones(len(out), dtype=bool)
        out["file_ok"] = pd.array([None] * len(out), dtype="boolean")
        out["hash_ok"] = pd.array([None] * len(out), dtype="boolean")
    out["type_ok"] = type_ok
    out["date_ok"] = date_ok
    out["issuer_ok"] = issuer_ok
    valid = ind_ok & type_ok & date_ok & issuer_ok & file_ok & hash_ok
    out["valid"] = valid
    problem = np.full(len(out), "", dtype=object)
    from ..arrays import join_pieces

    dates = out["date"].dt.strftime("%d/%m/%Y").fillna("không có ngày").astype(object).to_numpy()
    pieces = [
        (~ind_ok, "chỉ số không có trong bộ tiêu chí"),
        (ind_ok & ~type_ok, "loại '" + out["type"].fillna("trống").astype(object).to_numpy()
         + "' không phải loại minh chứng được chấp nhận"),
        (~date_ok, "ngày " + dates + f" nằm ngoài kỳ đánh giá 01/01/{year}–31/12/{year}"),
        (ind_ok & ~issuer_ok, "nơi cấp '" + out["issuer"].fillna("trống").astype(object).to_numpy()
         + "' không thuộc các nơi cấp được chấp nhận"),
    ]
    if evidence_dir is not None:
        no_file = out["file"].isna().to_numpy()
        pieces += [
            (no_file & ~file_ok, "chưa có tệp minh chứng"),
            (~no_file & ~file_ok, "không tìm thấy tệp '" + out["file"].fillna("").astype(object).to_numpy()
             + "' trong thư mục minh chứng"),
            (~hash_ok, "tệp đã bị thay đổi (mã SHA-256 khác với khi lưu)"),
        ]
    for mask, text in pieces:
        problem = join_pieces(problem, np.where(mask, text, ""), "; ")
    out["problem"] = pd.array(problem, dtype="string")
    return out.drop(columns=["sha256"])


def status_by_indicator(checked: pd.DataFrame, catalogue: Catalogue, subject_ids: np.ndarray, codes: bool = False
                        ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Với mỗi chỉ số: (tình trạng minh chứng, vấn đề đầu tiên) cho từng đối tượng trong ``subject_ids``.

    ``codes=True``: tình trạng là số (chỉ số trong ``STATUSES``) thay cho chữ.
    """
    out = {}
    n = len(subject_ids)
    for _, ind in catalogue.indicators():
        if not ind.evidence:
            st = np.full(n, 3, dtype=np.int8)
            out[ind.id] = (st if codes else np.array(STATUSES, dtype=object)[st], np.full(n, "", dtype=object))
            continue
        rows = checked[(checked["indicator_id"] == ind.id).fillna(False).to_numpy(dtype=bool)]
        valid_ids = rows.loc[rows["valid"].to_numpy(dtype=bool), "subject_id"].unique()
        first_problem = rows.loc[~rows["valid"].to_numpy(dtype=bool)].drop_duplicates("subject_id")
        problems = pd.Series(first_problem["problem"].to_numpy(), index=first_problem["subject_id"].to_numpy())
        has_any = isin(subject_ids, rows["subject_id"].unique())
        has_valid = isin(subject_ids, valid_ids)
        st = np.where(has_valid, 0, np.where(has_any, 2, 1)).astype(np.int8)
        if len(problems):
            problems = problems[~problems.index.duplicated()]
            prob = problems.reindex(subject_ids).fillna("").to_numpy(dtype=object)
            prob = np.where(st == 2, prob, "")
        else:
            prob = np.full(n, "", dtype=object)
        out[ind.id] = (st if codes else np.array(STATUSES, dtype=object)[st], prob)
    return out

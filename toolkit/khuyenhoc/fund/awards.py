"""Xét chọn người nhận học bổng, khen thưởng theo quy tắc ghi thành dữ liệu (tệp YAML), giải thích từng người.

The rules file (``quy-tac-hoc-bong.yaml``, an example of the sample commune, not
an official rule) lists award kinds in priority order, each with its amount, a
maximum number of awards, conditions on facts computed from the commune's
registers (age, poor household, at school, school result, classes completed…)
and a ranking. ``select_awards`` takes the kinds in order and, within each,
the eligible candidates by rank, while the number of awards and the budget allow.
Every candidate gets a reason; the list with names is for the commune only
(restricted), its summary is an aggregate.

Ví dụ::

    >>> import pandas as pd
    >>> cands = pd.DataFrame({"person_id": ["A", "B", "C"], "tuoi": [10, 12, 40], "ho_ngheo": [True, True, False],
    ...     "dang_di_hoc": [True, True, False], "ket_qua_hoc_tap": ["Khá", "Tốt", None], "diem_hoc_tap": [3, 4, 0],
    ...     "so_hoat_dong_hoc_tap": [2, 1, 9]})
    >>> rules = parse_rules({"ten": "Thử", "ngan_sach": 1_500_000, "suat": [{"ma": "hb", "ten": "Học bổng vượt khó",
    ...     "loai": "Học bổng", "so_tien": 1_000_000, "dieu_kien": [{"truong": "ho_ngheo", "phep": "=",
    ...     "gia_tri": True}], "xep_hang": [{"truong": "diem_hoc_tap", "thu_tu": "giam"}]}]}, "thử")
    >>> sel = select_from(cands, rules, 2025)
    >>> sel.chosen["person_id"].tolist(), sel.remaining
    (['B'], 500000)
    >>> print(sel.explain("A"))
    Học bổng vượt khó (1.000.000 đ): đủ điều kiện (hộ nghèo = Có: đúng); xếp thứ 2 — Đủ điều kiện, hết ngân sách.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .. import yaml_text
from ..data import CommuneData
from ..indicators.vnformat import so, tien
from ..schema import AWARD_KINDS, SCHOOL_RESULTS, SCHOOLING

__all__ = ["AwardRules", "AwardRule", "RulesError", "AwardSelection", "load_rules", "parse_rules", "candidates",
           "select_awards", "select_from", "write_selection", "FIELDS", "RULES_FILE", "OUTCOMES"]

RULES_FILE = "quy-tac-hoc-bong.yaml"

#: The facts a rule may use: name → (Vietnamese label, kind). Kinds: int, bool, code.
FIELDS: dict[str, tuple[str, str]] = {
    "tuoi": ("tuổi", "int"),
    "ho_ngheo": ("hộ nghèo", "bool"),
    "dang_di_hoc": ("đang đi học", "bool"),
    "ket_qua_hoc_tap": ("kết quả học tập", "code"),
    "diem_hoc_tap": ("điểm kết quả học tập", "int"),
    "trinh_do": ("trình độ học vấn", "code"),
    "so_hoat_dong_hoc_tap": ("số hoạt động học tập", "int"),
    "so_lop_hoan_thanh": ("số lớp TTHTCĐ hoàn thành", "int"),
    "hoi_vien": ("hội viên", "bool"),
    "da_nhan_trong_nam": ("số suất đã nhận trong năm", "int"),
}
CODES = {"ket_qua_hoc_tap": SCHOOL_RESULTS, "trinh_do": SCHOOLING}
RESULT_POINTS = {"Tốt": 4, "Khá": 3, "Đạt": 2, "Chưa đạt": 1}

CHOSEN, NO_SLOT, NO_MONEY, HAS_OTHER, NOT_ELIGIBLE = (
    "Được chọn", "Đủ điều kiện, hết suất", "Đủ điều kiện, hết ngân sách", "Đủ điều kiện, đã được chọn suất khác",
    "Không đủ điều kiện")
OUTCOMES = (CHOSEN, NO_SLOT, NO_MONEY, HAS_OTHER, NOT_ELIGIBLE)
_OPS = {"=": "=", "!=": "≠", ">=": "≥", "<=": "≤", ">": ">", "<": "<", "trong": "thuộc", "ngoai": "không thuộc"}


class RulesError(ValueError):
    """Tệp quy tắc xét học bổng có lỗi; ``problems``: các thông báo tiếng Việt (tệp, mục, sai gì)."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Strict):
    truong: str
    phep: Literal["=", "!=", ">=", "<=", ">", "<", "trong", "ngoai"]
    gia_tri: Any

    @model_validator(mode="after")
    def _check(self) -> "Condition":
        if self.truong not in FIELDS:
            raise ValueError(f"không có thông tin '{self.truong}'; dùng một trong: {', '.join(FIELDS)}")
        kind = FIELDS[self.truong][1]
        many = self.phep in ("trong", "ngoai")
        values = self.gia_tri if many else [self.gia_tri]
        if many and not isinstance(self.gia_tri, list):
            raise ValueError(f"phép '{self.phep}' cần một danh sách giá trị, ví dụ [Tốt, Khá]")
        if not many and isinstance(self.gia_tri, list):
            raise ValueError(f"phép '{self.phep}' cần một giá trị, không phải danh sách (dùng 'trong')")
        for v in values:
            if kind == "bool" and not isinstance(v, bool):
                raise ValueError(f"'{self.truong}' là Có/Không: ghi true hoặc false, không phải '{v}'")
            if kind == "int" and (isinstance(v, bool) or not isinstance(v, (int, float))):
                raise ValueError(f"'{self.truong}' là số: '{v}' không phải số")
            if kind == "code" and v not in CODES[self.truong]:
                raise ValueError(f"'{v}' không phải giá trị của '{self.truong}'; chọn trong: "
                                 f"{', '.join(CODES[self.truong])}")
        if kind in ("bool", "code") and self.phep in (">=", "<=", ">", "<"):
            raise ValueError(f"'{self.truong}' không so sánh lớn, nhỏ được; dùng '=', '!=', 'trong' hoặc 'ngoai'")
        return self

    def text(self) -> str:
        v = self.gia_tri
        shown = ", ".join(_show(x) for x in v) if isinstance(v, list) else _show(v)
        return f"{FIELDS[self.truong][0]} {_OPS[self.phep]} {shown}"


class Ranking(_Strict):
    truong: str
    thu_tu: Literal["giam", "tang"] = "giam"

    @model_validator(mode="after")
    def _check(self) -> "Ranking":
        if self.truong not in FIELDS or FIELDS[self.truong][1] != "int":
            nums = [k for k, (_, kind) in FIELDS.items() if kind == "int"]
            raise ValueError(f"xếp hạng theo '{self.truong}' không được; dùng thông tin là số: {', '.join(nums)}")
        return self


class AwardRule(_Strict):
    """Một loại suất: mã, tên, loại (theo sổ), số tiền mỗi suất, số suất tối đa, ngân sách riêng, điều kiện, xếp hạng."""

    ma: str = Field(pattern=r"^[a-z0-9-]+$")
    ten: str
    loai: Literal[AWARD_KINDS]  # type: ignore[valid-type]
    so_tien: int = Field(gt=0)
    so_suat_toi_da: int | None = Field(default=None, ge=1)
    ngan_sach: int | None = Field(default=None, gt=0)
    dieu_kien: list[Condition] = Field(min_length=1)
    xep_hang: list[Ranking] = []


class AwardRules(_Strict):
    """Bộ quy tắc của một đợt xét: tên, nguồn, tổng ngân sách, số suất tối đa mỗi người, các loại suất."""

    ten: str
    nguon: str = ""
    trang_thai: str = "ví dụ"
    ngan_sach: int = Field(gt=0)
    moi_nguoi_toi_da: int = Field(default=1, ge=1)
    suat: list[AwardRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> "AwardRules":
        ids = [s.ma for s in self.suat]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"mã suất bị trùng: {', '.join(dup)}")
        return self

    @property
    def budget(self) -> int:
        return self.ngan_sach


def _show(v) -> str:
    if isinstance(v, bool):
        return "Có" if v else "Không"
    if isinstance(v, (int, float)):
        return so(v, 0 if float(v) == int(v) else 1)
    return str(v)


_VI = {"missing": "thiếu mục bắt buộc", "extra_forbidden": "mục này không có trong mẫu (gõ sai tên?)",
       "int_type": "phải là số nguyên", "int_parsing": "phải là số nguyên", "int_from_float": "phải là số nguyên",
       "string_type": "phải là chữ", "list_type": "phải là một danh sách (các dòng bắt đầu bằng '-')",
       "too_short": "không được để trống", "greater_than": "phải lớn hơn 0", "greater_than_equal": "quá nhỏ",
       "string_pattern_mismatch": "chỉ dùng chữ thường không dấu, chữ số và dấu '-'",
       "model_type": "phải là một bảng (các dòng 'tên: giá trị')", "dict_type": "phải là một bảng"}


def _where(raw: Any, loc: tuple) -> str:
    parts, node = [], raw
    for key in loc:
        if isinstance(key, int):
            node = node[key] if isinstance(node, list) and key < len(node) else None
            label = f"[{key + 1}]" + (f" ({node['ma']})" if isinstance(node, dict) and "ma" in node else "")
            parts[-1:] = [(parts[-1] if parts else "") + label]
        elif key in ("function-after",) or str(key).startswith("literal["):
            continue
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return ".".join(parts) or "(toàn tệp)"


def parse_rules(raw: Any, source: str) -> AwardRules:
    """Kiểm tra nội dung quy tắc đã đọc; lỗi → ``RulesError`` nêu tệp, mục và cách sửa."""
    if not isinstance(raw, dict):
        raise RulesError([f"Tệp '{source}': nội dung phải là một bảng 'tên: giá trị'."])
    try:
        return AwardRules.model_validate(raw)
    except ValidationError as e:
        problems = []
        for err in e.errors():
            typ = err["type"]
            if typ == "value_error":
                msg = str(err["msg"]).removeprefix("Value error, ")
            elif typ == "literal_error":
                msg = f"'{err.get('input')}' không hợp lệ; chọn một trong: {err.get('ctx', {}).get('expected', '')}"
            else:
                msg = _VI.get(typ, f"giá trị không hợp lệ ({err['msg']})")
                if "input" in err and typ not in ("missing", "extra_forbidden") and not isinstance(err["input"], dict):
                    msg = f"'{err['input']}' {msg}"
            problems.append(f"Tệp '{source}', mục {_where(raw, tuple(err['loc']))}: {msg}.")
        raise RulesError(problems) from None


def load_rules(path: str | os.PathLike | None = None) -> AwardRules:
    """Đọc tệp quy tắc (mặc định: ví dụ của xã mẫu); tệp không bị sửa.

    >>> r = load_rules()
    >>> [s.ma for s in r.suat][:2], r.trang_thai
    (['vuot-kho-hoc-gioi', 'do-dai-hoc'], 'ví dụ')
    """
    if path is None:
        text = resources.files(__package__).joinpath(RULES_FILE).read_text(encoding="utf-8")
        name = RULES_FILE
    else:
        p = Path(path)
        name = p.name
        if not p.is_file():
            raise RulesError([f"Không tìm thấy tệp quy tắc xét học bổng '{p}'."])
        try:
            text = p.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise RulesError([f"Tệp '{name}': không đọc được dạng chữ UTF-8. Hãy lưu lại tệp với mã UTF-8."]) from None
    try:
        raw = yaml_text.load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f", dòng {mark.line + 1}, cột {mark.column + 1}" if mark is not None else ""
        raise RulesError([f"Tệp '{name}'{where}: lỗi cú pháp YAML ({getattr(e, 'problem', None) or e}). "
                          "Kiểm tra thụt lề (dùng dấu cách, không dùng Tab) và dấu ':' sau mỗi tên mục."]) from None
    return parse_rules(raw, name)


# --------------------------------------------------------------------------- candidates
def candidates(data: CommuneData, year: int, commune_id: str | None = None) -> pd.DataFrame:
    """Các thông tin của mọi người đang cư trú trong năm ``year`` mà quy tắc dùng được (một dòng một người).

    >>> candidates(CommuneData(), 2025).columns.tolist()[:3]
    ['person_id', 'thon', 'tuoi']
    """
    res = data.residents()
    if commune_id is not None:
        res = res[res["commune_id"] == commune_id]
    py = data.person_years
    py = py[py["year"] == year].set_index("person_id")
    res = res[res["person_id"].isin(py.index)].reset_index(drop=True)
    pid = res["person_id"]
    p = py.reindex(pid)
    vnames = data.admin_units.set_index("unit_id")["name"]
    poor = data.households.set_index("household_id")["poor"]
    out = pd.DataFrame({"person_id": pid.astype("string"), "thon": res["village_id"].map(vnames).astype("string")})
    out["tuoi"] = (year - res["birth_date"].dt.year).astype("Int64")
    out["ho_ngheo"] = res["household_id"].map(poor).fillna(False).astype(bool).to_numpy()
    out["dang_di_hoc"] = (p["enrolment"] == "Đang đi học").fillna(False).astype(bool).to_numpy()
    out["ket_qua_hoc_tap"] = p["school_result"].astype("string").to_numpy()
    out["diem_hoc_tap"] = p["school_result"].map(RESULT_POINTS).fillna(0).astype(int).to_numpy()
    out["trinh_do"] = p["schooling"].astype("string").to_numpy()
    out["so_hoat_dong_hoc_tap"] = p["learning_activities"].fillna(0).astype(int).to_numpy()
    cl = data.classes[data.classes["start"].dt.year == year]["class_id"]
    en = data.enrolments
    done = en[en["class_id"].isin(set(cl)) & en["completed"].fillna(False)].groupby("person_id").size()
    out["so_lop_hoan_thanh"] = pid.map(done).fillna(0).astype(int).to_numpy()
    m = data.members
    end = pd.Timestamp(f"{year}-12-31")
    active = m[(m["joined"] <= end) & (m["left"].isna() | (m["left"] > end))]
    out["hoi_vien"] = pid.isin(set(active["person_id"])).to_numpy()
    aw = data.awards[data.awards["date"].dt.year == year].groupby("person_id").size()
    out["da_nhan_trong_nam"] = pid.map(aw).fillna(0).astype(int).to_numpy()
    return out


def _test(c: Condition, col: pd.Series) -> np.ndarray:
    v = c.gia_tri
    if c.phep in ("trong", "ngoai"):
        hit = col.isin(v).fillna(False).to_numpy(bool)
        return hit if c.phep == "trong" else ~hit & col.notna().to_numpy()
    if col.dtype == bool or FIELDS[c.truong][1] == "bool":
        x = col.astype("boolean")
    elif FIELDS[c.truong][1] == "int":
        x = col.astype("Float64")
    else:
        x = col.astype("string")
    ops = {"=": x == v, "!=": x != v, ">=": x >= v, "<=": x <= v, ">": x > v, "<": x < v}
    return ops[c.phep].fillna(False).to_numpy(bool)


# --------------------------------------------------------------------------- selection
@dataclass
class AwardSelection:
    """Kết quả xét chọn: ``details`` (mỗi người × mỗi loại suất, kèm lý do), ``chosen``, ``summary`` (tổng hợp)."""

    rules: AwardRules
    year: int
    candidates: pd.DataFrame
    details: pd.DataFrame  # person_id, rule, rule_name, kind, amount, eligible, rank, outcome, why
    chosen: pd.DataFrame  # person_id, rule, rule_name, kind, amount, rank
    summary: pd.DataFrame  # rule, rule_name, kind, amount_each, eligible, chosen, amount, no_slot, no_money
    total: int
    remaining: int

    def explain(self, person_id: str) -> str:
        """Giải thích bằng lời vì sao một người được chọn hay không, với từng loại suất (mỗi loại một dòng)."""
        if person_id not in set(self.candidates["person_id"]):
            return f"'{person_id}' không có trong danh sách người đang cư trú có số liệu năm {self.year}."
        d = self.details[self.details["person_id"] == person_id].set_index("rule")
        row = self.candidates.set_index("person_id").loc[person_id]
        lines = []
        for rule in self.rules.suat:
            if rule.ma in d.index:
                r = d.loc[rule.ma]
                lines.append(f"{rule.ten} ({tien(rule.so_tien)}): {r['why']}; xếp thứ {int(r['rank'])} — "
                             f"{r['outcome']}.")
                continue
            fails = [f"{c.text()} (đang là {_show_value(row[c.truong])})" for c in rule.dieu_kien
                     if not _test(c, pd.Series([row[c.truong]]))[0]]
            lines.append(f"{rule.ten}: {NOT_ELIGIBLE.lower()} — chưa đạt: " + "; ".join(fails) + ".")
        return "\n".join(lines)


def _show_value(v) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return "chưa có"
    if isinstance(v, (bool, np.bool_)):
        return "Có" if v else "Không"
    return _show(v.item() if hasattr(v, "item") else v)


def select_from(cands: pd.DataFrame, rules: AwardRules, year: int) -> AwardSelection:
    """Xét chọn trên một bảng ứng viên đã có (các cột theo ``FIELDS`` và ``person_id``)."""
    missing = {c.truong for s in rules.suat for c in s.dieu_kien} | {k.truong for s in rules.suat for k in s.xep_hang}
    missing -= set(cands.columns)
    if missing:
        raise RulesError([f"Bảng ứng viên thiếu thông tin: {', '.join(sorted(missing))}."])
    cands = cands.reset_index(drop=True)
    budget = rules.ngan_sach
    got = pd.Series(0, index=cands["person_id"].to_numpy())
    rows, chosen = [], []
    for rule in rules.suat:
        passes = [_test(c, cands[c.truong]) for c in rule.dieu_kien]
        ok = np.logical_and.reduce(passes)
        el = cands[ok]
        keys = [k.truong for k in rule.xep_hang] + ["person_id"]
        asc = [k.thu_tu == "tang" for k in rule.xep_hang] + [True]
        el = el.sort_values(keys, ascending=asc, kind="stable")
        n_taken, spent = 0, 0
        own = rule.ngan_sach
        why_ok = "đủ điều kiện (" + "; ".join(f"{c.text()}: đúng" for c in rule.dieu_kien) + ")"
        for rank, pid in enumerate(el["person_id"], start=1):
            if got[pid] >= rules.moi_nguoi_toi_da:
                outcome = HAS_OTHER
            elif rule.so_suat_toi_da is not None and n_taken >= rule.so_suat_toi_da:
                outcome = NO_SLOT
            elif budget < rule.so_tien or (own is not None and spent + rule.so_tien > own):
                outcome = NO_MONEY
            else:
                outcome = CHOSEN
                got[pid] += 1
                n_taken += 1
                spent += rule.so_tien
                budget -= rule.so_tien
                chosen.append((pid, rule.ma, rule.ten, rule.loai, rule.so_tien, rank))
            rows.append((pid, rule.ma, rule.ten, rule.loai, rule.so_tien, True, rank, outcome, why_ok))
    details = pd.DataFrame(rows, columns=["person_id", "rule", "rule_name", "kind", "amount", "eligible", "rank",
                                          "outcome", "why"])
    details["rank"] = details["rank"].astype("Int64")
    ch = pd.DataFrame(chosen, columns=["person_id", "rule", "rule_name", "kind", "amount", "rank"])
    summ = []
    for rule in rules.suat:
        d = details[details["rule"] == rule.ma]
        summ.append((rule.ma, rule.ten, rule.loai, rule.so_tien, len(d), int((d["outcome"] == CHOSEN).sum()),
                     int(d.loc[d["outcome"] == CHOSEN, "amount"].sum()), int((d["outcome"] == NO_SLOT).sum()),
                     int((d["outcome"] == NO_MONEY).sum())))
    summary = pd.DataFrame(summ, columns=["rule", "rule_name", "kind", "amount_each", "eligible", "chosen", "amount",
                                          "no_slot", "no_money"])
    total = int(ch["amount"].sum())
    return AwardSelection(rules=rules, year=int(year), candidates=cands, details=details, chosen=ch, summary=summary,
                          total=total, remaining=rules.ngan_sach - total)


def select_awards(data: CommuneData, year: int, rules: AwardRules | str | os.PathLike | None = None, *,
                  commune_id: str | None = None) -> AwardSelection:
    """Xét chọn học bổng, khen thưởng năm ``year`` theo ``rules`` (mặc định: quy tắc ví dụ của xã mẫu).

    >>> select_awards(CommuneData(), 2025).total
    0
    """
    if not isinstance(rules, AwardRules):
        rules = load_rules(rules)
    return select_from(candidates(data, int(year), commune_id), rules, int(year))


#: Vietnamese headers of the summary table.
SUMMARY_HEADERS = ["Mã suất", "Loại suất", "Loại (theo sổ)", "Mức mỗi suất (đồng)", "Số người đủ điều kiện",
                   "Số người được chọn", "Tổng tiền (đồng)", "Đủ điều kiện nhưng hết suất",
                   "Đủ điều kiện nhưng hết ngân sách"]


def write_selection(sel: AwardSelection, data: CommuneData, path: str | os.PathLike) -> Path:
    """Ghi danh sách đề nghị (có họ tên: HẠN CHẾ LƯU HÀNH), bảng tổng hợp và quy tắc đã dùng vào một tệp .xlsx.

    >>> import tempfile, os
    >>> p = write_selection(select_awards(CommuneData(), 2025), CommuneData(), os.path.join(tempfile.mkdtemp(), "x.xlsx"))
    >>> p.suffix
    '.xlsx'
    """
    from ..restricted import PUBLISH, write_restricted_tables

    names = data.persons.set_index("person_id")["full_name"]
    cons = data.consents
    ok = cons[(cons["purpose"] == PUBLISH) & cons["withdrawn"].isna() & cons["subject_agrees"].fillna(False)
              & (cons["guardian_id"].isna() | cons["guardian_agrees"].fillna(False))]
    d = sel.details.merge(sel.candidates[["person_id", "thon"]], on="person_id", how="left")
    d = d[d["outcome"] != HAS_OTHER].copy()
    d.insert(1, "full_name", d["person_id"].map(names))
    d["consent"] = d["person_id"].isin(set(ok["person_id"])).map({True: "Có", False: "Chưa có"})
    d = d[["full_name", "person_id", "thon", "rule_name", "amount", "rank", "outcome", "why", "consent"]]
    rr = pd.DataFrame([(s.ma, s.ten, s.so_tien, s.so_suat_toi_da, "; ".join(c.text() for c in s.dieu_kien),
                        "; ".join(f"{FIELDS[k.truong][0]} ({'cao trước' if k.thu_tu == 'giam' else 'thấp trước'})"
                                  for k in s.xep_hang)) for s in sel.rules.suat],
                      columns=["ma", "ten", "so_tien", "so_suat", "dk", "xh"])
    head = f"{sel.rules.ten} — năm {sel.year}; công bố tên chỉ với người đã đồng ý (cột cuối)."
    return write_restricted_tables(path, [
        ("Danh sách xét chọn", d, ["Họ và tên", "Mã nhân khẩu", "Thôn", "Loại suất", "Mức (đồng)", "Thứ hạng",
                                   "Kết quả", "Lý do", "Đã đồng ý công bố"], [head]),
        ("Tổng hợp", sel.summary, SUMMARY_HEADERS,
         [f"Ngân sách {tien(sel.rules.ngan_sach)}, đã dùng {tien(sel.total)}, còn {tien(sel.remaining)}."]),
        ("Quy tắc đã dùng", rr, ["Mã suất", "Loại suất", "Mức (đồng)", "Số suất tối đa", "Điều kiện", "Xếp hạng"],
         [f"{sel.rules.nguon} (trạng thái: {sel.rules.trang_thai})."]),
    ])

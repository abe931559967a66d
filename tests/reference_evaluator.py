"""Plain-Python reference evaluator: the same assessment as khuyenhoc.engine, with simple loops.

Written independently of the engine's vectorised code (only the catalogue is shared) so that the
two can be compared on hand-built, sample and generated data. Plain loops over dicts indexed once
(by id, by container, by model), so the time grows linearly with the data: it is run directly on a
province in benchmarks/bench_engine.py.
"""

from __future__ import annotations

import math

import pandas as pd

from khuyenhoc.catalogues import default_catalogue, resolve
from khuyenhoc.catalogues.model import MODEL_KIND


def _na(x) -> bool:
    if x is None or x is pd.NA:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: (None if _na(v) else v) for k, v in row.items()} for row in df.to_dict("records")]


def _passes(row: dict, spec: dict) -> bool:
    for k, v in (spec or {}).items():
        if k.endswith("_min") or k.endswith("_max"):
            x = row.get(k[:-4])
            if x is None:
                return False
            if k.endswith("_min") and not float(x) >= float(v):
                return False
            if k.endswith("_max") and not float(x) <= float(v):
                return False
        elif isinstance(v, bool):
            if row.get(k) is None or bool(row.get(k)) != v:
                return False
        else:
            values = [v] if isinstance(v, str) else list(v)
            if row.get(k) is None or row.get(k) not in values:
                return False
    return True


class Reference:
    def __init__(self, data, year: int, as_of=None):
        self.data, self.year = data, int(year)
        self.start, self.end = pd.Timestamp(self.year, 1, 1), pd.Timestamp(self.year, 12, 31)
        self.as_of = pd.Timestamp(as_of) if as_of is not None else self.end
        self.parent = {r["unit_id"]: r["parent_id"] for r in _records(data.admin_units)}
        hy = {}
        for r in _records(data.household_years):
            if r["year"] == self.year:
                hy[r["household_id"]] = r
        self.households = []
        for h in _records(data.households):
            row = dict(h)
            commune = self.parent.get(h["village_id"])
            row["commune_id"] = commune
            row["province_id"] = self.parent.get(commune) if commune is not None else None
            for c in ("cultural_family", "bookshelf", "internet", "family_fund", "fund_contribution"):
                row[c] = hy.get(h["household_id"], {}).get(c)
            self.households.append(row)
        hh = {}
        for h in self.households:
            hh[h["household_id"]] = h
        py = {}
        for r in _records(data.person_years):
            if r["year"] == self.year:
                py[r["person_id"]] = r
        self.residents = []
        for p in _records(data.persons):
            if p["residence"] not in ("Thường trú", "Tạm trú"):
                continue
            row = dict(p)
            h = hh.get(p["household_id"], {})
            for c in ("village_id", "commune_id", "province_id", "clan_id"):
                row[c] = h.get(c)
            row["age"] = None if p["birth_date"] is None else self.year - p["birth_date"].year
            for c in ("literacy", "schooling", "occupation", "digital_skills", "enrolment", "school_result",
                      "learning_activities"):
                row[c] = py.get(p["person_id"], {}).get(c)
            self.residents.append(row)
        self.units = []
        for u in _records(data.units):
            row = dict(u)
            row["province_id"] = self.parent.get(u["commune_id"])
            self.units.append(row)
        # indexes, built once: every lookup below is a dict access
        self.household_by_id = hh
        self.admin = _records(data.admin_units)
        self.clans = _records(data.clans)
        self.clan_by_id = {c["clan_id"]: c for c in self.clans}
        self.recognitions = _records(data.recognitions)
        self.recognitions_by_subject: dict = {}
        for r in self.recognitions:
            self.recognitions_by_subject.setdefault((r["model"], r["subject_id"]), []).append(r)
        self._cache: dict = {}

    # ------------------------------------------------------------------ subjects
    def subjects(self, kind: str, admin_levels=()) -> list[dict]:
        out = []
        if kind == "person":
            for p in self.residents:
                out.append({"subject_id": p["person_id"], "kind": None})
        elif kind == "household":
            for h in self.households:
                out.append({"subject_id": h["household_id"], "kind": None})
        elif kind == "clan":
            for c in self.clans:
                out.append({"subject_id": c["clan_id"], "kind": None})
        elif kind == "unit":
            for u in self.units:
                out.append({"subject_id": u["unit_id"], "kind": u["kind"]})
        else:
            levels = {"village": ("thôn",), "commune": ("xã",), "province": ("tỉnh",)}.get(kind, admin_levels or ("tỉnh", "xã"))
            for a in self.admin:
                if a["level"] in levels:
                    out.append({"subject_id": a["unit_id"], "kind": a["kind"]})
        seen, uniq = set(), []
        for s in out:
            if s["subject_id"] not in seen:
                seen.add(s["subject_id"])
                uniq.append(s)
        return uniq

    # ------------------------------------------------------------------ titles held
    def holders(self, model: str) -> set:
        key = ("holders", model)
        if key not in self._cache:
            self._cache[key] = self._holders(model)
        return self._cache[key]

    def _holders(self, model: str) -> set:
        try:
            validity = default_catalogue(model).validity_years or 1
        except KeyError:
            validity = 1
        out = set()
        for r in self.recognitions:
            if r["model"] != model or r["year"] is None or r["year"] > self.year:
                continue
            if r["expires"] is not None:
                ok = r["expires"] >= self.start
            else:
                ok = r["year"] + validity - 1 >= self.year
            if ok:
                out.add(r["subject_id"])
        return out

    # ------------------------------------------------------------------ measures
    def container(self, row: dict, kind: str, frame: str):
        key = {"person": "person_id", "household": "household_id", "clan": "clan_id", "village": "village_id",
               "commune": "commune_id", "province": "province_id", "unit": "workplace_id"}[kind]
        return row.get(key)

    def _share(self, rows_name, rows, key_of, among, hit, sid):
        # group the rows by subject once per (rows, subject kind), with a plain loop
        ck = ("groups", rows_name, self._kind)
        if ck not in self._cache:
            groups: dict = {}
            for r in rows:
                groups.setdefault(key_of(r), []).append(r)
            self._cache[ck] = groups
        den = num = 0
        for r in self._cache[ck].get(sid, []):
            if not _passes(r, among):
                continue
            den += 1
            if hit(r):
                num += 1
        return None if den == 0 else 100.0 * num / den

    def measure(self, name: str, params: dict, kind: str, sid: str):
        self._kind = kind
        if name == "share_persons":
            return self._share("residents", self.residents, lambda r: self.container(r, kind, "p"), params.get("among"),
                               lambda r: _passes(r, params.get("where")), sid)
        if name == "share_households":
            return self._share("households", self.households, lambda r: self.container(r, kind, "h"),
                               params.get("among"),
                               lambda r: _passes(r, params.get("where")), sid)
        if name == "household_flag":
            h = self.household_by_id.get(sid)
            if h is None:
                return None
            v = h[params.get("column", "bookshelf")]
            return None if v is None else float(bool(v))
        if name == "clan_flag":
            c = self.clan_by_id.get(sid)
            if c is None:
                return None
            v = c[params.get("column", "charter")]
            return None if v is None else float(bool(v))
        if name == "takes_part_khuyenhoc":
            if "member_households" not in self._cache:
                members = set()
                for m in _records(self.data.members):
                    if m["joined"] is not None and m["joined"] <= self.end and (m["left"] is None
                                                                                or m["left"] >= self.start):
                        members.add(m["person_id"])
                with_member = set()
                for p in self.residents:
                    if p["person_id"] in members:
                        with_member.add(p["household_id"])
                self._cache["member_households"] = with_member
            h = self.household_by_id.get(sid)
            if h is None:
                return None
            if h["fund_contribution"] is not None and h["fund_contribution"] > 0:
                return 1.0
            return float(sid in self._cache["member_households"])
        if name == "share_recognised":
            model = params.get("model", "Gia đình học tập")
            holders = self.holders(model)
            member = MODEL_KIND[model]
            if member == "person":
                rows, idkey = self.residents, "person_id"
                key_of = lambda r: self.container(r, kind, "p")  # noqa: E731
            elif member == "household":
                rows, idkey = self.households, "household_id"
                key_of = lambda r: self.container(r, kind, "h")  # noqa: E731
            elif member == "village":
                rows = self._cache.setdefault("village_rows", [
                    {"unit_id": a["unit_id"], "commune_id": a["parent_id"], "province_id": self.parent.get(a["parent_id"])}
                    for a in self.admin if a["level"] == "thôn"])
                idkey = "unit_id"
                key_of = lambda r: r.get({"commune": "commune_id", "province": "province_id"}.get(kind, "none"))  # noqa
            elif member == "unit":
                rows, idkey = self.units, "unit_id"
                key_of = lambda r: r.get({"commune": "commune_id", "province": "province_id",  # noqa: E731
                                          "village": "village_id", "unit": "unit_id"}.get(kind, "none"))
            else:
                rows = self._cache.setdefault("commune_rows", [{"unit_id": a["unit_id"], "province_id": a["parent_id"]}
                                                               for a in self.admin if a["level"] == "xã"])
                idkey = "unit_id"
                key_of = lambda r: r.get("province_id") if kind == "province" else None  # noqa: E731
            return self._share(f"recognised:{member}", rows, key_of, params.get("among"),
                               lambda r: r[idkey] in holders, sid)
        if name == "has_branch":
            col = "village_id" if kind == "village" else "unit_id"
            key = ("branches", col)
            if key not in self._cache:
                self._cache[key] = {b[col] for b in _records(self.data.branches)
                                    if b["founded"] is not None and b["founded"] <= self.end}
            return float(sid in self._cache[key])
        if name == "count_classes":
            kinds = params.get("kinds_of_class") or []
            key = ("classes", kind, tuple(kinds))
            if key not in self._cache:
                centre_commune = {u["unit_id"]: u["commune_id"] for u in self.units}
                counts: dict = {}
                for c in _records(self.data.classes):
                    if c["start"] is None or c["start"].year != self.year or (kinds and c["kind"] not in kinds):
                        continue
                    where = c["village_id"] if kind == "village" else centre_commune.get(c["centre_id"])
                    counts[where] = counts.get(where, 0) + 1
                self._cache[key] = counts
            return float(self._cache[key].get(sid, 0))
        raise KeyError(name)

    # ------------------------------------------------------------------ declared values
    def registrations(self, model: str) -> dict:
        if "registrations" not in self._cache:
            by_model: dict = {}
            for r in _records(self.data.registrations):
                if r["year"] == self.year and r["status"] != "Rút đăng ký":
                    by_model.setdefault(r["model"], {})[r["subject_id"]] = r
            self._cache["registrations"] = by_model
        return dict(self._cache["registrations"].get(model, {}))

    def declared(self, model: str, regs: dict) -> dict:
        if "self_scores" not in self._cache:
            self._cache["self_scores"] = _records(self.data.self_scores)
        by_reg = {r["registration_id"]: sid for sid, r in regs.items()}
        out = {}
        for s in self._cache["self_scores"]:
            sid = by_reg.get(s["registration_id"])
            if sid is not None:
                out[(sid, s["indicator_id"])] = None if s["value"] is None else float(s["value"])
        return out


def _cmp(v: float, op: str, t: float) -> bool:
    return {">=": v >= t, ">": v > t, "<=": v <= t, "<": v < t, "==": v == t}[op]


def _and(values) -> bool | None:
    values = list(values)
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def reference_assess(data, model, year: int, level: int | None = None, thresholds: dict | None = None,
                     as_of=None, reference: Reference | None = None) -> dict:
    """Dictionary subject_id -> {values, met, recognised, points, class, level} computed with loops.

    ``reference``: the indexed data of (data, year, as_of) built once for several models.
    """
    cat = resolve(model)
    if thresholds:
        cat = cat.with_thresholds(thresholds)
    ref = reference if reference is not None else Reference(data, year, as_of)
    regs = ref.registrations(cat.model)
    decl = ref.declared(cat.model, regs)
    subjects = ref.subjects(cat.subjects.kind, cat.subjects.admin_levels)
    if cat.subjects.scope == "registered":
        chosen = set(regs) | {sid for sid, _ in decl}
        subjects = [s for s in subjects if s["subject_id"] in chosen]
    levels = cat.level_numbers if cat.rule.kind == "levels" else [None]
    out = {}
    for s in subjects:
        sid = s["subject_id"]
        values, met, points = {}, {}, 0.0
        for _, ind in cat.indicators():
            if ind.measure == "declared":
                v = decl.get((sid, ind.id))
            else:
                params = {k: v for k, v in ind.params.items()}
                v = ref.measure(ind.measure, params, cat.subjects.kind, sid)
            if v is not None and isinstance(v, float) and math.isnan(v):
                v = None
            values[ind.id] = v
            applies = ind.applies_to is None or s.get(ind.applies_to.column) in ind.applies_to.values
            for lv in levels:
                if lv is not None and not ind.applies_at(lv):
                    continue
                t = ind.threshold_at(lv)
                if not applies:
                    m = True
                elif t is None:
                    m = None
                elif v is None:
                    m = not (ind.measure == "declared" or ind.if_empty == "fail")
                else:
                    m = _cmp(v, ind.op, t)
                met[(ind.id, lv)] = m
                if lv == levels[0]:
                    maxp = ind.points or 0.0
                    if cat.rule.kind == "rating":
                        points += v or 0.0
                    elif not applies:
                        points += maxp
                    elif ind.scoring == "value":
                        points += min(max(v or 0.0, 0.0), maxp)
                    else:
                        points += maxp if m is True else 0.0
        res = {"values": values, "met": met, "points": points}
        req = [i for _, i in cat.indicators() if i.required]
        if cat.rule.kind == "all":
            res["recognised"] = _and(met[(i.id, None)] for i in req)
        elif cat.rule.kind == "points":
            ok = _and(met[(i.id, None)] for i in req)
            cls = cat.rule.fail_class
            for b in sorted(cat.rule.classes, key=lambda b: -b.min):
                if points >= b.min:
                    cls = b.name
                    break
            if cat.rule.pass_points is not None and points < cat.rule.pass_points:
                cls = cat.rule.fail_class
            if ok is False:
                cls = cat.rule.fail_class
            if ok is None:
                res["class"], res["recognised"] = None, None
            else:
                names = cat.rule.recognised_classes or [b.name for b in cat.rule.classes]
                res["class"], res["recognised"] = cls, cls in names
        elif cat.rule.kind == "rating":
            res["recognised"] = None
        else:
            reached, prev = {}, True
            for spec in cat.rule.levels:
                m = _and(met[(i.id, spec.level)] for i in req if (i.id, spec.level) in met)
                wait = True
                if spec.wait_months and spec.level > 1:
                    cutoff = ref.as_of - pd.DateOffset(months=spec.wait_months)
                    wait = any(r["level"] is not None and r["level"] >= spec.level - 1
                               and r["decision_date"] is not None and r["decision_date"] <= cutoff
                               for r in ref.recognitions_by_subject.get((cat.model, sid), []))
                now = _and([m, prev, wait])
                reached[spec.level] = now
                prev = now
            top = 0
            for lv_, v in reached.items():
                if v is True:
                    top = lv_
            req_level = level if level is not None else (regs.get(sid, {}).get("level") or 1)
            req_level = min(max(int(req_level), 1), len(cat.rule.levels))
            res["level"], res["recognised"] = top, reached[req_level]
        out[sid] = res
    return out

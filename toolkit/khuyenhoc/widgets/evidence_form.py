"""Phiếu nhập minh chứng: kiểm tra ngay khi gõ (cùng quy tắc với khi đọc sổ) và ghi thêm vào bảng "Minh chứng".

The entry is checked with intake's own rules (``read_layout`` + ``parse_table``
on a one-row "Minh chứng" sheet): code lists, dates dd/mm/yyyy, required cells,
ids that look like a CCCD number; then the key (the evidence id must be new),
the references (subject of the right table for the model, indicator of the
model's catalogue) and the file (inside the evidence folder; its SHA-256 is
computed). A valid entry is appended to the evidence table saved in the CSV or
xlsx file the officer chose: earlier rows are re-read from that file and kept
as they are; the file is replaced whole (temporary file + ``os.replace``).

Ví dụ::

    >>> from khuyenhoc.data import CommuneData
    >>> probs = validate_entry({"evidence_id": "X01-MC0001", "date": "31/02/2025"}, CommuneData())
    >>> [p.code for p in probs if p.column == "Ngày minh chứng"]
    ['bad_date']
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Callable, Mapping

import ipywidgets as w
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from ..atomic import atomic_path
from ..catalogues import resolve
from ..data import CommuneData, coerce
from ..intake.cells import parse_table
from ..intake.headers import match_sheet, read_layout
from ..intake.relations import check_keys
from ..intake.sources import RawSheet, load_source
from ..problems import CANH_BAO, DA_SUA, LOI, Problem, has_errors
from ..schema import EVIDENCE_TYPES, MODEL_SUBJECTS, MODELS, SCHEMA, ColumnType
from ..workbook import table_as_text, write_csv
from .common import clear, say, button, css, guarded, labelled, message_html, result_area

__all__ = ["EvidenceForm", "validate_entry", "append_evidence", "read_evidence_file", "next_evidence_id",
           "sha256_of", "FORM_NAME"]

EVIDENCE = SCHEMA["evidence"]
FORM_NAME = "Phiếu nhập minh chứng"


def sha256_of(path: str | os.PathLike) -> str:
    """Mã kiểm tra SHA-256 của một tệp (đọc từng khúc 1 MB).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"; _ = p.write_bytes(b"abc")
    >>> sha256_of(p)[:12]
    'ba7816bf8f01'
    """
    from ..engine.evidence_status import _sha256  # the one checksum of the toolkit (the evidence check uses it)

    return _sha256(Path(path))


def next_evidence_id(table: pd.DataFrame, prefix: str = "X01-MC") -> str:
    """Mã minh chứng tiếp theo: cùng tiền tố với mã lớn nhất đã có, số tăng thêm 1.

    >>> next_evidence_id(pd.DataFrame({"evidence_id": ["X01-MC0009", "X01-MC0010"]}))
    'X01-MC0011'
    """
    ids = table["evidence_id"].dropna().astype(str) if "evidence_id" in table else pd.Series([], dtype=str)
    parts = ids.str.extract(r"^(.*?)(\d+)$").dropna()
    if parts.empty:
        return f"{prefix}0001"
    nums = parts[1].astype(int)
    best = nums.idxmax()
    width = len(parts.loc[best, 1])
    return f"{parts.loc[best, 0]}{nums.max() + 1:0{width}d}"


def _problem(code: str, column: str, value: str, message: str, fix: str = "", severity: str = "") -> Problem:
    return Problem(file=FORM_NAME, sheet=None, code=code, column=column, value=value, message=message, fix=fix,
                   severity=severity)


def _resolve_file(file_text: str, evidence_dir: str | os.PathLike | None) -> tuple[Path | None, str | None]:
    """(đường dẫn tệp thật, lời báo lỗi) cho ô 'Tệp minh chứng'."""
    rel = Path(file_text)
    if evidence_dir is None:
        return None, "Chưa chọn thư mục minh chứng nên không kiểm tra được tệp."
    root = Path(evidence_dir).resolve()
    target = (root / rel).resolve()
    if rel.is_absolute() or not (target == root or root in target.parents):
        return None, f"Tệp phải nằm trong thư mục minh chứng '{root}' (ghi đường dẫn tương đối, không dùng '..')."
    if not target.is_file():
        return None, f"Không tìm thấy tệp '{file_text}' trong thư mục minh chứng '{root}'."
    return target, None


def validate_entry(values: Mapping[str, object], data: CommuneData, *, existing_ids=None,
                   evidence_dir: str | os.PathLike | None = None) -> list[Problem]:
    """Kiểm tra một minh chứng nhập tay (các ô theo tên cột tiếng Anh); trả về danh sách vấn đề.

    Cùng quy tắc với ``khuyenhoc.intake`` cho từng ô; thêm: mã minh chứng chưa có, mã đối tượng có trong
    bảng của mô hình, mã chỉ số có trong bộ tiêu chí, tệp có trong thư mục minh chứng.

    >>> validate_entry({"model": "gia dinh hoc tap"}, CommuneData())[0].severity
    'lỗi'
    """
    cols = EVIDENCE.columns
    header = [c.header for c in cols]
    row = ["" if values.get(c.name) is None else str(values.get(c.name)) for c in cols]
    grid = pd.DataFrame([header, row], index=[1, 2], columns=range(1, len(cols) + 1), dtype=object)
    sheet = RawSheet(file=FORM_NAME, name=EVIDENCE.sheet, grid=grid, is_csv=True)
    layout = read_layout(EVIDENCE, sheet)
    res = parse_table(layout)
    probs = [p for p in layout.problems + res.problems if p.code != "header_variant"]
    probs = [Problem(**{**p.to_dict(), "sheet": None, "row": None}) for p in probs]  # a form has no sheet/row
    if res.values.empty:
        return probs
    v = res.values.iloc[0]
    ids = pd.Index(existing_ids if existing_ids is not None else data.evidence["evidence_id"].dropna())
    eid = v.get("evidence_id")
    if pd.notna(eid) and eid in ids:
        probs.append(_problem("duplicate_key", "Mã minh chứng", str(eid),
                              f"Mã minh chứng '{eid}' đã có trong bảng 'Minh chứng'.",
                              "Dùng mã mới (biểu mẫu tự gợi ý mã tiếp theo); không ghi đè minh chứng cũ."))
    model, subject, indicator = v.get("model"), v.get("subject_id"), v.get("indicator_id")
    if pd.notna(model) and pd.notna(subject):
        tname, tcol = MODEL_SUBJECTS[model]
        target = SCHEMA[tname]
        known = data[tname][tcol].dropna()
        if subject not in set(known):
            probs.append(_problem(
                "bad_reference", "Mã đối tượng", str(subject),
                f"'{subject}' không có trong cột '{target.column(tcol).header}' của trang '{target.sheet}' "
                f"(mô hình '{model}' cần mã ở trang đó).",
                f"Sửa lại mã đối tượng cho đúng với mô hình '{model}'."))
    if pd.notna(model) and pd.notna(indicator):
        cat = resolve(model)
        known_ind = {i.id: i for _, i in cat.indicators()}
        ind = known_ind.get(indicator)
        if ind is None:
            probs.append(_problem(
                "bad_reference", "Mã chỉ số", str(indicator),
                f"Mã chỉ số '{indicator}' không có trong bộ tiêu chí của mô hình '{model}'.",
                "Chọn một mã chỉ số trong danh sách, ví dụ " + ", ".join(list(known_ind)[:3]) + "."))
        elif pd.notna(v.get("type")) and ind.evidence and v.get("type") not in ind.evidence:
            probs.append(_problem(
                "bad_code", "Loại minh chứng", str(v.get("type")),
                f"Chỉ số {indicator} thường nhận minh chứng loại: {', '.join(ind.evidence)}.",
                "Kiểm tra lại loại giấy tờ; nếu đúng là loại khác thì minh chứng có thể không được chấp nhận.",
                severity=CANH_BAO))
    file_text = v.get("file")
    if pd.notna(file_text) and str(file_text).strip():
        _, err = _resolve_file(str(file_text), evidence_dir)
        if err:
            probs.append(_problem("bad_reference", "Tệp minh chứng", str(file_text), err,
                                  "Chọn tệp bằng nút tải lên, hoặc chép tệp vào thư mục minh chứng."))
    for name, label in (("date", "Ngày minh chứng"), ("recorded", "Ngày ghi nhận")):
        d = v.get(name)
        if pd.notna(d) and pd.Timestamp(d) > pd.Timestamp(dt.date.today()):
            probs.append(_problem("out_of_range", label, pd.Timestamp(d).strftime("%d/%m/%Y"),
                                  f"Ngày {pd.Timestamp(d).strftime('%d/%m/%Y')} ở sau ngày hôm nay.",
                                  "Kiểm tra lại ngày (ghi ngày/tháng/năm).", severity=CANH_BAO))
    return probs


def entry_frame(values: Mapping[str, object], evidence_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Một dòng của bảng 'Minh chứng' (đúng kiểu) từ các ô đã kiểm tra; tính SHA-256 nếu có tệp."""
    cols = EVIDENCE.columns
    grid = pd.DataFrame([[c.header for c in cols],
                         ["" if values.get(c.name) is None else str(values.get(c.name)) for c in cols]],
                        index=[1, 2], columns=range(1, len(cols) + 1), dtype=object)
    res = parse_table(read_layout(EVIDENCE, RawSheet(FORM_NAME, EVIDENCE.sheet, grid, is_csv=True)))
    row = coerce(EVIDENCE, res.values)
    f = row.at[0, "file"]
    if pd.notna(f) and str(f).strip():
        target, err = _resolve_file(str(f), evidence_dir)
        if target is not None:
            row["sha256"] = pd.array([sha256_of(target)], dtype="string")
    return row


def read_evidence_file(path: str | os.PathLike) -> tuple[pd.DataFrame, list[Problem]]:
    """Đọc bảng 'Minh chứng' từ một tệp CSV hoặc sổ Excel (cùng quy tắc với khi đọc sổ của xã).

    >>> import tempfile, pathlib
    >>> df, probs = read_evidence_file(pathlib.Path(tempfile.mkdtemp()) / "khong_co.csv")
    >>> probs[0].code
    'bad_file'
    """
    sheets, problems = load_source(path)
    chosen = [s for s in sheets if match_sheet(s.name)[0] is EVIDENCE]
    if not chosen and len(sheets) == 1 and sheets[0].is_csv:
        chosen = sheets  # a single CSV file is the evidence table whatever its name
    if not chosen:
        if not problems:
            problems.append(Problem(file=str(path), sheet=None, code="missing_sheet",
                                    message=f"Tệp không có trang '{EVIDENCE.sheet}'.",
                                    fix="Chọn tệp minh chứng đã lưu bằng biểu mẫu này, hoặc một tệp mới."))
        return coerce(EVIDENCE, pd.DataFrame()), problems
    layout = read_layout(EVIDENCE, chosen[0])
    res = parse_table(layout)
    res.problems = layout.problems + res.problems + check_keys(res)
    return coerce(EVIDENCE, res.values.reset_index(drop=True)), problems + res.problems


def _write_xlsx(df: pd.DataFrame, path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = EVIDENCE.sheet
    ws.append([c.header for c in EVIDENCE.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    text = table_as_text(EVIDENCE, df)
    dates = {c.header for c in EVIDENCE.columns if c.type is ColumnType.DATE}
    for r, rec in enumerate(text.to_dict("records"), start=2):  # writing cells: one per row, like any writer
        for j, (h, v) in enumerate(rec.items(), start=1):
            if h in dates and v:
                cell = ws.cell(row=r, column=j, value=dt.datetime.strptime(v, "%d/%m/%Y"))
                cell.number_format = "dd/mm/yyyy"
            else:
                ws.cell(row=r, column=j, value=v or None)
    for j, c in enumerate(EVIDENCE.columns, start=1):
        ws.column_dimensions[ws.cell(row=1, column=j).column_letter].width = max(12, len(c.header) + 4)
    ws.freeze_panes = "A2"
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def append_evidence(path: str | os.PathLike, entry: pd.DataFrame, base: pd.DataFrame | None = None) -> pd.DataFrame:
    """Ghi thêm ``entry`` vào bảng minh chứng trong tệp ``path`` (.csv hoặc .xlsx); trả về cả bảng.

    Nếu tệp đã có: đọc lại mọi dòng cũ và giữ nguyên; chưa có: bắt đầu từ ``base`` (bảng minh chứng của xã).
    Mã minh chứng trùng → ``ValueError``. Tệp được ghi trọn vẹn hoặc không ghi gì.
    """
    p = Path(path)
    if p.suffix.lower() not in (".csv", ".xlsx"):
        raise ValueError(f"Tệp lưu minh chứng phải có đuôi .csv hoặc .xlsx (đang là '{p.name}').")
    if p.exists():
        old, probs = read_evidence_file(p)
        if has_errors(probs):
            first = next(q for q in probs if q.severity == LOI)
            raise ValueError(f"Tệp '{p.name}' đang có lỗi nên không ghi thêm được ({first.line()}). "
                             "Sửa tệp, hoặc chọn một tệp mới.")
    else:
        old = coerce(EVIDENCE, base if base is not None else pd.DataFrame())
    new = coerce(EVIDENCE, entry)
    dup = set(new["evidence_id"].dropna()) & set(old["evidence_id"].dropna())
    if dup:
        raise ValueError(f"Mã minh chứng {', '.join(sorted(dup))} đã có trong tệp '{p.name}'; "
                         "không ghi đè minh chứng cũ. Dùng mã mới.")
    table = pd.concat([old, new], ignore_index=True)
    if p.suffix.lower() == ".csv":
        write_csv(EVIDENCE, table, p)
    else:
        _write_xlsx(table, p)
    return table


# =========================================================================== the form
_DATE_TIP = "Ghi ngày/tháng/năm, ví dụ 25/05/2025"


class EvidenceForm:
    """Biểu mẫu nhập một minh chứng: kiểm tra khi gõ, bấm 'Lưu minh chứng' để ghi thêm vào tệp đã chọn.

    ``data``: dữ liệu của xã; ``path``: tệp .csv/.xlsx lưu bảng minh chứng; ``evidence_dir``: thư mục chứa
    các tệp minh chứng (ảnh, bản chụp giấy tờ). ``on_saved(bảng)`` được gọi sau mỗi lần lưu.

    >>> from khuyenhoc.data import CommuneData
    >>> f = EvidenceForm(CommuneData(), path="minh_chung.csv")
    >>> f.fields["evidence_id"].value
    'X01-MC0001'
    """

    def __init__(self, data: CommuneData, path: str | os.PathLike = "minh_chung.xlsx",
                 evidence_dir: str | os.PathLike | None = None,
                 on_saved: Callable[[pd.DataFrame], None] | None = None):
        self.data = data
        self.evidence_dir = Path(evidence_dir) if evidence_dir is not None else None
        self.on_saved = on_saved
        self.table = data.evidence
        if Path(path).is_file():  # continue the officer's own evidence file
            old, probs = read_evidence_file(path)
            if not has_errors(probs):
                self.table = old
        today = dt.date.today().strftime("%d/%m/%Y")
        f = {
            "evidence_id": labelled(w.Text(next_evidence_id(self.table, self._prefix())), "Mã minh chứng",
                                    "Mã nội bộ của minh chứng; biểu mẫu gợi ý mã tiếp theo"),
            "model": labelled(w.Dropdown(options=list(MODELS), value=MODELS[1]), "Mô hình",
                              "Danh hiệu mà minh chứng phục vụ"),
            "subject_id": labelled(w.Combobox(placeholder="ví dụ X01-H0001", ensure_option=False), "Mã đối tượng",
                                   "Mã người, hộ, dòng họ, thôn, đơn vị hoặc xã, tùy mô hình"),
            "indicator_id": labelled(w.Dropdown(options=[]), "Mã chỉ số", "Chỉ số của bộ tiêu chí mà minh chứng chứng minh"),
            "type": labelled(w.Dropdown(options=list(EVIDENCE_TYPES)), "Loại minh chứng", "Loại giấy tờ"),
            "date": labelled(w.Text(placeholder="dd/mm/yyyy"), "Ngày minh chứng", _DATE_TIP + " (ngày ghi trên giấy tờ)"),
            "issuer": labelled(w.Text(placeholder="ví dụ UBND xã Hòa Mẫu"), "Nơi cấp",
                               "Cơ quan hoặc người cấp, ký giấy tờ"),
            "file": labelled(w.Text(placeholder="để trống nếu chưa có tệp"), "Tệp minh chứng",
                             "Đường dẫn tệp trong thư mục minh chứng; hoặc bấm nút tải tệp lên bên dưới"),
            "recorded": labelled(w.Text(today), "Ngày ghi nhận", _DATE_TIP + " (ngày cán bộ ghi nhận)"),
        }
        self.fields = f
        for name, ctl in f.items():
            ctl.add_class(f"kh-{name.replace('_', '-')}")
        self.upload = w.FileUpload(accept="", multiple=False, description="Tải tệp minh chứng lên",
                                   tooltip="Chọn ảnh hoặc bản chụp giấy tờ; tệp được chép vào thư mục minh chứng",
                                   layout=w.Layout(width="280px", height="44px"))
        self.folder = Path(path).parent  # where the officer's evidence file lives (never shown: a server path)
        self.path = labelled(w.Text(Path(path).name), "Lưu vào tệp", "Tệp .xlsx hoặc .csv chứa bảng minh chứng của xã; "
                                                               "minh chứng mới được ghi thêm vào cuối")
        self.check = w.HTML(layout=w.Layout(width="98%"))
        self.save = button("Lưu minh chứng", "Kiểm tra lần cuối rồi ghi thêm minh chứng vào tệp đã chọn")
        self.save.add_class("kh-nut-luu-minh-chung")
        self.out = result_area()
        self.out.add_class("kh-ket-qua-minh-chung")
        self.check.add_class("kh-kiem-tra")
        self._refresh_indicators()
        for name, ctl in f.items():
            ctl.observe(self._on_change, names="value")
        f["model"].observe(lambda ch: self._refresh_indicators(), names="value")
        self.upload.observe(guarded(self.out)(self._on_upload), names="value")
        self.save.on_click(guarded(self.out)(self._on_save))
        self._validate()
        self.widget = w.VBox([
            css(), w.HTML("<h3>Nhập minh chứng</h3><p>Điền từng ô; dòng kiểm tra bên dưới cập nhật ngay khi gõ. "
                          "Ô có dấu ✖ phải sửa trước khi lưu.</p>"),
            *f.values(), self.upload, self.path, self.check, self.save, self.out,
        ], layout=w.Layout(width="100%"), _dom_classes=["khuyenhoc-app"])

    # ------------------------------------------------------------------ helpers
    def _prefix(self) -> str:
        communes = self.data.communes()["unit_id"].dropna()
        code = str(communes.iloc[0]).split("-")[-1] if len(communes) else "X01"
        return f"{code}-MC"

    def _refresh_indicators(self) -> None:
        cat = resolve(self.fields["model"].value)
        opts = [(f"{i.id} — {i.short or i.text}"[:90], i.id) for _, i in cat.indicators()]
        self.fields["indicator_id"].options = opts
        self.fields["indicator_id"].value = opts[0][1] if opts else None
        tname, tcol = MODEL_SUBJECTS[self.fields["model"].value]
        ids = self.data[tname][tcol].dropna().astype(str)
        self.fields["subject_id"].options = ids.head(3000).tolist()

    def values(self) -> dict[str, str]:
        """Các ô của biểu mẫu (tên cột tiếng Anh → chữ đã gõ)."""
        return {k: ("" if v.value is None else str(v.value)) for k, v in self.fields.items()}

    def problems(self) -> list[Problem]:
        return validate_entry(self.values(), self.data, existing_ids=self.table["evidence_id"].dropna(),
                              evidence_dir=self.evidence_dir)

    def _validate(self, strict: bool = False) -> list[Problem]:
        """Check the form. Blank required cells are listed in grey as "still to fill" while the officer types
        (a fresh form is not an error); ``strict`` (on save) shows them as errors like any other."""
        probs = self.problems()
        blank = [p for p in probs if p.code == "missing"]
        shown = probs if strict else [p for p in probs if p.code != "missing"]
        if not probs:
            self.check.value = message_html("Các ô đều hợp lệ. Bấm 'Lưu minh chứng' để ghi.", "xong")
            return probs
        head = ""
        if not has_errors(shown):
            head = message_html("Không còn ô sai: có thể bấm 'Lưu minh chứng'. Xem lại các lưu ý dưới đây.", "xong") \
                if not blank else ""
        lines = "".join(message_html(f"{p.column}: {p.message} {p.fix}".strip(), p.severity) for p in shown)
        todo = "" if strict or not blank else message_html(
            "Còn ô bắt buộc chưa điền: " + ", ".join(dict.fromkeys(str(p.column) for p in blank)) + ".", DA_SUA)
        self.check.value = head + todo + lines
        return probs

    def _on_change(self, _change) -> None:
        if getattr(self, "_resetting", False):
            return
        try:
            self._validate()
        except Exception as exc:  # noqa: BLE001 - the check line must never show a traceback
            self.check.value = message_html(f"Chưa kiểm tra được: {exc}", LOI)

    # ------------------------------------------------------------------ actions
    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        if self.evidence_dir is None:
            raise ValueError("Chưa chọn thư mục minh chứng nên không lưu được tệp tải lên.")
        subject = self.fields["subject_id"].value.strip() or "chung"
        if not re.fullmatch(r"[\w\-.]+", subject):
            raise ValueError("Nhập 'Mã đối tượng' hợp lệ trước khi tải tệp lên.")
        name = Path(item["name"]).name
        rel = Path(subject) / name
        target = self.evidence_dir / rel
        content = bytes(item["content"])
        if target.exists() and target.read_bytes() != content:
            stem, suf = target.stem, target.suffix
            k = 2
            while (self.evidence_dir / subject / f"{stem}_{k}{suf}").exists():
                k += 1
            rel = Path(subject) / f"{stem}_{k}{suf}"
            target = self.evidence_dir / rel
        if not target.exists():
            with atomic_path(target) as tmp:
                tmp.write_bytes(content)
        self.fields["file"].value = rel.as_posix()
        say(self.out, message_html(f"Đã chép tệp '{name}' vào thư mục minh chứng ({rel.as_posix()}); "
                                  f"mã SHA-256 {sha256_of(target)[:16]}…"))

    def _on_save(self, _btn=None) -> None:
        probs = self._validate(strict=True)
        if has_errors(probs):
            n = sum(p.severity == LOI for p in probs)
            say(self.out, message_html(f"Chưa lưu: còn {n} ô cần sửa (xem các dòng ✖ ở trên).", LOI))
            return
        entry = entry_frame(self.values(), self.evidence_dir)
        target = Path(self.path.value.strip() or "minh_chung.xlsx")
        target = target if target.is_absolute() else self.folder / target
        table = append_evidence(target, entry, base=self.table)
        self.table = table
        self.data = self.data.replace(evidence=table)
        eid = entry.at[0, "evidence_id"]
        say(self.out, message_html(f"Đã lưu minh chứng {eid} vào '{target.name}' "
                                  f"(bảng có {len(table)} minh chứng)."))
        for p in probs:
            say(self.out, message_html(f"{p.column}: {p.message}", p.severity))
        if self.on_saved is not None:
            self.on_saved(table)
        self._resetting = True  # the cleared cells are a fresh entry, not mistakes: check once, at the end
        try:
            self.fields["evidence_id"].value = next_evidence_id(table, self._prefix())
            for k in ("date", "issuer", "file"):
                self.fields[k].value = ""
        finally:
            self._resetting = False
        self._validate()

"""Trang tài liệu "Mô hình dữ liệu" (docs/mo-hinh-du-lieu.md), sinh ra từ ``khuyenhoc.schema``.

Chạy ``python -m khuyenhoc.schema_doc docs/mo-hinh-du-lieu.md`` để ghi lại trang
sau khi sửa mô hình dữ liệu; một bài kiểm thử so trang đã lưu với trang sinh ra.

Ví dụ::

    >>> md = render_markdown()
    >>> md.splitlines()[0]
    '# Mô hình dữ liệu của xã'
    >>> "## Nhân khẩu (`persons`)" in md
    True
"""

from __future__ import annotations

import sys
from pathlib import Path

from .schema import BOOL_FALSE, BOOL_TRUE, MODEL_SUBJECTS, SCHEMA, TYPE_LABELS, Column, ColumnType, Schema, Table

__all__ = ["render_markdown", "write_markdown"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _allowed(c: Column) -> str:
    if c.type is ColumnType.CODE:
        return "; ".join(c.codes or ())
    if c.type is ColumnType.BOOL:
        return f"{BOOL_TRUE}; {BOOL_FALSE}"
    parts = []
    if c.min is not None:
        parts.append(f"≥ {c.min:g}")
    if c.max is not None:
        parts.append(f"≤ {c.max:g}")
    if c.length_limit is not None and c.type is not ColumnType.CODE:
        parts.append(f"tối đa {c.length_limit} ký tự")
    return ", ".join(parts)


def _ref(schema: Schema, c: Column, t: Table) -> str:
    if c.name == "subject_id" and "model" in t.column_names:
        targets = dict.fromkeys(f"{schema[tn].sheet} → {schema[tn].column(cn).header}"
                                for tn, cn in MODEL_SUBJECTS.values())
        return "tùy Mô hình: " + "; ".join(targets)
    if not c.references:
        return ""
    t, _, col = c.references.partition(".")
    return f"{schema[t].sheet} → {schema[t].column(col).header}"


def _table(schema: Schema, t: Table) -> list[str]:
    key = ", ".join(t.column(k).header for k in t.key)
    lines = [
        f"## {t.sheet} (`{t.name}`)",
        "",
        t.description,
        "",
        f"- Trang Excel: **{t.sheet}**" + (f" (tên khác được chấp nhận: {', '.join(t.aliases)})" if t.aliases else ""),
        f"- Tệp CSV: `{t.csv_name}`",
        f"- Khóa (mỗi dòng khác nhau): {key}",
    ]
    for u in t.unique:
        lines.append(f"- Không được trùng: {', '.join(t.column(k).header for k in u)}")
    lines += [
        "",
        "| Tên cột | Mã cột | Kiểu | Bắt buộc | Tham chiếu | Giá trị cho phép | Dữ liệu cá nhân | Ví dụ |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for c in t.columns:
        header = c.header + (f" (hoặc: {', '.join(c.aliases)})" if c.aliases else "")
        lines.append("| " + " | ".join(_cell(x) for x in (
            header, f"`{c.name}`", TYPE_LABELS[c.type], "có" if c.required else "không", _ref(schema, c, t),
            _allowed(c), "có" if c.personal else "", c.example,
        )) + " |")
    lines.append("")
    lines.append("Mô tả các cột:")
    lines.append("")
    for c in t.columns:
        lines.append(f"- **{c.header}**: {c.description}")
    lines.append("")
    return lines


def render_markdown(schema: Schema = SCHEMA) -> str:
    """Trang Markdown mô tả mọi bảng và cột của mô hình dữ liệu.

    >>> "| Ngày sinh (hoặc: Ngày tháng năm sinh" in render_markdown()
    True
    """
    from .intake import REQUIRED_TABLES

    lines = [
        "# Mô hình dữ liệu của xã",
        "",
        "<!-- Trang này được sinh tự động từ khuyenhoc/schema.py; đừng sửa tay. "
        "Ghi lại bằng: python -m khuyenhoc.schema_doc docs/mo-hinh-du-lieu.md -->",
        "",
        f"Phiên bản mô hình dữ liệu: {schema.version}. Dữ liệu của một xã là một sổ Excel (mỗi bảng một trang, "
        "dòng tiêu đề là tên cột tiếng Việt) hoặc một thư mục các tệp CSV (UTF-8, mỗi bảng một tệp). "
        "Lệnh `khuyenhoc template so_mau.xlsx` ghi sổ mẫu để trống; lệnh `khuyenhoc validate <tệp>` kiểm tra sổ.",
        "",
        "Quy ước chung:",
        "",
        "- Ngày ghi dd/mm/yyyy (ngày trước, tháng sau); số tiền ghi bằng đồng, ví dụ 1.250.000; "
        "số lẻ dùng dấu phẩy, ví dụ 7,5.",
        "- Mã là mã nội bộ do Hội đặt; không dùng số CCCD/CMND làm mã.",
        "- Cột \"Dữ liệu cá nhân\" đánh dấu dữ liệu cá nhân (Luật 91/2025/QH15): chỉ dùng trong xã, không bao giờ "
        "có trong báo cáo gửi ra ngoài.",
        "- Ô trống là \"chưa có thông tin\"; cột Có/Không để trống không bao giờ được hiểu là \"Có\".",
        "- Các trang bắt buộc: " + ", ".join(schema[t].sheet for t in REQUIRED_TABLES if t in schema)
        + ". Trang khác nếu không có thì xem như bảng rỗng.",
        "- Các trang \"Giới thiệu\", \"Hướng dẫn\", \"Danh mục\" không chứa dữ liệu và được bỏ qua khi đọc.",
        "",
        "Các bảng:",
        "",
    ]
    for t in schema:
        lines.append(f"- [{t.sheet}](#{_anchor(t)}) (`{t.name}`): {t.description}")
    lines.append("")
    for t in schema:
        lines += _table(schema, t)
    lines += _rules()
    lines += _problem_codes()
    return "\n".join(lines).rstrip() + "\n"


_RULE_KINDS = {
    "not_future": "không sau ngày số liệu", "age": "tuổi hợp lý", "order": "thứ tự hai ngày",
    "after_birth": "sau ngày sinh", "before_departure": "trước khi mất/chuyển đi",
    "in_catalogue": "mã có trong bộ tiêu chí", "bound": "số tiền không lớn bất thường",
}


def _rules() -> list[str]:
    from .schema import RULES

    lines = [
        "## Các quy tắc hợp lý",
        "",
        "Khai báo cùng mô hình dữ liệu (`khuyenhoc/schema.py`, danh sách `RULES`) và được kiểm tra mỗi lần đọc sổ. "
        "\"Ngày số liệu\" là ngày ghi ở dòng \"Số liệu tính đến ngày\" của trang \"Giới thiệu\"; sổ không ghi thì "
        "lấy ngày hôm nay. Mỗi vi phạm được báo kèm trang, dòng, cột, giá trị, lý do và cách sửa.",
        "",
        "| Mã quy tắc | Bảng | Cột | Loại | Mức | Lý do |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in RULES:
        t = SCHEMA[r.table]
        lines.append("| " + " | ".join(_cell(x) for x in (
            f"`{r.id}`", t.sheet, t.column(r.column).header, _RULE_KINDS[r.kind], r.severity, r.why)) + " |")
    lines.append("")
    return lines


def _problem_codes() -> list[str]:
    from .problems import CODES

    lines = [
        "## Các vấn đề được kiểm tra khi đọc sổ",
        "",
        "Mức \"lỗi\" phải sửa trước khi dùng dữ liệu (lệnh `khuyenhoc validate` trả mã thoát 1); "
        "\"cảnh báo\" nên xem lại; \"đã sửa\" là chỗ chương trình đã tự hiểu và chỉ ghi lại để biết.",
        "",
        "| Mã vấn đề | Mức | Nghĩa |",
        "| --- | --- | --- |",
    ]
    for code, (severity, label) in CODES.items():
        lines.append(f"| `{code}` | {severity} | {label} |")
    lines.append("")
    return lines


def _anchor(t: Table) -> str:
    # GitHub-style anchor of "## <sheet> (`<name>`)": lowercase, spaces → '-', punctuation dropped.
    text = f"{t.sheet} ({t.name})".lower()
    keep = "".join(ch for ch in text if ch.isalnum() or ch in " -_")
    return keep.replace(" ", "-")


def write_markdown(path: str | Path) -> Path:
    """Ghi trang mô hình dữ liệu ra ``path`` (UTF-8, NFC)."""
    from .atomic import atomic_path

    target = Path(path)
    with atomic_path(target) as tmp:
        tmp.write_text(render_markdown(), encoding="utf-8")
    return target


if __name__ == "__main__":  # python -m khuyenhoc.schema_doc docs/mo-hinh-du-lieu.md
    out = write_markdown(sys.argv[1] if len(sys.argv) > 1 else "docs/mo-hinh-du-lieu.md")
    print(f"Đã ghi {out}")

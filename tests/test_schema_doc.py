"""The data-model page is generated from the schema, and the schema's constraints hold together."""

from pathlib import Path

from khuyenhoc.schema import SCHEMA, ColumnType
from khuyenhoc.schema_doc import render_markdown
from khuyenhoc.textnorm import fold, is_nfc
from khuyenhoc.parsing import code_lookup

DOC = Path(__file__).resolve().parent.parent / "docs" / "mo-hinh-du-lieu.md"


def test_committed_page_equals_generated_page():
    assert DOC.read_text(encoding="utf-8") == render_markdown(), (
        "docs/mo-hinh-du-lieu.md is stale: run python -m khuyenhoc.schema_doc docs/mo-hinh-du-lieu.md")


def test_page_names_every_table_and_column():
    md = render_markdown()
    assert is_nfc(md)
    for t in SCHEMA:
        assert f"## {t.sheet} (`{t.name}`)" in md
        assert f"- Tệp CSV: `{t.csv_name}`" in md
        for c in t.columns:
            assert f"| `{c.name}` |" in md
    assert "Không được trùng: Mã nhân khẩu, Ngày vào Hội" in md
    assert "| Ngày sinh (hoặc: Ngày tháng năm sinh, Ngay sinh, NTNS, Sinh ngày) | `birth_date` | ngày (dd/mm/yyyy) | có |" in md
    assert "Hộ gia đình → Mã hộ" in md


def test_schema_text_is_nfc_and_code_lists_fold_uniquely():
    for t in SCHEMA:
        for text in (t.sheet, t.description, *t.aliases):
            assert is_nfc(text)
        for c in t.columns:
            assert is_nfc(c.header) and is_nfc(c.description)
            if c.type is ColumnType.CODE:
                assert all(is_nfc(x) for x in c.codes)
                # every value is reachable from its folded form (no two values fold alike)
                assert len(code_lookup(c.codes)) == len(c.codes), c.name


def test_headers_and_aliases_do_not_collide_within_a_table():
    for t in SCHEMA:
        seen = {}
        for c in t.columns:
            for h in (c.header, *c.aliases):
                f = fold(h)
                assert seen.setdefault(f, c.name) == c.name, (t.name, h)


def test_sheet_names_and_aliases_do_not_collide():
    seen = {}
    for t in SCHEMA:
        for name in (t.sheet, t.name, *t.aliases):
            assert seen.setdefault(fold(name), t.name) == t.name, name

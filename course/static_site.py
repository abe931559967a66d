"""Dựng trang đọc tĩnh của khóa học (bài giảng, đề cương, hướng dẫn giảng viên) để mở không cần mạng.

Cách chạy (từ thư mục gốc của dự án)::

    python -m course.static_site _site        # trang nằm trong _site/, mở _site/index.html

Trang được dựng bằng Sphinx + MyST-NB từ chính các sổ tay trong ``notebooks/`` và các trang
``course/syllabus.md``, ``course/trainer-guide.md``: không có bản thứ hai để giữ cho khớp. Mọi tệp cần
cho trang (chữ, kiểu dáng, tìm kiếm) nằm trong thư mục kết quả, nên chép cả thư mục vào USB hoặc đặt trên
máy chủ của lớp là đọc được trên điện thoại.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

if __package__ in (None, ""):  # run as a script: python course/static_site.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    __package__ = "course"

from course.catalog import lessons  # noqa: E402
from course.khoahoc import COURSE_DIR, REPO_DIR  # noqa: E402

SITE_DIR = COURSE_DIR / "site"
#: Pages of the site and where they come from.
PAGES = {"de-cuong.md": COURSE_DIR / "syllabus.md", "huong-dan-giang-vien.md": COURSE_DIR / "trainer-guide.md",
         "phong-hoc.md": REPO_DIR / "docs" / "phong-hoc.md"}
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")


class SiteError(RuntimeError):
    """The site could not be built or has broken links; the message is in Vietnamese."""


def stage(dest: Path, repo_dir: Path = REPO_DIR) -> Path:
    """Copy the site's sources (config, pages, lessons, the images they show) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for item in SITE_DIR.iterdir():
        if item.is_file():
            shutil.copy2(item, dest / item.name)
    for name, source in PAGES.items():
        if source.exists():
            (dest / name).write_text(_site_links(source.read_text(encoding="utf-8"), source, repo_dir),
                                     encoding="utf-8")
    (dest / "bai-giang").mkdir(exist_ok=True)
    for path in lessons(repo_dir):
        shutil.copy2(path, dest / "bai-giang" / path.name)
    images = repo_dir / "notebooks" / "anh"  # pictures the lessons show, e.g. ![…](anh/ung-dung-01-mo.png)
    if images.is_dir():
        shutil.copytree(images, dest / "bai-giang" / "anh", dirs_exist_ok=True)
    return dest


def _site_links(text: str, source: Path, repo_dir: Path) -> str:
    """Point links between the site's pages at their pages; a link to any other file of the project becomes its
    name in plain text (the file is not on the site, and a reader offline cannot follow it)."""
    by_source = {src.resolve(): name for name, src in PAGES.items()}

    def fix(m: re.Match) -> str:
        label, address = m.group(1), m.group(2)
        parts = urlsplit(address)
        if parts.scheme or address.startswith("#"):
            return m.group(0)
        target = (source.parent / unquote(parts.path)).resolve()
        if target in by_source:
            return f"[{label}]({by_source[target]}{'#' + parts.fragment if parts.fragment else ''})"
        try:
            shown = target.relative_to(repo_dir.resolve())
        except ValueError:
            shown = Path(parts.path)
        return label if str(shown) == label.strip("`") else f"{label} (`{shown}`)"

    return _LINK.sub(fix, text)


def build(out: Path, repo_dir: Path = REPO_DIR) -> Path:
    """Build the site into ``out`` (written whole or not at all); raise SiteError on any warning or broken link."""
    from sphinx.cmd.build import build_main

    out = Path(out).resolve()
    with tempfile.TemporaryDirectory(prefix="khuyenhoc-site-") as tmp:
        src = stage(Path(tmp) / "src", repo_dir)
        html = Path(tmp) / "html"
        warnings = Path(tmp) / "warnings.txt"
        code = build_main(["-b", "html", "-q", "-W", "--keep-going", "-n", "-w", str(warnings),
                           str(src), str(html)])
        if code != 0:
            raise SiteError("Không dựng được trang đọc của khóa học:\n" + warnings.read_text(encoding="utf-8"))
        problems = check_links(html)
        if problems:
            raise SiteError("Trang đọc có liên kết hỏng hoặc tải tài nguyên từ Internet:\n" +
                            "\n".join(f"  - {p}" for p in problems))
        staging = out.with_name(f".{out.name}.moi")
        if staging.exists():
            shutil.rmtree(staging)
        shutil.copytree(html, staging)
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    return out


class _Refs(HTMLParser):
    """Collect (tag, attribute, address) of every link and loaded resource of a page."""

    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for attr in ("href", "src"):
            if attrs.get(attr):
                self.refs.append((tag, attr, attrs[attr]))


def check_links(html_dir: Path) -> list[str]:
    """Broken internal links and anchors, and any resource loaded from the network, in Vietnamese."""
    html_dir = Path(html_dir)
    pages = {p: _parse(p) for p in html_dir.rglob("*.html")}
    problems: list[str] = []
    for page, refs in pages.items():
        name = page.relative_to(html_dir)
        for tag, attr, address in refs.refs:
            parts = urlsplit(address)
            if parts.scheme in ("http", "https") or address.startswith("//"):
                if tag != "a":  # a link a reader may follow is fine; a page must not load anything from the web
                    problems.append(f"{name}: <{tag} {attr}> tải {address} từ Internet")
                continue
            if parts.scheme in ("mailto", "data", "javascript"):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if not target.exists():
                problems.append(f"{name}: liên kết tới {address} — không có tệp này")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{name}: liên kết tới {address} — không có mục #{parts.fragment}")
    return problems


def _parse(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.static_site",
                                     description="Dựng trang đọc tĩnh của khóa học (mở không cần mạng).")
    parser.add_argument("ra", nargs="?", default=str(REPO_DIR / "_site"), help="thư mục kết quả (mặc định _site/)")
    args = parser.parse_args(argv)
    try:
        out = build(Path(args.ra))
    except SiteError as err:
        print(err)
        return 1
    print(f"Đã dựng trang đọc: {out / 'index.html'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

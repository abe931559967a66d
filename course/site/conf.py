# Sphinx configuration of the course's static site (lessons, syllabus, trainer guide).
# Built by `python -m course.static_site OUT` from a staging copy of the same notebooks and pages;
# everything it needs is bundled (no CDN, no web font), so the site opens offline from a USB stick.
project = "Khóa tập huấn số hóa công tác khuyến học"
author = "Nhóm phát triển khuyenhoc"
copyright = "Nhóm phát triển khuyenhoc"
language = "vi"
extensions = ["myst_nb"]
# Lessons are shown as written: trainees run them in JupyterLab; the site is for reading and revising.
nb_execution_mode = "off"
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
html_theme = "furo"
html_title = "Khóa tập huấn khuyến học"
html_last_updated_fmt = "%d/%m/%Y"
html_show_sphinx = False
html_copy_source = False
html_show_sourcelink = False
# Math is never used, so Sphinx adds MathJax (a CDN script) to no page; the site check would catch it.

html_theme_options = {"navigation_with_keys": False}

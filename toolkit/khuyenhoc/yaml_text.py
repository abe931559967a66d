"""Đọc văn bản YAML an toàn và nhanh (trình đọc C của libyaml khi có, cùng kết quả với ``yaml.safe_load``).

>>> load("ten: Mai Lâm\\nso: 3")
{'ten': 'Mai Lâm', 'so': 3}
"""

from __future__ import annotations

import yaml

#: libyaml's loader when PyYAML was built with it (the wheels are), else the pure-Python one.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str):
    """Như ``yaml.safe_load(text)``; lỗi vẫn là ``yaml.YAMLError``."""
    return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader

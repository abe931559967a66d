"""Các bộ tiêu chí (mỗi mô hình, mỗi phiên bản một tệp YAML) và sổ đăng ký bộ tiêu chí.

Built-in catalogues are the ``*.yaml`` files of this folder. A user adds or
replaces one without touching the code: ``register("duong/dan/bo-tieu-chi.yaml")``,
or put files in the folder named by the environment variable
``KHUYENHOC_BO_TIEU_CHI``. A user file with the same ``id`` as a built-in one
replaces it.

Ví dụ::

    >>> from khuyenhoc.catalogues import get_catalogue, list_catalogues
    >>> get_catalogue("congdan-qd324").rule.pass_points
    80.0
    >>> "donvi-tt24-2023" in set(list_catalogues()["id"])
    True
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .loader import CatalogueError, load_catalogue, parse_catalogue
from .model import ALL_MODELS, MODEL_KIND, UNESCO_MODEL, Catalogue, Criterion, Indicator

__all__ = [
    "Catalogue", "Criterion", "Indicator", "CatalogueError", "load_catalogue", "parse_catalogue",
    "get_catalogue", "default_catalogue", "list_catalogues", "register", "resolve", "BUILTIN_DIR",
    "ALL_MODELS", "MODEL_KIND", "UNESCO_MODEL", "ENV_VAR",
]

BUILTIN_DIR = Path(__file__).parent
ENV_VAR = "KHUYENHOC_BO_TIEU_CHI"

_builtin: dict[str, tuple[Catalogue, Path]] | None = None
_user: dict[str, tuple[Catalogue, Path]] = {}


def _builtins() -> dict[str, tuple[Catalogue, Path]]:
    global _builtin
    if _builtin is None:
        found: dict[str, tuple[Catalogue, Path]] = {}
        for p in sorted(BUILTIN_DIR.glob("*.yaml")):
            if p.name.startswith("thu-tuc"):
                continue  # procedure configuration, not a catalogue
            c = load_catalogue(p)
            found[c.id] = (c, p)
        _builtin = found
    return _builtin


def _env_files() -> dict[str, tuple[Catalogue, Path]]:
    folder = os.environ.get(ENV_VAR)
    out: dict[str, tuple[Catalogue, Path]] = {}
    if folder and Path(folder).is_dir():
        for p in sorted(Path(folder).glob("*.y*ml")):
            c = load_catalogue(p)
            out[c.id] = (c, p)
    return out


def _all() -> dict[str, tuple[Catalogue, Path]]:
    merged = dict(_builtins())
    merged.update(_env_files())
    merged.update(_user)
    return merged


def register(path: str | Path) -> Catalogue:
    """Thêm (hoặc thay, nếu trùng mã) một bộ tiêu chí từ tệp của người dùng.

    >>> import tempfile, pathlib, shutil
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> src = BUILTIN_DIR / "cong-dan-hoc-tap-qd324.yaml"
    >>> _ = shutil.copy(src, d / "cua-toi.yaml")
    >>> register(d / "cua-toi.yaml").id
    'congdan-qd324'
    >>> unregister("congdan-qd324")
    """
    c = load_catalogue(path)
    _user[c.id] = (c, Path(path))
    return c


def unregister(catalogue_id: str) -> None:
    """Bỏ bộ tiêu chí người dùng đã thêm bằng ``register`` (bộ có sẵn trở lại nếu trùng mã)."""
    _user.pop(catalogue_id, None)


def get_catalogue(catalogue_id: str) -> Catalogue:
    """Bộ tiêu chí có mã ``catalogue_id`` (KeyError với thông báo tiếng Việt nếu không có)."""
    allc = _all()
    if catalogue_id not in allc:
        raise KeyError(f"Không có bộ tiêu chí '{catalogue_id}'. Các bộ tiêu chí có: {', '.join(sorted(allc))}. "
                       "Xem danh sách bằng lệnh: khuyenhoc models")
    return allc[catalogue_id][0]


def default_catalogue(model: str) -> Catalogue:
    """Bộ tiêu chí mặc định của mô hình ``model`` (tên mô hình tiếng Việt).

    >>> default_catalogue("Đơn vị học tập").id
    'donvi-tt24-2023'
    """
    cands = [c for c, _ in _all().values() if c.model == model]
    if not cands:
        raise KeyError(f"Không có bộ tiêu chí nào cho mô hình '{model}'.")
    defaults = [c for c in cands if c.default]
    user = [c for c in cands if c.id in _user]
    return (user or defaults or cands)[0]


def resolve(model) -> Catalogue:
    """Nhận một bộ tiêu chí, mã bộ tiêu chí, tên mô hình hoặc đường dẫn tệp YAML; trả về bộ tiêu chí.

    >>> resolve("Công dân học tập").id
    'congdan-qd324'
    """
    if isinstance(model, Catalogue):
        return model
    if isinstance(model, Path) or (isinstance(model, str) and model.lower().endswith((".yaml", ".yml"))):
        return load_catalogue(model)
    if not isinstance(model, str):
        raise TypeError("model phải là mã bộ tiêu chí, tên mô hình, đường dẫn tệp YAML hoặc một Catalogue")
    if model in ALL_MODELS:
        return default_catalogue(model)
    return get_catalogue(model)


def list_catalogues() -> pd.DataFrame:
    """Bảng các bộ tiêu chí có sẵn và của người dùng: mã, mô hình, tên, phiên bản, nguồn gốc, mặc định, tệp."""
    rows = []
    for cid, (c, p) in sorted(_all().items(), key=lambda kv: (ALL_MODELS.index(kv[1][0].model), kv[0])):
        rows.append({
            "id": cid, "model": c.model, "name": c.name, "version": c.version,
            "provenance": c.provenance, "rule": c.rule.kind,
            "default": default_catalogue(c.model).id == cid,
            "documents": "; ".join(d.number for d in c.documents),
            "indicators": len(c.indicators()), "validity_years": c.validity_years,
            "unset_thresholds": len(c.unset_thresholds()),
            "source": "người dùng" if cid in _user or p.parent != BUILTIN_DIR else "có sẵn", "path": str(p),
        })
    return pd.DataFrame(rows)


from .local import ThresholdLayer, ThresholdsError, load_thresholds, resolve_thresholds  # noqa: E402

__all__ += ["ThresholdLayer", "ThresholdsError", "load_thresholds", "resolve_thresholds"]

"""environment.yml (conda/Binder) and pyproject.toml must name the same dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

# conda-forge names that differ from the PyPI names
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib"}
NOT_DEPENDENCIES = {"python", "pip"}


def _split(requirement: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-\[\]]+)\s*(.*)$", requirement)
    assert m, requirement
    name = re.sub(r"\[.*\]", "", m.group(1)).lower().replace("_", "-")
    return name, m.group(2).replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    reqs = list(project["dependencies"])
    for group in project["optional-dependencies"].values():
        reqs += [r for r in group if not r.startswith("khuyenhoc")]
    return dict(_split(r) for r in reqs)


def environment_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for pip_dep in dep.get("pip", []):
                if pip_dep.startswith("-e"):
                    continue
                name, spec = _split(pip_dep)
                out[name] = spec
            continue
        name, spec = _split(dep)
        name = CONDA_TO_PYPI.get(name, name)
        if name not in NOT_DEPENDENCIES:
            out[name] = spec
    return out


def test_same_package_names():
    assert set(pyproject_requirements()) == set(environment_requirements())


def test_same_version_bounds():
    py, env = pyproject_requirements(), environment_requirements()
    for name in py:
        assert py[name] == env[name], f"{name}: pyproject {py[name]!r} != environment.yml {env[name]!r}"


def test_every_dependency_has_a_lower_bound():
    for name, spec in pyproject_requirements().items():
        assert ">=" in spec, f"{name} has no lower bound"


def test_environment_installs_the_toolkit():
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "- -e ." in text

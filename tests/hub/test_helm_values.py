"""helm/values.yaml against the Zero to JupyterHub chart's own schema (vendored in helm/z2jh/).

Helm validates the chart's defaults merged with the user's values; this test does the same merge
(maps merged key by key, everything else replaced) and validates with jsonschema, as the chart's
own tools/validate-against-schema.py does. No helm binary or cluster is needed.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

HELM = Path(__file__).resolve().parents[2] / "helm"
pytestmark = pytest.mark.hub


def merge(base, override):
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for k, v in override.items():
            out[k] = merge(base.get(k), v) if k in base else v
        return out
    return override


def merged_values(values: dict) -> dict:
    defaults = yaml.safe_load((HELM / "z2jh" / "values.default.yaml").read_text(encoding="utf-8"))
    return merge(defaults, values)


def schema() -> dict:
    import json

    return json.loads((HELM / "z2jh" / "values.schema.json").read_text(encoding="utf-8"))


def test_course_values_match_the_chart_schema():
    values = yaml.safe_load((HELM / "values.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(merged_values(values), schema())


def test_the_schema_check_catches_a_wrong_value():
    values = yaml.safe_load((HELM / "values.yaml").read_text(encoding="utf-8"))
    values["cull"]["timeout"] = "một giờ"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(merged_values(values), schema())
    values = yaml.safe_load((HELM / "values.yaml").read_text(encoding="utf-8"))
    values["singleuser"]["memroy"] = {"limit": "1G"}  # misspelt key
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(merged_values(values), schema())


def test_values_keep_the_course_rules():
    v = yaml.safe_load((HELM / "values.yaml").read_text(encoding="utf-8"))
    assert v["hub"]["config"]["NativeAuthenticator"]["open_signup"] is False
    assert v["cull"]["enabled"] and v["singleuser"]["memory"]["limit"]
    assert v["hub"]["db"]["type"] == "postgres"
    mounts = v["singleuser"]["storage"]["extraVolumeMounts"]
    assert any(m["mountPath"] == "/srv/nbgrader/exchange" for m in mounts)

"""Test data for the whole suite, from one factory: ``make_commune``.

``make_commune(kind, **options)`` returns a fresh ``CommuneData`` (tests may change it):

- ``"hand_built"``: the criteria/engine commune of ``criteria_factory.commune`` (every value chosen by hand);
- ``"tt24_units"``: units for the TT 24 catalogue (``criteria_factory.tt24_units``; ``share_staff_cdht=[…]``,
  ``emulation=…``);
- ``"tiny"``: the intake tests' commune where every table has rows (``_intake_data.tiny_commune``);
- ``"generated"``: ``khuyenhoc.sample.generate`` (``seed``, ``communes``, ``population``, ``years``), generated once
  per set of options in a test session and copied for each test;
- ``"sample"``: the shipped sample commune "mau" (``khuyenhoc.sample.load``).

The fixtures ``hand_built``, ``tiny`` and ``sample_mau`` are shortcuts for the common cases.
"""

from __future__ import annotations

import copy
from typing import Any, Callable

import pytest

from khuyenhoc.data import CommuneData
from playwright_chromium import CHROMIUM_ARGS, chromium_path, why_no_browser

_GENERATED: dict[tuple, CommuneData] = {}


def build_commune(kind: str = "hand_built", **options: Any) -> CommuneData:
    """The one factory of test communes (see the module docstring)."""
    if kind == "hand_built":
        from criteria_factory import commune

        return commune(**options)
    if kind == "tt24_units":
        from criteria_factory import tt24_units

        return tt24_units(options.pop("share_staff_cdht", [18]), **options)
    if kind == "tiny":
        from _intake_data import tiny_commune

        return tiny_commune(**options)
    if kind == "generated":
        from khuyenhoc import sample

        key = tuple(sorted((k, tuple(v) if isinstance(v, range) else v) for k, v in options.items()))
        if key not in _GENERATED:
            _GENERATED[key] = sample.generate(**options)
        return copy.deepcopy(_GENERATED[key])
    if kind == "sample":
        from khuyenhoc import sample

        return sample.load("mau")
    raise ValueError(f"unknown kind of test commune: {kind!r}")


@pytest.fixture(scope="session")
def make_commune() -> Callable[..., CommuneData]:
    """Factory fixture: ``make_commune("generated", population=800)``."""
    return build_commune


@pytest.fixture
def hand_built() -> CommuneData:
    return build_commune("hand_built")


@pytest.fixture
def tiny() -> CommuneData:
    return build_commune("tiny")


@pytest.fixture
def sample_mau() -> CommuneData:
    return build_commune("sample")


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session, shared by the browser and the hub tests.

    Playwright's sync API allows one running instance per thread: a second ``sync_playwright()`` while the
    first is open fails ("using Playwright Sync API inside the asyncio loop"), so there is exactly one here."""
    why = why_no_browser()
    if why:
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()

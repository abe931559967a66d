"""Fixtures of the hub tests: one throw-away training hall (real JupyterHub, real accounts) per module,
and Chromium (Debian package) driven by Playwright that may only talk to 127.0.0.1."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hallrun  # noqa: E402
from hallrun import loopback_context  # noqa: E402,F401  (used by the tests)


@pytest.fixture(scope="module")
def hall():
    why = hallrun.why_not()
    if why:
        pytest.skip(why)
    run = hallrun.HallRun(n_trainees=3)
    try:
        run.prepare()
        run.start()
        yield run
    finally:
        run.close()
        print("hall timings:", {k: round(v, 1) for k, v in run.timings.items()})

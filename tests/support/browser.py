"""Headless Chromium through Playwright, using Debian's chromium package.

Browser tests run where both are installed, fail when ``CI=true`` and they
are missing, and skip with the reason otherwise. Playwright's own browser
download is never used.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.support.databases import IN_CI

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """Return the Chromium executable, or skip (fail in CI) when there is none."""
    path = os.environ.get("RINGNITY_TEST_CHROMIUM") or shutil.which("chromium")
    reason = None
    if path is None:
        reason = "Chromium is not installed (Debian package chromium)"
    else:
        try:
            import playwright.async_api  # noqa: F401
        except ImportError:
            reason = "the playwright package is not installed"
    if reason is not None:
        if IN_CI:
            pytest.fail(f"{reason}; browser tests are required when CI=true")
        pytest.skip(reason)
    return path

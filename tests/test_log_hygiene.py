"""No secret, password, code or token reaches a server log during the test run.

Runs after every other test and scans the logs of every live server and of
the in-process app, which log through the production logging configuration.
"""

from __future__ import annotations

import re

import pytest

from tests.support.secrets import all_secrets

# Every credential this provider issues starts with one of these prefixes.
TOKEN_PATTERN = re.compile(r"rgn_(?:at|rt|ac|cs|ak|ss)_[A-Za-z0-9_-]{20,}")


@pytest.mark.last
def test_logs_contain_no_secrets(log_dir):
    logs = {path.name: path.read_text(encoding="utf-8") for path in log_dir.glob("*.log")}
    assert logs, f"no logs were captured in {log_dir}"
    secrets = all_secrets()
    assert secrets, "the tests remembered no secrets to look for"
    for name, text in logs.items():
        leaked = [secret for secret in secrets if secret in text]
        assert not leaked, f"{name} contains {len(leaked)} secret(s), e.g. {leaked[0][:12]}..."
        match = TOKEN_PATTERN.search(text)
        assert match is None, f"{name} contains a credential at offset {match.start()}"


def test_access_log_drops_query_strings():
    import logging

    from app.logging_setup import RedactingFilter

    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/oauth/logout?id%5Ftoken%5Fhint=eyJhbGci.x.y", "1.1", 200),
        None,
    )
    RedactingFilter().filter(record)
    line = record.getMessage()
    assert "eyJhbGci" not in line
    assert "/oauth/logout?[query redacted]" in line

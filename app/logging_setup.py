"""Logging configuration that keeps secrets out of the log."""

from __future__ import annotations

import logging
import re
from typing import TextIO

# Query parameters whose values are credentials or single-use codes.
_SECRET_PARAMS = re.compile(
    r"(?i)\b(code|access_token|refresh_token|id_token|id_token_hint|client_secret|"
    r"password|token|client_assertion|state|nonce|code_verifier)=[^&\s\"]*"
)


def redact(text: str) -> str:
    return _SECRET_PARAMS.sub(lambda m: f"{m.group(1)}=[redacted]", text)


def _without_query(path: str) -> str:
    """Return a request target with its query string replaced by a marker.

    Query strings carry codes, hints and emails, and a parameter name can be
    percent-encoded past any name-based redaction, so access log lines keep
    only the path.
    """
    base, separator, _ = path.partition("?")
    return base + "?[query redacted]" if separator else base


class RedactingFilter(logging.Filter):
    """Redact query strings from access log lines and secret parameters elsewhere."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "uvicorn.access" and isinstance(record.args, tuple):
            # uvicorn's access record: (client, method, target, version, status).
            args = list(record.args)
            if len(args) >= 3 and isinstance(args[2], str):
                args[2] = _without_query(args[2])
            record.args = tuple(args)
        if record.args:
            record.args = tuple(
                redact(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True


def configure(level: str = "INFO", stream: TextIO | None = None) -> None:
    """Send every log record through one redacting handler (stderr by default)."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
    # httpx logs full request URLs at INFO, and the demo app's token request
    # goes through httpx.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("tortoise").setLevel(logging.WARNING)
    logging.getLogger("aerich").setLevel(logging.WARNING)

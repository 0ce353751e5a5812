"""Reliability tests: database loss, backup and restore, and the bounded load test."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "load: 60-second mixed load on gunicorn (ETHICSDESK_LOAD_SECONDS overrides)"
    )

"""Fixtures for the compass tests: the default set, a writable copy of the sets, graph makers."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from compass import QuestionSet, load_question_set
from compass.loading import SETS_DIR
from tests.compass.helpers import GraphMaker


@pytest.fixture(scope="session")
def association() -> QuestionSet:
    """The default set, loaded once."""
    return load_question_set("association")


@pytest.fixture
def sets_dir(tmp_path: Path) -> Path:
    """A writable copy of the package's sets, for breaking files on purpose."""
    target = tmp_path / "sets"
    shutil.copytree(SETS_DIR, target)
    return target


@pytest.fixture
def maker() -> Callable[[], GraphMaker]:
    """A factory for hand-built graphs."""
    return GraphMaker

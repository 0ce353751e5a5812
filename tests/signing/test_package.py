"""The signing package names its parts lazily: every exported name resolves, nothing else does."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ethicsdesk import signing


def test_every_exported_name_resolves_to_its_module() -> None:
    assert sorted(signing.__all__) == sorted(signing._HOMES)
    for name in signing.__all__:
        value = getattr(signing, name)
        assert value.__module__ == f"ethicsdesk.signing.{signing._HOMES[name]}" or not callable(
            value
        ), name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        signing.no_such_thing  # noqa: B018


def test_importing_the_package_does_not_load_pyhanko() -> None:
    code = "import sys, ethicsdesk.signing; print('pyhanko' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"

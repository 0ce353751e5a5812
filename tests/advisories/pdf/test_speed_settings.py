"""The renderer runs with reportlab's production settings: accelerators in, shape checks out."""

from __future__ import annotations

import ethicsdesk.advisories.pdf  # noqa: F401 - sets rl_config before any drawing module loads


def test_reportlab_uses_its_c_accelerators() -> None:
    from reportlab.lib import rl_accel

    assert type(rl_accel.fp_str).__name__ == "builtin_function_or_method"


def test_drawing_shapes_skip_per_attribute_checks() -> None:
    from reportlab.graphics.shapes import Shape

    assert "__setattr__" not in Shape.__dict__

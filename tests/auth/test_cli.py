"""The create-user command."""

from __future__ import annotations

from flask import Flask

from ethicsdesk.auth.passwords import verify_password
from ethicsdesk.auth.queries import user_by_email
from ethicsdesk.core.permissions import Role


def test_create_user_with_roles(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=["ethicsdesk", "create-user", "--email", "Eva@School.example.nl", "--name", "Eva",
              "--role", "chair", "--role", "member", "--password", "a good long password"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    user = user_by_email("eva@school.example.nl")
    assert user.roles == {Role.CHAIR, Role.MEMBER}
    assert verify_password(user.password_hash, "a good long password")


def test_create_user_generates_a_password(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=["ethicsdesk", "create-user", "--email", "g@school.example.nl", "--name", "G",
              "--generate-password"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    password = result.output.split("Password: ")[1].strip()
    assert verify_password(user_by_email("g@school.example.nl").password_hash, password)


def test_create_user_refuses_bad_input(app: Flask) -> None:
    runner = app.test_cli_runner()
    bad_email = runner.invoke(
        args=["ethicsdesk", "create-user", "--email", "nope", "--name", "X", "--password", "x" * 20]
    )
    assert bad_email.exit_code != 0
    short = runner.invoke(
        args=["ethicsdesk", "create-user", "--email", "s@school.example.nl", "--name", "S",
              "--password", "short"]
    )  # fmt: skip
    assert short.exit_code != 0
    assert "12" in short.output
    assert user_by_email("s@school.example.nl") is None

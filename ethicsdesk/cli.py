"""The ``flask ethicsdesk`` command group: administration tasks without the web interface."""

from __future__ import annotations

import json
import secrets
import sys

import click
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask.cli import with_appcontext

from dpia_templates import RequestError, screen, validate_request
from ethicsdesk.auth.operations import DuplicateEmailError, create_user
from ethicsdesk.auth.passwords import policy_errors
from ethicsdesk.core.permissions import Role
from ethicsdesk.demo.operations import ORGANISATION, load_demo_data
from ethicsdesk.extensions import db
from ethicsdesk.organisations.operations import ensure_organisation
from ethicsdesk.organisations.queries import only_organisation


@click.group("ethicsdesk")
def cli() -> None:
    """EthicsDesk administration."""


@cli.command("create-user")
@click.option("--email", required=True, help="E-mail address, used to sign in.")
@click.option("--name", required=True, help="Full name as shown to colleagues.")
@click.option(
    "--role",
    "roles",
    multiple=True,
    type=click.Choice([role.value for role in Role]),
    help="A role; repeat for several. No role: staff who read published advisories.",
)
@click.option("--locale", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.option("--password", help="Leave out to be asked, or use --generate-password.")
@click.option("--generate-password", is_flag=True, help="Create a random password and print it.")
@with_appcontext
def create_user_command(
    email: str,
    name: str,
    roles: tuple[str, ...],
    locale: str,
    password: str | None,
    generate_password: bool,
) -> None:
    """Create a staff account."""
    try:
        email = validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise click.BadParameter(str(error), param_hint="--email") from None
    if generate_password:
        password = secrets.token_urlsafe(15)
    elif password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with current_app.test_request_context():  # the policy speaks the default language
        problems = policy_errors(password, email)
    if problems:
        raise click.BadParameter(" ".join(problems), param_hint="--password")
    organisation = only_organisation() or ensure_organisation(ORGANISATION)
    try:
        user = create_user(organisation, email, name, password, [Role(r) for r in roles], locale)
    except DuplicateEmailError:
        raise click.BadParameter(
            "an account with this e-mail exists", param_hint="--email"
        ) from None
    db.session.commit()
    click.echo(f"Created {user.email} with roles: {', '.join(roles) or 'staff'}")
    if generate_password:
        click.echo(f"Password: {password}")


@cli.command("demo-data")
@with_appcontext
def demo_data_command() -> None:
    """Load the demo association, schools, one account per role and example cases."""
    accounts = load_demo_data()
    db.session.commit()
    click.echo("Demo data ready. Sign in with (e-mail / password / roles):")
    for account in accounts:
        roles = ", ".join(role.value for role in account.roles) or "staff"
        click.echo(f"  {account.email:<32} {account.password:<24} {roles}")
    click.echo("Existing accounts were left unchanged; a changed password stays changed.")


@cli.command("screen")
@click.argument("request_file", type=click.File("r", encoding="utf-8"))
def screen_command(request_file: click.utils.LazyFile) -> None:
    """Pre-screen a request (JSON, see dpia_templates/request.schema.json); prints JSON."""
    try:
        document = json.load(request_file)
    except json.JSONDecodeError as error:
        raise click.ClickException(f"not valid JSON: {error}") from None
    problems = validate_request(document)
    if problems:
        raise click.ClickException("the request does not match the schema:\n" + "\n".join(problems))
    try:
        result = screen(document)
    except RequestError as error:
        raise click.ClickException("\n".join(error.errors)) from None
    json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
    click.echo()

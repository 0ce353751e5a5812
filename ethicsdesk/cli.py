"""The ``flask ethicsdesk`` command group: administration tasks without the web interface."""

from __future__ import annotations

import json
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path

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
@click.option(
    "--advisories",
    type=click.IntRange(min=0),
    default=0,
    help="Also add this many generated published advisories (for benchmarks).",
)
@click.option(
    "--reviews",
    type=click.IntRange(min=0),
    default=0,
    help="Also add this many generated review cases with compass answers.",
)
@click.option("--seed", type=int, default=2026, show_default=True, help="Seed of the generator.")
@with_appcontext
def demo_data_command(advisories: int, reviews: int, seed: int) -> None:
    """Load the demo association, schools, one account per role and example cases.

    With --advisories/--reviews, generated rows are added on top each time it runs.
    """
    accounts = load_demo_data()
    db.session.commit()
    click.echo("Demo data ready. Sign in with (e-mail / password / roles):")
    for account in accounts:
        roles = ", ".join(role.value for role in account.roles) or "staff"
        click.echo(f"  {account.email:<32} {account.password:<24} {roles}")
    click.echo("Existing accounts were left unchanged; a changed password stays changed.")
    if advisories or reviews:
        from ethicsdesk.demo.bulk import generate

        started = time.perf_counter()
        report = generate(advisories, reviews, seed, checkpoint=db.session.commit,
                          progress=lambda what, done: click.echo(f"  {what}: {done}"))  # fmt: skip
        click.echo(f"Added {report.advisories} advisories ({report.superseded} superseded, "
                   f"{report.retracted} retracted) and {report.reviews} reviews "
                   f"in {time.perf_counter() - started:.1f} s.")  # fmt: skip


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


@cli.group("templates")
def templates_group() -> None:
    """DPIA templates."""


@templates_group.command("check")
def templates_check_command() -> None:
    """Validate every DPIA template and list them."""
    from dpia_templates.dpia.errors import TemplateError
    from dpia_templates.dpia.templates import check_templates

    try:
        summaries = check_templates()
    except TemplateError as error:
        raise click.ClickException(str(error)) from None
    for summary in summaries:
        click.echo(
            f"{summary.id:<28} {summary.version:<8} {summary.questions:>3} questions "
            f"{summary.risks:>3} risks {summary.measures:>3} measures  {summary.title.en}"
        )
    click.echo(f"{len(summaries)} templates are valid.")


@cli.group("dpia")
def dpia_group() -> None:
    """DPIAs: import from and export to the CNIL PIA tool."""


@dpia_group.command("import-cnil")
@click.argument("pia_file", type=click.File("r", encoding="utf-8"))
@click.option("--template", "template_id", default="other", show_default=True,
              help="The EthicsDesk template the CNIL answers are mapped onto.")  # fmt: skip
@click.option("--as", "actor_email", help="E-mail of the importing user (default: first admin).")
@with_appcontext
def import_cnil_command(
    pia_file: click.utils.LazyFile, template_id: str, actor_email: str | None
) -> None:
    """Create a case with its DPIA from a CNIL PIA tool export; prints the case id."""
    from dpia_templates.dpia.templates import load_templates
    from ethicsdesk.auth.queries import active_users_with_roles, user_by_email
    from ethicsdesk.dpia.imports import import_cnil_case

    if template_id not in load_templates():
        raise click.BadParameter(f"unknown template {template_id!r}", param_hint="--template")
    actor = user_by_email(actor_email) if actor_email else None
    if actor is None:
        admins = active_users_with_roles(Role.ADMIN, Role.SECRETARY)
        if actor_email or not admins:
            raise click.ClickException("no importing user: pass --as with an existing e-mail")
        actor = admins[0]
    try:
        data = json.load(pia_file)
    except json.JSONDecodeError as error:
        raise click.ClickException(f"not valid JSON: {error}") from None
    if not isinstance(data, dict) or "pia" not in data:
        raise click.ClickException("this is not a CNIL PIA tool export (no 'pia' object)")
    case, _dpia = import_cnil_case(actor, data, template_id)
    db.session.commit()
    click.echo(case.id)


@dpia_group.command("export-cnil")
@click.argument("case_id", type=int)
@with_appcontext
def export_cnil_command(case_id: int) -> None:
    """Write the DPIA of a case in the CNIL PIA tool's JSON format to standard output."""
    from ethicsdesk.dpia.documents import to_cnil_json
    from ethicsdesk.dpia.queries import dpia_of_case
    from ethicsdesk.reviews.queries import case_by_id

    case = case_by_id(case_id)
    dpia = dpia_of_case(case) if case else None
    if dpia is None:
        raise click.ClickException(f"case {case_id} has no DPIA")
    json.dump(to_cnil_json(dpia), sys.stdout, ensure_ascii=False, indent=2)
    click.echo()


@cli.group("compass")
def compass_group() -> None:
    """The ethical compass: question sets."""


@compass_group.command("check")
@click.option(
    "--directory",
    type=click.Path(exists=True, file_okay=False),
    help="Folder holding the sets (default: the compass package's own sets).",
)
def compass_check_command(directory: str | None) -> None:
    """Validate every question set and list id, version, values and questions."""
    from pathlib import Path

    from compass import QuestionSetError, check_sets

    try:
        summaries = check_sets(Path(directory) if directory else None)
    except QuestionSetError as error:
        raise click.ClickException(str(error)) from None
    for summary in summaries:
        click.echo(
            f"{summary.id:<20} {summary.version:<8} {summary.values:>3} values "
            f"{summary.questions:>3} questions"
        )
    click.echo(f"{len(summaries)} question sets are valid.")


@cli.group("pki")
def pki_group() -> None:
    """The association's signing keys (embedded setup)."""


@pki_group.command("init")
@click.option(
    "--force",
    is_flag=True,
    help="Replace an existing CA (old signatures stay valid only with the old CA).",
)
@with_appcontext
def pki_init_command(force: bool) -> None:
    """Create the local CA and a certificate for everyone who signs advisories."""
    from ethicsdesk.advisories import keys
    from ethicsdesk.auth.queries import active_users_with_roles
    from ethicsdesk.signing import PkiError

    organisation = only_organisation()
    roles = [Role(role) for role in current_app.config["SIGNER_ROLES"]]
    users = active_users_with_roles(*roles)
    try:
        issued = keys.initialise(
            organisation.name if organisation else ORGANISATION, users, force=force
        )
    except PkiError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"CA and {len(issued)} signer certificates in {keys.pki_directory()}")
    for certificate in issued:
        click.echo(f"  {certificate.user.email:<32} {certificate.sha256[:16]}…")


def _signature_checker() -> Callable[[bytes], list[str]]:
    """Check an archived PDF's signatures against the association CA (English problems)."""
    from ethicsdesk.advisories import keys
    from ethicsdesk.signing import verify_pdf

    roots = keys.trust_roots() if keys.pki_exists() else []

    def signature_problems(pdf: bytes) -> list[str]:
        report = verify_pdf(pdf, roots)
        if report.ok:
            return []
        return [report.summary.en] + [
            f"{check.field_name}: {check.summary.en}" for check in report.signatures if not check.ok
        ]

    return signature_problems


@cli.group("archive")
def archive_group() -> None:
    """The archive of signed advisories."""


@archive_group.command("verify")
@with_appcontext
def archive_verify_command() -> None:
    """Re-check every archived PDF's hash, the hash chain and every signature."""
    from ethicsdesk.advisories import archive
    from ethicsdesk.storage import current_storage

    signature_problems = _signature_checker()
    if current_app.config["ARCHIVE_BACKEND"] == "storage":
        moved = archive.complete_pending(current_storage())
        db.session.commit()
        if moved:
            click.echo(f"{moved} pending archive entries moved to storage.")
    report = archive.verify_archive(current_storage(), signature_problems)
    for problem in report.problems:
        click.echo(f"PROBLEM {problem}", err=True)
    if not report.ok:
        raise SystemExit(1)
    click.echo(
        f"{report.checked} archived advisories verified: hashes, chain and signatures intact."
    )


@cli.command("backup")
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(output: Path) -> None:
    """Write every table, the stored files and the signing keys to OUTPUT (.tar.gz)."""
    from ethicsdesk.maintenance.backup import write_backup
    from ethicsdesk.storage import current_storage

    summary = write_backup(output, current_storage(), Path(current_app.config["PKI_PATH"]))
    click.echo(
        f"Backup written to {output}: {sum(summary.rows.values())} rows in "
        f"{len(summary.rows)} tables, {summary.objects} stored files, {summary.key_files} "
        f"key files, schema revision {summary.revision}."
    )


@cli.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(source: Path) -> None:
    """Restore a backup into an empty, migrated database; the archive must verify afterwards."""
    from ethicsdesk.advisories import archive
    from ethicsdesk.maintenance.restore import (
        RestoreFailedError,
        RestoreRefusedError,
        restore_backup,
    )
    from ethicsdesk.storage import current_storage

    def verify() -> tuple[int, list[str]]:
        report = archive.verify_archive(current_storage(), _signature_checker())
        return report.checked, report.problems

    pki_path = Path(current_app.config["PKI_PATH"])
    try:
        summary = restore_backup(source, current_storage(), pki_path, verify, db.session.commit)
    except RestoreRefusedError as error:
        click.echo(f"Restore refused, nothing was changed: {error}", err=True)
        raise SystemExit(2) from None
    except RestoreFailedError as error:
        click.echo(f"Restore failed and was undone: {error}", err=True)
        raise SystemExit(1) from None
    click.echo(
        f"Restored {sum(summary.rows.values())} rows in {len(summary.rows)} tables, "
        f"{summary.objects} stored files and {summary.key_files} key files; "
        f"{summary.archive_entries} archived advisories verified."
    )

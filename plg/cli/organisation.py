"""The foundation's schools and people."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from plg.cli import display
from plg.cli.base import (
    FilePath,
    PlgGroup,
    Settings,
    asked,
    done,
    help_for,
    json_option,
    pass_settings,
    say,
    show,
)

function_option = click.option(
    "--function", "functions", multiple=True, help=help_for("function_opt")
)


@click.group(cls=PlgGroup, help=help_for("school"))
def school() -> None:
    pass


@school.command("add", help=help_for("school_add"))
@click.argument("name")
@click.option("--code", help=help_for("code_opt"))
@json_option
@pass_settings
def school_add(settings: Settings, name: str, code: str | None, as_json: bool) -> None:
    added = settings.engine().add_school(name, code)
    done(settings, as_json, added, "done_school", school=added.name)


@school.command("rename", help=help_for("school_rename"))
@click.argument("old")
@click.argument("new")
@json_option
@pass_settings
def school_rename(settings: Settings, old: str, new: str, as_json: bool) -> None:
    renamed = settings.engine().rename_school(old, new)
    done(settings, as_json, renamed, "done_school_renamed", old=old, school=renamed.name)


@school.command("list", help=help_for("school_list"))
@json_option
@pass_settings
def school_list(settings: Settings, as_json: bool) -> None:
    show(settings, as_json, settings.engine().schools(), display.schools)


@school.command("show", help=help_for("school_show"))
@click.argument("name")
@json_option
@pass_settings
def school_show(settings: Settings, name: str, as_json: bool) -> None:
    show(settings, as_json, settings.engine().school(name), display.school)


@click.group(cls=PlgGroup, help=help_for("person"))
def person() -> None:
    pass


@person.command("add", help=help_for("person_add"))
@click.argument("name")
@click.option("--email", help=help_for("email_opt"))
@click.option("--school", help=help_for("home_school_opt"))
@function_option
@json_option
@pass_settings
def person_add(
    settings: Settings,
    name: str,
    email: str | None,
    school: str | None,
    functions: tuple[str, ...],
    as_json: bool,
) -> None:
    added = settings.engine().add_person(name, email, school, functions)
    done(settings, as_json, added, "done_person", person=added.name)


@person.command("edit", help=help_for("person_edit"))
@click.argument("name")
@click.option("--name", "new_name", help=help_for("new_name_opt"))
@click.option("--email", help=help_for("edit_email_opt"))
@click.option("--school", help=help_for("edit_school_opt"))
@function_option
@json_option
@pass_settings
def person_edit(
    settings: Settings,
    name: str,
    new_name: str | None,
    email: str | None,
    school: str | None,
    functions: tuple[str, ...],
    as_json: bool,
) -> None:
    edited = settings.engine().edit_person(
        name, new_name=new_name, email=email, school=school, functions=functions or None
    )
    done(settings, as_json, edited, "done_person_edit", person=edited.name)


@person.command("list", help=help_for("person_list"))
@click.option("--school", help=help_for("people_school_filter"))
@json_option
@pass_settings
def person_list(settings: Settings, school: str | None, as_json: bool) -> None:
    show(settings, as_json, settings.engine().people(school), display.people)


@person.command("show", help=help_for("person_show"))
@click.argument("name")
@json_option
@pass_settings
def person_show(settings: Settings, name: str, as_json: bool) -> None:
    show(settings, as_json, settings.engine().person(name), display.person)


def at_terminal() -> bool:
    """Whether a person is there to confirm an import."""
    return sys.stdin.isatty()


@person.command("import", help=help_for("person_import"))
@click.argument("file", type=FilePath(dir_okay=False))
@click.option("--dry-run", is_flag=True, help=help_for("dry_run_opt"))
@click.option("--yes", is_flag=True, help=help_for("yes_opt"))
@json_option
@pass_settings
def person_import(settings: Settings, file: Path, dry_run: bool, yes: bool, as_json: bool) -> None:
    from plg.engine.inputs import read_file
    from plg.engine.staff_file import MOST_BYTES, read_staff
    from plg.errors import InvalidInput
    from plg.texts import t

    if not dry_run and not yes and not at_terminal():
        raise InvalidInput("import_needs_yes")
    found = read_file(file, MOST_BYTES // 2**20)
    rows = read_staff(found.data, found.name)
    engine = settings.engine()
    with display.progress(t("import_progress", settings.lang)) as progress:
        preview = engine.preview_import(rows, progress)
    if dry_run or not yes:
        show(settings, as_json, preview, display.staff_import)
    if dry_run:
        return
    if not yes and not asked(settings, "import_confirm"):
        return
    with display.progress(t("import_progress", settings.lang)) as progress:
        result = engine.import_people(rows, preview.digest, progress)
    added, updated = result.count("add"), result.count("update")
    if yes:
        done(settings, as_json, result, "done_import", added=added, updated=updated)
    else:
        say(settings, "done_import", added=added, updated=updated)

"""The foundation's schools and people."""

from __future__ import annotations

import click

from plg.cli import display
from plg.cli.base import PlgGroup, Settings, done, help_for, json_option, pass_settings, show


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


@click.group(cls=PlgGroup, help=help_for("person"))
def person() -> None:
    pass


@person.command("add", help=help_for("person_add"))
@click.argument("name")
@click.option("--email", help=help_for("email_opt"))
@click.option("--school", help=help_for("home_school_opt"))
@json_option
@pass_settings
def person_add(
    settings: Settings, name: str, email: str | None, school: str | None, as_json: bool
) -> None:
    added = settings.engine().add_person(name, email, school)
    done(settings, as_json, added, "done_person", person=added.name)


@person.command("list", help=help_for("person_list"))
@click.option("--school", help=help_for("people_school_filter"))
@json_option
@pass_settings
def person_list(settings: Settings, school: str | None, as_json: bool) -> None:
    show(settings, as_json, settings.engine().people(school), display.people)

"""Directors of schools, and what they approve: a team's topic (a checklist item its method
leaves to them)."""

from __future__ import annotations

import click

from plg.cli import display
from plg.cli.base import (
    PlgCommand,
    PlgGroup,
    Settings,
    done,
    help_for,
    json_option,
    pass_settings,
    show,
)


@click.group(cls=PlgGroup, help=help_for("director"))
def director() -> None:
    pass


@director.command("add", help=help_for("director_add"))
@click.argument("person")
@click.option("--school", required=True, help=help_for("director_school_opt"))
@json_option
@pass_settings
def director_add(settings: Settings, person: str, school: str, as_json: bool) -> None:
    views = settings.engine().add_director(person, school)
    done(settings, as_json, views, "done_director", person=person.strip(), school=school.strip())


@director.command("remove", help=help_for("director_remove"))
@click.argument("person")
@click.option("--school", required=True, help=help_for("director_school_opt"))
@json_option
@pass_settings
def director_remove(settings: Settings, person: str, school: str, as_json: bool) -> None:
    views = settings.engine().remove_director(person, school)
    done(
        settings,
        as_json,
        views,
        "done_director_removed",
        person=person.strip(),
        school=school.strip(),
    )


@director.command("list", help=help_for("director_list"))
@json_option
@pass_settings
def director_list(settings: Settings, as_json: bool) -> None:
    show(settings, as_json, settings.engine().directors(), display.directors)


@click.command(cls=PlgCommand, help=help_for("approve"))
@click.argument("team_name", metavar="TEAM")
@click.argument("item")
@json_option
@pass_settings
def approve(settings: Settings, team_name: str, item: str, as_json: bool) -> None:
    view = settings.engine().approve(team_name, item)
    done(settings, as_json, view.to_json(), "done_approved", item=item)

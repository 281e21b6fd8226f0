"""Purging for good what was removed by mistake, or an archived team: the one way anything
plg keeps is deleted, by a project leader who confirms it."""

from __future__ import annotations

import click

from plg.cli.base import (
    PlgGroup,
    Settings,
    asked,
    done,
    help_for,
    json_option,
    pass_settings,
)
from plg.texts import N_


@click.group(cls=PlgGroup, help=help_for("purge"))
def purge() -> None:
    pass


def _confirmed(settings: Settings, yes: bool, key: str, team: str) -> None:
    """Go on only when `--yes` was given or the person answers yes to the question that names
    what goes; else stop, having deleted nothing."""
    if not yes and not asked(settings, key, team=team):
        raise click.Abort


@purge.command("removed", help=help_for("purge_removed"))
@click.argument("team_name", metavar="TEAM")
@click.option("--yes", is_flag=True, help=help_for("yes_opt"))
@json_option
@pass_settings
def purge_removed(settings: Settings, team_name: str, yes: bool, as_json: bool) -> None:
    _confirmed(settings, yes, N_("purge_removed_ask"), team_name)
    purged = settings.engine().purge_removed(team_name)
    done(
        settings,
        as_json,
        purged,
        "done_purge_removed",
        team=purged.team,
        records=purged.records,
        meetings=purged.meetings,
    )


@purge.command("team", help=help_for("purge_team"))
@click.argument("team_name", metavar="TEAM")
@click.option("--yes", is_flag=True, help=help_for("yes_opt"))
@json_option
@pass_settings
def purge_team(settings: Settings, team_name: str, yes: bool, as_json: bool) -> None:
    _confirmed(settings, yes, N_("purge_team_ask"), team_name)
    purged = settings.engine().purge_team(team_name)
    done(settings, as_json, purged, "done_purge_team", team=purged.team)

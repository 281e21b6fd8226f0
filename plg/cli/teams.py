"""Starting, listing and showing teams; their members; deadlines; moving a team to another
method version."""

from __future__ import annotations

import sys
from datetime import date

import click

from plg.cli import display
from plg.cli.base import (
    DATE,
    PlgGroup,
    Settings,
    done,
    help_for,
    json_option,
    pass_settings,
    show,
    warn,
)
from plg.engine.inputs import TEAM_KINDS
from plg.texts import t


@click.group(cls=PlgGroup, help=help_for("team"))
def team() -> None:
    pass


@team.command("start", help=help_for("team_start"))
@click.argument("name")
@click.option("--method", "-m", required=True, help=help_for("method_opt"))
@click.option("--school", "schools", multiple=True, help=help_for("school_opt"))
@click.option("--leader", help=help_for("leader_opt"))
@click.option("--deadline", type=DATE, metavar="YYYY-MM-DD", help=help_for("deadline_opt"))
@click.option(
    "--kind",
    type=click.Choice(TEAM_KINDS),
    default="internal",
    show_default=True,
    help=help_for("kind_opt"),
)
@click.option("--charter/--no-charter", "ask", default=None, help=help_for("charter_ask_opt"))
@json_option
@pass_settings
def team_start(
    settings: Settings,
    name: str,
    method: str,
    schools: tuple[str, ...],
    leader: str | None,
    deadline: date | None,
    kind: str,
    ask: bool | None,
    as_json: bool,
) -> None:
    view = settings.engine().start_team(
        name,
        method,
        schools=schools,
        leader=leader,
        kind=kind,
        deadline=deadline,
    )
    done(
        settings,
        as_json,
        view.to_json(),
        "done_start",
        team=view.row.name,
        method=view.row.method_title,
        phase=view.row.phase_title,
    )
    warn(view.warnings)
    if ask or (ask is None and not as_json and sys.stdin.isatty()):
        from plg.cli.teamwork import ask_charter

        ask_charter(settings, view.row.name, with_deadline=view.row.deadline is None)


@team.command("list", help=help_for("team_list"))
@click.option("--school", help=help_for("school_filter"))
@click.option("--method", help=help_for("method_filter"))
@click.option("--phase", help=help_for("phase_filter"))
@click.option("--archived", is_flag=True, help=help_for("archived_opt"))
@json_option
@pass_settings
def team_list(
    settings: Settings,
    school: str | None,
    method: str | None,
    phase: str | None,
    archived: bool,
    as_json: bool,
) -> None:
    rows = settings.engine().teams(school=school, method=method, phase=phase, archived=archived)
    if not rows and not as_json and (school or method or phase):
        from plg.cli.reports import no_team_matches

        no_team_matches(settings, school, method, phase)
        return
    show(settings, as_json, rows, display.teams)


@team.command("show", help=help_for("team_show"))
@click.argument("team_name", metavar="TEAM")
@json_option
@pass_settings
def team_show(settings: Settings, team_name: str, as_json: bool) -> None:
    show(settings, as_json, settings.engine().team(team_name), display.team)


@team.command("deadline", help=help_for("team_deadline"))
@click.argument("team_name", metavar="TEAM")
@click.argument("when", type=DATE, metavar="YYYY-MM-DD", required=False)
@click.option("--clear", is_flag=True, help=help_for("clear_opt"))
@json_option
@pass_settings
def team_deadline(
    settings: Settings, team_name: str, when: date | None, clear: bool, as_json: bool
) -> None:
    if (when is None) != clear:
        raise click.UsageError(t("deadline_usage", settings.lang))
    view = settings.engine().set_deadline(team_name, when)
    done(
        settings,
        as_json,
        view.to_json(),
        "done_deadline",
        team=view.row.name,
        deadline=view.row.deadline or "-",
    )
    warn(view.warnings)


def _mapping(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    pairs = [value.partition("=") for value in values]
    bad = [
        value
        for value, (old, eq, new) in zip(values, pairs, strict=True)
        if not (old and eq and new)
    ]
    if bad:
        lang = ctx.obj.lang if isinstance(ctx.obj, Settings) else "nl"
        raise click.BadParameter(t("map_usage", lang, given=bad[0]), ctx=ctx, param=param)
    return {old.strip(): new.strip() for old, _, new in pairs}


@team.command("migrate", help=help_for("team_migrate"))
@click.argument("team_name", metavar="TEAM")
@click.option(
    "--to-version", "version", required=True, metavar="V", help=help_for("to_version_opt")
)
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="OLD=NEW",
    callback=_mapping,
    help=help_for("map_opt"),
)
@json_option
@pass_settings
def team_migrate(
    settings: Settings, team_name: str, version: str, mapping: dict[str, str], as_json: bool
) -> None:
    view = settings.engine().migrate(team_name, version, mapping)
    done(
        settings,
        as_json,
        view.to_json(),
        "done_migrate",
        team=view.row.name,
        method=view.row.method_title,
        version=view.row.method_version,
        phase=view.row.phase_title,
    )


@team.command("join", help=help_for("team_join"))
@click.argument("team_name", metavar="TEAM")
@click.argument("person")
@click.option(
    "--role",
    metavar="ROLE",
    default="member",
    show_default=True,
    help=help_for("role_opt"),
)
@click.option("--since", type=DATE, metavar="YYYY-MM-DD", help=help_for("since_opt"))
@json_option
@pass_settings
def team_join(
    settings: Settings,
    team_name: str,
    person: str,
    role: str,
    since: date | None,
    as_json: bool,
) -> None:
    members = settings.engine().join(team_name, person, role, since)
    show(settings, as_json, members, display.members)


@team.command("leave", help=help_for("team_leave"))
@click.argument("team_name", metavar="TEAM")
@click.argument("person")
@click.option("--on", "on", type=DATE, metavar="YYYY-MM-DD", help=help_for("left_on_opt"))
@json_option
@pass_settings
def team_leave(
    settings: Settings, team_name: str, person: str, on: date | None, as_json: bool
) -> None:
    members = settings.engine().leave(team_name, person, on)
    show(settings, as_json, members, display.members)


@team.command("members", help=help_for("team_members"))
@click.argument("team_name", metavar="TEAM")
@json_option
@pass_settings
def team_members(settings: Settings, team_name: str, as_json: bool) -> None:
    show(settings, as_json, settings.engine().members(team_name), display.members)


@team.command("rename", help=help_for("team_rename"))
@click.argument("team_name", metavar="TEAM")
@click.argument("new_name", metavar="NEW")
@json_option
@pass_settings
def team_rename(settings: Settings, team_name: str, new_name: str, as_json: bool) -> None:
    view = settings.engine().rename_team(team_name, new_name)
    done(settings, as_json, view.to_json(), "done_rename", old=team_name, team=view.row.name)


@team.command("archive", help=help_for("team_archive"))
@click.argument("team_name", metavar="TEAM")
@click.option("--reason", required=True, help=help_for("mend_reason_opt"))
@json_option
@pass_settings
def team_archive(settings: Settings, team_name: str, reason: str, as_json: bool) -> None:
    view = settings.engine().archive_team(team_name, reason)
    done(settings, as_json, view.to_json(), "done_archive", team=view.row.name)


@team.command("restore", help=help_for("team_restore"))
@click.argument("team_name", metavar="TEAM")
@json_option
@pass_settings
def team_restore(settings: Settings, team_name: str, as_json: bool) -> None:
    view = settings.engine().restore_team(team_name)
    done(settings, as_json, view.to_json(), "done_unarchive", team=view.row.name)

"""What people read and share: a team's history and export, the overview."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import click

from plg.cli import display
from plg.cli.base import (
    FilePath,
    PlgCommand,
    Settings,
    format_option,
    help_for,
    json_option,
    output_option,
    pass_settings,
    say,
    write_file,
    write_or_print,
)


@click.command(cls=PlgCommand, help=help_for("export"))
@click.argument("team_name", metavar="TEAM")
@format_option(["md", "html", "json"], "md")
@output_option
@pass_settings
def export(settings: Settings, team_name: str, fmt: str, output: Path | None) -> None:
    engine = settings.engine()
    story = engine.story(team_name)
    if fmt == "json":
        from plg.present.views import json_bytes

        text = json_bytes(story.to_json(), indent=True).decode() + "\n"
    else:
        from plg.present.render import export as document

        text = document(story, cast(Any, fmt), settings.lang)
    write_or_print(settings, text, output)


@click.command(cls=PlgCommand, help=help_for("history"))
@click.argument("team_name", metavar="TEAM")
@json_option
@pass_settings
def history(settings: Settings, team_name: str, as_json: bool) -> None:
    events = settings.engine().history(team_name)
    if as_json:
        display.emit_json([event.to_json() for event in events])
    else:
        display.history(events, settings.lang)


@click.command(cls=PlgCommand, help=help_for("overview"))
@click.option("--school", help=help_for("school_filter"))
@click.option("--method", help=help_for("method_filter"))
@click.option("--phase", help=help_for("phase_filter"))
@click.option(
    "--html",
    "html_file",
    type=FilePath(dir_okay=False),
    help=help_for("html_opt"),
)
@click.option(
    "--stalled-days",
    type=click.IntRange(1, 36500),
    default=30,
    show_default=True,
    help=help_for("stalled_opt"),
)
@click.option("--archived", is_flag=True, help=help_for("archived_opt"))
@json_option
@pass_settings
def overview(
    settings: Settings,
    school: str | None,
    method: str | None,
    phase: str | None,
    html_file: Path | None,
    stalled_days: int,
    archived: bool,
    as_json: bool,
) -> None:
    print_overview(
        settings,
        as_json,
        stalled_days,
        html_file,
        school=school,
        method=method,
        phase=phase,
        archived=archived,
    )


def print_overview(
    settings: Settings,
    as_json: bool,
    stalled_days: int,
    html_file: Path | None = None,
    **filters: Any,
) -> None:
    view = settings.engine().overview(stalled_days=stalled_days, **filters)
    if html_file is not None:
        from plg.present.render import render

        write_file(html_file, render("overview", "html", settings.lang, o=view).encode())
        say(settings, "done_written", path=html_file)
    elif as_json:
        display.emit_overview_json(view)
    elif not view.teams and any(filters.get(key) for key in ("school", "method", "phase")):
        no_team_matches(
            settings, filters.get("school"), filters.get("method"), filters.get("phase")
        )
    else:
        display.overview(view, settings.lang)


def no_team_matches(
    settings: Settings, school: str | None, method: str | None, phase: str | None
) -> None:
    """Not "no teams yet": there are, only none matches the filters. Say what they may be."""
    say(settings, "no_team_matches")
    engine, lang = settings.engine(), settings.lang
    if school:
        schools = [f"{s.name} ({s.code})" if s.code else s.name for s in engine.schools()]
        say(settings, "choices_schools", names=", ".join(schools) or "-")
    definitions = [m.definition for m in engine.methods()]
    if method:
        methods = [f"{d.id} ({d.title(lang)})" for d in definitions]
        say(settings, "choices_methods", names=", ".join(methods))
    if phase:
        phases = dict.fromkeys(f"{p.id} ({p.title(lang)})" for d in definitions for p in d.phases)
        say(settings, "choices_phases", names=", ".join(phases))

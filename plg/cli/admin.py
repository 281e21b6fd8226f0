"""Looking after the database: check it, back it up, its settings and project leaders."""

from __future__ import annotations

from pathlib import Path

import click

from plg.cli import display
from plg.cli.base import (
    FilePath,
    PlgCommand,
    PlgGroup,
    Settings,
    help_for,
    json_option,
    pass_settings,
    say,
    show,
)


@click.command(cls=PlgCommand, help=help_for("check"))
@json_option
@pass_settings
def check(settings: Settings, as_json: bool) -> None:
    from plg.errors import PlgError
    from plg.texts import t

    engine = settings.engine()
    with display.progress(t("check_progress", settings.lang)) as progress:
        report = engine.check(progress)
    url = engine.store.display_url
    counts = {
        "teams": report.teams,
        "events": report.events,
        "snapshots": report.snapshots,
        "files": report.files,
    }
    if as_json:
        display.emit_json(
            {
                "ok": report.ok,
                "checked": counts,
                "problems": [
                    {"place": fault.place, "problem": fault.key, "text": fault.text(settings.lang)}
                    for fault in report.faults
                ],
                "unlinked": report.unlinked,
            }
        )
    else:
        for fault in report.faults:
            click.echo(fault.text(settings.lang))
        if report.unlinked:
            names = ", ".join(report.unlinked)
            click.echo(t("check_unlinked", settings.lang, count=len(report.unlinked), names=names))
    if not report.ok:
        raise PlgError("check_failed", url=url, count=len(report.faults))
    if not as_json:
        say(settings, "check_ok", url=url, **counts)


@click.command(cls=PlgCommand, help=help_for("backup"))
@click.argument("target", metavar="FILE", type=FilePath(dir_okay=False))
@pass_settings
def backup(settings: Settings, target: Path) -> None:
    engine = settings.engine()
    size = engine.backup(target)
    say(
        settings,
        "done_backup",
        url=engine.store.display_url,
        path=target,
        size=round(size / 2**20, 1),
    )


@click.group(cls=PlgGroup, help=help_for("project-leader"))
def project_leader() -> None:
    pass


@project_leader.command("list", help=help_for("project_leader_list"))
@json_option
@pass_settings
def project_leader_list(settings: Settings, as_json: bool) -> None:
    show(settings, as_json, settings.engine().project_leaders(), display.lines)


@project_leader.command("add", help=help_for("project_leader_add"))
@click.argument("person")
@json_option
@pass_settings
def project_leader_add(settings: Settings, person: str, as_json: bool) -> None:
    show(settings, as_json, settings.engine().add_project_leader(person), display.lines)


@project_leader.command("remove", help=help_for("project_leader_remove"))
@click.argument("person")
@json_option
@pass_settings
def project_leader_remove(settings: Settings, person: str, as_json: bool) -> None:
    show(settings, as_json, settings.engine().remove_project_leader(person), display.lines)


@click.group(cls=PlgGroup, help=help_for("settings"), invoke_without_command=True)
@json_option
@click.pass_context
def settings(ctx: click.Context, as_json: bool) -> None:
    if ctx.invoked_subcommand is None:
        config: Settings = ctx.obj
        show(config, as_json, config.engine().settings(), display.pairs)


@settings.command("set", help=help_for("settings_set"))
@click.argument("key")
@click.argument("value")
@json_option
@pass_settings
def settings_set(settings: Settings, key: str, value: str, as_json: bool) -> None:
    show(settings, as_json, settings.engine().set_setting(key, value), display.pairs)

"""Looking after the database: check it, back it up."""

from __future__ import annotations

from pathlib import Path

import click

from plg import display
from plg.cli.base import PlgCommand, Settings, help_for, json_option, pass_settings, say


@click.command(cls=PlgCommand, help=help_for("check"))
@json_option
@pass_settings
def check(settings: Settings, as_json: bool) -> None:
    from plg.errors import PlgError
    from plg.messages import t

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
            }
        )
    else:
        for fault in report.faults:
            click.echo(fault.text(settings.lang))
    if not report.ok:
        raise PlgError("check_failed", url=url, count=len(report.faults))
    if not as_json:
        say(settings, "check_ok", url=url, **counts)


@click.command(cls=PlgCommand, help=help_for("backup"))
@click.argument("target", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
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

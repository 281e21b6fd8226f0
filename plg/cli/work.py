"""The work of a phase: the checklist, ticks, moves, and the artefacts and evidence saved."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from plg.cli import display
from plg.cli.base import (
    FilePath,
    PlgCommand,
    PlgGroup,
    Settings,
    done,
    format_option,
    help_for,
    json_option,
    output_option,
    pass_settings,
    say,
    show,
    write_file,
    write_or_print,
)
from plg.errors import PlgError
from plg.storage.schema import LARGEST_ID
from plg.texts import N_, VALUE_WORDS, t

if TYPE_CHECKING:
    from plg.methods.definition import Category


@click.command(cls=PlgCommand, help=help_for("checklist"))
@click.argument("team_name", metavar="TEAM")
@format_option(["text", "md", "html"], "text")
@output_option
@json_option
@pass_settings
def checklist(
    settings: Settings, team_name: str, fmt: str, output: Path | None, as_json: bool
) -> None:
    from plg.present.render import render

    team = settings.engine().team(team_name, pupils=not as_json)
    if as_json:
        display.emit_json(team.checklist.to_json())
        return
    text = render("checklist", cast(Any, fmt), settings.lang, c=team.checklist, row=team.row)
    write_or_print(settings, text, output)


@click.command(cls=PlgCommand, help=help_for("tick"))
@click.argument("team_name", metavar="TEAM")
@click.argument("item", required=False)
@click.option("--undo", is_flag=True, help=help_for("undo_opt"))
@json_option
@pass_settings
def tick(settings: Settings, team_name: str, item: str | None, undo: bool, as_json: bool) -> None:
    if item is None:
        # Which item, then: the open ones of the phase, to pick one from.
        checklist = settings.engine().checklist(team_name)
        still = [i for i in checklist.items if not i.done and i.satisfied_by is None]
        if as_json:
            display.emit_json([i.to_json() for i in still])
            return
        key = N_("tick_choose") if still else N_("tick_nothing_open")
        say(settings, key, team=checklist.team, phase=checklist.phase_title)
        for open_item in still:
            click.echo(f"  {open_item.id:<20} {open_item.text}")
        return
    view = settings.engine().tick(team_name, item, undo=undo)
    done(
        settings, as_json, view.to_json(), N_("done_untick") if undo else N_("done_tick"), item=item
    )


@click.command(cls=PlgCommand, help=help_for("advance"))
@click.argument("team_name", metavar="TEAM")
@click.argument("trigger", default="next")
@click.option("--force", is_flag=True, help=help_for("force_opt"))
@click.option("--reason", help=help_for("reason_opt"))
@json_option
@pass_settings
def advance(
    settings: Settings, team_name: str, trigger: str, force: bool, reason: str | None, as_json: bool
) -> None:
    view = settings.engine().advance(team_name, trigger, force=force, reason=reason)
    show(settings, as_json, view, display.moved)


def _taken(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a name the file system refuses: writing it says so
        return False


# Each group's help, and its `add`'s.
_HELP = {
    "artefact": (help_for("artefact"), help_for("artefact_add")),
    "evidence": (help_for("evidence"), help_for("evidence_add")),
}


def _record_group(category: Category, kind_option: str, kind_help: str) -> click.Group:
    """`plg artefact` and `plg evidence`: the same commands over the two kinds of record."""

    @click.group(category, cls=PlgGroup, help=_HELP[category][0])
    def group() -> None:
        pass

    @group.command("add", help=_HELP[category][1])
    @click.argument("team_name", metavar="TEAM")
    @click.option(f"--{kind_option}", "kind", required=True, help=kind_help)
    @click.option("--title", required=True, help=help_for("title_opt"))
    @click.option("--file", "file", type=FilePath(), help=help_for("file_opt"))
    @click.option("--text", help=help_for("text_opt"))
    @json_option
    @pass_settings
    def add(
        settings: Settings,
        team_name: str,
        kind: str,
        title: str,
        file: Path | None,
        text: str | None,
        as_json: bool,
        value: float | None = None,
    ) -> None:
        from plg.engine.inputs import Content

        record = settings.engine().add_record(
            team_name, category, kind, title, Content(text=text, file=file, value=value)
        )
        done(
            settings,
            as_json,
            record.to_json(),
            "done_record",
            category=t(VALUE_WORDS[category], settings.lang),
            title=record.title,
            phase=record.phase_title,
        )

    if category == "evidence":
        click.option("--value", type=float, help=help_for("value_opt"))(add)

    @group.command("get", help=help_for("record_get"))
    @click.argument("team_name", metavar="TEAM")
    @click.argument("record_id", metavar="ID", type=click.IntRange(1, LARGEST_ID))
    @click.option(
        "--output",
        "-o",
        type=FilePath(dir_okay=False),
        help=help_for("get_output_opt"),
    )
    @click.option("--overwrite", is_flag=True, help=help_for("overwrite_opt"))
    @pass_settings
    def get(
        settings: Settings, team_name: str, record_id: int, output: Path | None, overwrite: bool
    ) -> None:
        filename, data = settings.engine().record_file(team_name, category, record_id)
        # The stored name is only a label: never let it choose a folder.
        target = output or Path(Path(filename).name)
        if not overwrite and _taken(target):
            raise PlgError("exists_output", path=target)
        write_file(target, data)
        say(settings, "done_written", path=target)

    @group.command("list", help=help_for("record_list"))
    @click.argument("team_name", metavar="TEAM")
    @click.option("--removed", is_flag=True, help=help_for("removed_opt"))
    @json_option
    @pass_settings
    def list_(settings: Settings, team_name: str, removed: bool, as_json: bool) -> None:
        rows = settings.engine().records(team_name, category, removed=removed)
        if as_json:
            display.emit_json([row.to_json() for row in rows])
        else:
            display.records(rows, settings.lang)

    _mending_commands(group, category)
    return group


def _mending_commands(group: click.Group, category: Category) -> None:
    """`remove` and `restore` of a record saved by mistake (docs/mending.md)."""

    @group.command("remove", help=help_for("record_remove"))
    @click.argument("team_name", metavar="TEAM")
    @click.argument("record_id", metavar="ID", type=click.IntRange(1, LARGEST_ID))
    @click.option("--reason", required=True, help=help_for("mend_reason_opt"))
    @json_option
    @pass_settings
    def remove(
        settings: Settings, team_name: str, record_id: int, reason: str, as_json: bool
    ) -> None:
        removed = settings.engine().remove_record(team_name, category, record_id, reason)
        word = t(VALUE_WORDS[category], settings.lang)
        done(settings, as_json, removed, "done_record_removed", category=word, id=record_id)
        if removed.phase_stays and not as_json:
            say(settings, "record_removed_phase_stays")

    @group.command("restore", help=help_for("record_restore"))
    @click.argument("team_name", metavar="TEAM")
    @click.argument("record_id", metavar="ID", type=click.IntRange(1, LARGEST_ID))
    @json_option
    @pass_settings
    def restore(settings: Settings, team_name: str, record_id: int, as_json: bool) -> None:
        restored = settings.engine().restore_record(team_name, category, record_id)
        word = t(VALUE_WORDS[category], settings.lang)
        done(settings, as_json, restored, "done_record_restored", category=word, id=record_id)


artefact = _record_group("artefact", "type", help_for("type_opt"))
evidence = _record_group("evidence", "kind", help_for("kind_ev_opt"))

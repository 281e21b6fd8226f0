"""The `plg` command line: parse, ask the engine, print. No SQL and no state logic here.

The engine, SQLAlchemy, pydantic, jinja2 and rich are imported inside the commands, so that
`plg --help` answers at once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from plg import display
from plg.errors import PlgError
from plg.helptexts import HELP
from plg.messages import LANGS, Lang, t

if TYPE_CHECKING:
    from plg.engine.definition import Category
    from plg.engine.engine import Engine


def _help_language() -> Lang:
    """Help is built when this module loads, before click parses --lang, so look ahead."""
    args = sys.argv[1:]
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
            break
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
            break
    else:
        value = os.environ.get("PLG_LANG", "nl")
    return "en" if value == "en" else "nl"


HELP_LANG = _help_language()


def _h(key: str) -> str:
    return HELP[key][HELP_LANG]


@dataclass
class Settings:
    db: str | None
    actor: str | None
    lang: Lang
    _engine: Engine | None = None

    def engine(self) -> Engine:
        if self._engine is None:
            from plg.engine.engine import Engine

            self._engine = Engine(self.db, actor=self.actor, lang=self.lang)
            click.get_current_context().call_on_close(self._engine.close)
        return self._engine


def _translated(option: click.Option | None) -> click.Option | None:
    if option is not None:
        option.help = _h("help")
    return option


class PlgCommand(click.Command):
    """A command whose own --help line is in the user's language too."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _translated(super().get_help_option(ctx))


class PlgGroup(click.Group):
    """Turns every `PlgError` into one `Error:` line on stderr and exit code 1."""

    command_class = PlgCommand
    group_class = type  # subgroups are PlgGroups too

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _translated(super().get_help_option(ctx))

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlgError as exc:
            lang = ctx.obj.lang if isinstance(ctx.obj, Settings) else HELP_LANG
            click.echo(f"Error: {exc.text(lang)}", err=True)
            ctx.exit(1)


DATE = click.DateTime(["%Y-%m-%d"])
output_option = click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help=_h("output_opt")
)


F = TypeVar("F", bound=Callable[..., Any])


def format_option(choices: list[str], default: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help=_h("format_opt"),
    )


json_option = click.option("--json", "as_json", is_flag=True, help=_h("json"))
pass_settings = click.make_pass_decorator(Settings)


def _say(settings: Settings, key: str, **params: object) -> None:
    """A confirmation for people; on stderr, so stdout carries only data."""
    click.echo(t(key, settings.lang, **params), err=True)


def _done(settings: Settings, as_json: bool, data: Any, key: str, **params: object) -> None:
    """After an action: its result as JSON for scripts, or a confirmation for people."""
    if as_json:
        display.emit_json(data)
    else:
        _say(settings, key, **params)


@click.group(
    cls=PlgGroup, help=_h("main"), context_settings={"help_option_names": ["-h", "--help"]}
)
@click.option("--db", envvar="PLG_DATABASE_URL", metavar="URL", help=_h("db"))
@click.option("--as", "actor", envvar="PLG_USER", metavar="PERSON", help=_h("as"))
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    envvar="PLG_LANG",
    default="nl",
    show_default=True,
    help=_h("lang"),
)
@click.version_option(package_name="plg", help=_h("version"))
@click.pass_context
def cli(ctx: click.Context, db: str | None, actor: str | None, lang: Lang) -> None:
    ctx.obj = Settings(db or None, actor or None, lang)


@cli.command(help=_h("init"))
@pass_settings
def init(settings: Settings) -> None:
    engine = settings.engine()
    revision = engine.init()
    _say(settings, "done_init", url=engine.store.display_url, revision=revision)


@cli.command(help=_h("where"))
@json_option
@pass_settings
def where(settings: Settings, as_json: bool) -> None:
    store = settings.engine().store
    if as_json:
        display.emit_json(
            {"url": store.display_url, "exists": store.exists(), "revision": store.revision()}
        )
    else:
        click.echo(store.display_url)


@cli.command(help=_h("demo"))
@json_option
@pass_settings
def demo(settings: Settings, as_json: bool) -> None:
    from plg.engine.demo import build

    engine = settings.engine()
    engine.init()
    created, kept = build(settings.db, settings.lang)
    _say(settings, "demo_ready", created=created, kept=kept, url=engine.store.display_url)
    _print_overview(settings, as_json, stalled_days=30)


# -- methods --------------------------------------------------------------------------------


@cli.group(help=_h("methods"))
def methods() -> None:
    pass


@methods.command("list", help=_h("methods_list"))
@json_option
@pass_settings
def methods_list(settings: Settings, as_json: bool) -> None:
    engine = settings.engine()
    available, broken = engine.methods(), engine.registry.broken
    if as_json:
        display.emit_json(
            [
                {
                    "id": m.definition.id,
                    "version": m.definition.version,
                    "title": m.definition.title(settings.lang),
                    "source": m.source,
                }
                for m in available
            ]
        )
        for plugin in broken:
            click.echo(
                t("plugin_broken", settings.lang, name=plugin.name, reason=plugin.reason), err=True
            )
    else:
        display.methods(available, broken, settings.lang)


@methods.command("schema", help=_h("methods_schema"))
@format_option(["json", "md"], "json")
def methods_schema(fmt: str) -> None:
    from plg.engine.reference import json_schema, markdown_reference

    if fmt == "json":
        display.emit_json(json_schema())
    else:
        click.echo(markdown_reference(), nl=False)


@cli.command(help=_h("plugins"))
@json_option
@pass_settings
def plugins(settings: Settings, as_json: bool) -> None:
    sources = settings.engine().registry.sources
    if as_json:
        display.emit_json(
            [
                {
                    "name": s.name,
                    "kind": s.kind,
                    "version": s.version,
                    "location": s.location,
                    "methods": s.methods,
                    "guards": s.guards,
                    "problems": s.problems,
                }
                for s in sources
            ]
        )
    else:
        display.sources(sources, settings.lang)


@methods.command("show", help=_h("methods_show"))
@click.argument("method")
@format_option(["text", "md"], "text")
@json_option
@pass_settings
def methods_show(settings: Settings, method: str, fmt: str, as_json: bool) -> None:
    definition = settings.engine().method(method).definition
    if as_json:
        from plg.engine.views import method_json

        display.emit_json(method_json(definition, settings.lang))
    elif fmt == "md":
        from plg.engine.graph import mermaid
        from plg.engine.render import render

        text = render(
            "method", "md", settings.lang, m=definition, diagram=mermaid(definition, settings.lang)
        )
        click.echo(text, nl=False)
    else:
        display.method(definition, settings.lang)


@methods.command("graph", help=_h("methods_graph"))
@click.argument("method")
@format_option(["mermaid", "dot"], "mermaid")
@click.option("--team", "team_name", metavar="TEAM", help=_h("graph_team_opt"))
@output_option
@pass_settings
def methods_graph(
    settings: Settings, method: str, fmt: str, team_name: str | None, output: Path | None
) -> None:
    from plg.engine.graph import dot, mermaid

    engine = settings.engine()
    current = None
    if team_name:
        # The team's own pinned definition: it may be another version than the installed one.
        definition = engine.team_definition(team_name)
        if definition.id != method:
            raise PlgError("graph_other_method", team=team_name, method=definition.id)
        current = engine.team(team_name).row.phase
    else:
        definition = engine.method(method).definition
    draw = mermaid if fmt == "mermaid" else dot
    _write_or_print(settings, draw(definition, settings.lang, current), output)


@methods.command("validate", help=_h("methods_validate"))
@click.argument("path", type=click.Path(path_type=Path))
@json_option
@pass_settings
def methods_validate(settings: Settings, path: Path, as_json: bool) -> None:
    from plg.engine.files import load_definition_file
    from plg.errors import InvalidMethodDefinition

    try:
        definition = load_definition_file(path)
    except InvalidMethodDefinition as exc:
        if as_json:
            display.emit_json(
                {
                    "valid": False,
                    "faults": [
                        {"place": f.place, "message": f.text(settings.lang).partition(": ")[2]}
                        for f in exc.faults
                    ],
                }
            )
        else:
            click.echo(exc.text(settings.lang))
        sys.exit(1)
    if as_json:
        display.emit_json(
            {"valid": True, "id": definition.id, "version": definition.version, "faults": []}
        )
    else:
        _say(settings, "done_valid", source=path, method=definition.id, version=definition.version)


# -- teams ----------------------------------------------------------------------------------


@cli.group(help=_h("team"))
def team() -> None:
    pass


@team.command("start", help=_h("team_start"))
@click.argument("name")
@click.option("--method", "-m", required=True, help=_h("method_opt"))
@click.option("--school", "schools", multiple=True, help=_h("school_opt"))
@click.option("--leader", help=_h("leader_opt"))
@click.option("--deadline", type=DATE, metavar="YYYY-MM-DD", help=_h("deadline_opt"))
@click.option(
    "--kind",
    type=click.Choice(["internal", "network"]),
    default="internal",
    show_default=True,
    help=_h("kind_opt"),
)
@json_option
@pass_settings
def team_start(
    settings: Settings,
    name: str,
    method: str,
    schools: tuple[str, ...],
    leader: str | None,
    deadline: datetime | None,
    kind: str,
    as_json: bool,
) -> None:
    view = settings.engine().start_team(
        name,
        method,
        schools=schools,
        leader=leader,
        kind=kind,
        deadline=deadline.date() if deadline else None,
    )
    _done(
        settings,
        as_json,
        view.to_json(),
        "done_start",
        team=view.row.name,
        method=view.row.method_title,
        phase=view.row.phase_title,
    )


@team.command("list", help=_h("team_list"))
@click.option("--school", help=_h("school_filter"))
@click.option("--method", help=_h("method_filter"))
@click.option("--phase", help=_h("phase_filter"))
@json_option
@pass_settings
def team_list(
    settings: Settings, school: str | None, method: str | None, phase: str | None, as_json: bool
) -> None:
    rows = settings.engine().teams(school=school, method=method, phase=phase)
    if as_json:
        display.emit_json([row.to_json() for row in rows])
    else:
        display.teams(rows, settings.lang)


@team.command("show", help=_h("team_show"))
@click.argument("team_name", metavar="TEAM")
@json_option
@pass_settings
def team_show(settings: Settings, team_name: str, as_json: bool) -> None:
    view = settings.engine().team(team_name)
    if as_json:
        display.emit_json(view.to_json())
    else:
        display.team(view, settings.lang)


@team.command("deadline", help=_h("team_deadline"))
@click.argument("team_name", metavar="TEAM")
@click.argument("when", type=DATE, metavar="YYYY-MM-DD", required=False)
@click.option("--clear", is_flag=True, help=_h("clear_opt"))
@json_option
@pass_settings
def team_deadline(
    settings: Settings, team_name: str, when: datetime | None, clear: bool, as_json: bool
) -> None:
    if (when is None) != clear:
        raise click.UsageError(t("deadline_usage", settings.lang))
    view = settings.engine().set_deadline(team_name, when.date() if when else None)
    _done(
        settings,
        as_json,
        view.to_json(),
        "done_deadline",
        team=view.row.name,
        deadline=view.row.deadline or "-",
    )


def _mapping(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    pairs = [value.partition("=") for value in values]
    bad = [
        value
        for value, (old, eq, new) in zip(values, pairs, strict=True)
        if not (old and eq and new)
    ]
    if bad:
        raise click.BadParameter(f"use OLD=NEW, not {bad[0]!r}", ctx=ctx, param=param)
    return {old.strip(): new.strip() for old, _, new in pairs}


@team.command("migrate", help=_h("team_migrate"))
@click.argument("team_name", metavar="TEAM")
@click.option("--to-version", "version", required=True, metavar="V", help=_h("to_version_opt"))
@click.option(
    "--map", "mapping", multiple=True, metavar="OLD=NEW", callback=_mapping, help=_h("map_opt")
)
@json_option
@pass_settings
def team_migrate(
    settings: Settings, team_name: str, version: str, mapping: dict[str, str], as_json: bool
) -> None:
    view = settings.engine().migrate(team_name, version, mapping)
    _done(
        settings,
        as_json,
        view.to_json(),
        "done_migrate",
        team=view.row.name,
        method=view.row.method_title,
        version=view.row.method_version,
        phase=view.row.phase_title,
    )


# -- the work of a phase --------------------------------------------------------------------


@cli.command(help=_h("checklist"))
@click.argument("team_name", metavar="TEAM")
@format_option(["text", "md", "html"], "text")
@output_option
@json_option
@pass_settings
def checklist(
    settings: Settings, team_name: str, fmt: str, output: Path | None, as_json: bool
) -> None:
    from plg.engine.render import render

    team = settings.engine().team(team_name)
    if as_json:
        display.emit_json(team.checklist.to_json())
        return
    text = render("checklist", cast(Any, fmt), settings.lang, c=team.checklist, row=team.row)
    _write_or_print(settings, text, output)


def _write_or_print(settings: Settings, text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    _write_file(output, text.encode("utf-8"))
    _say(settings, "done_written", path=output)


def _write_file(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise PlgError("output_unwritable", path=path, reason=exc.strerror or exc) from None


@cli.command(help=_h("tick"))
@click.argument("team_name", metavar="TEAM")
@click.argument("item")
@click.option("--undo", is_flag=True, help=_h("undo_opt"))
@json_option
@pass_settings
def tick(settings: Settings, team_name: str, item: str, undo: bool, as_json: bool) -> None:
    view = settings.engine().tick(team_name, item, undo=undo)
    _done(settings, as_json, view.to_json(), "done_untick" if undo else "done_tick", item=item)


@cli.command(help=_h("advance"))
@click.argument("team_name", metavar="TEAM")
@click.argument("trigger", default="next")
@click.option("--force", is_flag=True, help=_h("force_opt"))
@click.option("--reason", help=_h("reason_opt"))
@json_option
@pass_settings
def advance(
    settings: Settings, team_name: str, trigger: str, force: bool, reason: str | None, as_json: bool
) -> None:
    engine = settings.engine()
    before = engine.team(team_name).row
    view = engine.advance(team_name, trigger, force=force, reason=reason)
    key = "done_complete" if view.row.status == "completed" else "done_advance"
    _done(
        settings,
        as_json,
        view.to_json(),
        key,
        team=view.row.name,
        source=before.phase_title,
        dest=view.row.phase_title,
    )


def _record_group(category: Category, kind_option: str, kind_help: str) -> click.Group:
    """`plg artefact` and `plg evidence`: the same commands over the two kinds of record."""

    @click.group(category, cls=PlgGroup, help=_h(category))
    def group() -> None:
        pass

    @group.command("add", help=_h("record_add"))
    @click.argument("team_name", metavar="TEAM")
    @click.option(f"--{kind_option}", "kind", required=True, help=_h(kind_help))
    @click.option("--title", required=True, help=_h("title_opt"))
    @click.option("--file", "file", type=click.Path(path_type=Path), help=_h("file_opt"))
    @click.option("--text", help=_h("text_opt"))
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
        _done(
            settings,
            as_json,
            record.to_json(),
            "done_record",
            category=t(category, settings.lang),
            title=record.title,
            phase=record.phase,
        )

    if category == "evidence":
        click.option("--value", type=float, help=_h("value_opt"))(add)

    @group.command("get", help=_h("record_get"))
    @click.argument("team_name", metavar="TEAM")
    @click.argument("record_id", metavar="ID", type=int)
    @click.option(
        "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help=_h("get_output_opt")
    )
    @click.option("--overwrite", is_flag=True, help=_h("overwrite_opt"))
    @pass_settings
    def get(
        settings: Settings, team_name: str, record_id: int, output: Path | None, overwrite: bool
    ) -> None:
        filename, data = settings.engine().record_file(team_name, category, record_id)
        # The stored name is only a label: never let it choose a folder.
        target = output or Path(Path(filename).name)
        if target.exists() and not overwrite:
            raise PlgError("exists_output", path=target)
        _write_file(target, data)
        _say(settings, "done_written", path=target)

    @group.command("list", help=_h("record_list"))
    @click.argument("team_name", metavar="TEAM")
    @json_option
    @pass_settings
    def list_(settings: Settings, team_name: str, as_json: bool) -> None:
        rows = settings.engine().records(team_name, category)
        if as_json:
            display.emit_json([row.to_json() for row in rows])
        else:
            display.records(rows, settings.lang)

    return group


cli.add_command(_record_group("artefact", "type", "type_opt"))
cli.add_command(_record_group("evidence", "kind", "kind_ev_opt"))


@cli.command(help=_h("export"))
@click.argument("team_name", metavar="TEAM")
@format_option(["md", "html", "json"], "md")
@output_option
@pass_settings
def export(settings: Settings, team_name: str, fmt: str, output: Path | None) -> None:
    engine = settings.engine()
    story = engine.story(team_name)
    if fmt == "json":
        import json

        text = json.dumps(story.to_json(), ensure_ascii=False, indent=2) + "\n"
    else:
        from plg.engine.graph import mermaid
        from plg.engine.render import render

        definition = engine.team_definition(team_name)
        text = render(
            "export",
            cast(Any, fmt),
            settings.lang,
            s=story,
            diagram=mermaid(definition, settings.lang, story.row.phase),
        )
    _write_or_print(settings, text, output)


@cli.command(help=_h("history"))
@click.argument("team_name", metavar="TEAM")
@json_option
@pass_settings
def history(settings: Settings, team_name: str, as_json: bool) -> None:
    events = settings.engine().history(team_name)
    if as_json:
        display.emit_json([event.to_json() for event in events])
    else:
        display.history(events, settings.lang)


@cli.command(help=_h("overview"))
@click.option("--school", help=_h("school_filter"))
@click.option("--method", help=_h("method_filter"))
@click.option("--phase", help=_h("phase_filter"))
@click.option(
    "--html", "html_file", type=click.Path(dir_okay=False, path_type=Path), help=_h("html_opt")
)
@click.option(
    "--stalled-days",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help=_h("stalled_opt"),
)
@json_option
@pass_settings
def overview(
    settings: Settings,
    school: str | None,
    method: str | None,
    phase: str | None,
    html_file: Path | None,
    stalled_days: int,
    as_json: bool,
) -> None:
    _print_overview(
        settings, as_json, stalled_days, html_file, school=school, method=method, phase=phase
    )


def _print_overview(
    settings: Settings,
    as_json: bool,
    stalled_days: int,
    html_file: Path | None = None,
    **filters: Any,
) -> None:
    view = settings.engine().overview(stalled_days=stalled_days, **filters)
    if html_file is not None:
        from plg.engine.render import render

        _write_file(html_file, render("overview", "html", settings.lang, o=view).encode())
        _say(settings, "done_written", path=html_file)
    elif as_json:
        display.emit_overview_json(view)
    else:
        display.overview(view, settings.lang)


def main() -> None:
    cli(prog_name="plg")

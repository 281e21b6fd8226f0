"""The methods plg knows and where they come from: list, show, graph, validate, schema, plugins."""

from __future__ import annotations

from pathlib import Path

import click

from plg.cli import display
from plg.cli.base import (
    FilePath,
    PlgCommand,
    PlgGroup,
    Settings,
    format_option,
    help_for,
    json_option,
    output_option,
    pass_settings,
    say,
    write_or_print,
)
from plg.errors import PlgError
from plg.texts import t


@click.group(cls=PlgGroup, help=help_for("methods"))
def methods() -> None:
    pass


@methods.command("list", help=help_for("methods_list"))
@json_option
@pass_settings
def methods_list(settings: Settings, as_json: bool) -> None:
    from plg.methods.registry import problem_text

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
                t(
                    "plugin_broken",
                    settings.lang,
                    name=plugin.name,
                    reason=problem_text(plugin.reason, settings.lang),
                ),
                err=True,
            )
    else:
        display.methods(available, broken, settings.lang)


@methods.command("schema", help=help_for("methods_schema"))
@format_option(["json", "md"], "json")
def methods_schema(fmt: str) -> None:
    from plg.methods.reference import json_schema, markdown_reference

    if fmt == "json":
        display.emit_json(json_schema())
    else:
        click.echo(markdown_reference(), nl=False)


@click.command(cls=PlgCommand, help=help_for("plugins"))
@json_option
@pass_settings
def plugins(settings: Settings, as_json: bool) -> None:
    from plg.methods.registry import problem_text

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
                    "problems": [problem_text(p, settings.lang) for p in s.problems],
                }
                for s in sources
            ]
        )
    else:
        display.sources(sources, settings.lang)


@methods.command("show", help=help_for("methods_show"))
@click.argument("method")
@format_option(["text", "md"], "text")
@json_option
@pass_settings
def methods_show(settings: Settings, method: str, fmt: str, as_json: bool) -> None:
    definition = settings.engine().method(method).definition
    if as_json:
        from plg.present.views import method_json

        display.emit_json(method_json(definition, settings.lang))
    elif fmt == "md":
        from plg.present.graph import mermaid
        from plg.present.render import render

        text = render(
            "method", "md", settings.lang, m=definition, diagram=mermaid(definition, settings.lang)
        )
        click.echo(text, nl=False)
    else:
        display.method(definition, settings.lang)


@methods.command("graph", help=help_for("methods_graph"))
@click.argument("method")
@format_option(["mermaid", "dot"], "mermaid")
@click.option("--team", "team_name", metavar="TEAM", help=help_for("graph_team_opt"))
@output_option
@pass_settings
def methods_graph(
    settings: Settings, method: str, fmt: str, team_name: str | None, output: Path | None
) -> None:
    from plg.present.graph import dot, mermaid

    engine = settings.engine()
    current = None
    if team_name:
        # The team's own pinned definition: it may be another version than the installed one.
        team = engine.team(team_name)
        definition = team.definition
        if definition.id != method:
            raise PlgError("graph_other_method", team=team_name, method=definition.id)
        current = team.row.phase
    else:
        definition = engine.method(method).definition
    draw = mermaid if fmt == "mermaid" else dot
    write_or_print(settings, draw(definition, settings.lang, current), output)


@methods.command("validate", help=help_for("methods_validate"))
@click.argument("path", type=FilePath())
@json_option
@pass_settings
def methods_validate(settings: Settings, path: Path, as_json: bool) -> None:
    from plg.errors import InvalidMethodDefinition, PlgError
    from plg.methods.files import load_definition_file

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
            for fault in exc.faults:
                click.echo(fault.text(settings.lang))
        # The faults are data (stdout); the verdict is the one error line (stderr).
        raise PlgError("definition_faults", source=path, count=len(exc.faults)) from None
    if as_json:
        display.emit_json(
            {"valid": True, "id": definition.id, "version": definition.version, "faults": []}
        )
    else:
        say(settings, "done_valid", source=path, method=definition.id, version=definition.version)

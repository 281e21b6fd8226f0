"""The `plg` command line: parse, ask the engine, print. No SQL and no state logic here.

The engine, SQLAlchemy, pydantic, jinja2 and rich are imported inside the commands, so that
`plg --help` answers at once. The commands live in modules by family; this one holds the root.
"""

from __future__ import annotations

import click

from plg import display
from plg.cli import methods, reports, teams, work
from plg.cli.base import PlgGroup, Settings, help_for, json_option, pass_settings, say
from plg.cli.reports import print_overview
from plg.messages import LANGS, Lang


@click.group(
    cls=PlgGroup, help=help_for("main"), context_settings={"help_option_names": ["-h", "--help"]}
)
@click.option("--db", envvar="PLG_DATABASE_URL", metavar="URL", help=help_for("db"))
@click.option("--as", "actor", envvar="PLG_USER", metavar="PERSON", help=help_for("as"))
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    envvar="PLG_LANG",
    default="nl",
    show_default=True,
    help=help_for("lang"),
)
@click.version_option(package_name="plg", help=help_for("version"))
@click.pass_context
def cli(ctx: click.Context, db: str | None, actor: str | None, lang: Lang) -> None:
    ctx.obj = Settings(db or None, actor or None, lang)


@cli.command(help=help_for("init"))
@pass_settings
def init(settings: Settings) -> None:
    engine = settings.engine()
    revision = engine.init()
    say(settings, "done_init", url=engine.store.display_url, revision=revision)


@cli.command(help=help_for("where"))
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


@cli.command(help=help_for("demo"))
@json_option
@pass_settings
def demo(settings: Settings, as_json: bool) -> None:
    from plg.engine.demo import build

    engine = settings.engine()
    engine.init()
    created, kept = build(settings.db, settings.lang)
    say(settings, "demo_ready", created=created, kept=kept, url=engine.store.display_url)
    print_overview(settings, as_json, stalled_days=30)


for command in (
    methods.methods,
    methods.plugins,
    teams.team,
    work.checklist,
    work.tick,
    work.advance,
    work.artefact,
    work.evidence,
    reports.export,
    reports.history,
    reports.overview,
):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="plg")

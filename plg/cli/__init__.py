"""The `plg` command line: parse, ask the engine, print. No SQL and no state logic here.

The engine, SQLAlchemy, pydantic, jinja2 and rich are imported inside the commands, so that
`plg --help` answers at once. The commands live in modules by family, loaded when one of their
commands runs; this module holds the root.
"""

from __future__ import annotations

import os
from gettext import gettext, textdomain
from importlib import import_module
from typing import Any

import click

from plg.cli.base import (
    PlgGroup,
    Settings,
    help_for,
    help_text,
    json_option,
    pass_settings,
    say,
    speak,
)
from plg.langs import LANGS, Lang, lang_of

# The module of each command kept in one; each command's help text has its name as key.
_FAMILIES = {
    "methods": "plg.cli.methods",
    "plugins": "plg.cli.methods",
    "team": "plg.cli.teams",
    "checklist": "plg.cli.work",
    "tick": "plg.cli.work",
    "advance": "plg.cli.work",
    "artefact": "plg.cli.work",
    "evidence": "plg.cli.work",
    "export": "plg.cli.reports",
    "history": "plg.cli.reports",
    "overview": "plg.cli.reports",
    "check": "plg.cli.admin",
    "backup": "plg.cli.admin",
    "project-leader": "plg.cli.admin",
    "settings": "plg.cli.admin",
    "school": "plg.cli.organisation",
    "person": "plg.cli.organisation",
    "director": "plg.cli.directors",
    "approve": "plg.cli.directors",
    "charter": "plg.cli.teamwork",
    "hypothesis": "plg.cli.teamwork",
    "meeting": "plg.cli.teamwork",
    "hours": "plg.cli.teamwork",
    "pupil": "plg.cli.teamwork",
    "purge": "plg.cli.mending",
    "serve": "plg.cli.web",
    "user": "plg.cli.web",
}


class RootGroup(PlgGroup):
    """The root: its commands load on use, and `plg --help` lists them from their help texts."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # The language is the command line's while it runs: a caller in the same process (a
        # test) finds $LANGUAGE and gettext's text domain as they were.
        before, domain = os.environ.get("LANGUAGE"), textdomain()
        try:
            return super().main(*args, **kwargs)
        finally:
            textdomain(domain)
            if before is None:
                os.environ.pop("LANGUAGE", None)
            else:
                os.environ["LANGUAGE"] = before

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        speak(self._language(ctx, args))
        return super().parse_args(ctx, args)

    def _language(self, ctx: click.Context, args: list[str]) -> Lang:
        """--lang or PLG_LANG, as Click parses them, before Click acts on --help: that option
        is eager, and answers before the others are processed. A wrong value or a wrong
        option is left to the parse proper, which says what is wrong."""
        parser = self.make_parser(ctx)
        parser.ignore_unknown_options = True
        try:
            opts, _, _ = parser.parse_args(args=list(args))
        except click.UsageError:
            opts = {}
        option = next(param for param in self.params if param.name == "lang")
        value, _ = option.consume_value(ctx, opts)
        return lang_of(value) or "nl"

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*self.commands, *_FAMILIES])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _FAMILIES:
            module = import_module(_FAMILIES[cmd_name])
            command: click.Command = getattr(module, cmd_name.replace("-", "_"))
            return command
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        # A bare Command shortens a help text exactly as the real one would.
        rows = [
            (name, click.Command(name, help=help_text(name)).get_short_help_str(limit))
            for name in names
        ]
        with formatter.section(gettext("Commands")):
            formatter.write_dl(rows)


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """Click's own --version, but worded when it is shown: Click words its message on import,
    before --lang is known."""
    if not value or ctx.resilient_parsing:
        return
    # importlib.metadata alone costs more than the whole CLI start-up: only when asked.
    from importlib.metadata import version

    words = gettext("%(prog)s, version %(version)s")
    click.echo(words % {"prog": ctx.find_root().info_name, "version": version("plg")})
    ctx.exit()


@click.group(
    cls=RootGroup, help=help_for("main"), context_settings={"help_option_names": ["-h", "--help"]}
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
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help=help_for("version"),
)
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
    from plg.cli import display

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
    from plg.cli.demo import DIRECTED, DIRECTOR, TEAMS, WEB_PEOPLE, build
    from plg.cli.reports import print_overview

    engine = settings.engine()
    engine.init()
    built = build(settings.db, settings.lang, engine.actor)
    say(
        settings, "demo_ready", created=built.created, kept=built.kept, url=engine.store.display_url
    )
    leaders = ", ".join(engine.project_leaders())
    say(settings, "demo_roles", leaders=leaders, leader="Bram Jansen", member="Noor Peters")
    say(settings, "demo_more", network="Netwerk schrijfonderwijs", datateam="Rekenen bovenbouw")
    waiting = next(demo.name for demo in TEAMS if demo.awaits_director)
    say(settings, "demo_director", director=DIRECTOR, school=DIRECTED, team=waiting)
    say(settings, "demo_sign_in", people=", ".join(WEB_PEOPLE), password=built.password)
    print_overview(settings, as_json, stalled_days=30)


def main() -> None:
    cli(prog_name="plg")

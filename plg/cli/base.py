"""What every command of the CLI shares: settings, errors as one line, options, output.

The CLI parses, asks the engine and prints. No SQL and no state logic here.

The engine, SQLAlchemy, pydantic, jinja2 and rich are imported inside the commands, so that
`plg --help` answers at once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, runtime_checkable

import click

from plg.cli.helptexts import HELP
from plg.langs import Lang, lang_of

if TYPE_CHECKING:
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
    return lang_of(value) or "nl"


HELP_LANG = _help_language()


def help_for(key: str) -> str:
    return HELP[key][HELP_LANG]


class Settings:
    """What the root options chose, and the engine, made on first use."""

    def __init__(self, db: str | None, actor: str | None, lang: Lang) -> None:
        self.db = db
        self.actor = actor
        self.lang = lang
        self._engine: Engine | None = None

    def engine(self) -> Engine:
        if self._engine is None:
            from plg.engine.engine import Engine

            self._engine = Engine(self.db, actor=self.actor, lang=self.lang)
            click.get_current_context().call_on_close(self._engine.close)
        return self._engine


def _translated(option: click.Option | None) -> click.Option | None:
    if option is not None:
        option.help = help_for("help")
    return option


class PlgCommand(click.Command):
    """A command whose own --help line is in the user's language too."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _translated(super().get_help_option(ctx))


class PlgGroup(click.Group):
    """Turns every `PlgError` into one `Error:` line on stderr and exit code 1: what is wrong,
    and what to type about it (`plg.cli.remedies`)."""

    command_class = PlgCommand
    group_class = type  # subgroups are PlgGroups too

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _translated(super().get_help_option(ctx))

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            # Imported here: `plg --help` never needs the errors (nor their message catalogue).
            from plg.cli.remedies import REMEDIES
            from plg.errors import PlgError

            if not isinstance(exc, PlgError):
                raise
            lang = ctx.obj.lang if isinstance(ctx.obj, Settings) else HELP_LANG
            # What is wrong, then what to type about it: one line.
            click.echo(f"Error: {exc.text(lang, REMEDIES)}", err=True)
            ctx.exit(1)


class FilePath(click.Path):
    """A file name as the command line gives it; one the system cannot take (a NUL in it, or a
    character no file system can encode) is a usage error here, rather than a crash where the
    file is opened."""

    def __init__(self, *, dir_okay: bool = True) -> None:
        super().__init__(dir_okay=dir_okay, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):
            try:
                usable = "\x00" not in value and bool(os.fsencode(value))
            except UnicodeEncodeError:  # a lone surrogate no file system can name
                usable = False
            if value and not usable:
                self.fail(help_for("unusable_path"), param, ctx)
        return super().convert(value, param, ctx)


DATE = click.DateTime(["%Y-%m-%d"])
output_option = click.option(
    "--output", "-o", type=FilePath(dir_okay=False), help=help_for("output_opt")
)


F = TypeVar("F", bound=Callable[..., Any])


def format_option(choices: list[str], default: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help=help_for("format_opt"),
    )


json_option = click.option("--json", "as_json", is_flag=True, help=help_for("json"))
pass_settings = click.make_pass_decorator(Settings)


def say(settings: Settings, key: str, **params: object) -> None:
    """A confirmation for people; on stderr, so stdout carries only data."""
    from plg.messages import t

    click.echo(t(key, settings.lang, **params), err=True)


D = TypeVar("D")


@runtime_checkable
class _Shaped(Protocol):
    """A view whose JSON shape is its own (the contract in docs/cli.md)."""

    def to_json(self) -> dict[str, Any]: ...


def _shaped(data: Any) -> Any:
    if isinstance(data, _Shaped):
        return data.to_json()
    if isinstance(data, list):
        return [_shaped(item) for item in data]
    return data


def show(settings: Settings, as_json: bool, data: D, printer: Callable[[D, Lang], None]) -> None:
    """Data as JSON for scripts, or as `printer` prints it for people."""
    if as_json:
        from plg.cli import display

        display.emit_json(_shaped(data))
    else:
        printer(data, settings.lang)


def done(settings: Settings, as_json: bool, data: Any, key: str, **params: object) -> None:
    """After an action: its result as JSON for scripts, or a confirmation for people."""
    if as_json:
        from plg.cli import display

        display.emit_json(_shaped(data))
    else:
        say(settings, key, **params)


def write_or_print(settings: Settings, text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    write_file(output, text.encode("utf-8"))
    say(settings, "done_written", path=output)


def write_file(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        from plg.errors import PlgError

        raise PlgError("output_unwritable", path=path, reason=exc.strerror or exc) from None

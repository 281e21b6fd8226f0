"""What every command of the CLI shares: settings, errors as one line, options, output.

The CLI parses, asks the engine and prints. No SQL and no state logic here.

The engine, SQLAlchemy, pydantic, jinja2 and rich are imported inside the commands, so that
`plg --help` answers at once.
"""

from __future__ import annotations

import copy
import gettext
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, runtime_checkable

import click

from plg.langs import Lang, lang_of
from plg.texts import LOCALE

if TYPE_CHECKING:
    from plg.engine.engine import Engine

C = TypeVar("C", bound=click.Command)


def speak(lang: Lang) -> None:
    """The language of the command line from here on: of its help, and of Click's own words.

    Click words its usage lines, headings and usage errors with `gettext.gettext`: in the
    process's text domain, in the language $LANGUAGE names. That is how GNU gettext lets a
    program speak one language per process, and a command line is one: plg makes its `click`
    catalogue that domain, and names the language --lang or PLG_LANG chose. The help texts
    are found the same way, in the `help` domain.
    """
    for domain in ("click", "help"):
        gettext.bindtextdomain(domain, str(LOCALE))
    gettext.textdomain("click")
    os.environ["LANGUAGE"] = lang


def spoken() -> Lang:
    """The language `speak` chose."""
    return lang_of(os.environ.get("LANGUAGE")) or "nl"


def help_for(key: str) -> str:
    """A help text's key, as a command or option keeps it until its help is shown; then
    `help_text` words it, in the language chosen by then."""
    return key


def help_text(key: str) -> str:
    """The help text of `key`, in the command line's language."""
    # An empty id would find the catalogue's header.
    return gettext.dgettext("help", key) if key else key


# What Click names a value by its type (TEXT, INTEGER...) in the help, in the reader's words.
_TYPE_WORDS = {
    "text": help_for("metavar_text"),
    "integer": help_for("metavar_integer"),
    "integer range": help_for("metavar_integer_range"),
    "float": help_for("metavar_float"),
    "float range": help_for("metavar_float_range"),
    "path": help_for("metavar_path"),
    "file": help_for("metavar_file"),
}


def _worded(param: click.Parameter) -> click.Parameter:
    worded = copy.copy(param)
    if param.help:
        worded.help = help_text(param.help)
    named_by_type = isinstance(param, click.Option) and not param.is_flag and not param.metavar
    if named_by_type and param.type.name in _TYPE_WORDS:
        worded.metavar = help_text(_TYPE_WORDS[param.type.name])
    return worded


def help_record(param: click.Parameter, ctx: click.Context) -> tuple[str, str] | None:
    """The line of `param` in the help: its names and its help text, worded."""
    return _worded(param).get_help_record(ctx)


def _worded_command(command: C) -> C:
    """A copy of `command` with its help and its options' help worded, for Click to format."""
    worded = copy.copy(command)
    if command.help:
        worded.help = help_text(command.help)
    worded.params = [_worded(param) for param in command.params]
    # Click's own "[OPTIONS]" and "COMMAND [ARGS]...", which it does not translate.
    worded.options_metavar = help_text(help_for("metavar_options"))
    if isinstance(worded, click.Group):
        worded.subcommand_metavar = help_text(help_for("metavar_command"))
    return worded


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
    # Worded here, not when the help is formatted: Click adds this option to a command's own.
    if option is not None:
        option.help = help_text("help")
    return option


class PlgCommand(click.Command):
    """A command whose help, its own --help line too, is in the user's language."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _translated(super().get_help_option(ctx))

    # A group formats its help as a command does, with its own options and commands.
    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        click.Command.format_help(_worded_command(self), ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return click.Command.get_short_help_str(_worded_command(self), limit)

    # The usage line above a usage error, worded as in the help.
    def get_usage(self, ctx: click.Context) -> str:
        return click.Command.get_usage(_worded_command(self), ctx)


class PlgGroup(PlgCommand, click.Group):
    """Turns every `PlgError` into one `Error:` line on stderr and exit code 1: what is wrong,
    and what to type about it (`plg.cli.remedies`)."""

    command_class = PlgCommand
    group_class = type  # subgroups are PlgGroups too

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            # Imported here: `plg --help` never needs the errors (nor their message catalogue).
            from plg.cli.remedies import REMEDIES
            from plg.errors import PlgError

            if not isinstance(exc, PlgError):
                raise
            lang = ctx.obj.lang if isinstance(ctx.obj, Settings) else spoken()
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
                self.fail(help_text("unusable_path"), param, ctx)
        return super().convert(value, param, ctx)


class Day(click.ParamType[date]):
    """A date as people write it (`plg.engine.inputs.day_of`: 30-06-2027 as well as
    2027-06-30); one that cannot be is a usage error saying why, in the reader's language."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, date):
            return value
        from plg.engine.inputs import day_of
        from plg.errors import InvalidInput

        try:
            return day_of(str(value))
        except InvalidInput as error:
            lang = ctx.obj.lang if ctx is not None and isinstance(ctx.obj, Settings) else spoken()
            self.fail(error.text(lang), param, ctx)


DATE = Day()
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
    from plg.texts import t

    click.echo(t(key, settings.lang, **params), err=True)


# A yes in either language: a Dutch reader types "j", an English one "y".
_YES = frozenset({"j", "ja", "y", "yes"})


def asked(settings: Settings, key: str, **params: object) -> bool:
    """Whether the person answers yes to the question `key`, asked on stderr in their
    language ("[j/N]" in Dutch, where Click's own confirmation only takes "y"); no answer at
    all (no input) stops the command, as Click's does."""
    from plg.texts import t

    hint = t("yes_no", settings.lang)
    question = f"{t(key, settings.lang, **params)} [{hint}]"
    answer = click.prompt(question, default="", show_default=False, err=True)
    return str(answer).strip().lower() in _YES


def warn(warnings: tuple[str, ...]) -> None:
    """What the engine warned about with its answer (the change was made): on stderr, one
    line each, as errors are; with --json they are in the data too."""
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)


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

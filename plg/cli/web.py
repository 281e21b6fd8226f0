"""The web page (`plg serve`) and the accounts that sign in to it (`plg user`)."""

from __future__ import annotations

import os
import socket
import sys
from contextlib import suppress
from typing import TYPE_CHECKING, Any

import click

from plg.cli import display
from plg.cli.base import PlgGroup, Settings, done, help_for, json_option, pass_settings, say, show
from plg.langs import LANGS

if TYPE_CHECKING:
    import uvicorn

    from plg.engine.invitations import InvitationView


@click.command(cls=PlgGroup.command_class, help=help_for("serve"))
@click.option("--host", default="127.0.0.1", show_default=True, help=help_for("host_opt"))
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help=help_for("port_opt"),
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help=help_for("workers_opt"),
)
@click.option("--https", is_flag=True, help=help_for("https_opt"))
@pass_settings
def serve(settings: Settings, host: str, port: int, workers: int, https: bool) -> None:
    import uvicorn

    from plg.errors import Refused

    engine = settings.engine()
    if workers > 1 and engine.store.sqlite_file is not None:
        raise Refused("serve_workers_sqlite")
    engine.web_secret()  # a missing or outdated database is reported here, before serving
    if not engine.users():
        say(settings, "serve_no_users")
    say(
        settings,
        "serve_listening",
        url=engine.store.display_url,
        host=host,
        port=port,
        workers=workers,
    )
    # Each worker is a process of its own that builds the app from the environment.
    if settings.db:
        os.environ["PLG_DATABASE_URL"] = settings.db
    os.environ["PLG_SERVE_HTTPS"] = "1" if https else "0"
    options: dict[str, Any] = {
        "factory": True,
        "host": host,
        "port": port,
        "workers": workers,
        "log_level": "warning",
    }
    if workers == 1:
        uvicorn.run(_APP, **options)
        return
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(_APP, **options)
    with suppress(KeyboardInterrupt):  # as uvicorn.run: Ctrl-C stops the workers, quietly
        Multiprocess(config, sockets=[workers_socket(config)]).run()


_APP = "plg.web.app:from_environment"


def workers_socket(config: uvicorn.Config) -> socket.socket:
    """The socket that uvicorn's workers share, sending every answer at once.

    uvicorn binds it without naming TCP as its protocol, so asyncio leaves Nagle's algorithm on
    for the connections it accepts: each answer after the first on a kept-alive connection then
    waited for the browser's delayed ACK, 40 ms on Linux, which was most of a page's time. A
    connection takes TCP_NODELAY over from the socket it came in on. Reported to uvicorn as
    https://github.com/Kludex/uvicorn/issues/3149.
    """
    sock = config.bind_socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


@click.group(cls=PlgGroup, help=help_for("user"))
def user() -> None:
    pass


def _password(settings: Settings, from_stdin: bool) -> str:
    from plg.errors import InvalidInput
    from plg.texts import t

    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise InvalidInput("password_empty_stdin")
        return line
    first = click.prompt(t("password_prompt", settings.lang), hide_input=True)
    if first != click.prompt(t("password_again", settings.lang), hide_input=True):
        raise InvalidInput("password_mismatch")
    return str(first)


password_stdin = click.option("--password-stdin", is_flag=True, help=help_for("password_stdin_opt"))
# The language of the person's pages and mails, as they are added or invited.
user_lang_option = click.option(
    "--user-lang",
    "lang",
    type=click.Choice(LANGS),
    default="nl",
    show_default=True,
    help=help_for("user_lang_opt"),
)


@user.command("add", help=help_for("user_add"))
@click.argument("person")
@user_lang_option
@password_stdin
@json_option
@pass_settings
def user_add(
    settings: Settings, person: str, lang: str, password_stdin: bool, as_json: bool
) -> None:
    added = settings.engine().add_user(person, _password(settings, password_stdin), lang)
    done(settings, as_json, added, "done_user", person=added.person)


@user.command("passwd", help=help_for("user_passwd"))
@click.argument("person")
@password_stdin
@json_option
@pass_settings
def user_passwd(settings: Settings, person: str, password_stdin: bool, as_json: bool) -> None:
    changed = settings.engine().set_password(person, _password(settings, password_stdin))
    done(settings, as_json, changed, "done_passwd", person=changed.person)


@user.command("remove", help=help_for("user_remove"))
@click.argument("person")
@pass_settings
def user_remove(settings: Settings, person: str) -> None:
    settings.engine().remove_user(person)
    say(settings, "done_user_removed", person=person)


@user.command("list", help=help_for("user_list"))
@json_option
@pass_settings
def user_list(settings: Settings, as_json: bool) -> None:
    show(settings, as_json, settings.engine().account_statuses(), display.users)


# Where the invited open their link: the address people reach `plg serve` at (behind a proxy,
# its public address), else plg serve's own default.
url_option = click.option(
    "--url",
    envvar="PLG_URL",
    default="http://127.0.0.1:8000",
    show_default=True,
    help=help_for("invite_url_opt"),
)


def _hand_on(settings: Settings, invitation: InvitationView, url: str, as_json: bool) -> None:
    """The link on stdout, to hand on; how long it holds on stderr."""
    if as_json:
        display.emit_json(invitation.to_json(url))
        return
    click.echo(invitation.link(url))
    until = invitation.expires_at.strftime("%Y-%m-%d %H:%M")
    say(settings, "done_invited", person=invitation.person, until=until)


@user.command("invite", help=help_for("user_invite"))
@click.argument("person")
@user_lang_option
@url_option
@json_option
@pass_settings
def user_invite(settings: Settings, person: str, lang: str, url: str, as_json: bool) -> None:
    _hand_on(settings, settings.engine().invite_user(person, lang), url, as_json)


@user.command("reset", help=help_for("user_reset"))
@click.argument("person")
@url_option
@json_option
@pass_settings
def user_reset(settings: Settings, person: str, url: str, as_json: bool) -> None:
    _hand_on(settings, settings.engine().reset_user(person), url, as_json)

"""The command reference of docs/cli.md, made from the commands' own help.

`python -m plg.cli.reference docs/cli.md` rewrites the part of that page between its two
markers; a test fails when the page differs from what this makes. The help is English.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

BEGIN = "<!-- begin: made by `python -m plg.cli.reference docs/cli.md`; edit the help texts -->"
END = "<!-- end of the part made from the help -->"


def markdown() -> str:
    """Every command: its usage, what it does, and its options, in the order of `plg --help`."""
    import click

    from plg.cli import cli
    from plg.cli.base import help_record, help_text, speak

    speak("en")

    def leaves(command: click.Command, context: click.Context) -> Iterator[click.Context]:
        if isinstance(command, click.Group):
            if command.invoke_without_command and context.parent is not None:
                yield context  # such as `plg settings`, which shows them
            for name in command.list_commands(context):
                sub = command.get_command(context, name)
                if sub is not None:
                    yield from leaves(sub, click.Context(sub, info_name=name, parent=context))
        else:
            yield context

    lines: list[str] = []
    for context in leaves(cli, click.Context(cli, info_name="plg")):
        command = context.command
        usage = " ".join([context.command_path, *command.collect_usage_pieces(context)])
        lines += [f"### `{context.command_path}`", "", f"`{usage}`", ""]
        lines += [" ".join(help_text(command.help).split()) if command.help else "", ""]
        options = [
            record
            for param in command.get_params(context)
            # Every command has --help; the page says so once.
            if isinstance(param, click.Option) and "--help" not in param.opts
            for record in [help_record(param, context)]
            if record is not None
        ]
        if options:
            lines += ["| option | |", "|---|---|"]
            lines += [f"| `{name}` | {_cell(text)} |" for name, text in options]
            lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def rewrite(page: Path) -> bool:
    """Put a fresh reference between the page's markers; returns whether anything changed."""
    text = page.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN + "\n")
    _, _, tail = rest.partition(END)
    new = f"{head}{BEGIN}\n{markdown()}\n{END}{tail}"
    page.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    if len(sys.argv) == 2:
        print("changed" if rewrite(Path(sys.argv[1])) else "up to date")
    else:
        print(markdown())

"""Printable documents from the engine's views, through jinja2 templates (HTML autoescaped); and
the one jinja2 environment, which the web page's templates share."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from plg.langs import Lang
from plg.texts import WORDS, t

if TYPE_CHECKING:
    from jinja2 import Environment

    from plg.present.views import TeamStory

Format = Literal["text", "md", "html"]
_SUFFIX: dict[Format, str] = {"text": "txt", "md": "md", "html": "html"}


@cache
def environment() -> Environment:
    """The templates of the printed documents and of the web page, which shows parts of the
    documents too (the overview's counts and bars). HTML and SVG are escaped, Markdown and
    text are not."""
    from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape

    environment = Environment(
        loader=ChoiceLoader(
            [PackageLoader("plg.present", "templates"), PackageLoader("plg.web", "templates")]
        ),
        autoescape=select_autoescape(["html", "svg"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["md"] = markdown_cell
    environment.globals["words"] = WORDS
    return environment


def markdown_cell(text: object) -> str:
    """User text on one Markdown line or table cell: no line break or pipe can break it."""
    return " ".join(str(text).split()).replace("|", "\\|")


def render(name: str, fmt: Format, lang: Lang, **context: Any) -> str:
    """Render `name.<suffix>` with the catalogue's `t` bound to `lang`."""
    template = environment().get_template(f"{name}.{_SUFFIX[fmt]}")

    def text(key: str, **params: object) -> str:
        return t(key, lang, **params)

    return template.render(t=text, lang=lang, today=date.today().isoformat(), **context)


def export(story: TeamStory, fmt: Format, lang: Lang) -> str:
    """A team's whole story as a document to share, with its method's diagram (Mermaid):
    `plg export` writes it, the web page shows it."""
    from plg.present.graph import mermaid

    diagram = mermaid(story.definition, lang, story.row.phase)
    return render("export", fmt, lang, s=story, diagram=diagram)

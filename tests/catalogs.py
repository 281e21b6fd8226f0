"""The catalogues' upkeep, with Babel: which ids the code uses, and the catalogues made to match.

`python -m tests.catalogs` extracts the ids of each domain (plg's code and templates for
`messages` and `help`, Click's own code for `click`), adds the new ones to every language's
.po with an empty text, drops the ids no longer used, and compiles each .po to its .mo. The
tests use the same extraction: a catalogue holds exactly the ids the code uses.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from plg.langs import LANGS
from plg.texts import DOMAINS, LOCALE

ROOT = Path(__file__).parents[1] / "plg"

# A key is the first argument of these calls, unless a spec says which (see Babel's
# `extract`); `done` is the page's `done(key)` or the CLI's `done(settings, as_json, data, key)`
# with the key the fourth of four or more arguments.
_ERRORS = ("PlgError", "NotFound", "Refused", "InvalidInput", "Conflict", "StaleWrite")
_CLI_DONE = {arity: (4,) for arity in range(4, 10)}
_KEYWORDS: dict[str, dict[str, Any]] = {
    "messages": {
        "t": None,
        "N_": None,
        **dict.fromkeys(_ERRORS),
        "DatabaseError": None,
        "DatabaseBusy": None,
        "Fault": (2,),
        "say": (2,),
        "asked": (2,),
        "done": {None: (1,), **_CLI_DONE},
        # What checks a value, and the error it raises when the value will not do.
        "clean": (3,),
        "long_text": (2,),
        "required_text": (2,),
        "regular_bytes": (3,),
        "_Stop": (2,),
    },
    "help": {"help_for": None, "help_text": None},
    "click": {"_": None, "ngettext": (1, 2)},
}
_TEMPLATES = {"messages": {"t": None}, "help": {}, "click": {}}

Id = str | tuple[str, str]


# Click's words it hands to gettext through a variable, which extraction cannot see: an
# option's "[required]" (Option.get_help_extra, then `_(extra["required"])`).
_CLICK_BY_VALUE = ("required",)


def _found(domain: str) -> Iterator[Id]:
    if domain == "click":
        yield from _ids(Path(click.__file__).parent, [("**.py", "python")], _KEYWORDS[domain])
        yield from _CLICK_BY_VALUE
        return
    yield from _ids(ROOT, [("**.py", "python")], _KEYWORDS[domain])
    templates = [("**/templates/**", "jinja2.ext:babel_extract")]
    if _TEMPLATES[domain]:
        yield from _ids(ROOT, templates, _TEMPLATES[domain])


def _ids(folder: Path, methods: list[tuple[str, str]], keywords: dict[str, Any]) -> list[Id]:
    options = {"**/templates/**": {"trim_blocks": "true", "lstrip_blocks": "true"}}
    with contextlib.redirect_stderr(io.StringIO()) as said:
        found = extract_from_dir(str(folder), methods, options, keywords=keywords, comment_tags=())
        ids = [message for _, _, message, _, _ in found]
    # Babel warns of every f-string in a call it reads, though here one is only ever another
    # argument than the key (a fault's place, say): that warning says nothing.
    for line in said.getvalue().splitlines():
        if "Skipping f-string" not in line:
            print(line, file=sys.stderr)
    return ids


def extracted(domain: str) -> set[Id]:
    """The ids of `domain` that the code uses."""
    return set(_found(domain))


def po_path(domain: str, lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"


def read(domain: str, lang: str) -> Catalog:
    with po_path(domain, lang).open("rb") as file:
        return read_po(file, locale=lang, domain=domain)


def write(catalog: Catalog, domain: str, lang: str) -> None:
    """The .po as the catalogues keep it (sorted, without source lines, so that merges stay
    clean), and its .mo beside it."""
    path = po_path(domain, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, catalog, width=0, no_location=True, sort_output=True)
    with path.with_suffix(".mo").open("wb") as file:
        write_mo(file, catalog)


def compiled(domain: str, lang: str) -> bytes:
    """What the .po of `domain` in `lang` compiles to."""
    out = io.BytesIO()
    write_mo(out, read(domain, lang))
    return out.getvalue()


def update() -> None:
    for domain in DOMAINS:
        ids = extracted(domain)
        for lang in LANGS:
            catalog = read(domain, lang)
            for message in list(catalog):
                if message.id and message.id not in ids:
                    del catalog[message.id]
            for id_ in ids - {message.id for message in catalog}:
                catalog.add(id_, ("", "") if isinstance(id_, tuple) else "")
            write(catalog, domain, lang)
            empty = [message.id for message in catalog if message.id and not message.string]
            for id_ in sorted(map(str, empty)):
                print(f"{domain} {lang}: no text yet for {id_}", file=sys.stderr)


if __name__ == "__main__":
    update()

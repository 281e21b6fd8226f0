"""What a person typed in a form, to show again in its fields: after the form was refused, or
after they signed in anew; never over what someone else saved meanwhile."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from plg.engine.inputs import text_key

# The hidden field that names the form a post came from, and the prefix of the hidden fields
# that carry what the page showed in a field when it was loaded.
FORM = "form"
SHOWN = "shown:"


@dataclass(frozen=True)
class Typed:
    """What a person sent in one form of a page (`form`, its id), to put back into that form's
    fields when the page is shown to them again: after the form was refused, or after they
    signed in anew. A field whose form also carries what the page showed in it (`shown:NAME`)
    counts as typed only where the person changed it; elsewhere the page shows what is saved
    now, so that a form sent again undoes no one's work."""

    form: str = ""
    values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def sent(cls, pairs: Iterable[tuple[str, object]]) -> Typed:
        """From a form's fields as sent; files are left out (no browser takes one back), and
        so is the token, which the page gives anew."""
        values: dict[str, list[str]] = {}
        for name, value in pairs:
            if isinstance(value, str) and name != "csrf":
                values.setdefault(name, []).append(value)
        form = values.pop(FORM, [""])[0]
        return cls(form, {name: tuple(sent) for name, sent in values.items()})

    def on(self, form: str) -> bool:
        """Whether the person typed in `form`."""
        return bool(form) and form == self.form

    def text(self, form: str, name: str, saved: str) -> str:
        """What a field shows: what the person typed in it, else `saved`."""
        typed = self._changed(form, name)
        return saved if typed is None else typed

    def picked(self, form: str, name: str, value: str, saved: bool) -> bool:
        """Whether a box (or an option) shows chosen: as the person left it, else `saved`."""
        if not self.on(form):
            return saved
        chosen = value in self.values.get(name, ())
        shown = self.values.get(SHOWN + name)
        return saved if shown is not None and chosen == (value in shown) else chosen

    def theirs(self, form: str, name: str, saved: str) -> str | None:
        """What someone else saved in a field this person changed, while their page was open:
        `saved`, where it is neither what the page showed them nor what they typed."""
        typed, shown = self._changed(form, name), self.values.get(SHOWN + name)
        if typed is None or shown is None or text_key(saved) == text_key(typed):
            return None
        return saved if text_key(saved) != text_key(shown[0]) else None

    def _changed(self, form: str, name: str) -> str | None:
        """What the person typed in a field of `form`, unless it is what the page showed."""
        if not self.on(form) or name not in self.values:
            return None
        typed, shown = self.values[name][0], self.values.get(SHOWN + name)
        return None if shown is not None and text_key(typed) == text_key(shown[0]) else typed


# A page shown without a form's values to put back.
NOTHING_TYPED = Typed()

"""Every text a person reads that is not part of a method definition, from gettext catalogues.

The catalogues are under plg/locale/LANG/LC_MESSAGES, one per language and domain:
`messages` (the engine's, the page's and the CLI's words: errors, labels, confirmations),
`help` (the command line's help texts) and `click` (Click's own words, such as "Usage:").
In `messages` and `help` a message id is a key, such as `team_unknown`, so that an error
can carry its key and be worded late, in the reader's language; a text's placeholders are
named, as in `{team}`. docs/translations.md says how to add a text and update the catalogues.

The compiled catalogues (.mo) are committed beside their sources (.po), and a test checks that
they agree: a clone works without a build step, and loading one is a read of a file.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from plg.langs import Lang

LOCALE = Path(__file__).with_name("locale")
DOMAINS = ("messages", "help", "click")


class _Unknown(gettext.NullTranslations):
    """Behind a catalogue: an id it lacks is a fault of plg's, not a text to show."""

    def gettext(self, message: str) -> str:
        raise KeyError(message)


@cache
def catalogue(domain: str, lang: Lang) -> gettext.GNUTranslations:
    """The compiled catalogue of `domain` in `lang`, read once per process."""
    with (LOCALE / lang / "LC_MESSAGES" / f"{domain}.mo").open("rb") as file:
        translations = gettext.GNUTranslations(file)
    translations.add_fallback(_Unknown())
    return translations


def t(key: str, lang: Lang, /, **params: object) -> str:
    """The text for `key` in `lang`, with its placeholders filled in; KeyError if none."""
    return catalogue("messages", lang).gettext(key).format(**params)


def N_(key: str) -> str:
    """`key` itself: marks a message id kept for later (in a table, a condition), so that the
    extraction of the catalogues' ids sees it."""
    return key


def _words(prefix: str, *keys: str) -> dict[str, str]:
    """Each value's key: the value is the key without `prefix`."""
    return {key.removeprefix(prefix): key for key in keys}


# The words for the values plg stores and shows, as literal tables: extraction finds every key
# here, where a key put together at run time (`role_` + role) would escape it.
ROLE_WORDS = _words(
    "role_", N_("role_leader"), N_("role_member"), N_("role_facilitator"), N_("role_expert")
)
# A person's functions at their school, in the order a list shows them (plg.engine.inputs).
FUNCTION_WORDS = _words(
    "function_",
    N_("function_teacher"),
    N_("function_ib"),
    N_("function_director"),
    N_("function_school_leader"),
    N_("function_assistant"),
    N_("function_specialist"),
    N_("function_coordinator"),
)
# What an import does with a row, and the fields it may change (plg.engine.staff).
IMPORT_OUTCOME_WORDS = _words(
    "import_outcome_",
    N_("import_outcome_add"),
    N_("import_outcome_update"),
    N_("import_outcome_same"),
    N_("import_outcome_problem"),
)
IMPORT_FIELD_WORDS = _words(
    "import_field_",
    N_("import_field_name"),
    N_("import_field_email"),
    N_("import_field_school"),
    N_("import_field_functions"),
)
STATUS_WORDS = _words("status_", N_("status_open"), N_("status_accepted"), N_("status_rejected"))
MEETING_KIND_WORDS = _words(
    "kind_", N_("kind_meeting"), N_("kind_start"), N_("kind_development"), N_("kind_evaluation")
)
CHARTER_WORDS = _words(
    "charter_",
    N_("charter_deliverable"),
    N_("charter_question"),
    N_("charter_known"),
    N_("charter_sources"),
    N_("charter_expertise"),
    N_("charter_experience"),
    N_("charter_try_first"),
    N_("charter_tracking"),
)
EVENT_WORDS = _words(
    "event_",
    N_("event_start"),
    N_("event_advance"),
    N_("event_force"),
    N_("event_tick"),
    N_("event_untick"),
    N_("event_approve"),
    N_("event_deadline"),
    N_("event_migrate"),
    N_("event_artefact"),
    N_("event_evidence"),
    N_("event_join"),
    N_("event_leave"),
    N_("event_charter"),
    N_("event_needs"),
    N_("event_hypothesis"),
    N_("event_verdict"),
    N_("event_meeting"),
    N_("event_pupil"),
    N_("event_prediction"),
    N_("event_observation"),
    N_("event_rename"),
    N_("event_archive"),
    N_("event_unarchive"),
    N_("event_meeting_edit"),
    N_("event_remove_meeting"),
    N_("event_remove_artefact"),
    N_("event_remove_evidence"),
    N_("event_restore_meeting"),
    N_("event_restore_artefact"),
    N_("event_restore_evidence"),
    N_("event_purge"),
)
ACTION_WORDS = _words(
    "act_",
    N_("act_tick"),
    N_("act_record"),
    N_("act_advance"),
    N_("act_force"),
    N_("act_migrate"),
    N_("act_deadline"),
    N_("act_members"),
    N_("act_charter"),
    N_("act_hypothesis"),
    N_("act_meeting"),
    N_("act_rename"),
    N_("act_archive"),
    N_("act_approve"),
    N_("act_start"),
    N_("act_organisation"),
    N_("act_settings"),
    N_("act_project_leaders"),
)
# A move made by a verdict on the open hypothesis: in a method's reference, on the web page,
# and in the refusal of `advance` with it.
FIRED_BY_WORDS = _words("fired_by_", N_("fired_by_accepted"), N_("fired_by_rejected"))
WEB_MOVE_BY_WORDS = _words("web_move_by_", N_("web_move_by_accepted"), N_("web_move_by_rejected"))
TRIGGER_BY_KEYS = _words("trigger_by_", N_("trigger_by_accepted"), N_("trigger_by_rejected"))
WEB_VERDICT_KEYS = _words(
    "web_hypothesis_", N_("web_hypothesis_accepted"), N_("web_hypothesis_rejected")
)
# A record's category, a team's status and flags, said as a word; and a category's records.
VALUE_WORDS = {
    value: value
    for value in (
        N_("artefact"),
        N_("evidence"),
        N_("active"),
        N_("completed"),
        N_("stalled"),
        N_("overdue"),
        N_("archived"),
    )
}
WEB_RECORD_WORDS = {"artefact": N_("web_artefacts"), "evidence": N_("web_evidences")}
# The tables a template reads, as `words.roles` and so on.
WORDS = {
    "roles": ROLE_WORDS,
    "functions": FUNCTION_WORDS,
    "import_outcomes": IMPORT_OUTCOME_WORDS,
    "statuses": STATUS_WORDS,
    "meeting_kinds": MEETING_KIND_WORDS,
    "fired_by": FIRED_BY_WORDS,
    "web_move_by": WEB_MOVE_BY_WORDS,
    "value": VALUE_WORDS,
    "web_records": WEB_RECORD_WORDS,
}

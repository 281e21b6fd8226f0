"""What a team agrees, decides and spends: its charter, its hypothesis register, its meetings
and the hours they give each person, and lesson study's case pupils."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click

from plg.cli import display
from plg.cli.base import (
    DATE,
    F,
    PlgCommand,
    PlgGroup,
    Settings,
    done,
    help_for,
    json_option,
    pass_settings,
    say,
    show,
    warn,
)
from plg.engine.inputs import CHARTER_QUESTIONS, MEETING_KINDS
from plg.storage.schema import LARGEST_ID
from plg.texts import CHARTER_WORDS, STATUS_WORDS, t

if TYPE_CHECKING:
    from plg.present.views import PupilView


@click.group(cls=PlgGroup, help=help_for("charter"))
def charter() -> None:
    pass


@charter.command("show", help=help_for("charter_show"))
@click.argument("team_name", metavar="TEAM")
@json_option
@pass_settings
def charter_show(settings: Settings, team_name: str, as_json: bool) -> None:
    show(settings, as_json, settings.engine().charter(team_name), display.charter)


_QUESTION_HELP = {
    "deliverable": help_for("charter_deliverable"),
    "question": help_for("charter_question"),
    "known": help_for("charter_known"),
    "sources": help_for("charter_sources"),
    "expertise": help_for("charter_expertise"),
    "experience": help_for("charter_experience"),
    "try_first": help_for("charter_try_first"),
    "tracking": help_for("charter_tracking"),
}


def _question_options(command: F) -> F:
    for key in reversed(CHARTER_QUESTIONS):
        option = f"--{key.replace('_', '-')}"
        command = click.option(option, key, help=_QUESTION_HELP[key])(command)
    return command


@charter.command("set", help=help_for("charter_set"))
@click.argument("team_name", metavar="TEAM")
@_question_options
@click.option("--deadline", type=DATE, metavar="YYYY-MM-DD", help=help_for("deadline_opt"))
@json_option
@pass_settings
def charter_set(
    settings: Settings,
    /,
    team_name: str,
    deadline: date | None,
    as_json: bool,
    **answers: str | None,
) -> None:
    given = {key: value for key, value in answers.items() if value is not None}
    view = settings.engine().set_charter(team_name, given, deadline)
    show(settings, as_json, view, display.charter)
    warn(view.warnings)


@charter.command("needs", help=help_for("charter_needs_cmd"))
@click.argument("team_name", metavar="TEAM")
@click.argument("person")
@click.argument("needs")
@json_option
@pass_settings
def charter_needs(
    settings: Settings, team_name: str, person: str, needs: str, as_json: bool
) -> None:
    view = settings.engine().set_need(team_name, person, needs)
    done(settings, as_json, view, "done_charter", team=view.team)


def _day(text: str) -> date | None:
    # A date that cannot be is asked for again (click.prompt does, on BadParameter): the
    # answers typed before it are kept.
    return DATE.convert(text, None, click.get_current_context()) if text.strip() else None


def ask_charter(settings: Settings, team_name: str, *, with_deadline: bool) -> None:
    """Ask the charter's questions one by one (Enter skips one) and save what was answered."""
    lang = settings.lang
    answers = {
        key: click.prompt(t(CHARTER_WORDS[key], lang), default="", show_default=False)
        for key in CHARTER_QUESTIONS
    }
    deadline = (
        click.prompt(
            f"{t('charter_deadline', lang)} (YYYY-MM-DD)",
            default="",
            show_default=False,
            value_proc=_day,
        )
        if with_deadline
        else None
    )
    given = {key: value for key, value in answers.items() if value.strip()}
    if given or deadline:
        display.charter(settings.engine().set_charter(team_name, given, deadline), lang)


@click.group(cls=PlgGroup, help=help_for("hypothesis"))
def hypothesis() -> None:
    pass


@hypothesis.command("add", help=help_for("hypothesis_add"))
@click.argument("team_name", metavar="TEAM")
@click.argument("text", metavar="HYPOTHESIS")
@json_option
@pass_settings
def hypothesis_add(settings: Settings, team_name: str, text: str, as_json: bool) -> None:
    added = settings.engine().propose(team_name, text)
    done(settings, as_json, added, "done_hypothesis", number=added.number, team=team_name)


@hypothesis.command("list", help=help_for("hypothesis_list"))
@click.argument("team_name", metavar="TEAM")
@json_option
@pass_settings
def hypothesis_list(settings: Settings, team_name: str, as_json: bool) -> None:
    show(settings, as_json, settings.engine().hypotheses(team_name), display.hypotheses)


def _decide(verdict: str, help_key: str) -> click.Command:
    @click.argument("team_name", metavar="TEAM")
    @click.option("--verdict", "reasoning", required=True, help=help_for("verdict_opt"))
    @click.option("--data", help=help_for("data_opt"))
    @json_option
    @pass_settings
    def decide(
        settings: Settings, team_name: str, reasoning: str, data: str | None, as_json: bool
    ) -> None:
        decision = settings.engine().decide(
            team_name, "accepted" if verdict == "accepted" else "rejected", reasoning, data
        )
        if as_json:
            display.emit_json(decision.to_json())
            return
        number, status = decision.hypothesis.number, t(STATUS_WORDS[verdict], settings.lang)
        click.echo(t("done_verdict", settings.lang, number=number, status=status))
        if decision.team is not None:
            display.moved(decision.team, settings.lang)

    return click.command(cls=PlgCommand, help=help_key)(decide)


hypothesis.add_command(_decide("accepted", help_for("hypothesis_accepted")), "accept")
hypothesis.add_command(_decide("rejected", help_for("hypothesis_rejected")), "reject")


@click.group(cls=PlgGroup, help=help_for("meeting"))
def meeting() -> None:
    pass


@meeting.command("add", help=help_for("meeting_add"))
@click.argument("team_name", metavar="TEAM")
@click.option(
    "--date",
    "held_on",
    type=DATE,
    metavar="YYYY-MM-DD",
    required=True,
    help=help_for("meeting_date_opt"),
)
@click.option("--length", required=True, metavar="90|1h30|1.5h", help=help_for("length_opt"))
@click.option("--attendee", "attendees", multiple=True, help=help_for("attendee_opt"))
@click.option(
    "--kind",
    default="meeting",
    show_default=True,
    metavar="|".join(MEETING_KINDS),
    help=help_for("meeting_kind_opt"),
)
@click.option("--agenda", help=help_for("agenda_opt"))
@click.option("--notes", help=help_for("notes_opt"))
@json_option
@pass_settings
def meeting_add(
    settings: Settings,
    team_name: str,
    held_on: date,
    length: str,
    attendees: tuple[str, ...],
    kind: str,
    agenda: str | None,
    notes: str | None,
    as_json: bool,
) -> None:
    from plg.engine.inputs import minutes_of

    added = settings.engine().add_meeting(
        team_name,
        held_on,
        minutes_of(length),
        attendees,
        kind=kind,
        agenda=agenda,
        notes=notes,
    )
    done(
        settings,
        as_json,
        added,
        "done_meeting",
        day=added.held_on,
        minutes=added.minutes,
        count=len(added.attendees),
    )
    warn(added.warnings)


@meeting.command("list", help=help_for("meeting_list"))
@click.argument("team_name", metavar="TEAM")
@click.option("--removed", is_flag=True, help=help_for("removed_opt"))
@json_option
@pass_settings
def meeting_list(settings: Settings, team_name: str, removed: bool, as_json: bool) -> None:
    show(
        settings, as_json, settings.engine().meetings(team_name, removed=removed), display.meetings
    )


@meeting.command("edit", help=help_for("meeting_edit"))
@click.argument("team_name", metavar="TEAM")
@click.argument("meeting_id", metavar="MEETING", type=click.IntRange(1, LARGEST_ID))
@click.option(
    "--date", "held_on", type=DATE, metavar="YYYY-MM-DD", help=help_for("meeting_date_opt")
)
@click.option("--length", metavar="90|1h30|1.5h", help=help_for("length_opt"))
@click.option("--attendee", "attendees", multiple=True, help=help_for("attendees_edit_opt"))
@click.option("--kind", metavar="|".join(MEETING_KINDS), help=help_for("meeting_kind_opt"))
@click.option("--agenda", help=help_for("agenda_edit_opt"))
@click.option("--notes", help=help_for("notes_edit_opt"))
@json_option
@pass_settings
def meeting_edit(
    settings: Settings,
    team_name: str,
    meeting_id: int,
    held_on: date | None,
    length: str | None,
    attendees: tuple[str, ...],
    kind: str | None,
    agenda: str | None,
    notes: str | None,
    as_json: bool,
) -> None:
    from plg.engine.inputs import minutes_of
    from plg.engine.meetings import MeetingFields

    wanted = MeetingFields(
        held_on=held_on,
        minutes=minutes_of(length) if length is not None else None,
        kind=kind,
        attendees=attendees or None,
        agenda=agenda,
        notes=notes,
    )
    if wanted == MeetingFields():
        raise click.UsageError(t("meeting_edit_usage", settings.lang))
    edited = settings.engine().edit_meeting(team_name, meeting_id, wanted)
    done(settings, as_json, edited, "done_meeting_edited", id=edited.id, day=edited.held_on)


@meeting.command("remove", help=help_for("meeting_remove"))
@click.argument("team_name", metavar="TEAM")
@click.argument("meeting_id", metavar="MEETING", type=click.IntRange(1, LARGEST_ID))
@click.option("--reason", required=True, help=help_for("mend_reason_opt"))
@json_option
@pass_settings
def meeting_remove(
    settings: Settings, team_name: str, meeting_id: int, reason: str, as_json: bool
) -> None:
    removed = settings.engine().remove_meeting(team_name, meeting_id, reason)
    done(settings, as_json, removed, "done_meeting_removed", id=removed.id, day=removed.held_on)


@meeting.command("restore", help=help_for("meeting_restore"))
@click.argument("team_name", metavar="TEAM")
@click.argument("meeting_id", metavar="MEETING", type=click.IntRange(1, LARGEST_ID))
@json_option
@pass_settings
def meeting_restore(settings: Settings, team_name: str, meeting_id: int, as_json: bool) -> None:
    restored = settings.engine().restore_meeting(team_name, meeting_id)
    done(settings, as_json, restored, "done_meeting_restored", id=restored.id, day=restored.held_on)


# A group that answers itself too: `plg hours` shows them, `plg hours approve` approves them.
@click.group(cls=PlgGroup, help=help_for("hours"), invoke_without_command=True)
@click.option("--person", help=help_for("hours_person_opt"))
@click.option("--year", metavar="2025|2025-2026", help=help_for("year_opt"))
@json_option
@pass_settings
@click.pass_context
def hours(
    ctx: click.Context, settings: Settings, person: str | None, year: str | None, as_json: bool
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from plg.engine.inputs import school_year_of

    view = settings.engine().hours(person, school_year_of(year) if year else None)
    show(settings, as_json, view, display.hours)


@hours.command("approve", help=help_for("hours_approve"))
@click.argument("person")
@click.option("--year", metavar="2025|2025-2026", help=help_for("year_opt"))
@json_option
@pass_settings
def hours_approve(settings: Settings, person: str, year: str | None, as_json: bool) -> None:
    from plg.engine.inputs import school_year_of

    approved = settings.engine().approve_hours(person, school_year_of(year) if year else None)
    done(
        settings,
        as_json,
        approved,
        "done_hours_approved",
        person=person.strip(),
        hours=f"{approved.hours:.1f}",
    )


@click.group(cls=PlgGroup, help=help_for("pupil"))
def pupil() -> None:
    pass


_lesson_option = click.option(
    "--lesson", type=click.IntRange(1, LARGEST_ID), help=help_for("lesson_opt")
)


@pupil.command("add", help=help_for("pupil_add"))
@click.argument("team_name", metavar="TEAM")
@click.argument("pseudonym")
@click.option("--stands-for", required=True, help=help_for("stands_for_opt"))
@click.option("--observer", help=help_for("observer_opt"))
@_lesson_option
@json_option
@pass_settings
def pupil_add(
    settings: Settings,
    team_name: str,
    pseudonym: str,
    stands_for: str,
    observer: str | None,
    lesson: int | None,
    as_json: bool,
) -> None:
    added = settings.engine().add_pupil(team_name, pseudonym, stands_for, observer, lesson)
    _pupil_saved(settings, as_json, added)


def _pupil_saved(settings: Settings, as_json: bool, saved: PupilView) -> None:
    """Confirm a case pupil's pseudonym, with a warning where it looks like a real name."""
    from plg.engine.pupils import looks_like_a_name

    if looks_like_a_name(saved.pseudonym):
        say(settings, "pseudonym_warning", pseudonym=saved.pseudonym)
    done(settings, as_json, saved, "done_pupil", pseudonym=saved.pseudonym, lesson=saved.lesson)


def _note_command(kind: str, help_key: str) -> click.Command:
    @click.argument("team_name", metavar="TEAM")
    @click.argument("pseudonym")
    @click.option("--stage", required=True, help=help_for("stage_opt"))
    @click.argument("text", metavar="RESPONSE")
    @_lesson_option
    @json_option
    @pass_settings
    def note(
        settings: Settings,
        team_name: str,
        pseudonym: str,
        stage: str,
        text: str,
        lesson: int | None,
        as_json: bool,
    ) -> None:
        noted = settings.engine().note_pupil(team_name, pseudonym, stage, text, kind, lesson)
        done(settings, as_json, noted, "done_note", pseudonym=noted.pseudonym, stage=stage)

    return click.command(cls=PlgCommand, help=help_key)(note)


pupil.add_command(_note_command("prediction", help_for("pupil_prediction")), "predict")
pupil.add_command(_note_command("observation", help_for("pupil_observation")), "observe")


@pupil.command("rename", help=help_for("pupil_rename"))
@click.argument("team_name", metavar="TEAM")
@click.argument("pseudonym")
@click.argument("new")
@_lesson_option
@json_option
@pass_settings
def pupil_rename(
    settings: Settings,
    team_name: str,
    pseudonym: str,
    new: str,
    lesson: int | None,
    as_json: bool,
) -> None:
    _pupil_saved(
        settings, as_json, settings.engine().rename_pupil(team_name, pseudonym, new, lesson)
    )


@pupil.command("list", help=help_for("pupil_list"))
@click.argument("team_name", metavar="TEAM")
@_lesson_option
@json_option
@pass_settings
def pupil_list(settings: Settings, team_name: str, lesson: int | None, as_json: bool) -> None:
    show(settings, as_json, settings.engine().pupils(team_name, lesson), display.pupils)

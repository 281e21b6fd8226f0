"""How the CLI shows the engine's views to people: rich tables on stdout."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from plg.cli.remedies import REMEDIES
from plg.errors import advised
from plg.langs import Lang
from plg.texts import (
    FIRED_BY_WORDS,
    FUNCTION_WORDS,
    MEETING_KIND_WORDS,
    N_,
    ROLE_WORDS,
    STATUS_WORDS,
    VALUE_WORDS,
    t,
)

if TYPE_CHECKING:
    from rich.console import Console

    from plg.engine.invitations import AccountStatus
    from plg.methods.definition import MethodDefinition
    from plg.methods.registry import Available, Broken, Source
    from plg.present.views import (
        CharterView,
        DirectorView,
        EventView,
        HoursApproved,
        HoursView,
        HypothesisView,
        ImportView,
        MeetingView,
        MemberView,
        Overview,
        PersonView,
        PupilView,
        RecordView,
        Removal,
        SchoolPageView,
        SchoolView,
        TeamRow,
        TeamView,
    )


# Narrower than this, a table of every column wraps each cell over many lines.
_WIDE = 120
# The width of tables written to a pipe or a file.
PIPE_WIDTH = 250


def console() -> Console:
    import rich.console

    # With no file given, rich writes to whatever sys.stdout is at print time, which is what
    # click's test runner captures. In a pipe or file, rows are not wrapped at 80 columns.
    width = None if sys.stdout.isatty() else PIPE_WIDTH
    # No markup: names and texts people typed ('[/]' in a team's name) are printed as typed.
    return rich.console.Console(highlight=False, markup=False, soft_wrap=True, width=width)


@contextmanager
def progress(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr for long work, told (done, total); none outside a terminal."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    import rich.console
    import rich.progress

    with rich.progress.Progress(console=rich.console.Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def emit_json(data: Any) -> None:
    from plg.present.views import json_bytes

    # Indented for a person at a terminal, compact in a pipe.
    click.echo(json_bytes(data, indent=sys.stdout.isatty()).decode())


def emit_overview_json(view: Overview) -> None:
    """The overview's JSON, the rows a thousand at a time: encoding 100,000 rows in one go would
    hold all their text at once, which the command's memory goal has no room for."""
    from plg.present.views import json_bytes

    if sys.stdout.isatty():
        emit_json(view.to_json())  # indented for a person, as every other command's JSON
        return
    sys.stdout.flush()  # the bytes below go past the text layer
    out = sys.stdout.buffer
    rows = view.teams
    out.write(b'{"teams":[')
    for start in range(0, len(rows), 1000):
        out.write((b"," if start else b"") + json_bytes(rows[start : start + 1000])[1:-1])
    out.write(b"]," + json_bytes(view.summary_json())[1:] + b"\n")
    out.flush()


def table(
    lang: Lang,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    title: str = "",
    empty: str = "",
) -> None:
    """A table with the `columns` (message keys); with no rows, the `empty` message instead,
    on stderr, so that stdout stays empty for scripts."""
    rows = list(rows)
    if not rows and empty:
        nothing(empty, lang)
        return
    from rich.table import Table

    grid = Table(title=title or None, title_justify="left", show_lines=False)
    for key in columns:
        grid.add_column(t(key, lang))
    for row in rows:
        grid.add_row(*("" if cell is None else str(cell) for cell in row))
    console().print(grid)


def nothing(key: str, lang: Lang) -> None:
    """Say that a list is empty (on stderr), and what to type to fill it, where the CLI's
    remedies say; the page shows the same words without them."""
    click.echo(advised(key, lang, REMEDIES), err=True)


def _step(row: TeamRow) -> str:
    filled = round(8 * row.phase_index / row.phase_count)
    return f"{row.phase_index}/{row.phase_count} {'█' * filled}{'░' * (8 - filled)}"


def _status(row: TeamRow, lang: Lang) -> str:
    flags = [
        t(VALUE_WORDS[flag], lang)
        for flag in ("archived", "stalled", "overdue")
        if getattr(row, flag)
    ]
    return ", ".join(flags) or t(VALUE_WORDS[row.status], lang)


def teams(rows: Sequence[TeamRow], lang: Lang) -> None:
    table(
        lang,
        [
            N_("col_team"),
            N_("col_method"),
            N_("col_step"),
            N_("col_phase"),
            N_("col_status"),
            N_("col_schools"),
        ],
        [
            (
                r.name,
                r.method_title,
                _step(r),
                r.phase_title,
                _status(r, lang),
                ", ".join(r.schools),
            )
            for r in rows
        ],
        empty=N_("no_teams"),
    )


def overview(view: Overview, lang: Lang) -> None:
    if not view.teams:
        nothing("no_teams", lang)
        return
    if console().width < _WIDE:
        # A terminal of 80 columns: what a team is at, with its step beside its phase; the
        # methods' counts follow below, the rest is in `plg team show`.
        table(
            lang,
            [N_("col_team"), N_("col_schools"), N_("col_phase"), N_("col_status")],
            [
                (
                    r.name,
                    ", ".join(r.schools),
                    f"{r.phase_index}/{r.phase_count} {r.phase_title}",
                    _status(r, lang),
                )
                for r in view.teams
            ],
        )
    else:
        table(
            lang,
            [
                N_("col_team"),
                N_("col_schools"),
                N_("col_method"),
                N_("col_step"),
                N_("col_phase"),
                "counters",
                N_("col_status"),
                N_("col_last"),
            ],
            [
                (
                    r.name,
                    ", ".join(r.schools),
                    r.method_title,
                    _step(r),
                    r.phase_title,
                    _counters(r.counters, view.counter_titles.get(r.method, {})),
                    _status(r, lang),
                    r.last_activity.date().isoformat(),
                )
                for r in view.teams
            ],
        )
    table(
        lang,
        [N_("col_method"), N_("col_count")],
        [(view.methods[method][0], count) for method, count in view.counts("method").items()],
    )


def _counters(counters: dict[str, int], titles: dict[str, str]) -> str:
    return ", ".join(f"{titles.get(key, key)} {value}" for key, value in counters.items())


def team(view: TeamView, lang: Lang) -> None:
    row, out = view.row, console()
    out.print(row.name, style="bold", end="")
    out.print(f" · {row.method_title} {row.method_version}")
    out.print(f"{t('col_phase', lang)}: {row.phase_title} ({_step(row)}) · {_status(row, lang)}")
    if row.schools:
        out.print(f"{t('col_schools', lang)}: {', '.join(row.schools)}")
    counters = _counters(row.counters, view.counter_titles)
    out.print(t("counters", lang) + ": " + (counters or t("none", lang)))
    out.print(t("col_checklist", lang) + f": {view.checklist.done}/{len(view.checklist.items)}")
    for item in view.checklist.items:
        mark = "x" if item.done else " "
        out.print(f"  [{mark}] {item.id}: {item.text}")
    out.print(t("triggers_now", lang) + ":")
    for move in view.moves:
        # A move a verdict makes is not `plg advance`'s to make, ready or not.
        state = "·" if move.fired_by or not move.ready else "✓"
        # The trigger as `plg advance` takes it; where the move has a meaning of its own, that.
        meaning = f": {move.title}" if move.title != move.dest_title else ""
        made_by = f" ({t(FIRED_BY_WORDS[move.fired_by], lang)})" if move.fired_by else ""
        line = f"  {state} {move.trigger} → {move.dest_title}{meaning}{made_by}"
        out.print(line)
        for reason in move.blocking:
            out.print(f"      {reason}")


def methods(available: Sequence[Available], broken: Sequence[Broken], lang: Lang) -> None:
    from plg.methods.registry import problem_text

    table(
        lang,
        [N_("col_id"), N_("col_version"), N_("col_title"), N_("col_source")],
        [
            *(
                (m.definition.id, m.definition.version, m.definition.title(lang), m.source)
                for m in available
            ),
            *(
                ("-", "-", t("broken", lang) + f": {problem_text(b.reason, lang)}", b.name)
                for b in broken
            ),
        ],
    )


def sources(found: Sequence[Source], lang: Lang) -> None:
    from plg.methods.registry import problem_text

    table(
        lang,
        [N_("col_source"), N_("col_kind"), N_("col_version"), N_("col_provides"), N_("col_status")],
        [
            (
                s.name,
                s.kind,
                s.version,
                ", ".join([*s.methods, *(f"guard {g}" for g in s.guards)]),
                t("broken", lang) + f": {'; '.join(problem_text(p, lang) for p in s.problems)}"
                if s.problems
                else "ok",
            )
            for s in found
        ],
    )


def method(definition: MethodDefinition, lang: Lang) -> None:
    from plg.present.rows import Names

    out = console()
    out.print(definition.title(lang), style="bold", end="")
    out.print(f" ({definition.id} {definition.version})")
    out.print(definition.description(lang))
    names = Names(definition, lang)
    for number, phase in enumerate(definition.phases, 1):
        out.print(f"\n{number}. {phase.title(lang)}", style="bold", end="")
        out.print(f" ({phase.id})")
        out.print(f"   {phase.guidance(lang)}")
        for item in phase.checklist:
            ticked = definition.satisfied_how(item, lang)
            how = f" · {ticked} ({item.satisfied_by})" if ticked else ""
            need = "" if item.required else f" ({t('optional', lang)})"
            out.print(f"   [ ] {item.id}: {item.text(lang)}{need}{how}")
    table(
        lang,
        [N_("col_trigger"), N_("col_from"), N_("col_to"), N_("col_title")],
        [
            (
                tr.trigger,
                names.phase(tr.source),
                names.phase(tr.dest),
                tr.title(lang) if tr.title else "",
            )
            for tr in definition.transitions
        ],
        title=t("transitions", lang),
    )


def history(events: Sequence[EventView], lang: Lang) -> None:
    from plg.present.story import event_text

    # In 80 columns the phase it came from goes: the phase it went to, and the event's own
    # words, say what happened.
    wide = console().width >= _WIDE
    table(
        lang,
        [
            N_("col_when"),
            N_("col_who"),
            N_("col_what"),
            *([N_("col_from")] if wide else []),
            N_("col_to"),
            N_("col_reason"),
        ],
        [
            (
                e.at.strftime("%Y-%m-%d %H:%M"),
                e.actor,
                event_text(e, lang),
                *([e.source_title] if wide else []),
                e.dest_title,
                e.reason,
            )
            for e in events
        ],
    )


def users(rows: Sequence[AccountStatus], lang: Lang) -> None:
    table(
        lang,
        [
            N_("col_account"),
            N_("col_school"),
            N_("col_lang"),
            N_("col_project_leader"),
            N_("col_status"),
        ],
        [
            (
                r.account.person,
                r.account.school,
                r.account.lang,
                t("yes", lang) if r.account.project_leader else "",
                _account_state(r, lang),
            )
            for r in rows
        ],
        empty=N_("no_users"),
    )


def _account_state(status: AccountStatus, lang: Lang) -> str:
    """Whether the person chose a password, or still waits to, and until when their link holds."""
    if status.has_password:
        return t("web_account_active", lang)
    if status.invited_until is not None:
        until = status.invited_until.strftime("%Y-%m-%d %H:%M")
        return t("web_account_invited", lang, until=until)
    return t("web_account_link_void", lang)


def lines(items: Sequence[str], lang: Lang) -> None:
    for item in items:
        click.echo(item)


def pairs(values: dict[str, str], lang: Lang) -> None:
    for key, value in values.items():
        click.echo(f"{key} = {value}")


def schools(rows: Sequence[SchoolView], lang: Lang) -> None:
    table(
        lang,
        [N_("col_school"), N_("col_code"), N_("col_count"), N_("col_people")],
        [(s.name, s.code or "", s.teams, s.people) for s in rows],
        empty=N_("no_schools"),
    )


def _functions(functions: Sequence[str], lang: Lang) -> str:
    return ", ".join(t(FUNCTION_WORDS[key], lang) for key in functions)


def people(rows: Sequence[PersonView], lang: Lang) -> None:
    table(
        lang,
        [N_("col_person"), N_("col_email"), N_("col_school"), N_("col_functions")],
        [(p.name, p.email or "", p.school or "", _functions(p.functions, lang)) for p in rows],
        empty=N_("no_people"),
    )


def person(view: PersonView, lang: Lang) -> None:
    fields = [
        (N_("col_person"), view.name),
        (N_("col_email"), view.email or ""),
        (N_("col_school"), view.school or ""),
        (N_("col_functions"), _functions(view.functions, lang)),
    ]
    out = console()
    for key, value in fields:
        out.print(f"{t(key, lang)}: {value}")


def staff_import(view: ImportView, lang: Lang) -> None:
    """An import's rows, each with what becomes of it or its problems, and the totals."""
    table(
        lang,
        [N_("col_line"), N_("col_person"), N_("col_email"), N_("col_school"), N_("col_outcome")],
        [
            (
                row.line,
                row.name,
                row.email or "",
                row.school or "",
                row.said(lang),
            )
            for row in view.rows
        ],
        empty=N_("import_no_rows"),
    )
    click.echo(
        t(
            "import_totals",
            lang,
            added=view.count("add"),
            updated=view.count("update"),
            unchanged=view.count("same"),
            problems=view.count("problem"),
        ),
        err=True,
    )


def members(rows: Sequence[MemberView], lang: Lang) -> None:
    table(
        lang,
        [N_("col_person"), N_("col_role"), N_("col_since")],
        [(m.person, t(ROLE_WORDS[m.role], lang), m.joined_at.strftime("%Y-%m-%d")) for m in rows],
        empty=N_("no_members"),
    )


def records(rows: Sequence[RecordView], lang: Lang) -> None:
    table(
        lang,
        [
            N_("col_id"),
            N_("col_when"),
            N_("col_type"),
            N_("col_title"),
            N_("col_phase"),
            N_("col_content"),
        ],
        [
            (
                r.id,
                r.at.strftime("%Y-%m-%d"),
                r.type_title,
                r.title + _removed(r.removed, lang),
                r.phase_title,
                _content(r, lang),
            )
            for r in rows
        ],
        empty=N_("nothing_saved"),
    )


def _removed(removal: Removal | None, lang: Lang) -> str:
    return "" if removal is None else " " + t("removed_mark", lang, who=removal.by)


def _content(record: RecordView, lang: Lang) -> str:
    if record.filename is not None:
        return t("file", lang, name=record.filename, size=record.size)
    if record.value is not None:
        return f"{record.value:g}"
    text = record.text or ""
    return text if len(text) <= 60 else text[:57] + "..."


def moved(view: TeamView, lang: Lang) -> None:
    """Where a move took the team; on stderr, as every confirmation."""
    left = view.definition.phase(view.left_phase or view.row.phase)
    key = N_("done_complete") if view.row.status == "completed" else N_("done_advance")
    text = t(key, lang, team=view.row.name, source=left.title(lang), dest=view.row.phase_title)
    click.echo(text, err=True)


def charter(view: CharterView, lang: Lang) -> None:
    deadline = view.deadline.isoformat() if view.deadline else ""
    rows = [(question, answer or "") for _, question, answer in view.answers]
    rows.append((t("charter_deadline", lang), deadline))
    table(lang, [N_("col_question"), N_("col_answer")], rows, title=view.team)
    needs = [
        (n.person, t(ROLE_WORDS[n.role], lang) if n.role else "", n.needs or "") for n in view.needs
    ]
    table(
        lang,
        [N_("col_person"), N_("col_role"), N_("col_needs")],
        needs,
        title=t("charter_needs", lang),
    )
    if view.complete:
        click.echo(t("charter_complete", lang))
        return
    # Said as what to type: the options of `plg charter set`, and whose needs to record.
    options = [f"--{key.replace('_', '-')}" for key in view.missing if ":" not in key]
    people = [key.partition(":")[2] for key in view.missing if key.startswith("needs:")]
    if people:
        options.append(t("charter_missing_needs", lang, people=", ".join(people)))
    click.echo(t("charter_missing", lang, missing=", ".join(options)))


def hypotheses(rows: Sequence[HypothesisView], lang: Lang) -> None:
    table(
        lang,
        [
            N_("col_number"),
            N_("col_status"),
            N_("col_hypothesis"),
            N_("col_data"),
            N_("col_verdict"),
        ],
        [
            (h.number, t(STATUS_WORDS[h.status], lang), h.text, h.data or "", h.verdict or "")
            for h in rows
        ],
        empty=N_("no_hypotheses"),
    )


def meetings(rows: Sequence[MeetingView], lang: Lang) -> None:
    table(
        lang,
        [
            N_("col_id"),
            N_("col_date"),
            N_("col_kind"),
            N_("col_minutes"),
            N_("col_phase"),
            N_("col_attendees"),
            N_("col_agenda"),
        ],
        [
            (
                m.id,
                m.held_on.isoformat() + _removed(m.removed, lang),
                t(MEETING_KIND_WORDS[m.kind], lang),
                m.minutes,
                m.phase_title,
                ", ".join(m.attendees),
                m.agenda or "",
            )
            for m in rows
        ],
        empty=N_("no_meetings"),
    )


def _hours(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def hours(view: HoursView, lang: Lang) -> None:
    # Approvals get a column once a director gave one: most foundations never ask for them.
    approved = any(row.approval for row in view.people)
    table(
        lang,
        [
            N_("col_person"),
            N_("col_network_hours"),
            N_("col_team_hours"),
            N_("col_meetings"),
            N_("col_budget"),
            N_("col_left"),
            *([N_("col_approved")] if approved else []),
        ],
        [
            (
                row.person,
                _hours(row.network_hours),
                _hours(row.team_hours),
                row.meetings,
                "" if row.budget is None else row.budget,
                _hours(row.left),
                *([_approved(row.approval, lang)] if approved else []),
            )
            for row in view.people
        ],
        title=t("hours_title", lang, year=view.label),
        empty=N_("no_hours"),
    )


def pupils(rows: Sequence[PupilView], lang: Lang) -> None:
    """Each case pupil's prediction beside what was observed, stage by stage."""
    table(
        lang,
        [
            N_("col_lesson"),
            N_("col_pseudonym"),
            N_("col_stands_for"),
            N_("col_observer"),
            N_("col_stage"),
            N_("col_predicted"),
            N_("col_observed"),
        ],
        [
            (p.lesson, p.pseudonym, p.stands_for, p.observer or "", stage, before or "", seen or "")
            for p in rows
            for stage, before, seen in p.stages or (("", None, None),)
        ],
        empty=N_("no_pupils"),
    )


def _approved(approval: HoursApproved | None, lang: Lang) -> str:
    if approval is None:
        return ""
    return t("hours_approved_cell", lang, hours=_hours(approval.hours), by=approval.by)


def directors(rows: Sequence[DirectorView], lang: Lang) -> None:
    table(
        lang,
        [N_("col_person"), N_("col_school")],
        [(d.person, d.school) for d in rows],
        empty=N_("no_directors"),
    )


def school(view: SchoolPageView, lang: Lang) -> None:
    """A school as its director sees it: its teams, then its staff in no active team."""
    console().print(t("school_title", lang, school=view.name, code=view.code or "-"))
    console().print(t("school_directors", lang, directors=", ".join(view.directors) or "-"))
    teams(view.teams, lang)
    if view.idle:
        console().print(t("school_idle", lang, people=", ".join(view.idle)))
    else:
        console().print(t("school_none_idle", lang))

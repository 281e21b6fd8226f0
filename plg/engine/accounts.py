"""Accounts for the web page: who may sign in, with what password, in which language, and what
they may see. Part of the engine (its `Engine` is an `Accounts`).

A person sees the teams of their own school and the teams they are in (a network spans
schools); a project leader sees every team. Everything is in the database, so that several
workers of `plg serve` agree without sharing memory.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from plg.engine import passwords, roles
from plg.engine.base import EngineBase
from plg.engine.inputs import clean
from plg.engine.roles import TeamAction
from plg.errors import InvalidInput, NotFound, Refused
from plg.langs import LANGS, Lang, lang_of
from plg.storage import accounts as account_store
from plg.storage import people as people_store
from plg.storage import teams as team_store
from plg.storage.models import Account, ProjectLeader, SignInFailure, WebSecret
from plg.storage.names import matching

# The longest wait after failed sign-ins in a row: long enough to stop guessing, short enough
# that a teacher who forgot is not locked out for the day.
MAX_WAIT = 900

# Failed sign-ins under one name, from every address together, before that name waits for
# all: high, so that a stranger who guesses slows down their own address, not the teacher,
# while guesses spread over many addresses still meet a limit.
NAME_ALLOWANCE = 50

# How long failed sign-ins are remembered after the last of them.
_FORGOTTEN = timedelta(days=1)

# The client address of a sign-in that does not come over the network (the engine's own API).
LOCAL = "local"


@dataclass(frozen=True)
class AccountView:
    person: str
    lang: Lang
    project_leader: bool
    school: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "lang": self.lang,
            "project_leader": self.project_leader,
            "school": self.school,
        }


def wait_after(failures: int) -> int:
    """Seconds before the next sign-in may be tried after `failures` failures in a row."""
    return 0 if failures <= 0 else min(2 ** (failures - 1), MAX_WAIT)


def account_lang(value: str) -> Lang:
    found = lang_of(value)
    if found is None:
        raise InvalidInput("lang_invalid", lang=value, langs=", ".join(LANGS))
    return found


def account_view(session: Session, account: Account) -> AccountView:
    school = people_store.home_school(session, account.person)
    leads = session.get(ProjectLeader, account.person) is not None
    return AccountView(account.person, account_lang(account.lang), leads, school)


class Accounts(EngineBase):
    def users(self) -> list[AccountView]:
        with self._session() as session:
            rows = account_store.accounts(session)
            return [account_view(session, account) for account in rows]

    def account(self, person: str) -> AccountView | None:
        """The account of `person`, if they have one."""
        with self._session() as session:
            found = session.get(Account, person)
            return account_view(session, found) if found is not None else None

    def add_user(self, person: str, password: str, lang: str = "nl") -> AccountView:
        """Let a person sign in; they must be known as a person or a project leader."""
        person = clean(person, 200, "person_invalid")
        language = account_lang(lang)
        hashed = passwords.hash_password(password)  # before the transaction: it takes a while

        def store(session: Session) -> AccountView:
            nonlocal person
            person = matching(person, people_store.known_people(session)) or person
            if not people_store.is_known(session, person):
                raise NotFound("user_not_a_person", person=person)
            if session.get(Account, person) is not None:
                raise Refused("user_exists", person=person)
            account = Account(
                person=person, password_hash=hashed, lang=language, changed_at=self.clock()
            )
            session.add(account)
            return account_view(session, account)

        return self._foundation_change("organisation", store)

    def set_password(self, person: str, password: str) -> AccountView:
        """A new password: people set their own; a project leader may set anyone's. Every
        session of the person ends with the old password, and every invitation's link with
        it: a link handed on earlier must not replace the password chosen now."""
        hashed = passwords.hash_password(password)

        def change(session: Session, account: Account) -> None:
            account.password_hash = hashed
            account_store.end_sessions_of(session, person)
            account_store.drop_invitations_of(session, person)

        return self._account_change(person, change)

    def set_user_lang(self, person: str, lang: str) -> AccountView:
        language = account_lang(lang)
        return self._account_change(person, lambda _, account: setattr(account, "lang", language))

    def remove_user(self, person: str) -> None:
        """Take away a person's sign-in; their sessions end with it."""

        def remove(session: Session) -> None:
            account = session.get(Account, person)
            if account is None:
                raise NotFound("user_unknown", person=person)
            account_store.end_sessions_of(session, person)
            account_store.drop_invitations_of(session, person)
            session.delete(account)

        self._foundation_change("organisation", remove)

    def _account_change(
        self, person: str, change: Callable[[Session, Account], None]
    ) -> AccountView:
        def store(session: Session) -> AccountView:
            account = session.get(Account, person, with_for_update=True)
            if account is None:
                raise NotFound("user_unknown", person=person)
            change(session, account)
            account.changed_at = self.clock()
            session.flush()
            return account_view(session, account)

        if person == self.actor:
            return self._write(store)
        return self._foundation_change("organisation", store)

    def sign_in(self, name: str, password: str, address: str = LOCAL) -> AccountView:
        """The account, if `password` is its password and the wait after earlier failures
        under this name from this client `address` (or from everywhere) is over.

        The attempt is counted as a failure before the password is hashed, so attempts sent
        in parallel meet the wait too; a good sign-in takes the count away again."""
        name = name.strip()
        if not name or len(name) > 200 or not name.isprintable():
            raise Refused("sign_in_failed")  # no account has such a name, nor can have
        address = address[:64] or LOCAL
        now = self.clock()
        stored = self._write(
            lambda session: self._count_attempt(session, name, address, now), (IntegrityError,)
        )
        if not passwords.verify(password, stored or passwords.unknown()) or stored is None:
            raise Refused("sign_in_failed")
        self._write(lambda session: account_store.forget_failures_of(session, name))
        with self._session() as session:
            account = session.get(Account, name)
            if account is None or account.password_hash != stored:
                raise Refused("sign_in_failed")  # removed, or given a new password, meanwhile
            return account_view(session, account)

    def _count_attempt(
        self, session: Session, name: str, address: str, now: datetime
    ) -> str | None:
        """Refuse while a wait is on, else count this attempt as failed (until it proves
        good); the account's password hash, if there is an account."""
        # Failures a day old count no more: the table keeps only what slows guessing now.
        account_store.forget_failures_before(session, now - _FORGOTTEN)
        ready = now
        for where, allowance in ((address, 0), (SignInFailure.ANY_ADDRESS, NAME_ALLOWANCE)):
            failed = session.get(SignInFailure, (name, where), with_for_update=True)
            if failed is None:
                session.add(SignInFailure(name=name, address=where, failures=1, last_at=now))
                continue
            wait = timedelta(seconds=wait_after(failed.failures - allowance))
            ready = max(ready, failed.last_at + wait)
            failed.failures += 1
            failed.last_at = now
        if now < ready:
            seconds = max(1, round((ready - now).total_seconds()))
            raise Refused("sign_in_wait", seconds=seconds)  # rolls the counts back
        account = session.get(Account, name)
        return account.password_hash if account is not None else None

    def web_secret(self) -> str:
        """The key that signs web sessions; made once, and kept in the database so that every
        worker signs and checks with the same one."""

        def attempt(session: Session) -> str:
            found = session.get(WebSecret, "session")
            if found is None:
                found = WebSecret(name="session", value=secrets.token_urlsafe(48))
                session.add(found)
            return found.value

        return self._write(attempt, (IntegrityError,))

    def teams_of(self, person: str) -> list[str]:
        """The names of the teams `person` is a member of."""
        with self._session() as session:
            return team_store.names_of_member(session, person)

    def allowed(self, team: str) -> frozenset[TeamAction]:
        """What the actor's roles allow in the team, for a page to offer just that."""
        with self._session() as session:
            return roles.allowed(session, self.actor, self._team(session, team).id)

    def may_see(self, team: str) -> bool:
        """Whether the team exists and the actor may see it."""
        with self._session() as session:
            return team_store.visible(session, team.strip(), self.actor)

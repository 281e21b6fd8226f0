"""Accounts of the web page, their sign-in failures and sessions: the reads and removals that
are more than a look-up by key. The engine decides and holds the transaction; this stores."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from plg.storage.models import Account, Invitation, SignInFailure, WebSession


def accounts(session: Session) -> Iterable[Account]:
    """Every account, by person."""
    return session.scalars(select(Account).order_by(Account.person))


def forget_failures_of(session: Session, name: str) -> None:
    session.execute(delete(SignInFailure).where(SignInFailure.name == name))


def forget_failures_before(session: Session, moment: datetime) -> None:
    """Remove the failed sign-ins last tried before `moment`."""
    session.execute(delete(SignInFailure).where(SignInFailure.last_at < moment))


def end_sessions_of(session: Session, person: str) -> None:
    """End every web session of `person`: their password changed, or their account is gone."""
    session.execute(delete(WebSession).where(WebSession.person == person))


def end_session(session: Session, key: str) -> None:
    session.execute(delete(WebSession).where(WebSession.id == key))


def end_sessions_started_by(session: Session, moment: datetime) -> None:
    session.execute(delete(WebSession).where(WebSession.started_at <= moment))


def drop_invitations_of(session: Session, person: str) -> None:
    """Void every invitation of `person`: a newer one replaces them, or the account is gone."""
    session.execute(delete(Invitation).where(Invitation.person == person))


def open_invitations(session: Session, now: datetime) -> dict[str, datetime]:
    """Until when each person's unused invitation still holds, by person."""
    query = select(Invitation.person, Invitation.expires_at).where(
        Invitation.used_at.is_(None), Invitation.expires_at > now
    )
    return {person: until for person, until in session.execute(query)}

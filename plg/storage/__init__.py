"""Persistence: SQLAlchemy models, the store (connections and transactions), Alembic migrations,
and the statements the engine asks for, by what they hold (teams, people, teamwork, accounts,
audit for `plg check`, reads for a team's visit, bulk for many teams at once)."""

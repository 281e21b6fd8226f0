"""Persistence: SQLAlchemy models, the store (connections and transactions), Alembic migrations."""

"""The schema revisions this plg knows, without importing Alembic (commands start faster).

A test checks these against the migration scripts, so they cannot drift apart.
"""

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]

# The largest id an Integer column holds on every database plg supports (32 bits on
# PostgreSQL): a larger one names no row, and asked for it the database would refuse the number.
LARGEST_ID = 2**31 - 1

"""Running teams: the only code that changes a team, each change one transaction with its event,
in rooms by area of a team's work (records, charter, meetings, hypotheses, pupils, people,
accounts, roles, the database check)."""

"""Running teams: the only code that changes a team, each change one transaction with its event.

`base` holds what every room stands on (transactions, the retry policy, a team's read, its
events); the rooms hold one area each: teams (starting, deadline, method version), progress
(ticks and moves), records, reading (views, lists, the overview), the database as a whole,
people, charter, meetings, hypotheses, pupils, accounts and web sessions. `engine.Engine` is
all of them. Rooms ask plg.storage for rows; they build no SQL of their own."""

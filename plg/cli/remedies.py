"""What the command line says to do about an error: what to type, after the error's own words
(which say only what is wrong, on every surface). By the error's key, the message key of the
advice, filled in with the error's values; an empty list that a command prints can have advice
too. A literal table, so that text extraction sees every key."""

from __future__ import annotations

from plg.texts import N_

REMEDIES: dict[str, str] = {
    "actor_invalid": N_("cli_fix_actor_invalid"),
    "attendee_not_member": N_("cli_fix_attendee_not_member"),
    "backup_server": N_("cli_fix_backup_server"),
    "charter_nothing": N_("cli_fix_charter_nothing"),
    "db_driver_missing": N_("cli_fix_db_driver_missing"),
    "db_missing": N_("cli_fix_db_missing"),
    "db_outdated": N_("cli_fix_db_outdated"),
    "db_unreachable": N_("cli_fix_db_unreachable"),
    "exists_output": N_("cli_fix_exists_output"),
    "file_too_large": N_("cli_fix_file_too_large"),
    "force_needs_reason": N_("cli_fix_force_needs_reason"),
    "guards_failed": N_("cli_fix_guards_failed"),
    "hypothesis_none_open": N_("cli_fix_hypothesis_none_open"),
    "hypothesis_open": N_("cli_fix_hypothesis_open"),
    "internal_schools": N_("cli_fix_internal_schools"),
    "item_not_manual": N_("cli_fix_item_not_manual"),
    "meeting_no_attendees": N_("cli_fix_meeting_no_attendees"),
    "member_unknown": N_("cli_fix_member_unknown"),
    "migrate_unmapped": N_("cli_fix_migrate_unmapped"),
    "network_schools": N_("cli_fix_network_schools"),
    "no_members": N_("cli_fix_no_members"),
    "no_people": N_("cli_fix_no_people"),
    "no_schools": N_("cli_fix_no_schools"),
    "no_teams": N_("cli_fix_no_teams"),
    "no_users": N_("cli_fix_no_users"),
    "password_empty_stdin": N_("cli_fix_password_empty_stdin"),
    "person_exists": N_("cli_fix_person_exists"),
    "person_unknown": N_("cli_fix_person_unknown"),
    "project_leader_unknown": N_("cli_fix_project_leader_unknown"),
    "pupil_not_predicted": N_("cli_fix_pupil_not_predicted"),
    "pupil_unknown": N_("cli_fix_pupil_unknown"),
    "record_content": N_("cli_fix_record_content"),
    "record_no_file": N_("cli_fix_record_no_file"),
    "record_unknown": N_("cli_fix_record_unknown"),
    "role_checks_need_leader": N_("cli_fix_role_checks_need_leader"),
    "role_refused": N_("cli_fix_role_refused"),
    "role_refused_foundation": N_("cli_fix_role_refused_foundation"),
    "school_exists": N_("cli_fix_school_exists"),
    "school_unknown": N_("cli_fix_school_unknown"),
    "serve_workers_sqlite": N_("cli_fix_serve_workers_sqlite"),
    "team_unknown": N_("cli_fix_team_unknown"),
    "trigger_by_accepted": N_("cli_fix_trigger_by_accepted"),
    "trigger_by_rejected": N_("cli_fix_trigger_by_rejected"),
    "user_exists": N_("cli_fix_user_exists"),
    "user_not_a_person": N_("cli_fix_user_not_a_person"),
    "user_unknown": N_("cli_fix_user_unknown"),
    "verdict_invalid": N_("cli_fix_verdict_invalid"),
}

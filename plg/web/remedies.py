"""What the web page says to do about an error: what to click, or to write in a form, after
the error's own words (which say only what is wrong, on every surface). By the error's key,
the message key of the advice, filled in with the error's values; an error without one here
is shown as it is. A literal table, so that text extraction sees every key."""

from __future__ import annotations

REMEDIES: dict[str, str] = {
    "attendee_not_member": "web_fix_attendee_not_member",
    "file_too_large": "web_fix_file_too_large",
    "force_needs_reason": "web_fix_force_needs_reason",
    "guards_failed": "web_fix_guards_failed",
    "hypothesis_none_open": "web_fix_hypothesis_none_open",
    "hypothesis_open": "web_fix_hypothesis_open",
    "meeting_no_attendees": "web_fix_meeting_no_attendees",
    "member_unknown": "web_fix_member_unknown",
    "pupil_not_predicted": "web_fix_pupil_not_predicted",
    "pupil_unknown": "web_fix_pupil_unknown",
    "record_content": "web_fix_record_content",
    "role_refused": "web_fix_role_refused",
    "role_refused_foundation": "web_fix_nothing_changed",
    "team_unknown": "web_fix_team_unknown",
    "trigger_by_accepted": "web_fix_trigger_by_verdict",
    "trigger_by_rejected": "web_fix_trigger_by_verdict",
    "verdict_invalid": "web_fix_nothing_changed",
}

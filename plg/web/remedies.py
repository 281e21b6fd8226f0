"""What the web page says to do about an error: what to click, or to write in a form, after
the error's own words (which say only what is wrong, on every surface). By the error's key,
the message key of the advice, filled in with the error's values; an error without one here
is shown as it is. A literal table, so that text extraction sees every key."""

from __future__ import annotations

from plg.texts import N_

REMEDIES: dict[str, str] = {
    "attendee_not_member": N_("web_fix_attendee_not_member"),
    "file_too_large": N_("web_fix_file_too_large"),
    "force_needs_reason": N_("web_fix_force_needs_reason"),
    "guards_failed": N_("web_fix_guards_failed"),
    "hypothesis_none_open": N_("web_fix_hypothesis_none_open"),
    "hypothesis_open": N_("web_fix_hypothesis_open"),
    "invitation_expired": N_("web_fix_invitation"),
    "invitation_unknown": N_("web_fix_invitation"),
    "invitation_used": N_("web_fix_invitation_used"),
    "meeting_no_attendees": N_("web_fix_meeting_no_attendees"),
    "member_clash": N_("web_fix_setting_clash"),
    "member_unknown": N_("web_fix_member_unknown"),
    "pupil_not_predicted": N_("web_fix_pupil_not_predicted"),
    "pupil_unknown": N_("web_fix_pupil_unknown"),
    "record_content": N_("web_fix_record_content"),
    "role_refused": N_("web_fix_role_refused"),
    "role_refused_foundation": N_("web_fix_nothing_changed"),
    "team_archived": N_("web_fix_team_archived"),
    "person_clash": N_("web_fix_setting_clash"),
    "setting_clash": N_("web_fix_setting_clash"),
    "team_unknown": N_("web_fix_team_unknown"),
    "trigger_by_accepted": N_("web_fix_trigger_by_verdict"),
    "trigger_by_rejected": N_("web_fix_trigger_by_verdict"),
    "verdict_invalid": N_("web_fix_nothing_changed"),
}

"""Every text a user sees that is not part of a method definition, in Dutch and English.

Method texts (titles, guidance, checklist items) live in the definitions themselves; this
catalogue holds the engine's and the CLI's own words. A test checks that both languages have
every key with the same placeholders.
"""

from __future__ import annotations

from plg.langs import LANGS, Lang

__all__ = ["LANGS", "MESSAGES", "Lang", "t"]

MESSAGES: dict[str, dict[Lang, str]] = {
    # Errors: what is wrong. What to do about it is each surface's (the block `errors`, below).
    "team_unknown": {
        "en": "There is no team '{team}'.",
        "nl": "Er is geen team '{team}'.",
    },
    "team_exists": {
        "en": "A team named '{team}' already exists. Choose another name.",
        "nl": "Er bestaat al een team met de naam '{team}'. Kies een andere naam.",
    },
    "team_name_invalid": {
        "en": "A team name needs 1 to 120 visible characters. Give a name such as 'Reading group 4'.",
        "nl": "Een teamnaam heeft 1 tot 120 zichtbare tekens nodig. Geef een naam zoals 'Leesgroep 4'.",
    },
    "team_kind_invalid": {
        "en": "A team is 'internal' (one school) or 'network' (several schools), not '{kind}'.",
        "nl": "Een team is 'internal' (een school) of 'network' (meerdere scholen), niet '{kind}'.",
    },
    "network_schools": {
        "en": "Team '{team}' is a network, which spans several schools: it needs at least two.",
        "nl": "Team '{team}' is een netwerk, en dat beslaat meerdere scholen: het heeft er minstens twee nodig.",
    },
    "internal_schools": {
        "en": "Team '{team}' is an internal team, of one school: it needs exactly one.",
        "nl": "Team '{team}' is een intern team, van een school: het heeft er precies een nodig.",
    },
    "leader_invalid": {
        "en": "A leader's name needs 1 to 200 visible characters.",
        "nl": "De naam van een leider heeft 1 tot 200 zichtbare tekens nodig.",
    },
    "school_name_invalid": {
        "en": "A school name needs 1 to 200 visible characters.",
        "nl": "Een schoolnaam heeft 1 tot 200 zichtbare tekens nodig.",
    },
    "method_unknown": {
        "en": "There is no method '{method}'. Available: {available}.",
        "nl": "Er is geen methode '{method}'. Beschikbaar: {available}.",
    },
    "trigger_unknown": {
        "en": "Team '{team}' cannot do '{trigger}' in phase '{phase}'. Possible now: {possible}.",
        "nl": "Team '{team}' kan '{trigger}' niet doen in fase '{phase}'. Nu mogelijk: {possible}.",
    },
    "team_completed": {
        "en": "Team '{team}' has completed its method; nothing can change any more.",
        "nl": "Team '{team}' heeft de methode afgerond; er kan niets meer veranderen.",
    },
    "item_unknown": {
        "en": "Phase '{phase}' has no checklist item '{item}'. Items: {items}.",
        "nl": "Fase '{phase}' heeft geen checklistpunt '{item}'. Punten: {items}.",
    },
    "item_not_manual": {
        "en": "Item '{item}' is ticked by {what} ({satisfied_by}), not by hand.",
        "nl": "Punt '{item}' wordt afgevinkt door {what} ({satisfied_by}), niet met de hand.",
    },
    "item_already": {
        "en": "Item '{item}' is already {state}.",
        "nl": "Punt '{item}' is al {state}.",
    },
    "guards_failed": {
        "en": "Team '{team}' cannot move on with '{trigger}' yet: {failures}.",
        "nl": "Team '{team}' kan nog niet verder met '{trigger}': {failures}.",
    },
    "version_unknown": {
        "en": "Method '{method}' has no version {version} here. Versions: {versions}.",
        "nl": "Methode '{method}' heeft hier geen versie {version}. Versies: {versions}.",
    },
    "migrate_same": {
        "en": "Team '{team}' already runs on version {version}.",
        "nl": "Team '{team}' draait al op versie {version}.",
    },
    "migrate_unmapped": {
        "en": "Team '{team}' cannot move to version {version}; these have no place there: {unmapped}.",
        "nl": "Team '{team}' kan niet naar versie {version}; deze hebben daar geen plek: {unmapped}.",
    },
    "force_needs_reason": {
        "en": "A forced move needs a reason, for the history.",
        "nl": "Een geforceerde stap heeft een reden nodig, voor de geschiedenis.",
    },
    "record_type_unknown": {
        "en": "Method '{method}' has no {category} type '{type}'. Types: {types}.",
        "nl": "Methode '{method}' kent geen {category}-soort '{type}'. Soorten: {types}.",
    },
    "record_unknown": {
        "en": "Team '{team}' has no {category} with id {id}.",
        "nl": "Team '{team}' heeft geen {category} met id {id}.",
    },
    "record_no_file": {
        "en": "Record {id} holds no file, only text or a value.",
        "nl": "Record {id} bevat geen bestand, alleen tekst of een waarde.",
    },
    "text_invalid": {
        "en": "The text holds a character that cannot be stored (NUL, or bytes that are not UTF-8). Remove it and try again.",
        "nl": "De tekst bevat een teken dat niet bewaard kan worden (NUL, of bytes die geen UTF-8 zijn). Haal het weg en probeer het opnieuw.",
    },
    "record_content": {
        "en": "What is saved is exactly one of a file, a text or a value (a value for evidence only).",
        "nl": "Wat bewaard wordt is precies een van: een bestand, een tekst of een waarde (een waarde alleen bij bewijs).",
    },
    "record_title": {
        "en": "A title needs 1 to 200 visible characters.",
        "nl": "Een titel heeft 1 tot 200 zichtbare tekens nodig.",
    },
    "value_not_finite": {
        "en": "'{value}' is not a number a team can measure. Give an ordinary number, such as 7.5.",
        "nl": "'{value}' is geen getal dat een team kan meten. Geef een gewoon getal, zoals 7.5.",
    },
    "file_unreadable": {
        "en": "Cannot read the file '{path}': {reason}. Check the path and its permissions.",
        "nl": "Kan het bestand '{path}' niet lezen: {reason}. Controleer het pad en de rechten.",
    },
    "file_too_large": {
        "en": "The file is {size} MB; plg stores files up to {limit} MB.",
        "nl": "Het bestand is {size} MB; plg bewaart bestanden tot {limit} MB.",
    },
    "output_unwritable": {
        "en": "Cannot write '{path}': {reason}.",
        "nl": "Kan '{path}' niet schrijven: {reason}.",
    },
    "db_missing": {
        "en": "There is no plg database at {url}.",
        "nl": "Er is geen plg-database op {url}.",
    },
    "db_outdated": {
        "en": "The database at {url} has an older layout ({revision}).",
        "nl": "De database op {url} heeft een oudere indeling ({revision}).",
    },
    "db_newer": {
        "en": "The database at {url} was written by a newer plg (layout {revision}). "
        "Upgrade plg to use it.",
        "nl": "De database op {url} is geschreven door een nieuwere plg (indeling {revision}). "
        "Werk plg bij om die te gebruiken.",
    },
    "db_upgrade_keys": {
        "en": "Upgrading the database at {url} would leave rows in {tables} pointing to rows "
        "that do not exist, so nothing was changed. Restore a backup, or ask for help with "
        "this database.",
        "nl": "Bijwerken van de database op {url} zou rijen in {tables} laten verwijzen naar "
        "rijen die niet bestaan, dus er is niets veranderd. Zet een back-up terug, of vraag "
        "hulp bij deze database.",
    },
    "db_unreachable": {
        "en": "Cannot open the database at {url}: {reason}.",
        "nl": "Kan de database op {url} niet openen: {reason}.",
    },
    "db_driver_missing": {
        "en": "The database driver for {url} is not installed ({reason}).",
        "nl": "Het databasestuurprogramma voor {url} is niet geïnstalleerd ({reason}).",
    },
    "db_url_invalid": {
        "en": "'{url}' is not a database URL. Use one like sqlite:///plg.db or "
        "postgresql+psycopg://host/db.",
        "nl": "'{url}' is geen database-URL. Gebruik er een zoals sqlite:///plg.db of "
        "postgresql+psycopg://host/db.",
    },
    "db_busy": {
        "en": "The database at {url} stayed busy with other people's changes; nothing was "
        "saved. Try again in a moment.",
        "nl": "De database op {url} bleef bezig met wijzigingen van anderen; er is niets "
        "opgeslagen. Probeer het zo opnieuw.",
    },
    "stale_write": {
        "en": "Someone else changed team '{team}' at the same moment. Nothing was saved; try again.",
        "nl": "Iemand anders wijzigde team '{team}' op hetzelfde moment. Er is niets opgeslagen; "
        "probeer het opnieuw.",
    },
    "definition_invalid": {
        "en": "The method definition {source} has {count} fault(s):",
        "nl": "De methodedefinitie {source} heeft {count} fout(en):",
    },
    "plugin_failed": {
        "en": "could not be loaded: {error}",
        "nl": "kon niet geladen worden: {error}",
    },
    "plugin_not_definition": {
        "en": "returned {type}, not a MethodDefinition",
        "nl": "gaf {type} terug, geen MethodDefinition",
    },
    "method_duplicate": {
        "en": "method '{method}' already comes from {other}",
        "nl": "methode '{method}' komt al van {other}",
    },
    "guard_not_named": {
        "en": "entry point '{name}' is not a Guard of that name",
        "nl": "ingang '{name}' is geen Guard met die naam",
    },
    "guard_duplicate": {
        "en": "guard '{name}' exists already",
        "nl": "guard '{name}' bestaat al",
    },
    "definition_faults": {
        "en": "The method definition {source} has {count} fault(s), listed above. Fix them "
        "and validate it again.",
        "nl": "De methodedefinitie {source} heeft {count} fout(en), hierboven genoemd. Herstel "
        "ze en controleer haar opnieuw.",
    },
    "definition_not_regular": {
        "en": "'{path}' is not a file but a folder, a device, a pipe or a socket. Give the path of a definition file.",
        "nl": "'{path}' is geen bestand maar een map, een apparaat, een pipe of een socket. Geef het pad van een definitiebestand.",
    },
    "definition_unreadable": {
        "en": "Cannot read the definition {source}: {reason}.",
        "nl": "Kan de definitie {source} niet lezen: {reason}.",
    },
    # Definition faults, each shown after its place in the definition.
    "fault_field": {"en": "{reason}", "nl": "{reason}"},
    "fault_duplicate": {
        "en": "the id '{id}' is used more than once",
        "nl": "het id '{id}' komt meer dan eens voor",
    },
    "fault_unknown_phase": {
        "en": "unknown phase '{id}'",
        "nl": "onbekende fase '{id}'",
    },
    "fault_unknown_guard": {
        "en": "unknown guard '{id}' (known: {known})",
        "nl": "onbekende voorwaarde '{id}' (bekend: {known})",
    },
    "fault_guard_missing": {
        "en": "guard '{id}' needs the parameter '{param}'",
        "nl": "voorwaarde '{id}' heeft de parameter '{param}' nodig",
    },
    "fault_guard_extra": {
        "en": "guard '{id}' has no parameter '{param}'",
        "nl": "voorwaarde '{id}' heeft geen parameter '{param}'",
    },
    "fault_guard_type": {
        "en": "parameter '{param}' of guard '{id}' must be of type {type}",
        "nl": "parameter '{param}' van voorwaarde '{id}' moet van het type {type} zijn",
    },
    "fault_too_large": {
        "en": "the file has {size} bytes; a definition may have at most {limit}",
        "nl": "het bestand heeft {size} bytes; een definitie mag er hoogstens {limit} hebben",
    },
    "fault_not_text": {
        "en": "not UTF-8 text; save the definition as UTF-8",
        "nl": "geen UTF-8-tekst; sla de definitie op als UTF-8",
    },
    "fault_too_deep": {
        "en": "the data is nested too deeply to be a definition",
        "nl": "de gegevens zijn te diep genest voor een definitie",
    },
    "fault_missing": {"en": "missing", "nl": "ontbreekt"},
    "fault_extra_forbidden": {"en": "not a known field", "nl": "geen bekend veld"},
    "fault_not_id": {
        "en": "not a valid id (up to 40 lower-case letters, digits and _, starting with a letter)",
        "nl": "geen geldig id (tot 40 kleine letters, cijfers en _, beginnend met een letter)",
    },
    "fault_form": {
        "en": "does not have the expected form {form}",
        "nl": "heeft niet de verwachte vorm {form}",
    },
    "fault_string_too_short": {"en": "must not be empty", "nl": "mag niet leeg zijn"},
    "fault_string_type": {"en": "must be text", "nl": "moet tekst zijn"},
    "fault_model_type": {
        "en": "must be a mapping of fields",
        "nl": "moet een verzameling velden zijn",
    },
    "fault_too_short": {"en": "has too few entries", "nl": "heeft te weinig elementen"},
    "fault_unknown_counter": {
        "en": "unknown counter '{id}'",
        "nl": "onbekende teller '{id}'",
    },
    "fault_unknown_record": {
        "en": "'{id}' is not a declared artefact type or evidence kind",
        "nl": "'{id}' is geen gedeclareerde soort product of bewijs",
    },
    "fault_unreachable": {
        "en": "phase '{id}' cannot be reached from the initial phase",
        "nl": "fase '{id}' is vanuit de beginfase niet te bereiken",
    },
    "fault_trap": {
        "en": "phase '{id}' is not final but has no way out",
        "nl": "fase '{id}' is niet de eindfase maar heeft geen uitgang",
    },
    "fault_final_exit": {
        "en": "final phase '{id}' must not have a way out",
        "nl": "eindfase '{id}' mag geen uitgang hebben",
    },
    "fault_no_final": {
        "en": "no phase is final; mark the closing phase with final: true",
        "nl": "geen fase is eindfase; markeer de afsluitende fase met final: true",
    },
    "fault_final_checklist": {
        "en": "final phase '{id}' must not have a checklist",
        "nl": "eindfase '{id}' mag geen checklist hebben",
    },
    "fault_no_next": {
        "en": "phase '{id}' has no 'next' transition",
        "nl": "fase '{id}' heeft geen 'next'-overgang",
    },
    "fault_initial_final": {
        "en": "the initial phase '{id}' cannot be final",
        "nl": "de beginfase '{id}' kan geen eindfase zijn",
    },
    # What `plg check` can find wrong, each shown after the team, file or table it concerns.
    "check_integrity": {
        "en": "SQLite's own integrity check says: {detail}",
        "nl": "SQLite's eigen integriteitscontrole meldt: {detail}",
    },
    "check_foreign_key": {
        "en": "points to a row of {parent} that does not exist",
        "nl": "verwijst naar een rij van {parent} die niet bestaat",
    },
    "check_snapshot_hash": {
        "en": "the stored method version does not match its hash",
        "nl": "de bewaarde methodeversie klopt niet met haar hash",
    },
    "check_snapshot_unreadable": {
        "en": "the stored method version cannot be read: {reason}",
        "nl": "de bewaarde methodeversie is niet te lezen: {reason}",
    },
    "check_sequence": {
        "en": "its events should be numbered 1 to {last} without gaps, but are {found}",
        "nl": "de gebeurtenissen horen genummerd 1 tot en met {last} zonder gaten, maar zijn {found}",
    },
    "check_visit": {
        "en": "its current phase began with event {seq}, which does not exist",
        "nl": "de huidige fase begon met gebeurtenis {seq}, die niet bestaat",
    },
    "check_replay": {
        "en": "its events name a method version, phase or move that does not exist",
        "nl": "de gebeurtenissen noemen een methodeversie, fase of stap die niet bestaat",
    },
    "check_phase": {
        "en": "its phase is '{stored}', but its events lead to '{replayed}'",
        "nl": "de fase is '{stored}', maar de gebeurtenissen leiden naar '{replayed}'",
    },
    "check_counters": {
        "en": "its loop counters are {stored}, but its events lead to {replayed}",
        "nl": "de lustellers zijn {stored}, maar de gebeurtenissen leiden naar {replayed}",
    },
    "check_definition": {
        "en": "it runs on another method version than its events say",
        "nl": "het werkt met een andere methodeversie dan de gebeurtenissen zeggen",
    },
    "check_status": {
        "en": "its status is '{status}', which does not fit phase '{phase}'",
        "nl": "de status is '{status}', wat niet past bij fase '{phase}'",
    },
    "check_charter": {
        "en": "its charter is marked {stored} for complete, which its answers, deadline and "
        "members do not bear out",
        "nl": "het charter staat op {stored} voor volledig, en dat klopt niet met de antwoorden, "
        "de einddatum en de leden",
    },
    "check_hypotheses_open": {
        "en": "more than one hypothesis in its register is open",
        "nl": "er staat meer dan één hypothese open in het register",
    },
    "check_observation": {
        "en": "case pupil {pupil} has an observation for stage '{stage}' without a prediction",
        "nl": "casusleerling {pupil} heeft een observatie voor fase '{stage}' zonder voorspelling",
    },
    "check_leaders": {
        "en": "its leaders are listed as '{stored}', which is not who has the leader's role",
        "nl": "de leiders staan vermeld als '{stored}', en dat is niet wie de rol van leider heeft",
    },
    "check_file_hash": {
        "en": "the stored file does not match its hash or size",
        "nl": "het bewaarde bestand klopt niet met zijn hash of grootte",
    },
    "check_file_missing": {
        "en": "record {id} names a file ({sha}) that is not stored",
        "nl": "record {id} noemt een bestand ({sha}) dat niet bewaard is",
    },
    "check_failed": {
        "en": "The database at {url} has {count} problem(s), listed above. Restore a backup "
        "made before they appeared, and check that copy first.",
        "nl": "De database op {url} heeft {count} probleem/problemen, hierboven genoemd. Zet een "
        "back-up terug van voor ze ontstonden, en controleer die kopie eerst.",
    },
    "check_ok": {
        "en": "The database at {url} is sound: {teams} teams, {events} events, {snapshots} "
        "method versions and {files} files checked.",
        "nl": "De database op {url} is in orde: {teams} teams, {events} gebeurtenissen, "
        "{snapshots} methodeversies en {files} bestanden gecontroleerd.",
    },
    "check_progress": {"en": "Checking teams", "nl": "Teams controleren"},
    "backup_server": {
        "en": "A backup by plg copies a SQLite database; {url} is a server database.",
        "nl": "Een back-up door plg kopieert een SQLite-database; {url} is een serverdatabase.",
    },
    "backup_exists": {
        "en": "'{path}' already exists; a backup never overwrites a file. Choose a new name.",
        "nl": "'{path}' bestaat al; een back-up overschrijft nooit een bestand. Kies een "
        "nieuwe naam.",
    },
    # Roles and settings.
    "role_refused": {
        "en": "'{person}' may not {action} in team '{team}': only {who} may.",
        "nl": "'{person}' mag in team '{team}' niet {action}: alleen {who} mag dat.",
    },
    "role_refused_foundation": {
        "en": "'{person}' may not {action}: only a project leader may while role checks are on.",
        "nl": "'{person}' mag niet {action}: alleen een projectleider mag dat zolang de rolcontrole aan staat.",
    },
    "who_members": {
        "en": "its members, its leader or a project leader",
        "nl": "de leden, de leider of een projectleider",
    },
    "who_leaders": {
        "en": "its leader or a project leader",
        "nl": "de leider of een projectleider",
    },
    "act_tick": {"en": "tick the checklist", "nl": "de checklist afvinken"},
    "act_record": {
        "en": "save artefacts or evidence",
        "nl": "producten of onderzoeksgegevens bewaren",
    },
    "act_advance": {
        "en": "move the team to another phase",
        "nl": "het team naar een andere fase brengen",
    },
    "act_force": {"en": "force a move", "nl": "een stap forceren"},
    "act_migrate": {
        "en": "move the team to another method version",
        "nl": "het team naar een andere methodeversie brengen",
    },
    "act_deadline": {"en": "set the deadline", "nl": "de einddatum zetten"},
    "act_members": {"en": "change the members", "nl": "de leden wijzigen"},
    "act_charter": {"en": "answer the charter", "nl": "het charter invullen"},
    "act_hypothesis": {"en": "propose a hypothesis", "nl": "een hypothese opstellen"},
    "act_meeting": {"en": "record meetings", "nl": "bijeenkomsten vastleggen"},
    "act_start": {"en": "start teams", "nl": "teams starten"},
    "act_organisation": {
        "en": "change the schools and people",
        "nl": "de scholen en mensen wijzigen",
    },
    "act_settings": {"en": "change the settings", "nl": "de instellingen wijzigen"},
    "act_project_leaders": {
        "en": "change who the project leaders are",
        "nl": "wijzigen wie projectleider is",
    },
    "role_checks_need_leader": {
        "en": "Role checks would lock everyone out: there is no project leader yet.",
        "nl": "Rolcontrole zou iedereen buitensluiten: er is nog geen projectleider.",
    },
    "last_project_leader": {
        "en": "'{person}' is the last project leader while role checks are on; nobody could "
        "change the settings after. Add another project leader first, or turn role checks off.",
        "nl": "'{person}' is de laatste projectleider terwijl de rolcontrole aan staat; niemand "
        "kan daarna de instellingen wijzigen. Voeg eerst een andere projectleider toe, of zet "
        "de rolcontrole uit.",
    },
    "project_leader_already": {
        "en": "'{person}' is already a project leader.",
        "nl": "'{person}' is al projectleider.",
    },
    "project_leader_unknown": {
        "en": "'{person}' is not a project leader.",
        "nl": "'{person}' is geen projectleider.",
    },
    "actor_invalid": {
        "en": "The name of who acts needs 1 to 200 visible characters.",
        "nl": "De naam van wie handelt heeft 1 tot 200 zichtbare tekens nodig.",
    },
    "person_invalid": {
        "en": "A person's name needs 1 to 200 visible characters.",
        "nl": "De naam van een persoon heeft 1 tot 200 zichtbare tekens nodig.",
    },
    "member_already": {
        "en": "'{person}' is already {role} of team '{team}'.",
        "nl": "'{person}' is al {role} van team '{team}'.",
    },
    "member_date_future": {
        "en": "{day} is still to come: give the day someone joined or left, today at the latest.",
        "nl": "{day} moet nog komen: geef de dag waarop iemand erbij kwam of vertrok, uiterlijk "
        "vandaag.",
    },
    "member_leaves_early": {
        "en": "'{person}' joined on {joined}, so cannot have left before that. Give a later day.",
        "nl": "'{person}' kwam erbij op {joined}, en kan dus niet eerder vertrokken zijn. Geef "
        "een latere dag.",
    },
    "member_unknown": {
        "en": "'{person}' is not in team '{team}'.",
        "nl": "'{person}' zit niet in team '{team}'.",
    },
    "setting_unknown": {
        "en": "There is no setting '{key}'. Settings: {keys}.",
        "nl": "Er is geen instelling '{key}'. Instellingen: {keys}.",
    },
    "setting_choice": {
        "en": "Setting '{key}' is one of: {choices}.",
        "nl": "Instelling '{key}' is een van: {choices}.",
    },
    "setting_number": {
        "en": "Setting '{key}' is a whole number from {low} to {high}.",
        "nl": "Instelling '{key}' is een geheel getal van {low} tot en met {high}.",
    },
    "role_invalid": {
        "en": "There is no role '{role}'. Roles: {roles}.",
        "nl": "Er is geen rol '{role}'. Rollen: {roles}.",
    },
    "export_members": {"en": "Members", "nl": "Leden"},
    "export_former_members": {"en": "Former members", "nl": "Oud-leden"},
    "export_charter": {"en": "Team charter", "nl": "Teamcharter"},
    "export_hypotheses": {"en": "Hypothesis register", "nl": "Hypothesenregister"},
    "export_meetings": {"en": "Meetings", "nl": "Bijeenkomsten"},
    "export_hours": {"en": "Hours in these meetings", "nl": "Uren in deze bijeenkomsten"},
    "school_exists": {
        "en": "There is already a school named '{school}'.",
        "nl": "Er is al een school met de naam '{school}'.",
    },
    "school_code_taken": {
        "en": "The code '{code}' belongs to '{school}' already. Each school has its own code.",
        "nl": "De code '{code}' hoort al bij '{school}'. Elke school heeft een eigen code.",
    },
    "school_code_invalid": {
        "en": "'{code}' is not a school code: use 1 to 20 letters, digits and hyphens, such as "
        "its BRIN number (04AB).",
        "nl": "'{code}' is geen schoolcode: gebruik 1 tot 20 letters, cijfers en streepjes, "
        "zoals het BRIN-nummer (04AB).",
    },
    "school_unknown": {
        "en": "There is no school '{school}'. Schools: {schools}.",
        "nl": "Er is geen school '{school}'. Scholen: {schools}.",
    },
    "email_invalid": {
        "en": "'{email}' is not an e-mail address, such as anna@school.nl.",
        "nl": "'{email}' is geen e-mailadres, zoals anna@school.nl.",
    },
    "person_exists": {
        "en": "There is already someone named '{person}'.",
        "nl": "Er is al iemand met de naam '{person}'.",
    },
    "no_schools": {
        "en": "There are no schools yet.",
        "nl": "Er zijn nog geen scholen.",
    },
    "no_people": {
        "en": "There is nobody yet.",
        "nl": "Er is nog niemand.",
    },
    "done_school": {"en": "School '{school}' saved.", "nl": "School '{school}' bewaard."},
    "done_person": {"en": "'{person}' saved.", "nl": "'{person}' bewaard."},
    "col_code": {"en": "Code", "nl": "Code"},
    "col_email": {"en": "E-mail", "nl": "E-mail"},
    "col_people": {"en": "People", "nl": "Mensen"},
    "col_school": {"en": "School", "nl": "School"},
    "no_members": {
        "en": "This team has no members yet.",
        "nl": "Dit team heeft nog geen leden.",
    },
    "role_leader": {"en": "leader", "nl": "leider"},
    "role_member": {"en": "member", "nl": "lid"},
    "role_facilitator": {"en": "facilitator", "nl": "begeleider"},
    "role_expert": {"en": "knowledgeable other", "nl": "kennisexpert"},
    # Words used in listings and reports.
    "ticked": {"en": "ticked", "nl": "afgevinkt"},
    "unticked": {"en": "not ticked", "nl": "niet afgevinkt"},
    "open_item": {"en": "open item '{item}'", "nl": "open punt '{item}'"},
    "guard_has_artefact": {
        "en": "no {type} saved in this phase",
        "nl": "geen {type} opgeslagen in deze fase",
    },
    "guard_min_evidence": {
        "en": "{have} of {count} {kind} saved in this phase",
        "nl": "{have} van {count} {kind} opgeslagen in deze fase",
    },
    "guard_error": {
        "en": "guard '{name}' failed ({error}); tell whoever installed its plugin",
        "nl": "voorwaarde '{name}' faalde ({error}); meld het aan wie de plugin installeerde",
    },
    "guard_missing": {
        "en": "guard '{name}' is not installed any more; reinstall its plugin",
        "nl": "voorwaarde '{name}' is niet meer geïnstalleerd; installeer de plugin opnieuw",
    },
    "artefact": {"en": "artefact", "nl": "product"},
    "evidence": {"en": "evidence", "nl": "bewijs"},
    "active": {"en": "active", "nl": "actief"},
    "completed": {"en": "completed", "nl": "afgerond"},
    "stalled": {"en": "stalled", "nl": "stilgevallen"},
    "col_team": {"en": "Team", "nl": "Team"},
    "col_method": {"en": "Method", "nl": "Methode"},
    "col_phase": {"en": "Phase", "nl": "Fase"},
    "col_step": {"en": "Step", "nl": "Stap"},
    "col_status": {"en": "Status", "nl": "Status"},
    "col_schools": {"en": "Schools", "nl": "Scholen"},
    "col_leader": {"en": "Leader", "nl": "Leider"},
    "col_person": {"en": "Person", "nl": "Persoon"},
    "col_role": {"en": "Role", "nl": "Rol"},
    "col_since": {"en": "Since", "nl": "Sinds"},
    "col_checklist": {"en": "Checklist", "nl": "Checklist"},
    "col_last": {"en": "Last activity", "nl": "Laatste activiteit"},
    "col_id": {"en": "Id", "nl": "Id"},
    "exists_output": {
        "en": "'{path}' already exists.",
        "nl": "'{path}' bestaat al.",
    },
    "col_version": {"en": "Version", "nl": "Versie"},
    "col_title": {"en": "Title", "nl": "Titel"},
    "col_source": {"en": "Source", "nl": "Bron"},
    "col_type": {"en": "Type", "nl": "Soort"},
    "col_content": {"en": "Content", "nl": "Inhoud"},
    "col_when": {"en": "When", "nl": "Wanneer"},
    "col_who": {"en": "Who", "nl": "Wie"},
    "col_what": {"en": "What", "nl": "Wat"},
    "col_reason": {"en": "Reason", "nl": "Reden"},
    "col_kind": {"en": "Kind", "nl": "Soort"},
    "col_provides": {"en": "Provides", "nl": "Levert"},
    "broken": {"en": "broken", "nl": "kapot"},
    "col_deadline": {"en": "Deadline", "nl": "Deadline"},
    "meeting_notes": {"en": "Notes of the meeting", "nl": "Aantekeningen van de bijeenkomst"},
    "meeting_date": {"en": "Date", "nl": "Datum"},
    "meeting_present": {"en": "Present", "nl": "Aanwezig"},
    "export_phases": {"en": "Phase by phase", "nl": "Fase voor fase"},
    "export_entered": {"en": "Started {when} by {who}", "nl": "Begonnen {when} door {who}"},
    "export_left": {
        "en": "finished {when} by {who} ({trigger})",
        "nl": "afgesloten {when} door {who} ({trigger})",
    },
    "export_forced": {
        "en": "Moved on without a complete checklist",
        "nl": "Verder zonder complete checklist",
    },
    "export_migrated": {
        "en": "Moved to method version {change}",
        "nl": "Overgezet naar methodeversie {change}",
    },
    "export_forced_moves": {
        "en": "Forced moves and their reasons",
        "nl": "Geforceerde stappen en hun redenen",
    },
    "overview_title": {"en": "Learning teams at a glance", "nl": "Leerteams in één oogopslag"},
    "stalled_rule": {
        "en": "stalled: no activity for {days} days",
        "nl": "stilgevallen: {days} dagen geen activiteit",
    },
    "attention": {"en": "Need attention", "nl": "Vragen aandacht"},
    "attention_heading": {"en": "Stalled or overdue", "nl": "Stilgevallen of te laat"},
    "all_teams": {"en": "All teams", "nl": "Alle teams"},
    "col_count": {"en": "Teams", "nl": "Teams"},
    "col_trigger": {"en": "Trigger", "nl": "Trigger"},
    "col_from": {"en": "From", "nl": "Van"},
    "col_to": {"en": "To", "nl": "Naar"},
    "counters": {"en": "Counters", "nl": "Tellers"},
    "triggers_now": {"en": "Possible now", "nl": "Nu mogelijk"},
    "none": {"en": "none", "nl": "geen"},
    "optional": {"en": "optional", "nl": "optioneel"},
    "by_saving": {"en": "by saving {what}", "nl": "door {what} op te slaan"},
    "by_register": {"en": "by {what}", "nl": "door {what}"},
    "fired_by_accepted": {
        "en": "made by `plg hypothesis accept`",
        "nl": "gemaakt door `plg hypothesis accept`",
    },
    "fired_by_rejected": {
        "en": "made by `plg hypothesis reject`",
        "nl": "gemaakt door `plg hypothesis reject`",
    },
    "transitions": {"en": "Transitions", "nl": "Overgangen"},
    "checklist_title": {"en": "Checklist", "nl": "Checklist"},
    "printed": {"en": "Printed {date}", "nl": "Afgedrukt {date}"},
    "phase_of": {"en": "phase {index} of {count}", "nl": "fase {index} van {count}"},
    "file": {"en": "file {name} ({size} bytes)", "nl": "bestand {name} ({size} bytes)"},
    # Event kinds in the history.
    "event_start": {"en": "started", "nl": "gestart"},
    "event_advance": {"en": "moved", "nl": "verder gegaan"},
    "event_force": {"en": "moved (forced)", "nl": "verder gegaan (geforceerd)"},
    "event_tick": {"en": "ticked", "nl": "afgevinkt"},
    "event_untick": {"en": "unticked", "nl": "afvinken ongedaan"},
    "event_deadline": {"en": "deadline set", "nl": "deadline gezet"},
    "event_migrate": {"en": "moved to another version", "nl": "naar een andere versie"},
    "event_artefact": {"en": "artefact saved", "nl": "product opgeslagen"},
    "event_evidence": {"en": "evidence saved", "nl": "bewijs opgeslagen"},
    "event_join": {"en": "joined", "nl": "toegetreden"},
    "event_leave": {"en": "left", "nl": "vertrokken"},
    "event_charter": {"en": "charter answered", "nl": "charter ingevuld"},
    "event_needs": {"en": "learning needs recorded", "nl": "leerwensen vastgelegd"},
    "event_hypothesis": {"en": "hypothesis proposed", "nl": "hypothese opgesteld"},
    "event_verdict": {"en": "verdict on a hypothesis", "nl": "oordeel over een hypothese"},
    "event_meeting": {"en": "meeting recorded", "nl": "bijeenkomst vastgelegd"},
    # Confirmations printed after an action.
    "done_init": {
        "en": "Database ready at {url} (layout {revision}).",
        "nl": "Database klaar op {url} (indeling {revision}).",
    },
    "done_start": {
        "en": "Team '{team}' started on {method} in phase '{phase}'.",
        "nl": "Team '{team}' is gestart met {method} in fase '{phase}'.",
    },
    "done_tick": {"en": "Ticked '{item}'.", "nl": "'{item}' afgevinkt."},
    "done_untick": {"en": "Unticked '{item}'.", "nl": "'{item}' niet meer afgevinkt."},
    "done_advance": {
        "en": "Team '{team}' moved from '{source}' to '{dest}'.",
        "nl": "Team '{team}' ging van '{source}' naar '{dest}'.",
    },
    "done_complete": {
        "en": "Team '{team}' has completed the method.",
        "nl": "Team '{team}' heeft de methode afgerond.",
    },
    "done_record": {
        "en": "Saved {category} '{title}' in phase '{phase}'.",
        "nl": "Opgeslagen als {category}: '{title}', in fase '{phase}'.",
    },
    "graph_other_method": {
        "en": "Team '{team}' runs on method '{method}'; ask for that method's graph.",
        "nl": "Team '{team}' werkt met methode '{method}'; vraag het diagram van die methode.",
    },
    "done_deadline": {
        "en": "Deadline of team '{team}': {deadline}.",
        "nl": "Deadline van team '{team}': {deadline}.",
    },
    "deadline_usage": {
        "en": "Give a date (YYYY-MM-DD) or --clear, not both.",
        "nl": "Geef een datum (JJJJ-MM-DD) of --clear, niet allebei.",
    },
    "map_usage": {
        "en": "Write each mapping as OLD=NEW, not '{given}'.",
        "nl": "Schrijf elke koppeling als OUD=NIEUW, niet '{given}'.",
    },
    "overdue": {"en": "overdue", "nl": "te laat"},
    "done_migrate": {
        "en": "Team '{team}' now runs on {method} version {version}, in phase '{phase}'.",
        "nl": "Team '{team}' draait nu op {method} versie {version}, in fase '{phase}'.",
    },
    "done_backup": {
        "en": "Copied {url} to {path} ({size} MB). Check the copy with: "
        "plg --db sqlite:///{path} check",
        "nl": "{url} gekopieerd naar {path} ({size} MB). Controleer de kopie met: "
        "plg --db sqlite:///{path} check",
    },
    "done_written": {"en": "Written to {path}.", "nl": "Geschreven naar {path}."},
    "done_valid": {
        "en": "{source} is a valid definition of '{method}' version {version}.",
        "nl": "{source} is een geldige definitie van '{method}' versie {version}.",
    },
    "demo_more": {
        "en": "Around the phases: 'plg hours' (hours against the network budget), 'plg meeting "
        "list', 'plg charter show', 'plg pupil list \"{network}\"', 'plg hypothesis list "
        '"{datateam}"\'.',
        "nl": "Rond de fasen: 'plg hours' (uren naast het netwerkbudget), 'plg meeting list', "
        "'plg charter show', 'plg pupil list \"{network}\"', 'plg hypothesis list "
        '"{datateam}"\'.',
    },
    "demo_roles": {
        "en": "Role checks are on: a team's leader moves it, its members tick and save, "
        "project leaders ({leaders}) may do everything. Act as someone else with --as, such "
        "as --as '{leader}' (a leader) or --as '{member}' (a member).",
        "nl": "Rolcontrole staat aan: de leider brengt een team verder, de leden vinken af en "
        "bewaren, projectleiders ({leaders}) mogen alles. Handel als iemand anders met --as, "
        "zoals --as '{leader}' (een leider) of --as '{member}' (een lid).",
    },
    "demo_ready": {
        "en": "Example foundation ready: {created} team(s) created, {kept} already there. "
        "Database: {url}",
        "nl": "Voorbeeldstichting klaar: {created} team(s) gemaakt, {kept} bestonden al. "
        "Database: {url}",
    },
    "no_teams": {
        "en": "No teams yet.",
        "nl": "Nog geen teams.",
    },
    "nothing_saved": {"en": "Nothing saved yet.", "nl": "Nog niets opgeslagen."},
    "plugin_broken": {
        "en": "Skipped method plugin '{name}': {reason}",
        "nl": "Methode-plugin '{name}' overgeslagen: {reason}",
    },
    # The team charter, the hypothesis register, meetings and hours.
    "saves_charter_complete": {"en": "a complete team charter", "nl": "een volledig teamcharter"},
    "saves_hypothesis_open": {
        "en": "an open hypothesis in the register",
        "nl": "een open hypothese in het register",
    },
    "charter_deliverable": {
        "en": "What will the team deliver?",
        "nl": "Wat levert het team op?",
    },
    "charter_question": {
        "en": "What do we really want to find out?",
        "nl": "Wat willen we echt uitzoeken?",
    },
    "charter_known": {
        "en": "What do we know already, and what not yet?",
        "nl": "Wat weten we al, en wat nog niet?",
    },
    "charter_sources": {
        "en": "Where do we find information: people, literature, data?",
        "nl": "Waar vinden we informatie: mensen, literatuur, gegevens?",
    },
    "charter_expertise": {
        "en": "Who brings which expertise?",
        "nl": "Wie brengt welke deskundigheid mee?",
    },
    "charter_experience": {
        "en": "Who has done practitioner research before?",
        "nl": "Wie heeft al eens praktijkonderzoek gedaan?",
    },
    "charter_try_first": {
        "en": "What can we try in class straight away?",
        "nl": "Wat kunnen we meteen in de klas uitproberen?",
    },
    "charter_tracking": {
        "en": "How do we keep track of what changes in class?",
        "nl": "Hoe houden we bij wat er in de klas verandert?",
    },
    "charter_deadline": {"en": "By when?", "nl": "Wanneer is het klaar?"},
    "charter_needs": {
        "en": "What does each member want to learn?",
        "nl": "Wat wil elk lid leren?",
    },
    "charter_complete": {"en": "The charter is complete.", "nl": "Het charter is volledig."},
    "charter_missing": {"en": "Still open: {missing}.", "nl": "Nog open: {missing}."},
    "charter_missing_needs": {
        "en": "the learning needs of {people} ('plg charter needs')",
        "nl": "de leerwensen van {people} ('plg charter needs')",
    },
    "charter_question_unknown": {
        "en": "The charter has no question '{id}'. Questions: {ids}.",
        "nl": "Het charter heeft geen vraag '{id}'. Vragen: {ids}.",
    },
    "charter_nothing": {
        "en": "There is nothing to save: no answer and no deadline.",
        "nl": "Er is niets te bewaren: geen antwoord en geen einddatum.",
    },
    "text_too_long": {
        "en": "A text may be at most {limit} characters long.",
        "nl": "Een tekst mag hoogstens {limit} tekens lang zijn.",
    },
    "done_charter": {
        "en": "Charter of '{team}' saved.",
        "nl": "Charter van '{team}' bewaard.",
    },
    "trigger_by_accepted": {
        "en": "In team '{team}', '{trigger}' follows from accepting the open hypothesis.",
        "nl": "In team '{team}' volgt '{trigger}' uit het aannemen van de open hypothese.",
    },
    "trigger_by_rejected": {
        "en": "In team '{team}', '{trigger}' follows from rejecting the open hypothesis.",
        "nl": "In team '{team}' volgt '{trigger}' uit het verwerpen van de open hypothese.",
    },
    "hypothesis_invalid": {
        "en": "A hypothesis needs a text of at most {limit} characters.",
        "nl": "Een hypothese heeft een tekst nodig van hoogstens {limit} tekens.",
    },
    "verdict_invalid": {
        "en": "A verdict says why in 1 to {limit} characters, and its data in at most {limit}.",
        "nl": "Een oordeel zegt waarom in 1 tot {limit} tekens, en de gegevens in hoogstens {limit}.",
    },
    "hypothesis_open": {
        "en": "Team '{team}' is still testing an open hypothesis.",
        "nl": "Team '{team}' toetst nog een open hypothese.",
    },
    "hypothesis_none_open": {
        "en": "Team '{team}' has no open hypothesis.",
        "nl": "Team '{team}' heeft geen open hypothese.",
    },
    "verdict_wrong_phase": {
        "en": "Team '{team}' gives its verdict on a hypothesis in phase: {phases}.",
        "nl": "Team '{team}' geeft het oordeel over een hypothese in de fase: {phases}.",
    },
    "status_open": {"en": "open", "nl": "open"},
    "status_accepted": {"en": "accepted", "nl": "aangenomen"},
    "status_rejected": {"en": "rejected", "nl": "verworpen"},
    "done_hypothesis": {
        "en": "Hypothesis {number} of '{team}' is in the register.",
        "nl": "Hypothese {number} van '{team}' staat in het register.",
    },
    "done_verdict": {
        "en": "Hypothesis {number} {status}.",
        "nl": "Hypothese {number} {status}.",
    },
    "meeting_kind_invalid": {
        "en": "'{kind}' is not a kind of meeting. Kinds: {kinds}.",
        "nl": "'{kind}' is geen soort bijeenkomst. Soorten: {kinds}.",
    },
    "meeting_length_invalid": {
        "en": "A meeting lasts more than 0 and at most {most} minutes; write 90, 90m, 1h30 or "
        "1.5h.",
        "nl": "Een bijeenkomst duurt meer dan 0 en hoogstens {most} minuten; schrijf 90, 90m, "
        "1u30 of 1,5u.",
    },
    "meeting_date_invalid": {
        "en": "{day} cannot be the day of a meeting: give a day from 2000 to a year from now.",
        "nl": "{day} kan geen dag van een bijeenkomst zijn: geef een dag vanaf 2000 tot een "
        "jaar vanaf nu.",
    },
    "meeting_no_attendees": {
        "en": "A meeting needs at least one person who attended.",
        "nl": "Een bijeenkomst heeft minstens één aanwezige nodig.",
    },
    "attendee_not_member": {
        "en": "'{person}' was not a member of team '{team}' on {day}.",
        "nl": "'{person}' was op {day} geen lid van team '{team}'.",
    },
    "person_unknown": {
        "en": "Nobody called '{person}' is known.",
        "nl": "Er is niemand bekend met de naam '{person}'.",
    },
    "year_invalid": {
        "en": "'{year}' is not a school year: write 2025 or 2025-2026.",
        "nl": "'{year}' is geen schooljaar: schrijf 2025 of 2025-2026.",
    },
    "kind_meeting": {"en": "meeting", "nl": "bijeenkomst"},
    "kind_start": {"en": "start conversation", "nl": "startgesprek"},
    "kind_development": {"en": "development conversation", "nl": "ontwikkelgesprek"},
    "kind_evaluation": {"en": "evaluation conversation", "nl": "evaluatiegesprek"},
    "done_meeting": {
        "en": "Meeting of {day} saved: {minutes} minutes for {count} person(s).",
        "nl": "Bijeenkomst van {day} bewaard: {minutes} minuten voor {count} persoon/personen.",
    },
    "no_meetings": {"en": "No meetings yet.", "nl": "Nog geen bijeenkomsten."},
    "no_hypotheses": {"en": "The register is empty.", "nl": "Het register is leeg."},
    "no_hours": {
        "en": "No hours in this school year.",
        "nl": "Geen uren in dit schooljaar.",
    },
    "hours_title": {"en": "Hours in school year {year}", "nl": "Uren in schooljaar {year}"},
    "col_question": {"en": "Question", "nl": "Vraag"},
    "col_answer": {"en": "Answer", "nl": "Antwoord"},
    "col_needs": {"en": "Wants to learn", "nl": "Wil leren"},
    "col_number": {"en": "No.", "nl": "Nr."},
    "col_hypothesis": {"en": "Hypothesis", "nl": "Hypothese"},
    "col_data": {"en": "Data", "nl": "Gegevens"},
    "col_verdict": {"en": "Verdict", "nl": "Oordeel"},
    "col_date": {"en": "Date", "nl": "Datum"},
    "col_minutes": {"en": "Minutes", "nl": "Minuten"},
    "col_attendees": {"en": "Attendees", "nl": "Aanwezig"},
    "col_agenda": {"en": "Agenda", "nl": "Agenda"},
    "col_network_hours": {"en": "Network hours", "nl": "Uren netwerk"},
    "col_team_hours": {"en": "Team hours", "nl": "Uren leerteam"},
    "col_meetings": {"en": "Meetings", "nl": "Bijeenkomsten"},
    "col_budget": {"en": "Budget", "nl": "Budget"},
    "col_left": {"en": "Left", "nl": "Over"},
    "saves_pupils_cases": {
        "en": "case pupils for the research lesson",
        "nl": "casusleerlingen voor de onderzoeksles",
    },
    "saves_pupils_predicted": {
        "en": "a predicted response for every case pupil",
        "nl": "een voorspelde reactie voor elke casusleerling",
    },
    "saves_pupils_observers": {
        "en": "an observer for every case pupil",
        "nl": "een observator voor elke casusleerling",
    },
    "saves_pupils_observed": {
        "en": "an observed response beside every prediction",
        "nl": "een geobserveerde reactie naast elke voorspelling",
    },
    "pseudonym_invalid": {
        "en": "A pseudonym has 1 to 60 visible characters.",
        "nl": "Een schuilnaam heeft 1 tot 60 zichtbare tekens.",
    },
    "pseudonym_warning": {
        "en": "Warning: '{pseudonym}' looks like a real name. Never store a pupil's name: use a "
        "pseudonym such as 'Pupil A' (change it with 'plg pupil rename').",
        "nl": "Let op: '{pseudonym}' lijkt op een echte naam. Bewaar nooit de naam van een "
        "leerling: gebruik een schuilnaam zoals 'Leerling A' (wijzig met 'plg pupil rename').",
    },
    "stage_invalid": {
        "en": "A lesson stage has 1 to 60 visible characters, such as 'start' or 'instruction'.",
        "nl": "Een lesfase heeft 1 tot 60 zichtbare tekens, zoals 'start' of 'instructie'.",
    },
    "pupil_note_invalid": {
        "en": "Write the response in 1 to {limit} characters.",
        "nl": "Schrijf de reactie in 1 tot {limit} tekens.",
    },
    "pupil_note_kind": {
        "en": "'{kind}' is neither a prediction nor an observation.",
        "nl": "'{kind}' is geen voorspelling en geen observatie.",
    },
    "pupil_unknown": {
        "en": "Research lesson {lesson} has no case pupil '{pseudonym}'.",
        "nl": "Onderzoeksles {lesson} heeft geen casusleerling '{pseudonym}'.",
    },
    "pupil_not_predicted": {
        "en": "Nothing was predicted for '{pseudonym}' in stage '{stage}'.",
        "nl": "Er is niets voorspeld voor '{pseudonym}' in fase '{stage}'.",
    },
    "lesson_invalid": {
        "en": "There is no research lesson {lesson}: the team is at lesson {current}.",
        "nl": "Er is geen onderzoeksles {lesson}: het team is bij les {current}.",
    },
    "pseudonym_taken": {
        "en": "Research lesson {lesson} already has a case pupil '{pseudonym}'.",
        "nl": "Onderzoeksles {lesson} heeft al een casusleerling '{pseudonym}'.",
    },
    "done_pupil": {
        "en": "Case pupil '{pseudonym}' saved for research lesson {lesson}. Pseudonyms only: "
        "never a pupil's real name.",
        "nl": "Casusleerling '{pseudonym}' bewaard voor onderzoeksles {lesson}. Alleen "
        "schuilnamen: nooit de echte naam van een leerling.",
    },
    "done_note": {
        "en": "Saved for '{pseudonym}', stage '{stage}'.",
        "nl": "Bewaard voor '{pseudonym}', fase '{stage}'.",
    },
    "no_pupils": {
        "en": "No case pupils in this research lesson yet.",
        "nl": "Nog geen casusleerlingen in deze onderzoeksles.",
    },
    "col_lesson": {"en": "Lesson", "nl": "Les"},
    "col_pseudonym": {"en": "Case pupil", "nl": "Casusleerling"},
    "col_stands_for": {"en": "Stands for", "nl": "Staat voor"},
    "col_observer": {"en": "Observer", "nl": "Observator"},
    "col_stage": {"en": "Stage", "nl": "Lesfase"},
    "col_predicted": {"en": "Predicted", "nl": "Voorspeld"},
    "col_observed": {"en": "Observed", "nl": "Geobserveerd"},
    "export_pupils": {"en": "Case pupils", "nl": "Casusleerlingen"},
    "event_pupil": {"en": "case pupil", "nl": "casusleerling"},
    "event_prediction": {"en": "prediction", "nl": "voorspelling"},
    "event_observation": {"en": "observation", "nl": "observatie"},
    # Accounts: who may sign in to the web page (plg user, plg serve).
    "password_length": {
        "en": "A password needs {low} to {high} characters, not only spaces. A short sentence is easy to remember and hard to guess.",
        "nl": "Een wachtwoord heeft {low} tot {high} tekens nodig, niet alleen spaties. Een korte zin is makkelijk te onthouden en moeilijk te raden.",
    },
    "password_mismatch": {
        "en": "The two passwords differ. Type the same password twice.",
        "nl": "De twee wachtwoorden verschillen. Typ twee keer hetzelfde wachtwoord.",
    },
    "password_empty_stdin": {
        "en": "No password came on standard input.",
        "nl": "Er kwam geen wachtwoord via standaardinvoer.",
    },
    "lang_invalid": {
        "en": "'{lang}' is not a language plg speaks. Choose one of: {langs}.",
        "nl": "'{lang}' is geen taal die plg spreekt. Kies uit: {langs}.",
    },
    "user_not_a_person": {
        "en": "'{person}' is neither a known person nor a project leader.",
        "nl": "'{person}' is geen bekende persoon en geen projectleider.",
    },
    "user_exists": {
        "en": "'{person}' can already sign in.",
        "nl": "'{person}' kan al inloggen.",
    },
    "user_unknown": {
        "en": "'{person}' has no account.",
        "nl": "'{person}' heeft geen account.",
    },
    "sign_in_failed": {
        "en": "That name and password do not match. Check both and try again; each failure makes the next try wait longer.",
        "nl": "Die naam en dat wachtwoord horen niet bij elkaar. Controleer beide en probeer het opnieuw; na elke mislukte poging moet je langer wachten.",
    },
    "sign_in_wait": {
        "en": "A sign-in under this name was tried just now, or failed. Wait {seconds} s, then try again.",
        "nl": "Onder deze naam is zojuist een inlogpoging gedaan, of een poging mislukt. Wacht {seconds} s en probeer het dan opnieuw.",
    },
    "sign_in_busy": {
        "en": "Many people are signing in at this moment. Try again in a minute.",
        "nl": "Er loggen nu veel mensen tegelijk in. Probeer het over een minuut opnieuw.",
    },
    "done_user": {
        "en": "'{person}' can now sign in to the web page (plg serve).",
        "nl": "'{person}' kan nu inloggen op de webpagina (plg serve).",
    },
    "done_passwd": {
        "en": "New password for '{person}' saved; their open sessions have ended.",
        "nl": "Nieuw wachtwoord voor '{person}' bewaard; de open sessies zijn beëindigd.",
    },
    "done_user_removed": {
        "en": "'{person}' can no longer sign in.",
        "nl": "'{person}' kan niet meer inloggen.",
    },
    "no_users": {
        "en": "Nobody can sign in yet.",
        "nl": "Nog niemand kan inloggen.",
    },
    "col_account": {"en": "Account", "nl": "Account"},
    "col_lang": {"en": "Language", "nl": "Taal"},
    "col_project_leader": {"en": "Project leader", "nl": "Projectleider"},
    "yes": {"en": "yes", "nl": "ja"},
    "serve_listening": {
        "en": "plg serves {url} at http://{host}:{port}/ ({workers} worker(s)). Stop with Ctrl+C.",
        "nl": "plg serveert {url} op http://{host}:{port}/ ({workers} worker(s)). Stop met Ctrl+C.",
    },
    "serve_no_users": {
        "en": "Nobody can sign in yet: add an account first with 'plg user add NAME'.",
        "nl": "Nog niemand kan inloggen: maak eerst een account met 'plg user add NAAM'.",
    },
    "serve_workers_sqlite": {
        "en": "Several workers need a server database (PostgreSQL): SQLite serves one school on one machine.",
        "nl": "Meerdere workers hebben een serverdatabase (PostgreSQL) nodig: SQLite bedient één school op één machine.",
    },
    "demo_sign_in": {
        "en": "Web page: run 'plg serve', open http://127.0.0.1:8000/ and sign in as {people} (a project leader, a team leader, a member) with the password {password}",
        "nl": "Webpagina: start 'plg serve', open http://127.0.0.1:8000/ en log in als {people} (een projectleider, een teamleider, een lid) met het wachtwoord {password}",
    },
    # The web page (plg serve): its own words.
    "web_nav_teams": {"en": "My teams", "nl": "Mijn teams"},
    "web_nav_dashboard": {"en": "Dashboard", "nl": "Dashboard"},
    "web_nav_methods": {"en": "Methods", "nl": "Methoden"},
    "web_other_lang": {"en": "Nederlands", "nl": "English"},
    "web_sign_in": {"en": "Sign in", "nl": "Inloggen"},
    "web_sign_out": {"en": "Sign out", "nl": "Uitloggen"},
    "web_sign_in_intro": {
        "en": "Sign in with your name as the project knows it and your password.",
        "nl": "Log in met je naam zoals het project die kent en je wachtwoord.",
    },
    "web_name": {"en": "Name", "nl": "Naam"},
    "web_password": {"en": "Password", "nl": "Wachtwoord"},
    "web_signed_out": {
        "en": "This session has ended: you signed out, or your password or account changed. Sign in again.",
        "nl": "Deze sessie is afgelopen: je bent uitgelogd, of je wachtwoord of account is gewijzigd. Log opnieuw in.",
    },
    "web_session_expired": {
        "en": "Your session expired after a while without use. Sign in again; nothing was lost.",
        "nl": "Je sessie is verlopen na een tijd zonder gebruik. Log opnieuw in; er is niets verloren gegaan.",
    },
    "web_sign_in_keeps": {
        "en": "Nothing was saved. Sign in again: what you typed comes back on the page, to check and save.",
        "nl": "Er is niets bewaard. Log opnieuw in: wat je typte komt terug op de pagina, om na te kijken en te bewaren.",
    },
    "web_draft_back": {
        "en": "You had to sign in again before this was saved: check it and save it.",
        "nl": "Je moest opnieuw inloggen voordat dit bewaard was: kijk het na en bewaar het.",
    },
    "web_csrf_again": {
        "en": "Nothing was saved: this form came from a page older than your last sign-in. Check it and send it again.",
        "nl": "Er is niets bewaard: dit formulier kwam van een pagina van voor je laatste keer inloggen. Kijk het na en verstuur het opnieuw.",
    },
    "web_session_too_old": {
        "en": "Your session has reached the most days a session lasts. Sign in again; nothing was lost.",
        "nl": "Je sessie heeft het hoogste aantal dagen bereikt dat een sessie duurt. Log opnieuw in; er is niets verloren gegaan.",
    },
    "web_stay_signed_in": {
        "en": "Stay signed in on this device",
        "nl": "Ingelogd blijven op dit apparaat",
    },
    "web_signed_out_done": {"en": "You are signed out.", "nl": "Je bent uitgelogd."},
    "web_csrf": {
        "en": "This form was not accepted: it did not carry this page's security code, or it has expired. Go back, reload the page and try again. Nothing was changed.",
        "nl": "Dit formulier is niet aangenomen: het had de beveiligingscode van deze pagina niet, of die is verlopen. Ga terug, laad de pagina opnieuw en probeer het nog eens. Er is niets gewijzigd.",
    },
    "web_too_large": {
        "en": "That is too large to send: plg stores files up to {limit} MB. Nothing was changed. Go back in your browser, where what you typed still is, and choose a smaller file or save a link to it as text.",
        "nl": "Dat is te groot om te versturen: plg bewaart bestanden tot {limit} MB. Er is niets gewijzigd. Ga terug in je browser, waar wat je typte nog staat, en kies een kleiner bestand of bewaar een link ernaar als tekst.",
    },
    "web_too_slow": {
        "en": "Your browser stopped sending half-way, so plg stopped waiting. Nothing was changed. Go back in your browser, where what you typed still is, and send it again.",
        "nl": "Je browser stopte halverwege met versturen, dus plg wacht niet langer. Er is niets gewijzigd. Ga terug in je browser, waar wat je typte nog staat, en verstuur het opnieuw.",
    },
    "web_bad_form": {
        "en": "The form could not be read. Reload the page and try again. Nothing was changed.",
        "nl": "Het formulier kon niet gelezen worden. Laad de pagina opnieuw en probeer het nog eens. Er is niets gewijzigd.",
    },
    "file_not_regular": {
        "en": "'{path}' is not a file but a folder, a device, a pipe or a socket. Give the path of a file to store.",
        "nl": "'{path}' is geen bestand maar een map, een apparaat, een pipe of een socket. Geef het pad van een bestand om te bewaren.",
    },
    "web_problem": {"en": "Something is not right", "nl": "Er klopt iets niet"},
    "web_back_home": {"en": "Back to my teams", "nl": "Terug naar mijn teams"},
    "web_page_unknown": {
        "en": "There is no such page. Use the menu at the top to find your way.",
        "nl": "Deze pagina bestaat niet. Gebruik het menu bovenaan om verder te gaan.",
    },
    "web_ticks_saved": {
        "en": "Checklist saved ({count} changed).",
        "nl": "Checklist bewaard ({count} gewijzigd).",
    },
    "web_moved": {"en": "The team is now in: {phase}.", "nl": "Het team is nu in: {phase}."},
    "web_saved": {"en": "'{title}' saved.", "nl": "'{title}' bewaard."},
    "web_not_a_number": {
        "en": "'{value}' is not a number. Give a value such as 7.5, or leave the field empty.",
        "nl": "'{value}' is geen getal. Geef een waarde zoals 7,5, of laat het veld leeg.",
    },
    "web_not_a_date": {
        "en": "'{value}' is not a date. Give one as YYYY-MM-DD.",
        "nl": "'{value}' is geen datum. Geef er een als JJJJ-MM-DD.",
    },
    "web_stalled_days": {
        "en": "'Stalled after' takes a number of days from 1 to 3650.",
        "nl": "'Stil na' neemt een aantal dagen van 1 tot 3650.",
    },
    "web_meeting_saved": {"en": "Meeting of {day} saved.", "nl": "Bijeenkomst van {day} bewaard."},
    "web_hypothesis_added": {
        "en": "Hypothesis {number} saved.",
        "nl": "Hypothese {number} bewaard.",
    },
    "web_hypothesis_accepted": {
        "en": "Hypothesis {number} accepted.",
        "nl": "Hypothese {number} aangenomen.",
    },
    "web_hypothesis_rejected": {
        "en": "Hypothesis {number} rejected.",
        "nl": "Hypothese {number} verworpen.",
    },
    "web_charter_saved": {"en": "Team charter saved.", "nl": "Teamafspraken bewaard."},
    # Two people on one team at once: a page loaded earlier never undoes the other's work.
    "team_moved_meanwhile": {
        "en": "Team '{team}' moved on to '{phase}' while your page was open, so nothing was changed. Look at the team as it is now.",
        "nl": "Team '{team}' is doorgegaan naar '{phase}' terwijl je pagina open stond, dus er is niets gewijzigd. Bekijk het team zoals het nu is.",
    },
    "hypothesis_decided_meanwhile": {
        "en": "Someone else decided hypothesis {number} of team '{team}' while your page was open, so your verdict was not saved.",
        "nl": "Iemand anders heeft over hypothese {number} van team '{team}' beslist terwijl je pagina open stond, dus je oordeel is niet bewaard.",
    },
    "pupil_note_changed": {
        "en": "Someone else wrote this note for '{pseudonym}' at stage '{stage}' while your page was open, so yours was not saved. Theirs is in the table; save yours again to replace it.",
        "nl": "Iemand anders schreef deze notitie voor '{pseudonym}' bij lesfase '{stage}' terwijl je pagina open stond, dus de jouwe is niet bewaard. Die van de ander staat in de tabel; bewaar de jouwe opnieuw om die te vervangen.",
    },
    "web_charter_clash": {
        "en": "Someone else changed {fields} while your page was open. Your text was not saved there: it is still in the field, with theirs below it. Save again to replace theirs.",
        "nl": "Iemand anders wijzigde {fields} terwijl je pagina open stond. Jouw tekst is daar niet bewaard: die staat nog in het veld, met die van de ander eronder. Bewaar opnieuw om die van de ander te vervangen.",
    },
    "web_saved_meanwhile": {
        "en": "Saved meanwhile by someone else:",
        "nl": "Intussen door iemand anders bewaard:",
    },
    "web_typed_kept": {
        "en": "What you typed is still in the form.",
        "nl": "Wat je typte staat nog in het formulier.",
    },
    "web_move_gone": {
        "en": "The team can no longer make this move from the phase it is in now.",
        "nl": "Het team kan deze stap niet meer zetten vanuit de fase waarin het nu is.",
    },
    "web_reason_kept": {
        "en": "The reason you typed, to copy:",
        "nl": "De reden die je typte, om te kopiëren:",
    },
    "web_col_step": {"en": "Step", "nl": "Stap"},
    "web_col_leader": {"en": "Leader", "nl": "Leider"},
    "web_my_teams": {"en": "My teams", "nl": "Mijn teams"},
    "web_no_own_teams": {
        "en": "You are not a member of a team yet. A project leader adds you to one.",
        "nl": "Je bent nog geen lid van een team. Een projectleider voegt je toe.",
    },
    "web_other_teams": {"en": "Other teams of your school", "nl": "Andere teams van je school"},
    "web_phase_of": {
        "en": "{phase} (step {index} of {count})",
        "nl": "{phase} (stap {index} van {count})",
    },
    "web_leader": {"en": "led by {leader}", "nl": "geleid door {leader}"},
    "web_export": {
        "en": "The team's whole story, to print or share",
        "nl": "Het hele verhaal van het team, om te printen of te delen",
    },
    "web_export_short": {"en": "story", "nl": "verhaal"},
    "web_checklist": {"en": "Checklist: {phase}", "nl": "Checklist: {phase}"},
    "web_optional": {"en": "optional", "nl": "optioneel"},
    "web_save_ticks": {"en": "Save the ticks", "nl": "Vinkjes bewaren"},
    "web_case_pupils": {
        "en": "Case pupils of this research lesson",
        "nl": "Casusleerlingen van deze onderzoeksles",
    },
    "web_moves": {"en": "Next steps", "nl": "Volgende stappen"},
    "web_no_moves": {
        "en": "The team has finished the cycle.",
        "nl": "Het team heeft de cyclus afgerond.",
    },
    "web_still_open": {"en": "Still open:", "nl": "Nog open:"},
    "web_move_by_accepted": {
        "en": "Made by accepting the open hypothesis (below).",
        "nl": "Gaat door de open hypothese aan te nemen (hieronder).",
    },
    "web_move_by_rejected": {
        "en": "Made by rejecting the open hypothesis (below).",
        "nl": "Gaat door de open hypothese te verwerpen (hieronder).",
    },
    "web_move_button": {"en": "Move…", "nl": "Verder…"},
    "web_leaders_move": {
        "en": "The team leader moves the team.",
        "nl": "De teamleider zet het team verder.",
    },
    "web_diagram": {"en": "Where the team is", "nl": "Waar het team is"},
    "web_records": {"en": "What the team made and found", "nl": "Wat het team maakte en vond"},
    "web_artefacts": {"en": "Artefacts", "nl": "Producten"},
    "web_evidences": {"en": "Evidence", "nl": "Bewijs"},
    "web_title": {"en": "Title", "nl": "Titel"},
    "web_kind": {"en": "Kind", "nl": "Soort"},
    "web_none_yet": {"en": "None yet.", "nl": "Nog niets."},
    "web_save_record": {
        "en": "Save an artefact or evidence",
        "nl": "Een product of bewijs bewaren",
    },
    "web_category": {"en": "Artefact or evidence", "nl": "Product of bewijs"},
    "web_file": {"en": "File", "nl": "Bestand"},
    "web_or_text": {
        "en": "or a text (a link, a summary)",
        "nl": "of een tekst (een link, een samenvatting)",
    },
    "web_or_value": {"en": "or a value (evidence only)", "nl": "of een waarde (alleen bij bewijs)"},
    "web_save": {"en": "Save", "nl": "Bewaren"},
    "web_meetings": {"en": "Meetings", "nl": "Bijeenkomsten"},
    "web_length": {"en": "Length (90, 1h30)", "nl": "Duur (90, 1u30)"},
    "web_attendees": {"en": "Who attended", "nl": "Aanwezig"},
    "web_agenda": {"en": "Agenda", "nl": "Agenda"},
    "web_notes": {"en": "Notes", "nl": "Aantekeningen"},
    "web_add_meeting": {"en": "Record a meeting", "nl": "Een bijeenkomst vastleggen"},
    "web_date": {"en": "Date", "nl": "Datum"},
    "web_hypotheses": {"en": "Hypotheses", "nl": "Hypothesen"},
    "web_decide": {"en": "Decide on hypothesis {number}", "nl": "Besluit over hypothese {number}"},
    "web_reasoning": {"en": "Why (the verdict)", "nl": "Waarom (het oordeel)"},
    "web_data": {"en": "On which data", "nl": "Op basis van welke gegevens"},
    "web_accept": {"en": "Accept", "nl": "Aannemen"},
    "web_reject": {"en": "Reject", "nl": "Verwerpen"},
    "web_new_hypothesis": {
        "en": "A new hypothesis to test",
        "nl": "Een nieuwe hypothese om te toetsen",
    },
    "web_charter": {"en": "Team charter", "nl": "Teamafspraken"},
    "web_charter_complete": {"en": "complete", "nl": "compleet"},
    "web_charter_incomplete": {"en": "not complete yet", "nl": "nog niet compleet"},
    "web_charter_show": {"en": "Show the answers", "nl": "Toon de antwoorden"},
    "web_my_needs": {"en": "My learning needs", "nl": "Mijn leervragen"},
    "web_members": {"en": "Members", "nl": "Leden"},
    "web_history": {"en": "History", "nl": "Geschiedenis"},
    "web_confirm_title": {"en": "Move team '{team}'?", "nl": "Team '{team}' verder zetten?"},
    "web_confirm_move": {
        "en": "'{move}' takes the team from {source} to {dest}. This is recorded in its history.",
        "nl": "'{move}' brengt het team van {source} naar {dest}. Dit komt in de geschiedenis.",
    },
    "web_confirm_button": {"en": "Yes, move the team", "nl": "Ja, zet het team verder"},
    "web_cancel": {"en": "Cancel", "nl": "Annuleren"},
    "web_force_reason": {
        "en": "Move anyway, with a reason for the history",
        "nl": "Toch verder, met een reden voor de geschiedenis",
    },
    "web_force": {"en": "Move anyway", "nl": "Toch verder"},
    "web_school": {"en": "School", "nl": "School"},
    "web_all": {"en": "all", "nl": "alle"},
    "web_stalled_after": {"en": "Stalled after (days)", "nl": "Stil na (dagen)"},
    "web_filter": {"en": "Show", "nl": "Toon"},
    "web_sources": {"en": "Sources", "nl": "Bronnen"},
    "web_pseudonyms_only": {
        "en": "Pseudonyms only (Pupil A, Pupil B): never a pupil's real name.",
        "nl": "Alleen schuilnamen (Leerling A, Leerling B): nooit de echte naam van een leerling.",
    },
    "web_pseudonym_example": {"en": "Pupil A", "nl": "Leerling A"},
    "web_add_pupil": {"en": "Add a case pupil", "nl": "Een casusleerling toevoegen"},
    "web_rename_pupil": {"en": "Rename a case pupil", "nl": "Een casusleerling hernoemen"},
    "web_new_pseudonym": {"en": "New pseudonym", "nl": "Nieuwe schuilnaam"},
    "web_add_note": {
        "en": "Write down a prediction or an observation",
        "nl": "Een voorspelling of observatie noteren",
    },
    "web_note_kind": {"en": "Predicted or observed", "nl": "Voorspeld of geobserveerd"},
    "web_response": {"en": "The pupil's response", "nl": "De reactie van de leerling"},
    "web_pupil_saved": {
        "en": "Case pupil '{pseudonym}' saved for research lesson {lesson}.",
        "nl": "Casusleerling '{pseudonym}' bewaard voor onderzoeksles {lesson}.",
    },
    "web_first_rows": {
        "en": "The first {shown} of {total} teams, those that need attention first. Filter by school, method or phase to see the others; the counts and bars cover them all.",
        "nl": "De eerste {shown} van {total} teams, die met aandacht nodig eerst. Filter op school, methode of fase om de andere te zien; de tellingen en balken gaan over alle teams.",
    },
    "web_account": {"en": "My account", "nl": "Mijn account"},
    "web_current_password": {"en": "Current password", "nl": "Huidig wachtwoord"},
    "web_new_password": {"en": "New password", "nl": "Nieuw wachtwoord"},
    "password_prompt": {"en": "Password", "nl": "Wachtwoord"},
    "password_again": {"en": "The same password again", "nl": "Hetzelfde wachtwoord nog eens"},
    "web_password_changed": {
        "en": "Your new password is saved. Your sessions elsewhere have ended; this one goes on.",
        "nl": "Je nieuwe wachtwoord is bewaard. Je sessies elders zijn beëindigd; deze loopt door.",
    },
    "web_server_fault": {
        "en": "Something went wrong in plg itself. If you were saving something, look at the team's page to see whether it was saved, and tell whoever runs plg at your school.",
        "nl": "Er ging iets mis in plg zelf. Als je iets aan het bewaren was, kijk dan op de teampagina of het bewaard is, en meld het bij wie plg op je school beheert.",
    },
    # errors
    # What each surface says to do about an error, by its key: the command line what to type
    # (plg/cli/remedies.py), the web page what to click (plg/web/remedies.py).
    "cli_fix_team_unknown": {
        "en": "See the teams with 'plg team list'.",
        "nl": "Bekijk de teams met 'plg team list'.",
    },
    "cli_fix_network_schools": {
        "en": "Name them with --school, or start it as an internal team.",
        "nl": "Noem ze met --school, of start het als intern team.",
    },
    "cli_fix_internal_schools": {
        "en": "Name one --school, or start it with --kind network.",
        "nl": "Noem een --school, of start het met --kind network.",
    },
    "cli_fix_item_not_manual": {
        "en": "Use '{command}'.",
        "nl": "Gebruik '{command}'.",
    },
    "cli_fix_guards_failed": {
        "en": "Finish these, or use --force with --reason.",
        "nl": "Rond deze af, of gebruik --force met --reason.",
    },
    "cli_fix_migrate_unmapped": {
        "en": "Map a phase with --map OLD=NEW, or untick items first.",
        "nl": "Koppel een fase met --map OUD=NIEUW, of vink punten eerst uit.",
    },
    "cli_fix_force_needs_reason": {
        "en": 'Add --reason "why".',
        "nl": 'Voeg --reason "waarom" toe.',
    },
    "cli_fix_record_unknown": {
        "en": "The ids are in the list command's output.",
        "nl": "De ids staan in de uitvoer van het list-commando.",
    },
    "cli_fix_record_no_file": {
        "en": "'list' shows it.",
        "nl": "'list' toont die.",
    },
    "cli_fix_record_content": {
        "en": "Give it with exactly one of --file, --text or --value.",
        "nl": "Geef het met precies een van --file, --text of --value.",
    },
    "cli_fix_file_too_large": {
        "en": "Save a link to it with --text instead.",
        "nl": "Sla er een link naar op met --text.",
    },
    "cli_fix_db_missing": {
        "en": "Create it with 'plg init'.",
        "nl": "Maak die aan met 'plg init'.",
    },
    "cli_fix_db_outdated": {
        "en": "Upgrade it with 'plg init'.",
        "nl": "Werk die bij met 'plg init'.",
    },
    "cli_fix_db_unreachable": {
        "en": "Check --db or PLG_DATABASE_URL.",
        "nl": "Controleer --db of PLG_DATABASE_URL.",
    },
    "cli_fix_db_driver_missing": {
        "en": "For PostgreSQL: pip install 'plg[postgres]'.",
        "nl": "Voor PostgreSQL: pip install 'plg[postgres]'.",
    },
    "cli_fix_backup_server": {
        "en": "Use the server's own tool: pg_dump --format=custom --file=FILE DATABASE (restore with pg_restore).",
        "nl": "Gebruik het eigen hulpmiddel van de server: pg_dump --format=custom --file=BESTAND DATABASE (terugzetten met pg_restore).",
    },
    "cli_fix_role_refused": {
        "en": "Act as someone who may (--as), or ask a project leader for that role (plg team join).",
        "nl": "Handel als iemand die het mag (--as), of vraag een projectleider om die rol (plg team join).",
    },
    "cli_fix_role_refused_foundation": {
        "en": "Act as a project leader (--as).",
        "nl": "Handel als projectleider (--as).",
    },
    "cli_fix_role_checks_need_leader": {
        "en": "Add one first with 'plg project-leader add PERSON'.",
        "nl": "Voeg er eerst een toe met 'plg project-leader add PERSOON'.",
    },
    "cli_fix_project_leader_unknown": {
        "en": "See them with 'plg project-leader list'.",
        "nl": "Bekijk ze met 'plg project-leader list'.",
    },
    "cli_fix_actor_invalid": {
        "en": "Give it with --as or PLG_USER.",
        "nl": "Geef die met --as of PLG_USER.",
    },
    "cli_fix_member_unknown": {
        "en": "See its members with 'plg team members'.",
        "nl": "Bekijk de leden met 'plg team members'.",
    },
    "cli_fix_school_exists": {
        "en": "See them with 'plg school list'.",
        "nl": "Bekijk ze met 'plg school list'.",
    },
    "cli_fix_school_unknown": {
        "en": "Add it with 'plg school add'.",
        "nl": "Voeg die toe met 'plg school add'.",
    },
    "cli_fix_person_exists": {
        "en": "See everyone with 'plg person list'.",
        "nl": "Bekijk iedereen met 'plg person list'.",
    },
    "cli_fix_exists_output": {
        "en": "Choose another --output, or add --overwrite.",
        "nl": "Kies een andere --output, of voeg --overwrite toe.",
    },
    "cli_fix_no_teams": {
        "en": "Start one with 'plg team start NAME --method METHOD'.",
        "nl": "Start er een met 'plg team start NAAM --method METHODE'.",
    },
    "cli_fix_charter_nothing": {
        "en": "See 'plg charter set --help'.",
        "nl": "Zie 'plg charter set --help'.",
    },
    "cli_fix_trigger_by_accepted": {
        "en": "Use 'plg hypothesis accept \"{team}\" --verdict TEXT'.",
        "nl": "Gebruik 'plg hypothesis accept \"{team}\" --verdict TEKST'.",
    },
    "cli_fix_trigger_by_rejected": {
        "en": "Use 'plg hypothesis reject \"{team}\" --verdict TEXT'.",
        "nl": "Gebruik 'plg hypothesis reject \"{team}\" --verdict TEKST'.",
    },
    "cli_fix_verdict_invalid": {
        "en": "Say why with --verdict, the data with --data.",
        "nl": "Zeg waarom met --verdict, de gegevens met --data.",
    },
    "cli_fix_hypothesis_open": {
        "en": "Accept or reject it first ('plg hypothesis list').",
        "nl": "Neem die eerst aan of verwerp hem ('plg hypothesis list').",
    },
    "cli_fix_hypothesis_none_open": {
        "en": "Add one with 'plg hypothesis add'.",
        "nl": "Voeg er een toe met 'plg hypothesis add'.",
    },
    "cli_fix_meeting_no_attendees": {
        "en": "Name who attended with --attendee (once for each person).",
        "nl": "Noem wie er waren met --attendee (één keer per persoon).",
    },
    "cli_fix_attendee_not_member": {
        "en": "Add them with 'plg team join' (with --since), or leave them out.",
        "nl": "Voeg die persoon toe met 'plg team join' (met --since), of laat hem weg.",
    },
    "cli_fix_person_unknown": {
        "en": "See the people with 'plg person list'.",
        "nl": "Bekijk de mensen met 'plg person list'.",
    },
    "cli_fix_pupil_unknown": {
        "en": "See them with 'plg pupil list'.",
        "nl": "Bekijk ze met 'plg pupil list'.",
    },
    "cli_fix_pupil_not_predicted": {
        "en": "Predict first, with 'plg pupil predict', so that the two can be compared.",
        "nl": "Voorspel eerst, met 'plg pupil predict', zodat de twee te vergelijken zijn.",
    },
    "cli_fix_password_empty_stdin": {
        "en": 'Pipe it in, one line: echo "$PASSWORD" | plg user add NAME --password-stdin.',
        "nl": 'Geef het door, op één regel: echo "$WACHTWOORD" | plg user add NAAM --password-stdin.',
    },
    "cli_fix_user_not_a_person": {
        "en": "Add them first with 'plg person add'.",
        "nl": "Voeg die eerst toe met 'plg person add'.",
    },
    "cli_fix_user_exists": {
        "en": "Give a new password with 'plg user passwd'.",
        "nl": "Geef een nieuw wachtwoord met 'plg user passwd'.",
    },
    "cli_fix_user_unknown": {
        "en": "See the accounts with 'plg user list'.",
        "nl": "Bekijk de accounts met 'plg user list'.",
    },
    "cli_fix_serve_workers_sqlite": {
        "en": "Use --workers 1, or --db with a PostgreSQL URL.",
        "nl": "Gebruik --workers 1, of --db met een PostgreSQL-URL.",
    },
    "cli_fix_no_schools": {
        "en": "Add one with 'plg school add'.",
        "nl": "Voeg er een toe met 'plg school add'.",
    },
    "cli_fix_no_people": {
        "en": "Add someone with 'plg person add'.",
        "nl": "Voeg iemand toe met 'plg person add'.",
    },
    "cli_fix_no_members": {
        "en": "Add them with 'plg team join'.",
        "nl": "Voeg ze toe met 'plg team join'.",
    },
    "cli_fix_no_users": {
        "en": "Add an account with 'plg user add NAME'.",
        "nl": "Maak een account met 'plg user add NAAM'.",
    },
    "web_fix_team_unknown": {
        "en": "Your teams are under 'My teams'.",
        "nl": "Je teams staan onder 'Mijn teams'.",
    },
    "web_fix_guards_failed": {
        "en": "Finish these first; a team leader may also move it anyway, with a reason.",
        "nl": "Rond die eerst af; een teamleider kan het team ook toch verder zetten, met een reden.",
    },
    "web_fix_force_needs_reason": {
        "en": "Write one and try again.",
        "nl": "Schrijf er een en probeer het opnieuw.",
    },
    "web_fix_record_content": {
        "en": "Fill in exactly one of them. Nothing was saved.",
        "nl": "Vul er precies een van in. Er is niets bewaard.",
    },
    "web_fix_file_too_large": {
        "en": "Save a link to it as text instead. Nothing was saved.",
        "nl": "Bewaar er in plaats daarvan een link naar als tekst. Er is niets bewaard.",
    },
    "web_fix_role_refused": {
        "en": "Ask a project leader if that should be yours to do. Nothing was changed.",
        "nl": "Vraag een projectleider als dat wel jouw taak hoort te zijn. Er is niets gewijzigd.",
    },
    "web_fix_nothing_changed": {
        "en": "Nothing was changed.",
        "nl": "Er is niets gewijzigd.",
    },
    "web_fix_member_unknown": {
        "en": "The team's members are on its page, under Members.",
        "nl": "De leden van het team staan op de teampagina, onder Leden.",
    },
    "web_fix_trigger_by_verdict": {
        "en": "Decide on it in the Hypotheses part of the team's page.",
        "nl": "Besluit daarover bij Hypothesen op de teampagina.",
    },
    "web_fix_hypothesis_open": {
        "en": "Accept or reject it first.",
        "nl": "Neem die eerst aan of verwerp die.",
    },
    "web_fix_hypothesis_none_open": {
        "en": "Add one first.",
        "nl": "Voeg er eerst een toe.",
    },
    "web_fix_meeting_no_attendees": {
        "en": "Tick who attended.",
        "nl": "Vink aan wie er was.",
    },
    "web_fix_attendee_not_member": {
        "en": "Leave them out, or ask a project leader to correct the day they joined.",
        "nl": "Laat die weg, of vraag een projectleider de dag van toetreden te corrigeren.",
    },
    "web_fix_pupil_unknown": {
        "en": "Add them first.",
        "nl": "Voeg die eerst toe.",
    },
    "web_fix_pupil_not_predicted": {
        "en": "Write down the prediction first, so that the two can be compared.",
        "nl": "Noteer eerst de voorspelling, zodat de twee te vergelijken zijn.",
    },
    "web_charter_unchanged": {
        "en": "Nothing in the charter changed.",
        "nl": "Er is niets in de teamafspraken gewijzigd.",
    },
    "web_pseudonym_warning": {
        "en": "'{pseudonym}' looks like a real name. Never store a pupil's name: rename it now to a pseudonym such as 'Pupil A' (Rename a case pupil, below).",
        "nl": "'{pseudonym}' lijkt op een echte naam. Bewaar nooit de naam van een leerling: hernoem die nu naar een schuilnaam zoals 'Leerling A' (Een casusleerling hernoemen, hieronder).",
    },
}


def t(key: str, lang: Lang, /, **params: object) -> str:
    """The text for `key` in `lang`, with its placeholders filled in."""
    return MESSAGES[key][lang].format(**params)

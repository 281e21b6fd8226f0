"""The command line's help, in Dutch and English (a test checks both are complete)."""

from __future__ import annotations

from plg.langs import Lang

HELP: dict[str, dict[Lang, str]] = {
    "main": {
        "en": "plg: research cycles for school learning teams. Start a team on a method, tick its "
        "checklist, save what it made and found, and move it through the phases.",
        "nl": "plg: onderzoekscycli voor leerteams in scholen. Start een team op een methode, "
        "vink de checklist af, bewaar wat het maakte en vond, en breng het door de fasen.",
    },
    "db": {
        "en": "Database URL (SQLAlchemy). Default: a SQLite file in your data folder.",
        "nl": "Database-URL (SQLAlchemy). Standaard: een SQLite-bestand in je gegevensmap.",
    },
    "as": {
        "en": "Who acts; recorded on every event.",
        "nl": "Wie handelt; komt bij elke gebeurtenis.",
    },
    "lang": {"en": "Language of texts: nl or en.", "nl": "Taal van de teksten: nl of en."},
    "version": {"en": "Show the version and exit.", "nl": "Toon de versie en stop."},
    "help": {"en": "Show this help and exit.", "nl": "Toon deze hulp en stop."},
    "unusable_path": {
        "en": "This file name holds a character no file system can take (such as NUL).",
        "nl": "Deze bestandsnaam bevat een teken dat geen bestandssysteem aankan (zoals NUL).",
    },
    "json": {"en": "Print JSON for scripts.", "nl": "Druk JSON af voor scripts."},
    "init": {
        "en": "Create the database, or upgrade it to this version; safe to run again.",
        "nl": "Maak de database aan, of werk hem bij naar deze versie; veilig om te herhalen.",
    },
    "where": {"en": "Show which database plg uses.", "nl": "Toon welke database plg gebruikt."},
    "demo": {
        "en": "Fill the database with an example foundation and show the overview.",
        "nl": "Vul de database met een voorbeeldstichting en toon het overzicht.",
    },
    "check": {
        "en": "Verify the database: every team's phase follows from its events, events are "
        "numbered without gaps, stored method versions and files match their hashes. "
        "Exit code 1 if anything is wrong.",
        "nl": "Controleer de database: de fase van elk team volgt uit zijn gebeurtenissen, "
        "gebeurtenissen zijn zonder gaten genummerd, bewaarde methodeversies en bestanden "
        "kloppen met hun hash. Afsluitcode 1 als er iets mis is.",
    },
    "backup": {
        "en": "Copy the SQLite database to the new file FILE while others keep working. "
        "For PostgreSQL, use pg_dump.",
        "nl": "Kopieer de SQLite-database naar het nieuwe bestand FILE terwijl anderen "
        "doorwerken. Gebruik voor PostgreSQL pg_dump.",
    },
    "school": {
        "en": "The schools of the foundation, with their codes.",
        "nl": "De scholen van de stichting, met hun codes.",
    },
    "school_add": {
        "en": "Add a school, or give a school that a team start made its code.",
        "nl": "Voeg een school toe, of geef een school die bij een teamstart ontstond haar code.",
    },
    "school_list": {
        "en": "List the schools, with how many teams and people each has.",
        "nl": "Toon de scholen, met hoeveel teams en mensen elk heeft.",
    },
    "code_opt": {
        "en": "The school's short code, such as its BRIN number.",
        "nl": "De korte code van de school, zoals het BRIN-nummer.",
    },
    "person": {
        "en": "The people of the foundation, with their home school.",
        "nl": "De mensen van de stichting, met hun eigen school.",
    },
    "person_add": {
        "en": "Add someone, with an e-mail address and a home school if given.",
        "nl": "Voeg iemand toe, met een e-mailadres en een eigen school als die gegeven zijn.",
    },
    "person_list": {
        "en": "List everyone, or the people of one school.",
        "nl": "Toon iedereen, of de mensen van een school.",
    },
    "email_opt": {"en": "Their e-mail address.", "nl": "Het e-mailadres."},
    "home_school_opt": {
        "en": "Their home school (see 'plg school list').",
        "nl": "De eigen school (zie 'plg school list').",
    },
    "project-leader": {
        "en": "The project leaders, who oversee every team and may do everything.",
        "nl": "De projectleiders, die alle teams overzien en alles mogen.",
    },
    "project_leader_list": {"en": "List the project leaders.", "nl": "Toon de projectleiders."},
    "project_leader_add": {
        "en": "Make PERSON a project leader.",
        "nl": "Maak PERSON projectleider.",
    },
    "project_leader_remove": {
        "en": "PERSON is no longer a project leader.",
        "nl": "PERSON is niet langer projectleider.",
    },
    "settings": {
        "en": "Show the settings of this database, or change one with 'set'. role-checks "
        "(on|off): whether people may only do what their role allows; max-file-mb: the "
        "largest file an artefact or evidence may attach.",
        "nl": "Toon de instellingen van deze database, of wijzig er een met 'set'. role-checks "
        "(on|off): of mensen alleen mogen wat hun rol toestaat; max-file-mb: het grootste "
        "bestand dat een product of onderzoeksgegeven mag bijvoegen.",
    },
    "settings_set": {"en": "Set KEY to VALUE.", "nl": "Zet KEY op VALUE."},
    "methods": {
        "en": "The research methods plg knows.",
        "nl": "De onderzoeksmethoden die plg kent.",
    },
    "methods_list": {
        "en": "List the methods that can be used.",
        "nl": "Toon de bruikbare methoden.",
    },
    "methods_show": {
        "en": "Show a method's phases, checklists and transitions.",
        "nl": "Toon de fasen, checklists en overgangen van een methode.",
    },
    "methods_validate": {
        "en": "Check a definition file and list every fault.",
        "nl": "Controleer een definitiebestand en toon elke fout.",
    },
    "deadline_opt": {
        "en": "The date by which the team means to deliver; the overview lists it when overdue.",
        "nl": "De datum waarop het team wil opleveren; het overzicht meldt het als die voorbij is.",
    },
    "team_deadline": {
        "en": "Set the team's deadline (YYYY-MM-DD), or remove it with --clear.",
        "nl": "Zet de deadline van het team (JJJJ-MM-DD), of haal hem weg met --clear.",
    },
    "clear_opt": {"en": "Remove the deadline.", "nl": "Haal de deadline weg."},
    "methods_graph": {
        "en": "The method as a diagram (Mermaid or Graphviz DOT); --team marks its phase.",
        "nl": "De methode als diagram (Mermaid of Graphviz DOT); --team markeert de fase.",
    },
    "graph_team_opt": {
        "en": "Mark this team's current phase (on its own version of the method).",
        "nl": "Markeer de huidige fase van dit team (op zijn eigen versie van de methode).",
    },
    "export": {
        "en": "A team's whole cycle as a report to share with all staff.",
        "nl": "De hele cyclus van een team als verslag om met alle collega's te delen.",
    },
    "team_join": {
        "en": "Give PERSON a role in the team (a member, unless --role says otherwise); "
        "someone already in it changes role.",
        "nl": "Geef PERSON een rol in het team (lid, tenzij --role iets anders zegt); wie er "
        "al in zit, krijgt een andere rol.",
    },
    "team_leave": {"en": "Take PERSON out of the team.", "nl": "Haal PERSON uit het team."},
    "since_opt": {
        "en": "The day PERSON joined (default: today).",
        "nl": "De dag waarop PERSON erbij kwam (standaard: vandaag).",
    },
    "left_on_opt": {
        "en": "The day PERSON left (default: today).",
        "nl": "De dag waarop PERSON vertrok (standaard: vandaag).",
    },
    "team_members": {
        "en": "The team's people and their roles.",
        "nl": "De mensen van het team en hun rollen.",
    },
    "role_opt": {
        "en": "leader (a network's lead): moves the team; member: does its work; "
        "facilitator: supports it; expert: a knowledgeable other from outside. All but the "
        "leader do the team's work.",
        "nl": "leader (ook netwerktrekker): brengt het team verder; member: doet het werk; "
        "facilitator: begeleidt; expert: een kennisexpert van buiten. Iedereen behalve de "
        "leider doet het werk van het team.",
    },
    "team_migrate": {
        "en": "Move a team to another version of its method; recorded in its history.",
        "nl": "Zet een team over op een andere versie van zijn methode; komt in de geschiedenis.",
    },
    "to_version_opt": {"en": "The version to move to.", "nl": "De versie om naartoe te gaan."},
    "map_opt": {
        "en": "Rename a phase that the new version calls otherwise (repeat as needed).",
        "nl": "Koppel een fase die in de nieuwe versie anders heet (herhaal zo nodig).",
    },
    "methods_schema": {
        "en": "Print the JSON Schema of the definition format (or its reference, --format md).",
        "nl": "Druk het JSON-schema van het definitieformaat af (of de naslag, --format md).",
    },
    "plugins": {
        "en": "Where methods and guards come from: built-in, plugins, definition files.",
        "nl": "Waar methoden en voorwaarden vandaan komen: ingebouwd, plugins, definitiebestanden.",
    },
    "team": {"en": "Start, list and show teams.", "nl": "Teams starten, tonen en bekijken."},
    "team_start": {
        "en": "Start a team at the first phase of a method.",
        "nl": "Start een team in de eerste fase van een methode.",
    },
    "team_list": {"en": "List teams, one line each.", "nl": "Toon teams, een regel per team."},
    "team_show": {
        "en": "Show a team's phase, counters, checklist and possible moves.",
        "nl": "Toon fase, tellers, checklist en mogelijke stappen van een team.",
    },
    "method_opt": {
        "en": "Method id (see 'plg methods list').",
        "nl": "Id van de methode (zie 'plg methods list').",
    },
    "school_opt": {
        "en": "School (repeat for a network).",
        "nl": "School (herhaal voor een netwerk).",
    },
    "school_filter": {"en": "Only teams of this school.", "nl": "Alleen teams van deze school."},
    "method_filter": {"en": "Only teams on this method.", "nl": "Alleen teams op deze methode."},
    "phase_filter": {"en": "Only teams in this phase.", "nl": "Alleen teams in deze fase."},
    "leader_opt": {"en": "Team leader or network lead.", "nl": "Leerteamleider of netwerktrekker."},
    "kind_opt": {
        "en": "internal: one school; network: several schools.",
        "nl": "internal: een school; network: meerdere scholen.",
    },
    "checklist": {
        "en": "Print the checklist of the team's current phase.",
        "nl": "Druk de checklist van de huidige fase van het team af.",
    },
    "format_opt": {"en": "Output format.", "nl": "Uitvoerformaat."},
    "output_opt": {
        "en": "Write to this file instead of the screen.",
        "nl": "Schrijf naar dit bestand in plaats van het scherm.",
    },
    "tick": {
        "en": "Tick a manual item of the current phase's checklist.",
        "nl": "Vink een handmatig punt van de checklist van de huidige fase af.",
    },
    "undo_opt": {"en": "Untick the item instead.", "nl": "Zet het vinkje juist uit."},
    "advance": {
        "en": "Move the team on with a trigger ('next' by default).",
        "nl": "Breng het team verder met een trigger (standaard 'next').",
    },
    "force_opt": {
        "en": "Move even though the checklist is incomplete (needs --reason).",
        "nl": "Ga verder ook al is de checklist niet af (vraagt --reason).",
    },
    "reason_opt": {"en": "Why; recorded in the history.", "nl": "Waarom; komt in de geschiedenis."},
    "artefact": {"en": "Documents the team produced.", "nl": "Producten die het team maakte."},
    "evidence": {"en": "Data the team collected.", "nl": "Gegevens die het team verzamelde."},
    "artefact_add": {
        "en": "Save a document the team produced, in its current phase: a text or a file.",
        "nl": "Bewaar een product van het team, in de huidige fase: een tekst of een bestand.",
    },
    "evidence_add": {
        "en": "Save data the team collected, in its current phase: a text, a file or a number.",
        "nl": "Bewaar gegevens die het team verzamelde, in de huidige fase: een tekst, een "
        "bestand of een getal.",
    },
    "record_get": {
        "en": "Write a stored file back out, by the id that 'list' shows.",
        "nl": "Schrijf een bewaard bestand terug, met het id dat 'list' toont.",
    },
    "get_output_opt": {
        "en": "Where to write it (default: its original name, in this folder).",
        "nl": "Waar het heen moet (standaard: de oorspronkelijke naam, in deze map).",
    },
    "overwrite_opt": {
        "en": "Replace the file if it exists.",
        "nl": "Vervang het bestand als het bestaat.",
    },
    "record_list": {"en": "List what the team saved.", "nl": "Toon wat het team bewaarde."},
    "type_opt": {"en": "Artefact type of the method.", "nl": "Soort product van de methode."},
    "kind_ev_opt": {"en": "Evidence kind of the method.", "nl": "Soort bewijs van de methode."},
    "title_opt": {"en": "A short title.", "nl": "Een korte titel."},
    "file_opt": {
        "en": "A file to store with it, up to the setting max-file-mb.",
        "nl": "Een bestand om mee te bewaren, tot de instelling max-file-mb.",
    },
    "text_opt": {"en": "The content as text.", "nl": "De inhoud als tekst."},
    "value_opt": {"en": "A measured value.", "nl": "Een gemeten waarde."},
    "history": {
        "en": "Every event of a team, oldest first.",
        "nl": "Elke gebeurtenis van een team, oudste eerst.",
    },
    "overview": {
        "en": "Every team's phase at a glance, for project leaders; the teams that need "
        "attention first: stalled (no event for --stalled-days) or past their deadline.",
        "nl": "De fase van elk team in een oogopslag, voor projectleiders; eerst de teams die "
        "aandacht vragen: stilgevallen (geen gebeurtenis in --stalled-days) of over hun "
        "deadline.",
    },
    "html_opt": {
        "en": "Write the overview as one self-contained HTML page to FILE.",
        "nl": "Schrijf het overzicht als één zelfstandige HTML-pagina naar FILE.",
    },
    "stalled_opt": {
        "en": "A team with no event for this many days is stalled.",
        "nl": "Een team zonder gebeurtenis in zoveel dagen is stilgevallen.",
    },
    "charter": {
        "en": "The team charter: what the team agreed before it began.",
        "nl": "Het teamcharter: wat het team afsprak voordat het begon.",
    },
    "charter_show": {
        "en": "Show the charter: every question with its answer, the deadline, what each member "
        "wants to learn, and what is still open.",
        "nl": "Toon het charter: elke vraag met het antwoord, de einddatum, wat elk lid wil leren "
        "en wat nog open is.",
    },
    "charter_set": {
        "en": "Answer charter questions (an empty text clears one) and set the deadline. A "
        "complete charter ticks the first phase's charter item.",
        "nl": "Beantwoord vragen van het charter (een lege tekst wist er een) en zet de "
        "einddatum. Een volledig charter vinkt het charterpunt van de eerste fase af.",
    },
    "charter_deliverable": {"en": "What the team will deliver.", "nl": "Wat het team oplevert."},
    "charter_question": {"en": "The real question.", "nl": "De echte vraag."},
    "charter_known": {
        "en": "What is known already, and what not yet.",
        "nl": "Wat al bekend is, en wat nog niet.",
    },
    "charter_sources": {
        "en": "Where information comes from.",
        "nl": "Waar informatie vandaan komt.",
    },
    "charter_expertise": {
        "en": "Who brings which expertise.",
        "nl": "Wie welke deskundigheid meebrengt.",
    },
    "charter_experience": {
        "en": "Who has done practitioner research.",
        "nl": "Wie al praktijkonderzoek deed.",
    },
    "charter_try_first": {
        "en": "What to try in class first.",
        "nl": "Wat eerst in de klas te proberen.",
    },
    "charter_tracking": {
        "en": "How change in class is tracked.",
        "nl": "Hoe verandering in de klas wordt bijgehouden.",
    },
    "charter_needs_cmd": {
        "en": "Record what PERSON, a member of the team, wants to learn (empty: forget it).",
        "nl": "Leg vast wat PERSON, lid van het team, wil leren (leeg: vergeet het).",
    },
    "charter_ask_opt": {
        "en": "Ask the charter's questions now (default: when run in a terminal).",
        "nl": "Stel nu de vragen van het charter (standaard: in een terminal).",
    },
    "hypothesis": {
        "en": "The hypothesis register: each hypothesis open, accepted or rejected.",
        "nl": "Het hypothesenregister: elke hypothese open, aangenomen of verworpen.",
    },
    "hypothesis_add": {
        "en": "Put a new hypothesis to test in the register; one is open at a time.",
        "nl": "Zet een nieuwe te toetsen hypothese in het register; er is er één tegelijk open.",
    },
    "hypothesis_list": {
        "en": "Show the register, oldest first.",
        "nl": "Toon het register, oudste eerst.",
    },
    "hypothesis_accepted": {
        "en": "Accept the open hypothesis; where the method says so, the team moves on with it "
        "(the datateam: to measures).",
        "nl": "Neem de open hypothese aan; waar de methode dat zegt, gaat het team ermee verder "
        "(het datateam: naar de maatregelen).",
    },
    "hypothesis_rejected": {
        "en": "Reject the open hypothesis; where the method says so, the team moves with it "
        "(the datateam: back to a new hypothesis).",
        "nl": "Verwerp de open hypothese; waar de methode dat zegt, gaat het team ermee verder "
        "(het datateam: terug naar een nieuwe hypothese).",
    },
    "verdict_opt": {"en": "Why: the verdict.", "nl": "Waarom: het oordeel."},
    "data_opt": {"en": "The data that tested it.", "nl": "De gegevens waarmee hij getoetst is."},
    "meeting": {
        "en": "The team's meetings, whose length counts for every attendee.",
        "nl": "De bijeenkomsten van het team; de duur telt voor elke aanwezige.",
    },
    "meeting_add": {
        "en": "Record a meeting, in the phase the team is in now.",
        "nl": "Leg een bijeenkomst vast, in de fase waarin het team nu is.",
    },
    "meeting_date_opt": {"en": "The day of the meeting.", "nl": "De dag van de bijeenkomst."},
    "length_opt": {
        "en": "How long it lasted: minutes (90), or 1h30, 1.5h, 90m.",
        "nl": "Hoe lang hij duurde: minuten (90), of 1h30, 1.5h, 90m.",
    },
    "attendee_opt": {
        "en": "A member who attended; repeat for each.",
        "nl": "Een lid dat aanwezig was; herhaal voor elk.",
    },
    "meeting_kind_opt": {
        "en": "An ordinary meeting, or the yearly start, development or evaluation conversation.",
        "nl": "Een gewone bijeenkomst, of het jaarlijkse start-, ontwikkel- of evaluatiegesprek.",
    },
    "agenda_opt": {"en": "The agenda.", "nl": "De agenda."},
    "notes_opt": {"en": "The notes.", "nl": "De aantekeningen."},
    "meeting_list": {
        "en": "List the team's meetings.",
        "nl": "Toon de bijeenkomsten van het team.",
    },
    "hours": {
        "en": "Hours per person in a school year from the meetings held, against the budget of "
        "network participants (setting hours-budget).",
        "nl": "Uren per persoon in een schooljaar uit de gehouden bijeenkomsten, naast het "
        "budget van netwerkdeelnemers (instelling hours-budget).",
    },
    "hours_person_opt": {"en": "Only this person.", "nl": "Alleen deze persoon."},
    "year_opt": {
        "en": "The school year (1 August to 31 July): 2025 or 2025-2026. Default: this one.",
        "nl": "Het schooljaar (1 augustus tot 31 juli): 2025 of 2025-2026. Standaard: dit.",
    },
    "pupil": {
        "en": "Lesson study's case pupils, by pseudonym only (never a pupil's real name): who "
        "each stands for, the response predicted per lesson stage, and what was observed.",
        "nl": "De casusleerlingen van lesson study, alleen met schuilnaam (nooit de echte naam "
        "van een leerling): voor wie elk staat, de voorspelde reactie per lesfase en wat er "
        "werd geobserveerd.",
    },
    "pupil_add": {
        "en": "Add a case pupil to the research lesson, under a PSEUDONYM such as 'Pupil A', or "
        "change who they stand for and their observer.",
        "nl": "Voeg een casusleerling toe aan de onderzoeksles, onder een schuilnaam (PSEUDONYM) "
        "zoals 'Leerling A', of wijzig voor wie die staat en de observator.",
    },
    "pupil_prediction": {
        "en": "Record the response TEXT the team predicts for the case pupil in a lesson stage.",
        "nl": "Leg de reactie TEXT vast die het team voor de casusleerling in een lesfase "
        "voorspelt.",
    },
    "pupil_observation": {
        "en": "Record the response TEXT observed in a stage that has a prediction.",
        "nl": "Leg de reactie TEXT vast die werd geobserveerd in een lesfase met een voorspelling.",
    },
    "pupil_rename": {
        "en": "Give a case pupil the pseudonym NEW; the old one is kept nowhere.",
        "nl": "Geef een casusleerling de schuilnaam NEW; de oude blijft nergens bewaard.",
    },
    "pupil_list": {
        "en": "Show the case pupils with each prediction beside its observation.",
        "nl": "Toon de casusleerlingen met elke voorspelling naast de observatie.",
    },
    "stands_for_opt": {
        "en": "The group of pupils this one stands for.",
        "nl": "De groep leerlingen waarvoor deze staat.",
    },
    "observer_opt": {
        "en": "The team member who observes this pupil.",
        "nl": "Het teamlid dat deze leerling observeert.",
    },
    "stage_opt": {
        "en": "The lesson stage, such as 'start' or 'instruction'.",
        "nl": "De lesfase, zoals 'start' of 'instructie'.",
    },
    "lesson_opt": {
        "en": "The research lesson (default: the one the team is at).",
        "nl": "De onderzoeksles (standaard: die waar het team is).",
    },
    "serve": {
        "en": "Serve the web page for team leaders and project leaders, on this database.",
        "nl": "Serveer de webpagina voor teamleiders en projectleiders, op deze database.",
    },
    "host_opt": {
        "en": "The address to listen on; 0.0.0.0 for every network (put HTTPS in front).",
        "nl": "Het adres om op te luisteren; 0.0.0.0 voor elk netwerk (zet er HTTPS voor).",
    },
    "port_opt": {"en": "The port to listen on.", "nl": "De poort om op te luisteren."},
    "workers_opt": {
        "en": "How many worker processes answer; more than one needs PostgreSQL.",
        "nl": "Hoeveel workerprocessen antwoorden; meer dan één vraagt PostgreSQL.",
    },
    "https_opt": {
        "en": "Mark the session cookie Secure: the pages are served over HTTPS by a proxy in front.",
        "nl": "Markeer het sessiecookie als Secure: een proxy ervoor serveert de pagina's via HTTPS.",
    },
    "user": {
        "en": "Manage who may sign in to the web page: add, passwd, remove, list.",
        "nl": "Beheer wie op de webpagina mag inloggen: add, passwd, remove, list.",
    },
    "user_add": {
        "en": "Let a known person or project leader sign in; asks for the password twice.",
        "nl": "Laat een bekende persoon of projectleider inloggen; vraagt twee keer om het wachtwoord.",
    },
    "user_passwd": {
        "en": "Give an account a new password; its open sessions end.",
        "nl": "Geef een account een nieuw wachtwoord; de open sessies eindigen.",
    },
    "user_remove": {
        "en": "Take away someone's sign-in; their open sessions end.",
        "nl": "Neem iemand de toegang af; de open sessies eindigen.",
    },
    "user_list": {
        "en": "List who may sign in, with school, language and whether they lead the project.",
        "nl": "Toon wie mag inloggen, met school, taal en of die projectleider is.",
    },
    "user_lang_opt": {
        "en": "The language the web page speaks to this person (they can switch it there).",
        "nl": "De taal van de webpagina voor deze persoon (die kan het daar omzetten).",
    },
    "password_stdin_opt": {
        "en": "Read the password from the first line of standard input, for scripts.",
        "nl": "Lees het wachtwoord van de eerste regel van standaardinvoer, voor scripts.",
    },
}

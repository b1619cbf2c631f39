"""The Dutch wording of the demo's phases 1 and 2: visit summaries, life-domain notes,
opportunities, referral reasons and feedback, promises.

All generic and synthetic: no text describes a real person. Visit summaries stay neutral
(the `visits` category is seen more widely than the conversation itself); what was said
about someone's life goes in the life-domain notes, which are encrypted at rest. Promise
texts never name the kind of help (debt help, health): promises are seen by more roles
than referrals.
"""

NOT_HOME = (
    "Niet thuis; kaartje met het nummer van de makelaar in de brievenbus gedaan.",
    "Niet thuis; volgende keer op een ander dagdeel proberen.",
    "Niet thuis; folder over de koffieochtend achtergelaten.",
    "Niet thuis; buren zeggen dat de bewoner overdag werkt.",
    "Niemand deed open; licht brandde niet.",
)
REFUSED = (
    "Bewoner wil geen gesprek; vriendelijk afgesloten, folder achtergelaten.",
    "Geen behoefte aan een gesprek; weet waar de makelaar te vinden is.",
    "Deed open maar wil niet praten; niet opnieuw aanbellen, wel uitnodigen voor activiteiten.",
)
MOVED_AWAY = (
    "Volgens de buren verhuisd; doorgegeven aan de corporatie.",
    "Naam niet meer op de bel, buren zeggen dat de bewoner is vertrokken; gemeld bij de verhuurder.",
)
TALK_OPENINGS = (
    "Kennismaking aan de deur.",
    "Kennismaking, binnen gesproken.",
    "Kennismakingsgesprek, koffie gedronken.",
    "Kort kennisgemaakt op de galerij.",
)
TALK_OPENING_INTERPRETER = (
    "Kennismaking met een tolk via de telefoon.",
    "Kennismaking; een van de kinderen vertaalde.",
)
TENURE = (
    "Bewoner woont er sinds {year}.",
    "Woont sinds {year} in de flat.",
)
TENURE_NEW = ("Woont er nog maar kort.", "Pas in de flat komen wonen.")
THEME_SENTENCES: dict[str, tuple[str, ...]] = {
    "maintenance": ("Noemt onderhoudspunten in de woning; doorgegeven aan de sociaal beheerder.",
                    "Klaagt over tocht bij de kozijnen."),
    "nuisance": ("Ervaart soms geluidsoverlast in het portiek.", "Last van rommel en brommers op de galerij."),
    "safety": ("Voelt zich 's avonds niet altijd veilig bij de entree.", "Wil betere verlichting bij de bergingen."),
    "cleanliness": ("Vindt het trappenhuis vaak vies.", "Zwerfvuil bij de containers stoort."),
    "communication": ("Wil beter geïnformeerd worden door de corporatie.",
                      "Weet niet bij wie je terechtkunt met vragen."),
    "rent_costs": ("Heeft vragen over huur en servicekosten.", "Noemt de hoge energierekening."),
    "loneliness": ("Zou graag vaker mensen ontmoeten.", "Kent weinig mensen in de flat."),
    "neighbours": ("Wil graag meer contact met buren.", "Goed contact met de buren op de galerij."),
    "facilities": ("Mist een plek in de buurt om samen te komen.", "Mist een speelplek voor kinderen."),
    "renovation": ("Heeft vragen over de renovatie; verwezen naar de bewonersavond van de corporatie.",
                   "Maakt zich zorgen over de overlast van de renovatie."),
}
TALK_CLOSINGS = (
    "",
    "Telefoonnummer van de makelaar achtergelaten.",
    "Uitgenodigd voor de koffieochtend.",
    "Makelaar komt over een paar weken nog eens langs.",
    "Wil op de hoogte blijven van activiteiten in de flat.",
)

# Life-domain notes by band: "low" for scores 1-2, "mid" for 3, "high" for 4-5.
DOMAIN_NOTES: dict[str, dict[str, tuple[str, ...]]] = {
    "finances": {
        "low": ("Betalingsachterstanden, overzicht kwijt; wil hulp.",
                "Rekeningen stapelen zich op, maakt zich zorgen."),
        "mid": ("Moet krap rondkomen, houdt zelf overzicht.", "Rondkomen lukt net, weinig buffer."),
        "high": ("Rondkomen lukt, geen betalingsproblemen genoemd.", "Financiën op orde."),
    },
    "work_education": {
        "low": ("Geen werk, wil wel aan de slag maar weet niet hoe.",),
        "mid": ("Zoekt werk, nog geen traject.", "Werkt wisselende uren via een uitzendbureau."),
        "high": ("Werkt parttime.", "Gepensioneerd, geen vragen over werk.", "Volgt een opleiding."),
    },
    "daytime": {
        "low": ("Overdag vrijwel altijd thuis, geen vaste bezigheden.",),
        "mid": ("Is veel thuis, weinig activiteiten buitenshuis.",),
        "high": ("Heeft een vaste weekinvulling.", "Druk met werk en gezin."),
    },
    "housing": {
        "low": ("Woning te klein voor het gezin.", "Vocht in de slaapkamer, voelt zich niet prettig in huis."),
        "mid": ("Woning is aan onderhoud toe; klachten doorgegeven.",),
        "high": ("Woont er graag, woning op orde.", "Tevreden met de woning."),
    },
    "domestic_relations": {
        "low": ("Zorgen over de thuissituatie; wil erover praten met het buurtteam.",),
        "mid": ("Spanningen in huis door drukte.",),
        "high": ("Goede verhoudingen in huis.", "Geen bijzonderheden."),
    },
    "mental_health": {
        "low": ("Ervaart veel stress, somber; staat open voor hulp.",),
        "mid": ("Slaapt slecht door zorgen.", "Voelt zich soms gespannen."),
        "high": ("Geen bijzonderheden.", "Voelt zich goed."),
    },
    "physical_health": {
        "low": ("Beperkt mobiel, trap en galerij zijn zwaar.",),
        "mid": ("Lichamelijke klachten, redt zich wel.", "Loopt met een stok."),
        "high": ("Gezond, geen beperkingen.", "Geen bijzonderheden."),
    },
    "substance_use": {
        "mid": ("Rookt veel, wil minderen.",),
        "high": ("Geen bijzonderheden.",),
    },
    "basic_adl": {
        "low": ("Redt de dagelijkse verzorging niet goed zonder hulp.",),
        "mid": ("Hulp van familie bij het huishouden.",),
        "high": ("Zelfstandig.",),
    },
    "instrumental_adl": {
        "low": ("Begrijpt brieven niet, post blijft liggen.",),
        "mid": ("Hulp van de kinderen bij brieven en formulieren.",),
        "high": ("Regelt post en administratie zelf.",),
    },
    "social_network": {
        "low": ("Weinig mensen om op terug te vallen, voelt zich alleen.",),
        "mid": ("Weinig contact met buren, wel met familie.",),
        "high": ("Veel contact met familie en buren.", "Netwerk in de buurt."),
    },
    "community": {
        "low": ("Neemt nergens aan deel; taal is een drempel.",),
        "mid": ("Wil graag meedoen, weet niet waar te beginnen.",),
        "high": ("Doet vrijwilligerswerk.", "Actief in de buurt."),
    },
    "justice": {
        "high": ("Geen bijzonderheden.",),
    },
}

# (title, support needed) — what residents want to organise.
OPPORTUNITIES: tuple[tuple[str, str], ...] = (
    ("Moestuintjes op het binnenterrein", "Toestemming van de corporatie voor een stuk grond, bakken en aarde, "
     "hulp bij het vinden van mede-tuiniers."),
    ("Koffieochtend in de ontmoetingsruimte", "Sleutel van de bewonersruimte op dinsdagochtend, budget voor koffie "
     "en thee, flyers in meerdere talen."),
    ("Huiswerkklas voor kinderen in de bewonersruimte", "Vrijwilligers voor twee middagen per week, tafels en "
     "stoelen, contact met de basisschool."),
    ("Plantenbakken op de galerij van portiek B", "Afspraak met de corporatie over brandveiligheid, bakken en "
     "planten, een vaste gietploeg."),
    ("Taalmaatjes: Nederlands oefenen met buren", "Koppeling aan het taalcafé in de buurt, een ruimte om af te "
     "spreken, werving van maatjes."),
    ("Kookavond met gerechten uit verschillende landen", "Keuken in het buurthuis, budget voor boodschappen, "
     "hulp bij de hygiëneregels."),
    ("Burenhulp: boodschappen voor ouderen in portiek A", "Een lijst met wie hulp wil en wie wil helpen, een "
     "vast aanspreekpunt bij de welzijnsorganisatie."),
    ("Fietsreparatiemiddag voor kinderen", "Gereedschap en onderdelen, een overdekte plek bij de bergingen."),
    ("Opruimactie rond de flat", "Grijpers en vuilniszakken van de gemeente, afvoer van grofvuil door de "
     "corporatie."),
)

REFERRAL_REASONS: dict[str, tuple[str, ...]] = {
    "nbh_support": ("Bewoner ervaart veel stress en heeft weinig mensen om op terug te vallen; wil graag "
                    "ondersteuning van het buurtteam.",
                    "Zorgen over de thuissituatie en de dagelijkse gang van zaken; bewoner vraagt om "
                    "begeleiding.",
                    "Redt het huishouden niet goed alleen; zoekt hulp bij het op orde krijgen van de week."),
    "debt_help": ("Betalingsachterstanden en geen overzicht meer; bewoner wil hulp bij een plan.",
                  "Rekeningen lopen op; bewoner wil samen met het loket de post doornemen.",),
    "municipal_counter": ("Hulp nodig bij brieven en formulieren van de gemeente.",
                          "Vragen over toeslagen en de Stadspas; wil hulp bij de aanvraag.",
                          "Zoekt werk of vrijwilligerswerk; wil een gesprek met het werkloket."),
}
CORPORATION_REASON = "Huurachterstand van {months} maanden; bewoner wil hulp bij een betalingsregeling en overzicht."
CONSENT_SCOPE = "Naam, adres en telefoonnummer, en de leefgebieden {domains}, alleen met {partner}."
OVERRIDE_REASON = ("Acute zorg om de veiligheid van de bewoner; toestemming kon op dat moment niet worden gevraagd. "
                   "Overlegd met de teamleider; bewoner wordt achteraf geïnformeerd.")
SENT_NOTES = ("Doorverwezen na het huisbezoek.", "Met de bewoner besproken en doorgezet.")
ACCEPT_NOTES = ("Intake ingepland.", "Bewoner gebeld, afspraak gemaakt.", "Opgepakt door een vaste medewerker.")
DECLINE_NOTES = ("Past beter bij een ander loket; bewoner daarover gebeld.",
                 "Bewoner gaf aan de telefoon aan nu geen hulp te willen.")
WITHDRAW_NOTE = "Bewoner trekt de vraag in en wil het eerst zelf proberen; toestemming ingetrokken."
COMPLETE_NOTE = "Teruggemeld aan de verwijzer."
FEEDBACK: dict[str, tuple[str, ...]] = {
    "nbh_support": ("Bewoner is gesproken en een tijd begeleid; hulpvraag afgerond. Bewoner weet de weg naar "
                    "het buurtteam.",
                    "Ondersteuning ingezet en overgedragen aan een vaste hulpverlener; vanuit het buurtteam "
                    "afgerond."),
    "debt_help": ("Aangemeld en geholpen met een overzicht; een regeling loopt. Vanuit het loket afgerond.",
                  "Samen de post doorgenomen en doorgezet naar vervolghulp; afgerond."),
    "municipal_counter": ("Aanvraag samen ingediend; afgerond.", "Bewoner is geholpen met de formulieren; afgerond."),
}

# Promises. A referral's promise names only the receiving organisation, never the kind of help.
REFERRAL_PROMISES: dict[str, tuple[str, int]] = {
    "nbh_support": ("Het buurtteam neemt binnen 5 werkdagen contact met u op.", 5),
    "debt_help": ("De gemeente neemt binnen 5 werkdagen contact met u op.", 5),
    "municipal_counter": ("Het wijkloket van de gemeente belt u binnen 10 werkdagen.", 10),
}
REPAIR_PROMISES: dict[str, tuple[str, int]] = {
    "leak": ("Monteur komt de lekkage bekijken binnen 10 werkdagen.", 10),
    "mould": ("Vochtmeting in de woning binnen 15 werkdagen.", 15),
    "heating": ("Monteur verhelpt de storing aan de verwarming binnen 3 werkdagen.", 3),
    "doors_locks": ("Het slot van de voordeur wordt binnen 5 werkdagen vervangen.", 5),
    "electrical": ("Elektricien komt binnen 5 werkdagen langs.", 5),
    "pests": ("Ongediertebestrijder komt binnen 10 werkdagen.", 10),
    "other": ("De kapotte ruit wordt binnen 5 werkdagen vervangen.", 5),
}
BROKEN_NOTES = ("Niet gebeurd binnen de termijn; met de bewoner een nieuwe afspraak gemaakt.",
                "Termijn verstreken zonder contact; gemeld bij de procesregisseur.")
KEPT_NOTES = ("Nagekomen.", "Afspraak nagekomen, bewoner tevreden.")
CANCEL_REPAIR_NOTE = "Melding vervallen: bewoner heeft het zelf laten verhelpen."
CANCEL_REFERRAL_NOTE = "Vervallen: doorverwijzing ingetrokken."

"""Demo AI pilots for seed_demo: realistic Swedish pilots across the eleven municipalities.

Every phase is represented, progress updates run over the last four quarters, and ended
pilots have results, lessons and a decision. Two pilots in Svalöv and Åstorp are
deliberately alike, as happens when municipalities do not know of each other's work.

Each municipality without a demo user gets a project lead, projektledare@<domain>.
Idempotent, as _demo_services.py: a record is saved only when a value differs, so a second
run changes nothing and adds no history.
"""

import datetime
from decimal import Decimal

from allauth.account.models import EmailAddress

from hub.management.commands._demo_services import DOMAINS, _at, _upsert, md
from municipalities.models import Area, Membership, Municipality, Profile, User
from pilots.models import Effect, Pilot, PilotUpdate
from services.models import AIService

Phase = Pilot.Phase
Outcome = Pilot.Outcome
T = AIService.Technique
P = AIService.PersonalData
A = AIService.Answer
R = AIService.RiskClass
U = Effect.Unit
PER = Effect.Period

# Ängelholm and Landskrona have demo users of their own; see seed_demo.DEMO_USERS.
ANGELHOLM_TEACHER = "medlem@engelholm.se"
ANGELHOLM_EDITOR = "redaktor@engelholm.se"
LANDSKRONA_EDITOR = "redaktor@landskrona.se"

# Municipality slug -> (name, department) of its demo project lead.
PROJECT_LEADS = {
    "bjuv": ("Johan Persson", "Ekonomiavdelningen"),
    "bastad": ("Karin Holm", "Kommunledningsförvaltningen"),
    "helsingborg": ("Sara Ekström", "Stadsledningsförvaltningen"),
    "hoganas": ("Per Sandberg", "Fastighetsavdelningen"),
    "klippan": ("Linnea Åkesson", "Samhällsbyggnadsförvaltningen"),
    "perstorp": ("Mikael Olsson", "Barn- och utbildningsförvaltningen"),
    "svalov": ("Emma Nyberg", "Vård- och omsorgsförvaltningen"),
    "astorp": ("Fredrik Mårtensson", "Vård- och omsorgsförvaltningen"),
    "orkelljunga": ("Nadia Karimi", "Omsorgsförvaltningen"),
}
PROJECT_LEAD_TITLE = "Projektledare"


def project_lead_email(slug):
    return f"projektledare@{DOMAINS[slug]}"


def _d(day):
    return datetime.date.fromisoformat(day) if day else None


PILOTS = [
    {
        "slug": "taligenkanning-for-dokumentation-i-hemtjansten",
        "title": "Taligenkänning för dokumentation i hemtjänsten",
        "lead_municipality": "svalov",
        "participants": ["bjuv"],
        "summary": (
            "Medarbetare i hemtjänsten dikterar sina anteckningar i mobilen direkt efter "
            "besöket och får en text att granska, i stället för att skriva allt vid "
            "datorn i slutet av passet."
        ),
        "problem": md(
            """
            Undersköterskorna i hemtjänsten ska dokumentera varje besök i den sociala
            journalen. I dag sker det ofta i slutet av passet, vid en av två datorer på
            hemtjänstkontoret. Det blir kö, detaljer glöms bort och var tredje anteckning
            skrivs först dagen efter. Många medarbetare har ett annat modersmål än svenska
            och tycker att det är svårt att skriva.
            """
        ),
        "previous_practice": md(
            """
            Anteckningarna skrevs för hand i verksamhetssystemet på kontoret. En tidsstudie
            i januari 2026 visade i genomsnitt 12 minuter per besök, och att 62 procent av
            anteckningarna skrevs samma dag.
            """
        ),
        "description": md(
            """
            Fjorton medarbetare i hemtjänstgrupp Norra i Svalöv prövar att diktera sina
            anteckningar i en app på tjänstemobilen direkt efter besöket. Talet blir text
            med KB-Whisper, som leverantören kör i Sverige, och medarbetaren läser igenom och
            rättar texten innan den förs över till journalen.

            - Det är medarbetarens egen sammanfattning som dikteras; besöket spelas inte in.
            - Ljud och text raderas hos leverantören efter 24 timmar.
            - Bjuv deltar med en referensgrupp som följer piloten inför ett eget beslut.
            """
        ),
        "goals": md(
            """
            - Halvera tiden för dokumentation per besök.
            - Minst 95 procent av anteckningarna ska skrivas samma dag.
            """
        ),
        "expected_effects": (
            "Mer tid hos brukarna, färre bortglömda detaljer i journalen och mindre stress "
            "i slutet av passet."
        ),
        "areas": ["vard-och-omsorg"],
        "technique": T.SPEECH,
        "phase": Phase.ONGOING,
        "planned_start": "2026-02-01",
        "planned_end": "2027-01-31",
        "actual_start": "2026-02-16",
        "personal_data": P.SENSITIVE,
        "pub_agreement": A.YES,
        "dpia": A.YES,
        "risk_class": R.MINIMAL,
        "related_services": [
            "tal-till-text-i-socialtjanstens-dokumentation",
            "ruttplanering-i-hemtjansten",
        ],
        "tags": ["hemtjänst", "dokumentation", "taligenkänning", "tal till text"],
        "status": Pilot.Status.PUBLISHED,
        "published": "2026-02-18",
        "updates": [
            (
                "2026-02-16",
                Phase.ONGOING,
                "Piloten har startat. Alla fjorton medarbetare har fått en timmes "
                "introduktion och appen är installerad på tjänstemobilerna.",
            ),
            (
                "2026-05-12",
                "",
                "Efter tre månader dikterar tolv av fjorton medarbetare sina anteckningar. "
                "Appen hade svårt med skånska ortnamn och läkemedelsnamn; leverantören har "
                "lagt in en ordlista som förbättrat det tydligt.",
            ),
            (
                "2026-08-25",
                "",
                "Sommarvikarierna fick en kortare introduktion och använde appen utan "
                "problem. Bjuvs referensgrupp besökte oss i augusti.",
            ),
            (
                "2026-11-04",
                "",
                "Mätningen i oktober visar att dokumentationen tar sju minuter per besök "
                "mot tolv tidigare. Nästa steg är att pröva i ytterligare en grupp.",
            ),
        ],
        "effects": [
            {
                "metric": "Tid för dokumentation per besök",
                "unit": U.MINUTES,
                "period": PER.CASE,
                "baseline": "12",
                "target": "6",
                "value": "7",
                "measured_on": "2026-10-31",
                "method": (
                    "Mätt på 200 besök i oktober av 14 medarbetare, jämfört med tidsstudien "
                    "på 180 besök i januari 2026."
                ),
            },
            {
                "metric": "Anteckningar som skrevs samma dag",
                "unit": U.PERCENT,
                "period": PER.NONE,
                "baseline": "62",
                "target": "95",
                "value": "91",
                "measured_on": "2026-10-31",
                "method": "Uttag ur verksamhetssystemet för oktober, jämfört med januari 2026.",
            },
        ],
    },
    {
        "slug": "tal-till-text-for-hemtjanstens-anteckningar",
        "title": "Tal till text för hemtjänstens anteckningar",
        "lead_municipality": "astorp",
        "summary": (
            "Hemtjänstens personal ska kunna tala in sina journalanteckningar i mobilen efter "
            "varje besök och få dem som text, för att spara tid och få bättre dokumentation."
        ),
        "problem": md(
            """
            Personalen i hemtjänsten i Åstorp lägger mycket tid på att skriva anteckningar
            på kontoret efter passet. Texterna blir korta och ibland skrivs de inte alls
            samma dag, vilket gör det svårt för kollegorna på nästa pass.
            """
        ),
        "previous_practice": (
            "Anteckningarna skrivs vid datorn på hemtjänstkontoret, oftast i slutet av passet."
        ),
        "description": md(
            """
            Två hemtjänstgrupper ska under våren 2027 pröva en tjänst för tal till text.
            Medarbetaren talar in sin anteckning i mobilen, läser texten och för in den i
            journalen. Vi planerar att använda en svensk taligenkänningsmodell som körs i
            Sverige.
            """
        ),
        "goals": "Minska tiden för dokumentation och få fler anteckningar skrivna samma dag.",
        "expected_effects": "Mer tid för brukarna och en mer fullständig social journal.",
        "areas": ["vard-och-omsorg"],
        "technique": T.SPEECH,
        "phase": Phase.PLANNED,
        "planned_start": "2027-01-11",
        "planned_end": "2027-06-30",
        "personal_data": P.SENSITIVE,
        "pub_agreement": A.NO,
        "dpia": A.NO,
        "risk_class": R.MINIMAL,
        "related_services": ["tal-till-text-i-socialtjanstens-dokumentation"],
        "tags": ["hemtjänst", "tal till text", "dokumentation", "äldreomsorg"],
        "status": Pilot.Status.PUBLISHED,
        "published": "2026-10-08",
        "updates": [
            (
                "2026-10-06",
                Phase.PLANNED,
                "Vård- och omsorgsnämnden har beslutat att piloten ska genomföras. Vi tar "
                "nu in offerter på tjänsten.",
            ),
            (
                "2026-11-23",
                "",
                "Konsekvensbedömningen är påbörjad tillsammans med dataskyddsombudet. "
                "Personuppgiftsbiträdesavtalet tecknas när leverantören är vald.",
            ),
        ],
        "effects": [],
    },
    {
        "slug": "anpassade-texter-i-svenska-som-andrasprak",
        "title": "Anpassade texter i svenska som andraspråk med Gemini",
        "lead_municipality": "angelholm",
        "lead": ANGELHOLM_TEACHER,
        "contacts": [ANGELHOLM_EDITOR],
        "participants": ["klippan", "bastad"],
        "summary": (
            "Lärare i svenska som andraspråk använder Gemini för att skriva om läromedelstexter "
            "på tre nivåer, så att alla elever kan arbeta med samma innehåll."
        ),
        "problem": md(
            """
            I en klass i svenska som andraspråk kan eleverna ligga på mycket olika nivåer.
            Att skriva om en text till tre nivåer tar lång tid, och färdiga läromedel finns
            sällan för det ämne klassen arbetar med.
            """
        ),
        "previous_practice": (
            "Lärarna skrev om texterna själva, ofta på kvällen, eller lät eleverna arbeta "
            "med olika texter om olika saker."
        ),
        "description": md(
            """
            Tolv lärare i svenska som andraspråk på fyra skolor prövade under läsåret
            2025/26 att låta Gemini skriva om texter till tre nivåer. Läraren granskar och
            rättar alltid texten innan den används. Inga elevuppgifter och inga elevtexter
            läggs in i Gemini.

            Klippan och Båstad följde piloten med var sin lärare.
            """
        ),
        "goals": "Halvera tiden för att anpassa en text till tre nivåer.",
        "expected_effects": (
            "Fler elever kan arbeta med samma innehåll som klassen, och lärarna får tid över "
            "till undervisningen."
        ),
        "areas": ["forskola-och-skola"],
        "technique": T.LANGUAGE_MODEL,
        "phase": Phase.COMPLETED,
        "planned_start": "2025-08-18",
        "planned_end": "2026-06-12",
        "actual_start": "2025-08-25",
        "actual_end": "2026-06-12",
        "personal_data": P.NONE,
        "pub_agreement": A.YES,
        "dpia": A.YES,
        "risk_class": R.MINIMAL,
        "results": md(
            """
            Tiden för att anpassa en text till tre nivåer minskade från en timme till 20
            minuter. Elva av tolv lärare använde stödet varje vecka i slutet av läsåret.
            Texterna behövde nästan alltid rättas: Gemini förenklade ibland bort viktiga
            begrepp.
            """
        ),
        "lessons": md(
            """
            - Ge lärarna färdiga instruktioner (promptar) för varje nivå; det sparade mest tid.
            - Läs alltid texten: förenklingen tappar ibland ämnesbegreppen.
            - En gemensam mapp med anpassade texter gjorde att lärarna delade med sig.
            """
        ),
        "outcome": Outcome.SCALE_UP,
        "related_services": ["gemini-for-larare"],
        "tags": ["gemini", "svenska som andraspråk", "anpassning", "lärare", "generativ ai"],
        "status": Pilot.Status.PUBLISHED,
        "published": "2025-09-02",
        "updates": [
            (
                "2025-08-25",
                Phase.ONGOING,
                "Piloten har startat med tolv lärare. Vi har tagit fram instruktioner för "
                "tre nivåer.",
            ),
            (
                "2026-01-20",
                "",
                "Halvtid. Lärarna har anpassat drygt 300 texter. Vi har samlat dem i en "
                "gemensam mapp så att fler kan använda dem.",
            ),
            (
                "2026-04-14",
                "",
                "Lärarna i Klippan och Båstad har prövat instruktionerna med samma resultat. "
                "Vi förbereder slutmätningen i maj.",
            ),
            (
                "2026-06-15",
                Phase.COMPLETED,
                "Piloten är avslutad. Slutrapporten finns hos förvaltningen.",
            ),
            (
                "2026-09-08",
                "",
                "Förvaltningen har beslutat att alla lärare i svenska som andraspråk i "
                "Ängelholm ska erbjudas stödet från höstterminen. Klippan och Båstad gör "
                "likadant.",
            ),
        ],
        "effects": [
            {
                "metric": "Tid för att anpassa en text till tre nivåer",
                "unit": U.MINUTES,
                "period": PER.CASE,
                "baseline": "60",
                "target": "30",
                "value": "20",
                "measured_on": "2026-05-29",
                "method": (
                    "Lärarnas loggbok för 48 texter i maj 2026, jämfört med 40 texter i "
                    "september 2025 utan stöd."
                ),
            },
            {
                "metric": "Lärare som använder stödet varje vecka",
                "unit": U.USERS,
                "period": PER.NONE,
                "baseline": "0",
                "target": "10",
                "value": "11",
                "measured_on": "2026-06-05",
                "method": "Enkät till de tolv lärarna i pilotgruppen i juni 2026.",
            },
        ],
    },
    {
        "slug": "sammanstallning-av-synpunkter-fran-medborgardialoger",
        "title": "Sammanställning av synpunkter från medborgardialoger",
        "lead_municipality": "angelholm",
        "lead": ANGELHOLM_EDITOR,
        "summary": (
            "Idé: låta en språkmodell sortera och sammanfatta hundratals synpunkter från "
            "medborgardialoger, så att de snabbare kan återkopplas till invånarna och "
            "politiken."
        ),
        "problem": md(
            """
            Vid en medborgardialog om en ny detaljplan kan det komma in 500 synpunkter i
            enkäter, mejl och på workshoppar. Det tar flera veckor att läsa och sortera dem,
            och återkopplingen till invånarna dröjer.
            """
        ),
        "previous_practice": "Två handläggare läser och sorterar synpunkterna i ett kalkylblad.",
        "goals": "Pröva om sorteringen kan gå på dagar i stället för veckor.",
        "expected_effects": "Snabbare återkoppling till invånarna och underlag till politiken.",
        "areas": ["samhallsbyggnad", "kommunikation-och-kontaktcenter"],
        "technique": T.TEXT_CLASSIFICATION,
        "phase": Phase.IDEA,
        "planned_start": "2027-03-01",
        "planned_end": "2027-09-30",
        "personal_data": P.PERSONAL,
        "pub_agreement": A.NO,
        "dpia": A.NO,
        "risk_class": R.MINIMAL,
        "related_services": ["klassning-av-synpunkter"],
        "tags": ["medborgardialog", "synpunkter", "textanalys"],
        "status": Pilot.Status.DRAFT,
        "updates": [
            (
                "2026-11-30",
                "",
                "Idén är beskriven. Vi ska prata med Höganäs om deras klassning av "
                "synpunkter innan vi går vidare.",
            ),
        ],
        "effects": [],
    },
    {
        "slug": "chattbot-for-fragor-om-ekonomiskt-bistand",
        "title": "Chattbot för frågor om ekonomiskt bistånd",
        "lead_municipality": "landskrona",
        "lead": LANDSKRONA_EDITOR,
        "summary": (
            "En chattbot på landskrona.se skulle svara på allmänna frågor om ekonomiskt "
            "bistånd. Piloten avbröts: svaren blev för osäkra, och staden ansluter i stället "
            "till Helsingborgs chattbot."
        ),
        "problem": md(
            """
            Mottagningen för ekonomiskt bistånd får omkring 200 samtal i veckan med allmänna
            frågor: vilka papper som behövs, när pengarna betalas ut och hur man ansöker.
            Socialsekreterarna får mindre tid till de enskilda ärendena.
            """
        ),
        "previous_practice": (
            "Frågorna besvarades i telefon under telefontid, två timmar varje vardag."
        ),
        "description": md(
            """
            Chattboten svarade utifrån stadens webbsidor om ekonomiskt bistånd och
            presenterade sig som en AI. Den fick inte ta emot personnummer eller svara på
            frågor om enskilda ärenden.

            Piloten pågick på webben från december 2025 till april 2026.
            """
        ),
        "goals": "Minska samtalen med allmänna frågor med en fjärdedel.",
        "expected_effects": "Mer tid för handläggning och svar dygnet runt för invånarna.",
        "areas": ["forsorjningsstod", "kommunikation-och-kontaktcenter"],
        "technique": T.LANGUAGE_MODEL,
        "phase": Phase.STOPPED,
        "planned_start": "2025-11-03",
        "planned_end": "2026-06-30",
        "actual_start": "2025-11-10",
        "actual_end": "2026-04-30",
        "personal_data": P.PERSONAL,
        "pub_agreement": A.YES,
        "dpia": A.YES,
        "risk_class": R.LIMITED,
        "results": md(
            """
            Samtalen minskade bara från 210 till 195 i veckan. I testet med 300 frågor var
            vart femte svar ofullständigt, oftast när reglerna har undantag. Invånarna
            skrev dessutom ofta om sin egen situation, trots uppmaningen att låta bli.
            """
        ),
        "lessons": md(
            """
            - Ekonomiskt bistånd har för många undantag för en chattbot som bara läser
              webbsidor. Webbsidorna måste först skrivas om.
            - Räkna med att invånare skriver personuppgifter ändå, och planera för det.
            - Det är billigare att ansluta till en chattbot som redan finns än att bygga en
              egen.
            """
        ),
        "outcome": Outcome.REUSE_OTHER,
        "related_services": ["chattbot-for-kontaktcenter"],
        "tags": ["chattbot", "ekonomiskt bistånd", "invånarservice", "generativ ai"],
        "status": Pilot.Status.PUBLISHED,
        "published": "2025-11-12",
        "updates": [
            (
                "2025-11-10",
                Phase.ONGOING,
                "Chattboten är testad internt och läggs ut på webben i december.",
            ),
            (
                "2026-01-27",
                "",
                "Testet med 300 frågor visar att vart femte svar är ofullständigt. Vi "
                "skriver om de webbsidor som svaren oftast bygger på.",
            ),
            (
                "2026-03-18",
                "",
                "Samtalen till mottagningen har knappt minskat. Många invånare skriver om "
                "sitt eget ärende i chatten, vilket vi inte vill.",
            ),
            (
                "2026-04-30",
                Phase.STOPPED,
                "Piloten avbryts. Chattboten är borttagen från webben och konversationerna "
                "är raderade.",
            ),
            (
                "2026-09-15",
                "",
                "Landskrona ansluter till Helsingborgs chattbot för kontaktcenter, som "
                "hämtar svar från de omskrivna sidorna om ekonomiskt bistånd.",
            ),
        ],
        "effects": [
            {
                "metric": "Samtal till mottagningen med allmänna frågor",
                "unit": U.CASES,
                "period": PER.WEEK,
                "baseline": "210",
                "target": "150",
                "value": "195",
                "measured_on": "2026-04-24",
                "method": (
                    "Räknat i telefonisystemet vecka 10–16 2026, jämfört med samma veckor 2025."
                ),
            },
        ],
    },
    {
        "slug": "automatisk-textning-av-kommunfullmaktiges-sandningar",
        "title": "Automatisk textning av kommunfullmäktiges sändningar",
        "lead_municipality": "helsingborg",
        "participants": ["hoganas", "landskrona"],
        "summary": (
            "Inspelningarna från kommunfullmäktige textas med svensk taligenkänning och "
            "korrekturläses, i stället för att textas för hand av en byrå."
        ),
        "problem": md(
            """
            Enligt lagen om tillgänglighet till digital offentlig service ska inspelade
            sändningar textas. Manuell textning av ett sammanträde på sex timmar kostade
            nästan 10 000 kronor och tog tre dygn.
            """
        ),
        "previous_practice": "En textningsbyrå textade varje inspelning för hand.",
        "description": md(
            """
            Ljudet från sändningen körs genom KB-Whisper på stadens egen server. En
            kommunikatör läser igenom texten, rättar namn och lägger in talarnas namn innan
            inspelningen publiceras.

            Höganäs och Landskrona prövade samma flöde på sina sändningar.
            """
        ),
        "goals": "Texta alla sändningar inom ett dygn till en femtedel av kostnaden.",
        "expected_effects": "Alla sändningar textade, snabbare och billigare.",
        "areas": ["kommunikation-och-kontaktcenter", "it-och-digitalisering"],
        "technique": T.SPEECH,
        "phase": Phase.COMPLETED,
        "planned_start": "2025-09-01",
        "planned_end": "2026-03-31",
        "actual_start": "2025-09-15",
        "actual_end": "2026-03-31",
        "personal_data": P.PERSONAL,
        "pub_agreement": A.NOT_NEEDED,
        "dpia": A.YES,
        "risk_class": R.MINIMAL,
        "results": md(
            """
            Kostnaden per sammanträde sjönk från 9 500 till 1 400 kronor, och
            inspelningarna publiceras textade inom sex timmar. Korrekturläsningen tar cirka
            90 minuter per sammanträde.
            """
        ),
        "lessons": md(
            """
            - Lägg in ledamöternas namn och lokala ortnamn i en ordlista från början.
            - Korrekturläsning behövs alltid; räkna med den tiden.
            - Att köra modellen på egen server gjorde att inget avtal med ett
              personuppgiftsbiträde behövdes.
            """
        ),
        "outcome": Outcome.MAINTAIN,
        "related_services": ["tal-till-text-i-socialtjanstens-dokumentation"],
        "tags": ["textning", "tillgänglighet", "kommunfullmäktige", "taligenkänning"],
        "status": Pilot.Status.PUBLISHED,
        "published": "2025-09-17",
        "updates": [
            (
                "2025-09-15",
                Phase.ONGOING,
                "Första sammanträdet är textat med KB-Whisper. Korrekturen tog tre timmar.",
            ),
            (
                "2026-02-10",
                "",
                "Med ordlistan över ledamöternas namn tar korrekturen nu 90 minuter. Höganäs "
                "och Landskrona har textat sina sändningar i januari.",
            ),
            (
                "2026-03-31",
                Phase.COMPLETED,
                "Piloten är avslutad. Alla sändningar sedan oktober är textade inom ett dygn.",
            ),
            (
                "2026-06-09",
                "",
                "Textningen är nu en del av kommunikationsavdelningens ordinarie arbete. "
                "Avtalet med textningsbyrån har sagts upp.",
            ),
        ],
        "effects": [
            {
                "metric": "Kostnad för textning per sammanträde",
                "unit": U.KRONOR,
                "period": PER.CASE,
                "baseline": "9500",
                "target": "2000",
                "value": "1400",
                "measured_on": "2026-03-31",
                "method": (
                    "Fakturor för tio sammanträden 2024/25 jämfört med arbetstid för tio "
                    "sammanträden september 2025–mars 2026."
                ),
            },
            {
                "metric": "Tid från sändning till textad inspelning",
                "unit": U.HOURS,
                "period": PER.CASE,
                "baseline": "72",
                "target": "24",
                "value": "6",
                "measured_on": "2026-03-31",
                "method": "Publiceringstid för tio sammanträden före och under piloten.",
            },
        ],
    },
    {
        "slug": "klarsprakstod-for-stadens-webbtexter",
        "title": "Klarspråksstöd för stadens webbtexter",
        "lead_municipality": "helsingborg",
        "summary": (
            "Webbredaktörer får förslag på hur en text på helsingborg.se kan bli kortare och "
            "lättare att läsa, enligt stadens klarspråksriktlinjer."
        ),
        "problem": md(
            """
            Helsingborg.se har över 1 200 sidor som skrivs av ett sjuttiotal redaktörer.
            Många sidor är långa och svåra att läsa, särskilt för den som har svenska som
            andraspråk.
            """
        ),
        "previous_practice": (
            "Kommunikationsavdelningen granskade sidor när de hann, ungefär 40 sidor i månaden."
        ),
        "description": md(
            """
            Redaktören klistrar in sin text och får ett förslag som följer stadens
            riktlinjer: det viktigaste först, korta meningar och förklarade ord. Redaktören
            väljer vad som ska användas. Inga personuppgifter finns i texterna.
            """
        ),
        "goals": "Fyra av fem sidor ska ha ett läsbarhetsindex (LIX) under 40.",
        "expected_effects": "Fler invånare förstår sidorna, och färre ringer kontaktcenter.",
        "areas": ["kommunikation-och-kontaktcenter"],
        "technique": T.LANGUAGE_MODEL,
        "phase": Phase.ONGOING,
        "planned_start": "2026-09-01",
        "planned_end": "2027-02-28",
        "actual_start": "2026-09-07",
        "personal_data": P.NONE,
        "pub_agreement": A.NOT_NEEDED,
        "dpia": A.NOT_NEEDED,
        "risk_class": R.MINIMAL,
        "tags": ["klarspråk", "webb", "tillgänglighet", "generativ ai"],
        "status": Pilot.Status.PUBLISHED,
        "published": "2026-06-18",
        "updates": [
            (
                "2026-06-16",
                Phase.PLANNED,
                "Beslut att genomföra piloten under hösten med tjugo redaktörer.",
            ),
            (
                "2026-09-07",
                Phase.ONGOING,
                "Piloten har startat. Redaktörerna har fått en introduktion på en timme.",
            ),
            (
                "2026-11-17",
                "",
                "Drygt 200 sidor är omskrivna. Redaktörerna vill kunna spara egna "
                "instruktioner, vilket vi prövar i december.",
            ),
        ],
        "effects": [
            {
                "metric": "Sidor med LIX under 40",
                "unit": U.PERCENT,
                "period": PER.NONE,
                "baseline": "38",
                "target": "80",
                "value": "57",
                "measured_on": "2026-11-13",
                "method": "Alla 1 250 sidor på helsingborg.se mätta i augusti och i november 2026.",
            },
        ],
    },
    {
        "slug": "prognoser-for-energianvandning-i-skolor-och-forskolor",
        "title": "Prognoser för energianvändning i skolor och förskolor",
        "lead_municipality": "hoganas",
        "summary": (
            "En prognosmodell jämför varje timmes energianvändning i tolv skolor och förskolor "
            "med vad den borde vara, och larmar driftteknikerna när något avviker."
        ),
        "problem": md(
            """
            Fel i ventilation och värme upptäcks ofta först när någon klagar eller när
            fakturan kommer. Då har energin redan gått åt.
            """
        ),
        "previous_practice": "Driftteknikerna gick igenom mätvärdena en gång i månaden.",
        "description": md(
            """
            Modellen lär sig hur varje byggnad brukar använda energi vid olika väder,
            veckodagar och tider, och larmar när användningen avviker. Modellen använder
            bara mätdata och väderdata från SMHI.
            """
        ),
        "goals": "Minska energianvändningen i byggnaderna med fem procent.",
        "expected_effects": "Lägre energikostnader och färre fel som pågår länge.",
        "areas": ["samhallsbyggnad", "it-och-digitalisering"],
        "technique": T.PREDICTION,
        "phase": Phase.COMPLETED,
        "planned_start": "2025-09-01",
        "planned_end": "2026-08-31",
        "actual_start": "2025-09-01",
        "actual_end": "2026-08-31",
        "personal_data": P.NONE,
        "pub_agreement": A.NOT_NEEDED,
        "dpia": A.NOT_NEEDED,
        "risk_class": R.MINIMAL,
        "results": md(
            """
            23 fel hittades under året, bland annat ventilation som gick dygnet runt på
            helgerna. Energikostnaden i de tolv byggnaderna minskade med sex procent.
            """
        ),
        "lessons": md(
            """
            - Modellen behöver minst ett års mätvärden per byggnad innan larmen blir
              pålitliga.
            - Bestäm i förväg vem som tar hand om larmen; de första månaderna kom för många.
            """
        ),
        "outcome": Outcome.MAINTAIN,
        "related_services": ["prognos-for-energianvandning-i-kommunens-fastigheter"],
        "tags": ["energi", "fastigheter", "prognos", "skolor"],
        "status": Pilot.Status.PUBLISHED,
        "published": "2025-09-04",
        "updates": [
            (
                "2025-09-01",
                Phase.ONGOING,
                "Modellen är tränad på två års mätvärden och larmar från och med i dag.",
            ),
            (
                "2026-02-24",
                "",
                "Vintern har gett många larm. Vi har höjt gränsen så att bara tydliga "
                "avvikelser larmar, och hittat nio fel hittills.",
            ),
            (
                "2026-05-19",
                "",
                "Driftteknikerna tar nu hand om larmen direkt i sitt arbetsordersystem.",
            ),
            (
                "2026-09-01",
                Phase.COMPLETED,
                "Piloten är avslutad och modellen blir en ordinarie tjänst för alla "
                "kommunens fastigheter.",
            ),
        ],
        "effects": [
            {
                "metric": "Energikostnad i de tolv byggnaderna",
                "unit": U.KRONOR,
                "period": PER.YEAR,
                "baseline": "4200000",
                "target": "3990000",
                "value": "3950000",
                "measured_on": "2026-09-15",
                "method": (
                    "Normalårskorrigerad kostnad september 2025–augusti 2026, jämfört med "
                    "föregående tolv månader."
                ),
            },
        ],
    },
    {
        "slug": "bildanalys-av-nedskrapning-vid-atervinningsstationer",
        "title": "Bildanalys av nedskräpning vid återvinningsstationer",
        "lead_municipality": "klippan",
        "summary": (
            "Försök att låta bildanalys bedöma hur nedskräpat det är vid återvinningsstationerna, "
            "utifrån foton från städrundan. Avbrutet: bedömningarna var för osäkra."
        ),
        "problem": md(
            """
            Städningen vid kommunens 14 återvinningsstationer planeras efter ett fast schema.
            Vissa stationer städas i onödan, andra för sällan.
            """
        ),
        "previous_practice": (
            "Städpersonalen bedömde varje station på plats och planerade rundan för hand."
        ),
        "description": md(
            """
            Städpersonalen tog ett foto av varje station med mobilen. En bildmodell
            bedömde graden av nedskräpning på en skala från 1 till 4, och rundan
            planerades efter det. Personalen instruerades att inte fotografera personer,
            och ansikten och registreringsskyltar maskerades automatiskt.
            """
        ),
        "goals": "Halvera tiden för att planera städrundan.",
        "expected_effects": "Renare stationer med samma resurser.",
        "areas": ["samhallsbyggnad"],
        "technique": T.IMAGE,
        "phase": Phase.STOPPED,
        "planned_start": "2026-03-01",
        "planned_end": "2026-10-31",
        "actual_start": "2026-03-16",
        "actual_end": "2026-06-30",
        "personal_data": P.PERSONAL,
        "pub_agreement": A.YES,
        "dpia": A.YES,
        "risk_class": R.MINIMAL,
        "results": md(
            """
            Modellen bedömde rätt i två fall av tre, och sämre i mörker och regn. Tiden för
            planeringen minskade knappt, eftersom personalen ändå kontrollerade
            bedömningarna.
            """
        ),
        "lessons": md(
            """
            - Pröva först om ett enklare sätt räcker: personalen föredrog att markera
              stationerna direkt i en app.
            - En bildmodell som tränats på andra miljöer behöver egna bilder för att
              fungera, och det tar tid att samla in dem.
            """
        ),
        "outcome": Outcome.CLOSE,
        "related_services": ["bildanalys-av-vagskador"],
        "tags": ["bildanalys", "återvinning", "nedskräpning", "städning"],
        "status": Pilot.Status.PUBLISHED,
        "published": "2026-01-21",
        "updates": [
            (
                "2026-01-19",
                Phase.PLANNED,
                "Upplägget är klart och konsekvensbedömningen godkänd av dataskyddsombudet.",
            ),
            (
                "2026-03-16",
                Phase.ONGOING,
                "Piloten har startat vid alla 14 stationer.",
            ),
            (
                "2026-06-30",
                Phase.STOPPED,
                "Vi avbryter piloten. Bedömningarna är för osäkra för att planera efter, och "
                "personalen vill hellre markera stationerna själva i en app.",
            ),
        ],
        "effects": [
            {
                "metric": "Tid för att planera städrundan",
                "unit": U.MINUTES,
                "period": PER.WEEK,
                "baseline": "90",
                "target": "45",
                "value": "80",
                "measured_on": "2026-06-26",
                "method": "Personalens tidsredovisning i juni, jämfört med februari 2026.",
            },
        ],
    },
    {
        "slug": "maskinoversattning-vid-utvecklingssamtal-i-forskolan",
        "title": "Maskinöversättning vid utvecklingssamtal i förskolan",
        "lead_municipality": "perstorp",
        "participants": ["bjuv", "orkelljunga"],
        "summary": (
            "Förskollärare prövar talöversättning i surfplattan vid utvecklingssamtal med "
            "vårdnadshavare som inte talar svenska, när ingen tolk behövs för samtalets art."
        ),
        "problem": md(
            """
            I Perstorps förskolor talar vårdnadshavarna ett trettiotal språk. Tolk behöver
            bokas veckor i förväg, och kortare samtal blir ofta av utan att alla förstår
            varandra.
            """
        ),
        "previous_practice": md(
            """
            Tolk bokades till utvecklingssamtal, 34 tolkbokningar i oktober 2025. Vid
            kortare samtal hjälpte ibland en kollega eller ett syskon till med språket.
            """
        ),
        "description": md(
            """
            Förskolläraren och vårdnadshavaren talar var sitt språk, och surfplattan
            översätter talet. Tjänsten behandlar ljudet inom EU och sparar ingenting efter
            samtalet.

            Vid samtal om oro för barnet, och när vårdnadshavaren vill det, bokas alltid tolk.
            Vi har lärt av kommunens försök med maskinöversättning 2024, som avvecklades
            för att uppgifterna behandlades utanför EU/EES.
            """
        ),
        "goals": "Halvera antalet tolkbokningar till vanliga utvecklingssamtal.",
        "expected_effects": (
            "Vårdnadshavarna förstår samtalen lika bra eller bättre, och samtalen kan bokas "
            "när det passar familjen."
        ),
        "areas": ["forskola-och-skola"],
        "technique": T.SPEECH,
        "phase": Phase.ONGOING,
        "planned_start": "2026-08-17",
        "planned_end": "2027-05-31",
        "actual_start": "2026-08-24",
        "personal_data": P.PERSONAL,
        "pub_agreement": A.YES,
        "dpia": A.YES,
        "risk_class": R.LIMITED,
        "tags": ["översättning", "förskola", "flerspråkighet", "tolk"],
        "status": Pilot.Status.PUBLISHED,
        "published": "2026-04-23",
        "updates": [
            (
                "2026-04-21",
                Phase.PLANNED,
                "Barn- och utbildningsnämnden har godkänt piloten. Tjänsten ska behandla "
                "allt inom EU; det var ett krav efter erfarenheterna från 2024.",
            ),
            (
                "2026-08-24",
                Phase.ONGOING,
                "Piloten har startat på fem förskolor. Bjuv och Örkelljunga är med med var "
                "sin förskola.",
            ),
            (
                "2026-11-10",
                "",
                "Efter 86 samtal ger vårdnadshavarna samtalen högre betyg än med tolk i "
                "telefon. Arabiska och somaliska fungerar bra, tigrinja sämre.",
            ),
        ],
        "effects": [
            {
                "metric": "Tolkbokningar till utvecklingssamtal",
                "unit": U.CASES,
                "period": PER.MONTH,
                "baseline": "34",
                "target": "17",
                "value": "19",
                "measured_on": "2026-10-31",
                "method": (
                    "Tolkbokningar i oktober 2026 jämfört med oktober 2025, samma fem förskolor."
                ),
            },
            {
                "metric": "Vårdnadshavarnas betyg på samtalet (1–5)",
                "unit": U.SCORE,
                "period": PER.NONE,
                "baseline": "3.6",
                "value": "4.1",
                "measured_on": "2026-11-06",
                "method": (
                    "Enkät efter 86 samtal med översättning, jämfört med 70 samtal med tolk "
                    "i telefon våren 2026."
                ),
            },
        ],
    },
    {
        "slug": "kontroll-av-fakturor-mot-avtalade-priser",
        "title": "Kontroll av fakturor mot avtalade priser",
        "lead_municipality": "bjuv",
        "participants": ["svalov"],
        "summary": (
            "En modell ska jämföra leverantörsfakturornas rader med priserna i avtalen och "
            "flagga avvikelser, innan fakturan attesteras."
        ),
        "problem": md(
            """
            Bjuvs kommun får 40 000 leverantörsfakturor om året. Attestanten har sällan
            avtalet framför sig, och felaktiga priser upptäcks bara vid stickprov.
            """
        ),
        "previous_practice": (
            "Ekonomiavdelningen gör stickprov på 50 fakturor i kvartalet mot avtalen."
        ),
        "description": md(
            """
            Modellen läser fakturaraderna och jämför dem med prisbilagorna i
            avtalsdatabasen. Avvikelser visas för attestanten tillsammans med avtalet.
            Svalöv deltar med sina fakturor för livsmedel.
            """
        ),
        "goals": "Hitta felaktiga priser på alla fakturor i stället för i stickprov.",
        "expected_effects": "Pengar tillbaka från felaktiga fakturor och bättre avtalstrohet.",
        "areas": ["hr-och-administration"],
        "technique": T.TEXT_CLASSIFICATION,
        "phase": Phase.PLANNED,
        "planned_start": "2027-02-01",
        "planned_end": "2027-08-31",
        "personal_data": P.PERSONAL,
        "pub_agreement": A.NO,
        "dpia": A.NO,
        "risk_class": R.MINIMAL,
        "related_services": ["konteringsforslag-for-leverantorsfakturor"],
        "tags": ["fakturor", "avtal", "ekonomi", "inköp"],
        "status": Pilot.Status.PUBLISHED,
        "published": "2026-10-01",
        "updates": [
            (
                "2026-09-29",
                Phase.PLANNED,
                "Ekonomichefen har beslutat om piloten. Samma leverantör som för "
                "konteringsförslagen har lämnat offert.",
            ),
            (
                "2026-11-26",
                "",
                "Prisbilagorna för de tjugo största avtalen är inlagda i avtalsdatabasen. "
                "Svalöv lägger in sina livsmedelsavtal i december.",
            ),
        ],
        "effects": [],
    },
    {
        "slug": "ai-assistent-i-tre-upphandlingar",
        "title": "AI-assistent i tre upphandlingar",
        "lead_municipality": "bastad",
        "participants": ["angelholm", "orkelljunga"],
        "summary": (
            "Båstads upphandlare prövade en AI-assistent för kravspecifikationer och "
            "granskning av underlag i tre upphandlingar, tillsammans med Ängelholm och "
            "Örkelljunga."
        ),
        "problem": md(
            """
            Båstad har två upphandlare för hela kommunen. Att skriva om verksamhetens
            kravspecifikationer och läsa underlag efter motsägelser tar en stor del av
            tiden, och upphandlingar blir försenade.
            """
        ),
        "previous_practice": (
            "Upphandlarna skrev om kraven och granskade underlagen för hand, i genomsnitt "
            "62 timmar per upphandling."
        ),
        "description": md(
            """
            Assistenten användes i tre upphandlingar: skolskjuts, städtjänster och
            IT-konsulter. Verksamheten fick ett första utkast till kravspecifikation, och
            upphandlarna lät assistenten jämföra kraven med avtalsvillkoren. Anbud laddades
            aldrig upp.
            """
        ),
        "goals": "Minska tiden för att ta fram förfrågningsunderlag med en fjärdedel.",
        "expected_effects": "Färre försenade upphandlingar och färre frågor från anbudsgivare.",
        "areas": ["hr-och-administration"],
        "technique": T.LANGUAGE_MODEL,
        "phase": Phase.COMPLETED,
        "planned_start": "2026-03-02",
        "planned_end": "2026-10-30",
        "actual_start": "2026-03-09",
        "actual_end": "2026-10-30",
        "personal_data": P.PERSONAL,
        "pub_agreement": A.YES,
        "dpia": A.YES,
        "risk_class": R.MINIMAL,
        "results": md(
            """
            Tiden för förfrågningsunderlagen minskade från 62 till 41 timmar i genomsnitt.
            Assistenten hittade elva motsägelser mellan krav och avtalsvillkor som annars
            hade gett frågor under anbudstiden.
            """
        ),
        "lessons": md(
            """
            - Assistenten är bäst på att hitta motsägelser, sämre på att skriva krav för
              ovanliga tjänster.
            - Ge assistenten kommunens egna mallar och tidigare underlag; allmänna svar om
              upphandling hjälper lite.
            """
        ),
        "outcome": Outcome.SCALE_UP,
        "related_services": ["assistent-for-upphandlingsdokument"],
        "tags": ["upphandling", "kravspecifikation", "generativ ai"],
        "status": Pilot.Status.PUBLISHED,
        "published": "2026-03-11",
        "updates": [
            (
                "2026-03-09",
                Phase.ONGOING,
                "Piloten har startat med upphandlingen av skolskjuts.",
            ),
            (
                "2026-06-22",
                "",
                "Två av tre upphandlingar är annonserade. Ängelholms upphandlare har prövat "
                "assistenten på en egen upphandling.",
            ),
            (
                "2026-10-30",
                Phase.COMPLETED,
                "Piloten är avslutad. Slutrapporten visar att tiden minskade med en tredjedel.",
            ),
            (
                "2026-11-19",
                "",
                "Kommunledningen har beslutat att assistenten ska användas i alla "
                "upphandlingar från 2027. Ängelholm och Örkelljunga utreder att göra likadant.",
            ),
        ],
        "effects": [
            {
                "metric": "Tid för att ta fram förfrågningsunderlag",
                "unit": U.HOURS,
                "period": PER.CASE,
                "baseline": "62",
                "target": "46",
                "value": "41",
                "measured_on": "2026-10-30",
                "method": (
                    "Upphandlarnas tidsredovisning för de tre upphandlingarna, jämfört med "
                    "tre liknande upphandlingar 2025."
                ),
            },
        ],
    },
    {
        "slug": "schemalaggning-i-aldreomsorgen",
        "title": "AI-stöd för schemaläggning i äldreomsorgen",
        "lead_municipality": "orkelljunga",
        "participants": ["klippan"],
        "summary": (
            "Idé: ett optimeringsverktyg föreslår scheman för äldreomsorgens personal utifrån "
            "bemanningsbehov och önskemål, så att färre pass behöver täckas med timvikarier."
        ),
        "problem": md(
            """
            Schemaläggningen för 120 medarbetare i äldreomsorgen tar enhetscheferna flera
            dagar per schemaperiod, och många pass täcks ändå med timvikarier i sista stund.
            """
        ),
        "previous_practice": "Enhetscheferna lägger schemat för hand i bemanningssystemet.",
        "description": md(
            """
            Vi vill undersöka om ett optimeringsverktyg kan ge ett första förslag till
            schema. Innan en pilot behöver vi bedöma risken enligt AI-förordningen, eftersom
            verktyget påverkar medarbetarnas arbetstider. Klippan är intresserade av att
            delta.
            """
        ),
        "goals": "Kortare tid för schemaläggning och färre pass med timvikarier.",
        "expected_effects": "Mer kontinuitet för brukarna och mer förutsägbara scheman.",
        "areas": ["vard-och-omsorg", "hr-och-administration"],
        "technique": T.OPTIMISATION,
        "phase": Phase.IDEA,
        "planned_start": "2027-04-01",
        "planned_end": "2027-12-31",
        "personal_data": P.PERSONAL,
        "pub_agreement": A.NO,
        "dpia": A.NO,
        "risk_class": R.NOT_ASSESSED,
        "related_services": ["ruttplanering-i-hemtjansten"],
        "tags": ["schemaläggning", "bemanning", "äldreomsorg", "optimering"],
        "status": Pilot.Status.PUBLISHED,
        "published": "2026-10-22",
        "updates": [
            (
                "2026-10-20",
                "",
                "Idén presenterades på nätverksträffen för vård och omsorg. Klippan vill "
                "delta, och Svalöv delar erfarenheter från ruttplaneringen.",
            ),
        ],
        "effects": [],
    },
]

# Fields copied as they are; everything else in a PILOTS row is handled below.
PLAIN_FIELDS = [
    "title",
    "summary",
    "problem",
    "previous_practice",
    "description",
    "goals",
    "expected_effects",
    "technique",
    "phase",
    "personal_data",
    "pub_agreement",
    "dpia",
    "risk_class",
    "results",
    "lessons",
    "outcome",
    "status",
]
DATE_FIELDS = ["planned_start", "planned_end", "actual_start", "actual_end"]


def seed_project_leads(password):
    """One project lead per municipality without a demo user; returns them by slug.

    The password is set only when the account is created, so a rerun changes nothing.
    """
    municipalities = {m.slug: m for m in Municipality.objects.filter(slug__in=PROJECT_LEADS)}
    leads = {}
    for slug, (name, department) in PROJECT_LEADS.items():
        email = project_lead_email(slug)
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=password)
        _upsert(EmailAddress, {"user": user, "email": email}, {"verified": True, "primary": True})
        _upsert(
            Profile,
            {"user": user},
            {"display_name": name, "title": PROJECT_LEAD_TITLE, "department": department},
        )
        _upsert(
            Membership,
            {"user": user, "municipality": municipalities[slug]},
            {"role": Membership.Role.MEMBER},
        )
        leads[slug] = user
    return leads


def seed_pilots(password):
    """Create or bring back the demo pilots; returns (number of pilots, number created)."""
    leads = seed_project_leads(password)
    emails = {ANGELHOLM_TEACHER, ANGELHOLM_EDITOR, LANDSKRONA_EDITOR}
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    users.update({user.email: user for user in leads.values()})
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    areas = {a.slug: a for a in Area.objects.all()}
    services = {s.slug: s for s in AIService.objects.all()}

    created_count = 0
    for data in PILOTS:
        muni = data["lead_municipality"]
        lead = users[data.get("lead") or project_lead_email(muni)]
        published = data.get("published")
        values = {name: data.get(name, "") for name in PLAIN_FIELDS}
        values.update({name: _d(data.get(name)) for name in DATE_FIELDS})
        values.update(
            lead_municipality=municipalities[muni],
            lead=lead,
            created_by=lead,
            published_at=_at(published) if published else None,
            archived_by=None,
            archived_at=None,
        )
        pilot, created = _upsert(Pilot, {"slug": data["slug"]}, values)
        created_count += created

        # set() only adds and removes what differs, so a rerun records no m2m history.
        pilot.participants.set([municipalities[slug] for slug in data.get("participants", [])])
        pilot.areas.set([areas[slug] for slug in data["areas"]])
        pilot.contacts.set([users[email] for email in data.get("contacts", [])])
        pilot.related_services.set([services[slug] for slug in data.get("related_services", [])])
        pilot.tags.set(data["tags"])

        for day, phase, text in data["updates"]:
            _upsert(
                PilotUpdate,
                {"pilot": pilot, "date": _d(day)},
                {"text": text, "phase": phase, "author": lead},
            )
        for effect in data["effects"]:
            target = effect.get("target")
            _upsert(
                Effect,
                {
                    "pilot": pilot,
                    "metric": effect["metric"],
                    "measured_on": _d(effect["measured_on"]),
                },
                {
                    "unit": effect["unit"],
                    "period": effect["period"],
                    "baseline": Decimal(effect["baseline"]),
                    "target": Decimal(target) if target is not None else None,
                    "value": Decimal(effect["value"]),
                    "method": effect["method"],
                    "author": lead,
                },
            )
    return len(PILOTS), created_count

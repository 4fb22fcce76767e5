"""Demo AI services for seed_demo: realistic Swedish records across the eleven municipalities.

Written straight to the models, not through services.actions, with the who and when of
each moderation step filled in as the workflow would have left them. Idempotent: a record
is saved only when a value differs, so a second run changes nothing and adds no history.
"""

import datetime
from inspect import cleandoc
from zoneinfo import ZoneInfo

from municipalities.models import Area, Municipality, User
from services.models import Adoption, AIService, Supplier

S = AIService.Status
L = AIService.Lifecycle
T = AIService.Technique
H = AIService.Hosting
J = AIService.Jurisdiction
P = AIService.PersonalData
A = AIService.Answer
R = AIService.RiskClass
USING, TESTING, INTERESTED = (
    Adoption.Status.USING,
    Adoption.Status.TESTING,
    Adoption.Status.INTERESTED,
)

MODERATOR = "moderator@helsingborg.se"
# The demo editor of each municipality that has one; elsewhere the hub's coordinator
# registered the service from the inventory, which moderators may do.
EDITORS = {"angelholm": "redaktor@engelholm.se", "landskrona": "redaktor@landskrona.se"}
DOMAINS = {
    "bjuv": "bjuv.se",
    "bastad": "bastad.se",
    "helsingborg": "helsingborg.se",
    "hoganas": "hoganas.se",
    "klippan": "klippan.se",
    "landskrona": "landskrona.se",
    "perstorp": "perstorp.se",
    "svalov": "svalov.se",
    "astorp": "astorp.se",
    "angelholm": "engelholm.se",
    "orkelljunga": "orkelljunga.se",
}

# Key -> supplier name. The small Swedish and Norwegian companies are made up.
SUPPLIERS = {
    "google": "Google",
    "microsoft": "Microsoft",
    "openai": "OpenAI",
    "mistral": "Mistral AI",
    "nordvik": "Nordvik Tal AB",
    "kvarnby": "Kvarnby Analys AB",
    "omsorgsplan": "Omsorgsplan Norden AB",
    "gatuvy": "Gatuvy AB",
    "fakturaflyt": "Fakturaflyt AS",
    "inhouse": "Helsingborgs stad, AI-teamet (egen utveckling)",
}


def _at(day, hour=10):
    return datetime.datetime.fromisoformat(day).replace(
        hour=hour, tzinfo=ZoneInfo("Europe/Stockholm")
    )


md = cleandoc

SERVICES = [
    {
        "slug": "gemini-for-larare",
        "title": "Gemini för lärare",
        "owner": "angelholm",
        "department": "Lärande och familj",
        "summary": (
            "Lärare i Ängelholm använder Googles AI Gemini i skolans Google Workspace för att "
            "planera lektioner och ta fram övningsmaterial, med tydliga instruktioner om vad "
            "GDPR tillåter."
        ),
        "description": md(
            """
            Sedan våren 2024 har alla lärare i Ängelholms kommun tillgång till Gemini i
            kommunens Google Workspace for Education. Lärarna använder Gemini för att planera
            lektioner, variera uppgifter för olika nivåer, skriva exempeltexter och formulera
            instruktioner på lättare svenska.

            Tillgången kom tillsammans med en kort utbildning och instruktioner om vilka
            gränser dataskyddsförordningen (GDPR) sätter. Instruktionerna är det viktigaste i
            tjänsten, och de går att återanvända direkt.

            ## Det här gäller när du använder Gemini

            - **Logga in med ditt skolkonto**, aldrig med ett privat Google-konto. Bara då
              gäller kommunens avtal, och det du skriver används inte för att träna Googles
              modeller.
            - **Skriv inga personuppgifter om elever** i dina frågor: inga namn,
              personnummer, bilder, omdömen, betyg eller uppgifter om hälsa, stöd eller
              familjeförhållanden. Beskriv behovet i stället, till exempel "en elev i
              årskurs 5 som behöver kortare texter".
            - **Ladda inte upp elevers texter** för bedömning eller återkoppling.
            - **Sekretessuppgifter hör aldrig hemma i Gemini**, till exempel uppgifter från
              elevhälsan eller en orosanmälan.
            - **Granska alltid svaret.** Gemini kan hitta på fakta och källor, och du
              ansvarar för materialet du använder i undervisningen.
            - **Bedömning och betyg gör du själv.** Gemini används inte för att bedöma
              elevers kunskaper.

            ## Vad det har gett

            En enkät hösten 2025 visade att två av tre lärare använder Gemini varje vecka,
            oftast för planering och för att anpassa texter. Lärarna uppskattar tidsvinsten
            till en till två timmar i veckan.
            """
        ),
        "areas": ["forskola-och-skola"],
        "target_group": AIService.TargetGroup.STAFF,
        "lifecycle": L.PRODUCTION,
        "technique": T.LANGUAGE_MODEL,
        "model_name": "Gemini i Google Workspace for Education",
        "supplier": "google",
        "hosting": H.EU,
        "supplier_jurisdiction": J.USA,
        "personal_data": P.PERSONAL,
        "secrecy": False,
        "pub_agreement": A.YES,
        "dpia": A.YES,
        "risk_class": R.MINIMAL,
        "human_oversight": (
            "Läraren granskar och bearbetar allt som Gemini föreslår innan det används i "
            "undervisningen. Gemini används aldrig för bedömning eller betygssättning."
        ),
        "reuse_agreement": True,
        "reuse_instructions": True,
        "reuse_notes": md(
            """
            Kommuner som redan har Google Workspace for Education kan slå på Gemini för sina
            lärare inom sitt eget avtal. Läs vår konsekvensbedömning (DPIA) och
            instruktionerna ovan och anpassa dem till er organisation. Hör av er, så delar vi
            utbildningsmaterialet för arbetsplatsträffar.
            """
        ),
        "website_url": "https://www.engelholm.se/",
        "tags": ["gemini", "generativ ai", "lärare", "gdpr", "lektionsplanering"],
        "status": S.PUBLISHED,
        "submitted": "2025-02-10",
        "published": "2025-02-12",
        "adoptions": {
            "klippan": USING,
            "bastad": USING,
            "hoganas": TESTING,
            "landskrona": INTERESTED,
        },
    },
    {
        "slug": "tal-till-text-i-socialtjanstens-dokumentation",
        "title": "Tal till text i socialtjänstens dokumentation",
        "owner": "landskrona",
        "department": "Individ- och familjeförvaltningen",
        "summary": (
            "Socialsekreterare dikterar sina anteckningar efter ett samtal och får en text att "
            "bearbeta i journalen. Talet tolkas på servrar i Sverige och ljudet raderas efter "
            "ett dygn."
        ),
        "description": md(
            """
            Socialsekreterare i Landskrona stad lägger en stor del av arbetsdagen på
            dokumentation. Med tjänsten dikterar handläggaren sina anteckningar direkt efter
            ett hembesök eller ett samtal, i en app på tjänstemobilen, och får tillbaka en
            text som hen bearbetar och för in i verksamhetssystemet.

            Tjänsten spelar **inte** in samtalet med den enskilde. Det är handläggarens egen
            sammanfattning som dikteras, och den enskilde får veta hur dokumentationen går
            till.

            ## Teknik och dataskydd

            Taligenkänningen bygger på KB-Whisper, Kungliga bibliotekets vidareträning av
            Whisper på svenska, som leverantören kör i ett datacenter i Sverige. Uppgifterna
            omfattas av socialtjänstsekretess (26 kap. OSL) och är ofta känsliga
            personuppgifter. Därför gäller att

            - ljud och text krypteras och raderas hos leverantören efter 24 timmar,
            - leverantörens personal inte kan ta del av innehållet, och att inget används för
              att träna modeller,
            - personuppgiftsbiträdesavtal och konsekvensbedömning finns, och nämnden har
              beslutat om användningen.

            ## Resultat från piloten

            I piloten med tolv handläggare hösten 2024 minskade tiden för dokumentation med
            i genomsnitt 35 minuter per dag och handläggare. Handläggarna uppgav också att
            journalanteckningarna blev mer utförliga.
            """
        ),
        "areas": ["individ-och-familj", "forsorjningsstod"],
        "target_group": AIService.TargetGroup.STAFF,
        "lifecycle": L.PRODUCTION,
        "technique": T.SPEECH,
        "model_name": "KB-Whisper large",
        "supplier": "nordvik",
        "hosting": H.SWEDEN,
        "supplier_jurisdiction": J.SWEDEN,
        "personal_data": P.SENSITIVE,
        "secrecy": True,
        "pub_agreement": A.YES,
        "dpia": A.YES,
        "risk_class": R.MINIMAL,
        "human_oversight": (
            "Handläggaren läser och rättar varje text innan den förs in i journalen. Inget "
            "förs över automatiskt till verksamhetssystemet, och handläggaren ansvarar för "
            "dokumentationen som vanligt."
        ),
        "reuse_agreement": True,
        "reuse_instructions": True,
        "reuse_notes": md(
            """
            Avtalet med leverantören upphandlades med option för de andra kommunerna i
            Familjen Helsingborg att ansluta. Ni behöver ett eget personuppgiftsbiträdesavtal
            och ett beslut i er nämnd. Vår rutin för diktering och vår konsekvensbedömning
            delar vi gärna.
            """
        ),
        "tags": ["taligenkänning", "dokumentation", "socialtjänst", "whisper", "sekretess"],
        "status": S.PUBLISHED,
        "submitted": "2025-05-20",
        "published": "2025-05-26",
        "adoptions": {"svalov": USING, "helsingborg": TESTING, "angelholm": INTERESTED},
    },
    {
        "slug": "chattbot-for-kontaktcenter",
        "title": "Chattbot för kontaktcenter",
        "owner": "helsingborg",
        "department": "Kontakt Helsingborg",
        "summary": (
            "En chattbot på helsingborg.se svarar dygnet runt på invånarnas vanliga frågor "
            "utifrån stadens egna webbsidor, och säger tydligt att man skriver med en AI. Svåra "
            "frågor går vidare till kontaktcenter."
        ),
        "description": md(
            """
            Kontakt Helsingborg får många frågor som redan har svar på stadens webbplats: om
            avfallshämtning, parkeringstillstånd, förskoleplats och öppettider. Chattboten
            svarar på sådana frågor dygnet runt, på svenska, engelska och arabiska.

            Chattboten svarar bara utifrån innehållet på helsingborg.se (så kallad retrieval
            augmented generation) och länkar alltid till sidan som svaret bygger på. Hittar
            den inget svar säger den det, och erbjuder kontakt med kontaktcenter under
            öppettid.

            ## Öppenhet mot invånarna

            Enligt AI-förordningen (artikel 50) ska den som pratar med en AI få veta det.
            Chattboten presenterar sig därför som en AI-assistent i första meddelandet, och
            knappen "Prata med en människa" syns hela tiden.

            Invånarna uppmanas att inte skriva personnummer eller andra personuppgifter.
            Konversationerna sparas i 30 dagar för kvalitetsuppföljning och raderas sedan.
            """
        ),
        "areas": ["kommunikation-och-kontaktcenter", "it-och-digitalisering"],
        "target_group": AIService.TargetGroup.RESIDENTS,
        "lifecycle": L.PRODUCTION,
        "technique": T.LANGUAGE_MODEL,
        "model_name": "GPT-4o i Azure OpenAI Service (Sweden Central)",
        "supplier": "microsoft",
        "hosting": H.SWEDEN,
        "supplier_jurisdiction": J.USA,
        "personal_data": P.PERSONAL,
        "secrecy": False,
        "pub_agreement": A.YES,
        "dpia": A.YES,
        "risk_class": R.LIMITED,
        "human_oversight": (
            "Kontaktcenter går varje vecka igenom ett urval av konversationerna och rättar "
            "webbsidor där svaren blivit fel. Chattboten fattar inga beslut och handlägger "
            "inga ärenden; den som vill får alltid prata med en människa."
        ),
        "reuse_open_source": True,
        "reuse_instructions": True,
        "reuse_notes": md(
            """
            Koden som hämtar och indexerar webbsidorna är öppen källkod. Ni behöver ett eget
            Azure-abonnemang, en egen konsekvensbedömning och en text på webbplatsen om hur
            chattboten fungerar. Systemprompten och våra 300 testfrågor delar vi gärna.
            """
        ),
        "website_url": "https://helsingborg.se/",
        "licence": "MIT",
        "tags": ["chattbot", "kontaktcenter", "invånarservice", "rag", "transparens"],
        "status": S.PUBLISHED,
        "submitted": "2025-03-03",
        "published": "2025-03-05",
        "adoptions": {"hoganas": USING, "orkelljunga": TESTING, "angelholm": INTERESTED},
    },
    {
        "slug": "klassning-av-synpunkter",
        "title": "Klassning av synpunkter",
        "owner": "hoganas",
        "department": "Kommunledningsförvaltningen",
        "summary": (
            "Synpunkter och klagomål som kommer in via webben sorteras automatiskt efter ämne "
            "och ansvarig förvaltning, så att de snabbare hamnar hos rätt handläggare."
        ),
        "description": md(
            """
            Höganäs kommun får varje år drygt 3 000 synpunkter, klagomål och felanmälningar
            via webbformuläret. Tidigare läste en registrator varje ärende och skickade det
            vidare för hand, vilket kunde ta flera dagar under semesterperioder.

            Tjänsten föreslår en kategori, till exempel gata och park, skola, äldreomsorg
            eller bygglov, och en ansvarig förvaltning för varje synpunkt. Registratorn ser
            förslaget och bekräftar eller ändrar det med ett klick. Modellen är en svensk
            språkmodell (KB-BERT) som finjusterats på tre års synpunkter där namn och
            kontaktuppgifter tagits bort.

            ## Resultat

            Förslaget är rätt i nio fall av tio. Tiden från att en synpunkt kommer in till
            att den når rätt förvaltning har minskat från i genomsnitt tre dagar till under
            en dag.
            """
        ),
        "areas": ["kommunikation-och-kontaktcenter", "hr-och-administration"],
        "target_group": AIService.TargetGroup.STAFF,
        "lifecycle": L.PRODUCTION,
        "technique": T.TEXT_CLASSIFICATION,
        "model_name": "KB-BERT, finjusterad på kommunens synpunkter",
        "supplier": "kvarnby",
        "hosting": H.OWN,
        "supplier_jurisdiction": J.SWEDEN,
        "personal_data": P.PERSONAL,
        "secrecy": False,
        "pub_agreement": A.YES,
        "dpia": A.YES,
        "risk_class": R.MINIMAL,
        "human_oversight": (
            "Registratorn bekräftar eller ändrar varje förslag innan synpunkten skickas "
            "vidare. Tjänsten svarar aldrig invånaren själv."
        ),
        "reuse_open_source": True,
        "reuse_instructions": True,
        "reuse_notes": md(
            """
            Koden för träning och klassning är öppen. Själva modellen delas inte, eftersom
            den är tränad på kommunens synpunkter; ni tränar en egen på era ärenden. Räkna
            med ett par hundra genomgångna synpunkter per kategori.
            """
        ),
        "licence": "EUPL-1.2",
        "tags": ["synpunktshantering", "klassning", "kb-bert", "registratur"],
        "status": S.PUBLISHED,
        "submitted": "2025-09-08",
        "published": "2025-09-10",
        "adoptions": {"landskrona": TESTING, "bjuv": INTERESTED},
    },
    {
        "slug": "lasstod-i-vuxenutbildningen",
        "title": "Lässtöd i vuxenutbildningen",
        "owner": "astorp",
        "department": "Lärcentrum, vuxenutbildningen",
        "summary": (
            "Elever på komvux i Åstorp får texter upplästa, förenklade eller översatta till "
            "sitt modersmål med Avancerad läsare och Copilot, som stöd när de läser "
            "kurslitteratur på svenska."
        ),
        "description": md(
            """
            Många elever i vuxenutbildningen läser på sitt andra eller tredje språk, eller
            har läs- och skrivsvårigheter. Lärcentrum i Åstorp ger därför alla elever
            tillgång till Avancerad läsare (Immersive Reader) och Copilot i elevernas
            Microsoft 365-konton.

            Eleverna kan få en text uppläst, se stavelser och ordklasser markerade, slå upp
            ord med bilder och få en svår text omskriven på lättare svenska eller översatt
            till sitt modersmål. Lärarna har gjort korta instruktionsfilmer på svenska,
            arabiska, dari, somaliska och tigrinja.

            ## Regler för eleverna

            - Använd skolkontot, inte ett privat konto.
            - Skriv inte in uppgifter om dig själv eller andra i Copilot.
            - Copilot får användas för att förstå en text, inte för att skriva
              inlämningsuppgifter. Varje kurs anger vad som gäller vid examination.
            """
        ),
        "areas": ["vuxenutbildning"],
        "target_group": AIService.TargetGroup.RESIDENTS,
        "lifecycle": L.PRODUCTION,
        "technique": T.SPEECH,
        "model_name": "Avancerad läsare (Immersive Reader) och Microsoft 365 Copilot Chat",
        "supplier": "microsoft",
        "hosting": H.EU,
        "supplier_jurisdiction": J.USA,
        "personal_data": P.PERSONAL,
        "secrecy": False,
        "pub_agreement": A.YES,
        "dpia": A.YES,
        "risk_class": R.MINIMAL,
        "human_oversight": (
            "Verktygen stödjer elevens egen läsning. Läraren följer upp elevens förståelse i "
            "undervisningen, och ingen bedömning görs med AI."
        ),
        "reuse_agreement": True,
        "reuse_instructions": True,
        "reuse_notes": md(
            """
            Kommuner med Microsoft 365 för utbildning har redan verktygen inom sitt avtal.
            Instruktionsfilmerna och reglerna för eleverna får alla använda; kontakta oss så
            skickar vi filerna.
            """
        ),
        "tags": ["lässtöd", "komvux", "sfi", "uppläsning", "tillgänglighet"],
        "status": S.PUBLISHED,
        "submitted": "2025-11-17",
        "published": "2025-11-19",
        "adoptions": {"angelholm": USING, "landskrona": USING, "perstorp": TESTING},
    },
    {
        "slug": "ruttplanering-i-hemtjansten",
        "title": "Ruttplanering i hemtjänsten",
        "owner": "svalov",
        "department": "Vård- och omsorgsförvaltningen",
        "summary": (
            "Ett planeringsverktyg föreslår dagens körturer i hemtjänsten utifrån besök, "
            "tider, kontinuitet och restid, så att mer tid går till brukarna och mindre till "
            "bilkörning."
        ),
        "description": md(
            """
            Hemtjänsten i Svalöv kör långa sträckor på landsbygden. Planerarna lade tidigare
            flera timmar om dagen på att pussla ihop turerna för hand.

            Verktyget hämtar insatserna från verksamhetssystemet och föreslår turer som tar
            hänsyn till beviljad tid, dubbelbemanning, personalens kompetens och kontinuitet,
            alltså att brukaren möter så få olika personer som möjligt. Planeraren justerar
            förslaget och fastställer det.

            ## Resultat

            Under 2025 minskade körsträckan med 14 procent, och fler besök gjordes av någon
            i brukarens ordinarie team. Planeringen tar i dag under en timme om dagen.

            ## Dataskydd

            Verktyget behandlar adresser och insatser, alltså uppgifter om hälsa som omfattas
            av sekretess (26 kap. OSL). Uppgifterna lagras i Sverige hos en svensk
            leverantör, och bara planerarna har behörighet.
            """
        ),
        "areas": ["vard-och-omsorg"],
        "target_group": AIService.TargetGroup.STAFF,
        "lifecycle": L.PRODUCTION,
        "technique": T.OPTIMISATION,
        "model_name": "Omsorgsplan Rutt",
        "supplier": "omsorgsplan",
        "hosting": H.SWEDEN,
        "supplier_jurisdiction": J.SWEDEN,
        "personal_data": P.SENSITIVE,
        "secrecy": True,
        "pub_agreement": A.YES,
        "dpia": A.YES,
        "risk_class": R.MINIMAL,
        "human_oversight": (
            "Planeraren granskar och fastställer alla turer. Verktyget ändrar aldrig beviljade "
            "insatser, och personalen kan alltid säga till när en tur inte fungerar i "
            "praktiken."
        ),
        "reuse_agreement": True,
        "reuse_notes": md(
            """
            Avtalet har en option som låter andra kommuner i Familjen Helsingborg avropa
            samma tjänst. Klippan har redan gjort det. Kontakta oss för att få
            avtalsvillkoren och erfarenheterna från införandet.
            """
        ),
        "tags": ["hemtjänst", "ruttoptimering", "schemaläggning", "kontinuitet"],
        "status": S.PUBLISHED,
        "submitted": "2025-10-13",
        "published": "2025-10-16",
        "adoptions": {"klippan": USING, "orkelljunga": INTERESTED},
    },
    {
        "slug": "bildanalys-av-vagskador",
        "title": "Bildanalys av vägskador",
        "owner": "klippan",
        "department": "Samhällsbyggnadsförvaltningen",
        "summary": (
            "En kamera i kommunens bilar fotograferar gatorna, och en bildmodell hittar "
            "sprickor, potthål och skadade vägmärken, så att underhållet kan planeras efter "
            "gatornas faktiska skick."
        ),
        "description": md(
            """
            Klippans kommun sköter drygt 100 kilometer gator och gång- och cykelvägar.
            Tidigare inventerades skicket genom att någon gick eller körde längs gatorna
            vart tredje år.

            Nu sitter en mobilkamera i vindrutan på kommunens servicebilar. En bildmodell
            hittar sprickor, potthål, spårbildning och skadade vägmärken och lägger ut dem
            på en karta. Gatuingenjören ser skadorna i kartan, prioriterar och beställer
            åtgärder.

            ## Personuppgifter

            Bilderna kan visa människor och registreringsskyltar. Ansikten och skyltar
            suddas ut automatiskt innan bilderna lagras, och originalbilderna raderas
            direkt.
            """
        ),
        "areas": ["samhallsbyggnad"],
        "target_group": AIService.TargetGroup.STAFF,
        "lifecycle": L.PRODUCTION,
        "technique": T.IMAGE,
        "model_name": "Gatuvy Inspektion",
        "supplier": "gatuvy",
        "hosting": H.SWEDEN,
        "supplier_jurisdiction": J.SWEDEN,
        "personal_data": P.PERSONAL,
        "secrecy": False,
        "pub_agreement": A.YES,
        "dpia": A.YES,
        "risk_class": R.MINIMAL,
        "human_oversight": (
            "Gatuingenjören granskar varje skada i kartan innan en åtgärd beställs. Modellen "
            "beställer ingenting själv."
        ),
        "reuse_agreement": True,
        "reuse_hosted": True,
        "reuse_notes": md(
            """
            Tjänsten upphandlades 2025 tillsammans med Bjuv och Åstorp, och fler kommuner i
            Familjen Helsingborg kan ansluta till avtalet. Ni behöver en mobiltelefon med
            hållare per bil och ett eget personuppgiftsbiträdesavtal.
            """
        ),
        "tags": ["vägunderhåll", "bildanalys", "gator", "kartor"],
        "status": S.PUBLISHED,
        "submitted": "2025-06-09",
        "published": "2025-06-11",
        "adoptions": {"astorp": USING, "bjuv": TESTING, "perstorp": INTERESTED},
    },
    {
        "slug": "maskinoversattning-vid-mottagande-av-nyanlanda",
        "title": "Maskinöversättning vid mottagande av nyanlända",
        "owner": "perstorp",
        "department": "Arbetsmarknad och integration",
        "summary": (
            "Försök med maskinöversättning av brev och i enklare samtal vid mottagandet av "
            "nyanlända. Avvecklat 2025: tjänsten behandlade sekretessuppgifter utanför EU/EES, "
            "och tolk används i stället."
        ),
        "description": md(
            """
            Hösten 2024 prövade Perstorps kommun en översättningstjänst i mottagandet av
            nyanlända: för att översätta informationsbrev och som stöd i enklare samtal i
            receptionen.

            ## Varför tjänsten avvecklades

            Konsekvensbedömningen som gjordes under försöket visade att tjänsten behandlade
            uppgifter som omfattas av sekretess, och att texterna kunde behandlas utanför
            EU/EES utan ett personuppgiftsbiträdesavtal som täckte det. Kommunen avslutade
            därför försöket i mars 2025.

            Lärdomarna:

            - Gör konsekvensbedömningen **innan** ett försök börjar, inte under det.
            - Maskinöversättning ersätter inte tolk i samtal om den enskildes situation.
              Myndigheten ska använda tolk när det behövs (13 § förvaltningslagen).
            - Allmänna informationstexter utan personuppgifter kan fortfarande översättas
              maskinellt och granskas av en kollega som talar språket.
            """
        ),
        "areas": ["individ-och-familj", "arbetsmarknad"],
        "target_group": AIService.TargetGroup.BOTH,
        "lifecycle": L.RETIRED,
        "technique": T.LANGUAGE_MODEL,
        "model_name": "Google Cloud Translation",
        "supplier": "google",
        "hosting": H.OUTSIDE_EU,
        "supplier_jurisdiction": J.USA,
        "personal_data": P.PERSONAL,
        "secrecy": True,
        "pub_agreement": A.NO,
        "dpia": A.YES,
        "risk_class": R.MINIMAL,
        "human_oversight": (
            "Personalen läste igenom översatta brev innan de skickades. I samtal gick "
            "översättningen inte att kontrollera, vilket var ett av skälen till att försöket "
            "avslutades."
        ),
        "reuse_notes": "Återanvänd lärdomarna, inte tjänsten.",
        "tags": ["översättning", "nyanlända", "tolk", "lärdomar"],
        "status": S.ARCHIVED,
        "submitted": "2025-01-13",
        "published": "2025-01-20",
        "archived": "2025-04-02",
        "adoptions": {},
    },
    {
        "slug": "konteringsforslag-for-leverantorsfakturor",
        "title": "Konteringsförslag för leverantörsfakturor",
        "owner": "bjuv",
        "department": "Ekonomienheten",
        "summary": (
            "Fakturasystemet föreslår konto, ansvar och verksamhet för inkommande "
            "leverantörsfakturor utifrån hur liknande fakturor konterats tidigare. Mottagaren "
            "godkänner och attestanten attesterar som vanligt."
        ),
        "description": md(
            """
            Bjuvs kommun tar emot omkring 40 000 leverantörsfakturor om året. Varje faktura
            ska konteras och attesteras, och felkonteringar upptäcktes ofta först vid
            bokslutet.

            Fakturasystemets AI-funktion föreslår kontering utifrån leverantör, fakturatext
            och hur liknande fakturor har konterats tidigare. Förslaget syns för mottagaren,
            som godkänner eller ändrar det innan fakturan går vidare till attest.

            ## Resultat

            Efter ett halvår godkänns 78 procent av förslagen utan ändring. Ekonomienheten
            gör färre rättelser vid bokslutet, och mottagarna lägger mindre tid per faktura.

            Fakturor från enskilda firmor innehåller personuppgifter. Leverantören är norsk
            och behandlar uppgifterna inom EU/EES.
            """
        ),
        "areas": ["hr-och-administration"],
        "target_group": AIService.TargetGroup.STAFF,
        "lifecycle": L.PRODUCTION,
        "technique": T.TEXT_CLASSIFICATION,
        "model_name": "Fakturaflyt Autokontering",
        "supplier": "fakturaflyt",
        "hosting": H.EU,
        "supplier_jurisdiction": J.EU,
        "personal_data": P.PERSONAL,
        "secrecy": False,
        "pub_agreement": A.YES,
        "dpia": A.NOT_NEEDED,
        "risk_class": R.MINIMAL,
        "human_oversight": (
            "Mottagaren godkänner eller ändrar varje förslag, och fakturan attesteras enligt "
            "attestreglementet. Ingen faktura betalas utan att en människa attesterat den."
        ),
        "reuse_agreement": True,
        "reuse_instructions": True,
        "reuse_notes": md(
            """
            Funktionen ingår i fakturasystemet, och kommuner med samma system kan slå på den
            utan nytt avtal. Vi delar gärna våra inställningar och hur vi tränade mottagarna.
            """
        ),
        "tags": ["ekonomi", "fakturor", "kontering", "automatisering"],
        "status": S.PUBLISHED,
        "submitted": "2026-01-19",
        "published": "2026-01-21",
        "adoptions": {"astorp": USING, "orkelljunga": TESTING},
    },
    {
        "slug": "boktips-i-bibliotekens-katalog",
        "title": "Boktips i bibliotekens katalog",
        "owner": "helsingborg",
        "department": "Kulturförvaltningen, Stadsbiblioteket",
        "summary": (
            "Bibliotekens gemensamma katalog ger boktips i stil med ”de som lånat den här har "
            "också lånat”, byggda på sammanräknad lånestatistik från biblioteken i Familjen "
            "Helsingborg."
        ),
        "description": md(
            """
            Biblioteken i Familjen Helsingborg har en gemensam katalog och ett gemensamt
            lånekort. Stadsbiblioteket i Helsingborg har byggt en tjänst som ger boktips i
            katalogen: när du tittar på en bok får du förslag på andra böcker som ofta lånas
            av samma läsare.

            Uppgifter om vem som lånat vad omfattas av sekretess (40 kap. 3 § OSL). Tipsen
            bygger därför bara på sammanräknad statistik: vilka titlar som lånas
            tillsammans, räknat över minst 20 låntagare. Ingen enskild lånehistorik lämnar
            bibliotekssystemet, och tipsen är desamma för alla besökare.

            ## Återanvändning

            Tjänsten körs på Helsingborgs stads servrar och används redan av flera bibliotek
            i Familjen Helsingborg. Koden är öppen källkod.
            """
        ),
        "areas": ["kultur-och-fritid"],
        "target_group": AIService.TargetGroup.RESIDENTS,
        "lifecycle": L.PRODUCTION,
        "technique": T.OTHER,
        "model_name": "Egen modell för samlån (associationsregler)",
        "supplier": "inhouse",
        "hosting": H.OWN,
        "supplier_jurisdiction": J.NONE,
        "personal_data": P.PERSONAL,
        "secrecy": True,
        "pub_agreement": A.NOT_NEEDED,
        "dpia": A.YES,
        "risk_class": R.MINIMAL,
        "human_oversight": (
            "Bibliotekarierna följer upp tipsen varje månad och kan ta bort titlar eller "
            "kopplingar som inte passar, till exempel mellan barn- och vuxenböcker."
        ),
        "reuse_open_source": True,
        "reuse_hosted": True,
        "reuse_notes": md(
            """
            Bibliotek som använder den gemensamma katalogen kan slå på boktipsen genom att
            kontakta Stadsbiblioteket. Andra kan köra koden själva; den är licensierad under
            EUPL.
            """
        ),
        "licence": "EUPL-1.2",
        "tags": ["bibliotek", "rekommendationer", "öppen källkod", "sekretess"],
        "status": S.PUBLISHED,
        "submitted": "2026-02-23",
        "published": "2026-02-25",
        "adoptions": {
            "bastad": USING,
            "hoganas": USING,
            "klippan": USING,
            "angelholm": INTERESTED,
        },
    },
    {
        "slug": "prognos-for-behovet-av-skolplatser",
        "title": "Prognos för behovet av skolplatser",
        "owner": "helsingborg",
        "department": "Skol- och fritidsförvaltningen",
        "summary": (
            "En modell räknar fram hur många elever varje skola kan väntas ha de kommande tio "
            "åren, utifrån befolkningsprognos, bostadsbyggande och skolval, som underlag för "
            "lokalplaneringen."
        ),
        "description": md(
            """
            Att bygga en ny skola tar fem till tio år. Skol- och fritidsförvaltningen behöver
            därför veta tidigt var eleverna kommer att finnas.

            Modellen kombinerar stadens befolkningsprognos, planerat bostadsbyggande per
            område och historiska mönster i skolvalet, och räknar fram ett troligt elevantal
            per skola och årskurs för de kommande tio åren, med ett osäkerhetsintervall.

            Modellen använder bara statistik på områdesnivå och inga uppgifter om enskilda
            barn. Den påverkar inte vilken skola ett barn får plats i, utan används i den
            långsiktiga lokalplaneringen.

            Prognosen uppdateras två gånger om året och presenteras för nämnden tillsammans
            med planerarnas egen bedömning.
            """
        ),
        "areas": ["forskola-och-skola", "samhallsbyggnad"],
        "target_group": AIService.TargetGroup.STAFF,
        "lifecycle": L.PRODUCTION,
        "technique": T.PREDICTION,
        "model_name": "Egen regressionsmodell (Python, scikit-learn)",
        "supplier": "inhouse",
        "hosting": H.OWN,
        "supplier_jurisdiction": J.NONE,
        "personal_data": P.NONE,
        "secrecy": False,
        "pub_agreement": A.NOT_NEEDED,
        "dpia": A.NOT_NEEDED,
        "risk_class": R.MINIMAL,
        "human_oversight": (
            "Lokalplanerarna jämför prognosen med sin egen kännedom om områdena, och nämnden "
            "beslutar om nya skolor på ett samlat underlag där prognosen är en del."
        ),
        "reuse_open_source": True,
        "reuse_instructions": True,
        "reuse_notes": md(
            """
            Koden och en beskrivning av metoden är öppna. Ni behöver en egen
            befolkningsprognos per område och statistik över skolvalet de senaste fem åren.
            Vi hjälper gärna till med den första körningen.
            """
        ),
        "licence": "EUPL-1.2",
        "tags": ["prognos", "skolplanering", "lokalförsörjning", "öppen källkod"],
        "status": S.PUBLISHED,
        "submitted": "2026-04-13",
        "published": "2026-04-15",
        "adoptions": {"angelholm": TESTING, "landskrona": INTERESTED},
    },
    {
        "slug": "prioriteringsstod-for-ansokningar-om-ekonomiskt-bistand",
        "title": "Prioriteringsstöd för ansökningar om ekonomiskt bistånd",
        "owner": "helsingborg",
        "department": "Arbetsmarknadsförvaltningen",
        "summary": (
            "Stöd för handläggare av försörjningsstöd: nya ansökningar sorteras efter hur "
            "brådskande de är och saknade underlag pekas ut. Beslutet fattas alltid av "
            "handläggaren. Tjänsten är klassad som hög risk."
        ),
        "description": md(
            """
            Arbetsmarknadsförvaltningen tar emot omkring 1 500 ansökningar om ekonomiskt
            bistånd i månaden. En ansökan från en familj som riskerar att bli vräkt ska inte
            ligga i samma kö som en ansökan som kan vänta några dagar.

            Tjänsten läser ansökan och bifogade underlag och

            - markerar ansökningar med tecken på akut behov, till exempel vräkningshot, barn
              i hushållet utan mat eller avstängd el, så att de hamnar först i kön,
            - pekar ut underlag som saknas, så att handläggaren kan begära in dem direkt.

            Tjänsten bedömer inte om den sökande har rätt till bistånd och föreslår inget
            beslut.

            ## Hög risk enligt AI-förordningen

            AI-system som myndigheter använder för att bedöma människors rätt till offentliga
            förmåner är hög risk enligt bilaga III punkt 5 a i AI-förordningen. Eftersom
            prioriteringen påverkar när en ansökan prövas behandlar staden tjänsten som hög
            risk fullt ut:

            - en konsekvensbedömning avseende grundläggande rättigheter (artikel 27) och en
              konsekvensbedömning enligt GDPR är gjorda,
            - varje prioritering loggas och kan förklaras för den sökande,
            - en referensgrupp följer varje kvartal upp att prioriteringen inte slår olika
              mot kön, ålder eller födelseland,
            - användningen registreras i EU:s databas för AI-system med hög risk.
            """
        ),
        "areas": ["forsorjningsstod", "individ-och-familj"],
        "target_group": AIService.TargetGroup.STAFF,
        "lifecycle": L.PILOT,
        "technique": T.TEXT_CLASSIFICATION,
        "model_name": "KB-BERT, finjusterad i stadens egen miljö",
        "supplier": "inhouse",
        "hosting": H.OWN,
        "supplier_jurisdiction": J.NONE,
        "personal_data": P.SENSITIVE,
        "secrecy": True,
        "pub_agreement": A.NOT_NEEDED,
        "dpia": A.YES,
        "risk_class": R.HIGH,
        "fundamental_rights_assessment": A.YES,
        "human_oversight": (
            "Handläggaren prövar varje ansökan och fattar beslutet. Handläggaren kan ändra "
            "prioriteringen, och den sökande kan få veta varför ansökan prioriterades som den "
            "gjorde. Varje vecka granskar en gruppledare ett slumpvis urval av ansökningar som "
            "inte markerats som akuta."
        ),
        "reuse_instructions": True,
        "reuse_notes": md(
            """
            Under piloten delar vi inte koden, men gärna vår konsekvensbedömning avseende
            grundläggande rättigheter, rutinen för uppföljning och erfarenheterna av att
            införa ett system med hög risk.
            """
        ),
        "tags": ["försörjningsstöd", "ekonomiskt bistånd", "hög risk", "grundläggande rättigheter"],
        "status": S.PUBLISHED,
        "submitted": "2026-06-08",
        "published": "2026-06-12",
        "adoptions": {"landskrona": INTERESTED},
    },
    {
        "slug": "assistent-for-upphandlingsdokument",
        "title": "Assistent för upphandlingsdokument",
        "owner": "bastad",
        "department": "Kommunledningsförvaltningen, upphandling",
        "summary": (
            "En AI-assistent hjälper verksamheten att skriva kravspecifikationer, hittar "
            "motsägelser i förfrågningsunderlag och sammanfattar frågor från anbudsgivare."
        ),
        "description": md(
            """
            Båstads kommun har två upphandlare som stöttar hela organisationen. Mycket av
            deras tid gick åt till att skriva om kravspecifikationer från verksamheten och
            att läsa långa underlag för att hitta motsägelser.

            Assistenten har fått kommunens upphandlingspolicy, mallar och tidigare
            förfrågningsunderlag som kunskapskälla. Verksamheten kan be om ett första utkast
            till kravspecifikation, och upphandlarna kan låta assistenten jämföra kraven med
            avtalsvillkoren och peka ut det som säger emot varandra.

            ## Begränsningar

            Assistenten används inte för att utvärdera anbud. Anbud kan innehålla
            affärshemligheter som omfattas av sekretess och laddas därför aldrig upp.
            """
        ),
        "areas": ["hr-och-administration"],
        "target_group": AIService.TargetGroup.STAFF,
        "lifecycle": L.PILOT,
        "technique": T.LANGUAGE_MODEL,
        "model_name": "GPT-4.1 via OpenAI:s API med datalagring i Europa",
        "supplier": "openai",
        "hosting": H.EU,
        "supplier_jurisdiction": J.USA,
        "personal_data": P.PERSONAL,
        "secrecy": False,
        "pub_agreement": A.YES,
        "dpia": A.YES,
        "risk_class": R.MINIMAL,
        "human_oversight": (
            "Upphandlaren ansvarar för förfrågningsunderlaget och läser igenom allt "
            "assistenten föreslår. Assistenten har ingen åtkomst till upphandlingssystemet."
        ),
        "reuse_instructions": True,
        "reuse_notes": md(
            """
            Vi delar instruktionerna till assistenten och en lista över dokumenten den fått.
            Ni behöver ett eget avtal med OpenAI eller en annan leverantör av språkmodeller.
            """
        ),
        "tags": ["upphandling", "kravspecifikation", "generativ ai"],
        "status": S.PUBLISHED,
        "submitted": "2026-08-24",
        "published": "2026-08-26",
        "adoptions": {"svalov": INTERESTED},
    },
    {
        "slug": "utkast-till-protokoll-och-minnesanteckningar",
        "title": "Utkast till protokoll och minnesanteckningar",
        "owner": "orkelljunga",
        "department": "Kommunledningsförvaltningen",
        "summary": (
            "Copilot i Teams skriver ett första utkast till minnesanteckningar från interna "
            "möten, som sekreteraren rättar och justerar. Används inte i möten där "
            "sekretessuppgifter tas upp."
        ),
        "description": md(
            """
            I Örkelljunga kommun skriver medarbetare minnesanteckningar från ledningsgrupper,
            arbetsplatsträffar och projektmöten. Med Microsoft 365 Copilot i Teams får
            sekreteraren ett utkast med beslut och uppgifter direkt efter mötet.

            ## Regler

            - Alla deltagare får veta i kallelsen och när mötet börjar att transkribering
              används, och kan säga nej.
            - Copilot används inte i möten där sekretessuppgifter eller känsliga
              personuppgifter tas upp, till exempel enskilda ärenden, rehabilitering eller
              elevhälsa.
            - Politiska sammanträden protokollförs som tidigare, utan Copilot.
            - Utkastet är ett arbetsmaterial. Den som för anteckningarna ansvarar för att de
              blir rätt.

            ## Resultat

            Sekreterarna uppskattar att tiden för att skriva anteckningar har halverats.
            """
        ),
        "areas": ["hr-och-administration", "it-och-digitalisering"],
        "target_group": AIService.TargetGroup.STAFF,
        "lifecycle": L.PRODUCTION,
        "technique": T.LANGUAGE_MODEL,
        "model_name": "Microsoft 365 Copilot i Teams",
        "supplier": "microsoft",
        "hosting": H.EU,
        "supplier_jurisdiction": J.USA,
        "personal_data": P.PERSONAL,
        "secrecy": False,
        "pub_agreement": A.YES,
        "dpia": A.YES,
        "risk_class": R.MINIMAL,
        "human_oversight": (
            "Sekreteraren läser, rättar och justerar utkastet innan det skickas ut. Deltagarna "
            "kan påtala fel som vid vanliga minnesanteckningar."
        ),
        "reuse_agreement": True,
        "reuse_instructions": True,
        "reuse_notes": md(
            """
            Kommuner med licenser för Microsoft 365 Copilot kan använda våra regler och vår
            informationstext till mötesdeltagare direkt.
            """
        ),
        "tags": ["copilot", "möten", "protokoll", "teams"],
        "status": S.PUBLISHED,
        "submitted": "2026-09-14",
        "published": "2026-09-16",
        "adoptions": {"bjuv": TESTING, "svalov": TESTING},
    },
    {
        "slug": "prognos-for-energianvandning-i-kommunens-fastigheter",
        "title": "Prognos för energianvändning i kommunens fastigheter",
        "owner": "hoganas",
        "department": "Fastighetsavdelningen",
        "summary": (
            "En modell förutser varje fastighets energianvändning utifrån väder och "
            "användning och larmar när en byggnad drar mer än väntat, så att fel i ventilation "
            "och värme hittas tidigt."
        ),
        "description": md(
            """
            Höganäs kommun förvaltar ett åttiotal skolor, förskolor, äldreboenden och andra
            lokaler. Fel i ventilation och värme upptäcktes ofta först när fakturan kom eller
            när någon klagade på inomhusklimatet.

            Modellen lär sig hur varje byggnad brukar använda energi vid olika
            utetemperatur, veckodag och tid på dygnet. När förbrukningen avviker mer än
            väntat får drifteknikern ett larm med en graf över avvikelsen.

            ## Resultat

            Första året hittades 23 fel, bland annat ventilationsaggregat som gick dygnet
            runt på helgerna. Energianvändningen minskade med sex procent i byggnaderna som
            ingick.

            Modellen använder bara mätdata från fastigheterna och väderdata från SMHI, inga
            personuppgifter.
            """
        ),
        "areas": ["samhallsbyggnad", "it-och-digitalisering"],
        "target_group": AIService.TargetGroup.STAFF,
        "lifecycle": L.PRODUCTION,
        "technique": T.PREDICTION,
        "model_name": "Gradient boosting, en modell per byggnad",
        "supplier": "kvarnby",
        "hosting": H.SWEDEN,
        "supplier_jurisdiction": J.SWEDEN,
        "personal_data": P.NONE,
        "secrecy": False,
        "pub_agreement": A.NOT_NEEDED,
        "dpia": A.NOT_NEEDED,
        "risk_class": R.MINIMAL,
        "human_oversight": (
            "Drifteknikern bedömer varje larm och avgör om något ska åtgärdas. Modellen styr "
            "inga system själv."
        ),
        "reuse_agreement": True,
        "reuse_hosted": True,
        "reuse_notes": md(
            """
            Avtalet har en option för kommunerna i Familjen Helsingborg. Ni behöver
            timvärden för el och värme per byggnad, helst två år bakåt.
            """
        ),
        "tags": ["energi", "fastigheter", "prognos", "avvikelser"],
        "status": S.PUBLISHED,
        "submitted": "2026-10-19",
        "published": "2026-10-21",
        "adoptions": {},
    },
    {
        "slug": "annonsassistent-for-rekrytering",
        "title": "Annonsassistent för rekrytering",
        "owner": "landskrona",
        "department": "HR-avdelningen",
        "summary": (
            "Rekryterande chefer får hjälp att skriva tydliga och inkluderande platsannonser "
            "utifrån kravprofilen, med stadens arbetsgivarprofil och i klarspråk."
        ),
        "description": md(
            """
            Landskrona stad publicerar över 600 platsannonser om året. Annonserna skrivs av
            rekryterande chefer och blir mycket olika: långa, fulla av interna förkortningar
            och ibland med formuleringar som kan stänga ute sökande.

            Annonsassistenten utgår från kravprofilen och skriver ett förslag till annons
            enligt stadens mall, i klarspråk och med könsneutrala formuleringar.
            HR-konsulten och chefen bearbetar texten innan den publiceras.

            Assistenten skriver bara annonstext. Den väljer inte var annonsen visas och
            läser eller sorterar inga ansökningar. Sådan användning är hög risk enligt
            AI-förordningen (bilaga III punkt 4) och ingår inte.
            """
        ),
        "areas": ["hr-och-administration"],
        "target_group": AIService.TargetGroup.STAFF,
        "lifecycle": L.PILOT,
        "technique": T.LANGUAGE_MODEL,
        "model_name": "Mistral Large",
        "supplier": "mistral",
        "hosting": H.EU,
        "supplier_jurisdiction": J.EU,
        "personal_data": P.NONE,
        "secrecy": False,
        "pub_agreement": A.NOT_NEEDED,
        "dpia": A.NOT_NEEDED,
        "risk_class": R.MINIMAL,
        "human_oversight": (
            "HR-konsulten och den rekryterande chefen läser och bearbetar varje annons innan "
            "den publiceras."
        ),
        "reuse_instructions": True,
        "reuse_notes": md(
            """
            Promptarna och annonsmallen delar vi gärna. De fungerar med de flesta
            språkmodeller.
            """
        ),
        "tags": ["rekrytering", "platsannonser", "klarspråk", "generativ ai"],
        "status": S.REVIEW,
        "submitted": "2026-11-24",
        "adoptions": {},
    },
    {
        "slug": "kontroll-av-kompletta-bygglovsansokningar",
        "title": "Kontroll av kompletta bygglovsansökningar",
        "owner": "angelholm",
        "department": "Samhällsbyggnad",
        "summary": (
            "Tjänsten ska läsa en ny bygglovsansökan med ritningar och direkt tala om vilka "
            "handlingar som verkar saknas, så att sökanden kan komplettera innan ärendet tas "
            "upp."
        ),
        "description": md(
            """
            Fyra av tio bygglovsansökningar i Ängelholm är inte kompletta när de kommer in.
            Handläggaren måste då begära komplettering, och ärendet står still under tiden.

            Idén är att en språkmodell som kan läsa både text och ritningar går igenom
            ansökan när den lämnas in och jämför den med vad som krävs för den åtgärd som
            söks: situationsplan, fasadritningar, planritning, kontrollansvarig och så
            vidare. Sökanden får direkt en lista över det som verkar saknas.

            Tjänsten ska inte bedöma om bygglov kan ges. Det gör handläggaren enligt plan-
            och bygglagen.

            ## Att göra före en pilot

            - Konsekvensbedömning enligt GDPR.
            - Test på 200 avslutade ärenden för att se hur ofta tjänsten har rätt.
            - Klarspråksgranskning av listan som sökanden får.
            """
        ),
        "areas": ["samhallsbyggnad"],
        "target_group": AIService.TargetGroup.BOTH,
        "lifecycle": L.DEVELOPMENT,
        "technique": T.LANGUAGE_MODEL,
        "model_name": "GPT-4o i Azure OpenAI Service (Sweden Central)",
        "supplier": "microsoft",
        "hosting": H.SWEDEN,
        "supplier_jurisdiction": J.USA,
        "personal_data": P.PERSONAL,
        "secrecy": False,
        "pub_agreement": A.YES,
        "dpia": A.NO,
        "risk_class": R.MINIMAL,
        "human_oversight": (
            "Listan är en vägledning till sökanden. Handläggaren gör alltid sin egen kontroll "
            "av att ansökan är komplett."
        ),
        "tags": ["bygglov", "e-tjänst", "komplettering", "generativ ai"],
        "status": S.DRAFT,
        "adoptions": {},
    },
]

# Fields copied as they are; everything else in a SERVICES row is handled below.
PLAIN_FIELDS = [
    "title",
    "department",
    "summary",
    "description",
    "target_group",
    "lifecycle",
    "technique",
    "model_name",
    "hosting",
    "supplier_jurisdiction",
    "personal_data",
    "secrecy",
    "pub_agreement",
    "dpia",
    "risk_class",
    "fundamental_rights_assessment",
    "human_oversight",
    "reuse_open_source",
    "reuse_agreement",
    "reuse_instructions",
    "reuse_hosted",
    "reuse_notes",
    "website_url",
    "source_url",
    "licence",
]
BOOLEAN_FIELDS = {
    "secrecy",
    "reuse_open_source",
    "reuse_agreement",
    "reuse_instructions",
    "reuse_hosted",
}


def _differs(obj, name, value):
    field = obj._meta.get_field(name)
    if field.is_relation:
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


def _upsert(model, lookup, values):
    """Like update_or_create, but saves only when a value differs: no new history rows."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    if any(_differs(obj, name, value) for name, value in values.items()):
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()
    return obj, False


def _supplier(name):
    supplier = Supplier.objects.filter(name__iexact=name).first()
    return supplier or Supplier.objects.create(name=name)


def _moderation(data, owner_slug, users):
    """Who and when for each step the service has passed, as the workflow leaves them."""
    status = data["status"]
    author = users[EDITORS.get(owner_slug, MODERATOR)]
    moderator = users[MODERATOR]
    values = {
        "status": status,
        "status_before_archive": "",
        "created_by": author,
        "submitted_by": None,
        "submitted_at": None,
        "reviewed_by": None,
        "reviewed_at": None,
        "review_comment": "",
        "published_at": None,
        "archived_by": None,
        "archived_at": None,
    }
    if status != S.DRAFT:
        values.update(submitted_by=author, submitted_at=_at(data["submitted"], 9))
    if status in (S.PUBLISHED, S.ARCHIVED):
        published = _at(data["published"])
        values.update(reviewed_by=moderator, reviewed_at=published, published_at=published)
    if status == S.ARCHIVED:
        values.update(
            status_before_archive=S.PUBLISHED,
            archived_by=moderator,
            archived_at=_at(data["archived"], 14),
        )
    return values


def seed_services():
    """Create or bring back the demo services; returns (number of services, number created)."""
    emails = {MODERATOR, *EDITORS.values(), "admin@engelholm.se"}
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    areas = {a.slug: a for a in Area.objects.all()}
    suppliers = {key: _supplier(name) for key, name in SUPPLIERS.items()}

    created_count = 0
    for data in SERVICES:
        owner_slug = data["owner"]
        values = {
            name: data.get(name, False if name in BOOLEAN_FIELDS else "") for name in PLAIN_FIELDS
        }
        values.update(
            owner=municipalities[owner_slug],
            supplier=suppliers[data["supplier"]],
            functional_mailbox=f"ai@{DOMAINS[owner_slug]}",
            **_moderation(data, owner_slug, users),
        )
        service, created = _upsert(AIService, {"slug": data["slug"]}, values)
        created_count += created

        service.areas.set([areas[slug] for slug in data["areas"]])
        contacts = []
        if owner_slug in EDITORS:
            contacts.append(users[EDITORS[owner_slug]])
            if owner_slug == "angelholm":
                contacts.append(users["admin@engelholm.se"])
        service.contacts.set(contacts)
        service.tags.set(data["tags"])

        for slug, status in data["adoptions"].items():
            set_by = users[EDITORS.get(slug, MODERATOR)]
            _upsert(
                Adoption,
                {"service": service, "municipality": municipalities[slug]},
                {"status": status, "set_by": set_by},
            )
    return len(SERVICES), created_count

"""Phrase pools for the bulk demo generator: invented vendors and products, Dutch and English.

Every name here is made up (syllables put together), so no real supplier is judged by demo data.
Texts are pairs (nl, en); ``{product}`` and ``{conditions}`` are filled in by the generator.
"""

from __future__ import annotations

from dataclasses import dataclass

Pair = tuple[str, str]


@dataclass(frozen=True)
class CategoryTexts:
    """What the generator says about one technology category (code from categories.toml)."""

    stems: tuple[str, ...]
    data_categories: tuple[str, ...]
    ai_features: tuple[str, ...]
    values: tuple[str, ...]  # compass value ids most often of concern
    purposes: tuple[Pair, ...]
    benefits: tuple[Pair, ...]
    risks: tuple[Pair, ...]


# fmt: off
CATEGORIES: dict[str, CategoryTexts] = {
    "lms": CategoryTexts(
        ("Leer", "Studie", "Klas", "Les", "Kennis"),
        ("contact", "learning_results", "communication"),
        (), ("privacy", "independence", "autonomy"),
        (
            ("Leerlingen vinden lesmateriaal en leveren opdrachten digitaal in.",
             "Pupils find course material and hand in assignments online."),
            ("Docenten plannen lessen en geven feedback op één plek.",
             "Teachers plan lessons and give feedback in one place."),
        ),
        (
            ("{product} brengt lesmateriaal, opdrachten en feedback samen op één plek.",
             "{product} brings course material, assignments and feedback together in one place."),
            ("Leerlingen kunnen met {product} thuis verder werken aan hun opdrachten.",
             "With {product} pupils can continue their assignments at home."),
        ),
        (
            ("Leerresultaten worden jarenlang bewaard zonder duidelijke bewaartermijn.",
             "Learning results are kept for years without a clear retention period."),
            ("Overstappen naar een andere leeromgeving is lastig door het gesloten exportformaat.",
             "Moving to another learning environment is hard because of the closed export format."),
        ),
    ),
    "pupil_information_system": CategoryTexts(
        ("Leerling", "Dossier", "Register", "School"),
        ("contact", "learning_results", "national_id", "health_care"),
        (), ("privacy", "transparency", "justice"),
        (
            ("De school houdt inschrijvingen, absenties en cijfers bij.",
             "The school records enrolments, absences and marks."),
        ),
        (
            ("{product} vervangt drie losse registraties door één administratie.",
             "{product} replaces three separate registers with one administration."),
            ("Mentoren zien met {product} sneller welke leerling extra aandacht nodig heeft.",
             "With {product} mentors see sooner which pupil needs extra attention."),
        ),
        (
            ("Het burgerservicenummer en zorggegevens staan in hetzelfde systeem als de cijfers.",
             "The citizen service number and care data sit in the same system as the marks."),
            ("Te veel medewerkers kunnen gevoelige notities in het leerlingdossier lezen.",
             "Too many staff can read sensitive notes in the pupil file."),
        ),
    ),
    "adaptive_learning": CategoryTexts(
        ("Reken", "Taal", "Oefen", "Groei", "Stap"),
        ("learning_results", "behaviour_attention"),
        ("profiling_prediction",), ("autonomy", "justice", "transparency"),
        (
            ("Leerlingen oefenen rekenen en taal op hun eigen niveau.",
             "Pupils practise maths and language at their own level."),
        ),
        (
            ("{product} past de oefeningen aan op wat een leerling al beheerst.",
             "{product} adapts the exercises to what a pupil already masters."),
            ("Docenten zien in {product} direct waar de groep vastloopt.",
             "In {product} teachers see at once where the group gets stuck."),
        ),
        (
            ("Het algoritme voorspelt het niveau van leerlingen zonder uitleg aan de docent.",
             "The algorithm predicts pupils' levels without explaining itself to teachers."),
            ("Klikgedrag en aandacht van leerlingen worden stelselmatig gevolgd.",
             "Pupils' clicks and attention are tracked systematically."),
        ),
    ),
    "generative_ai": CategoryTexts(
        ("Schrijf", "Tekst", "Idee", "Vraag", "Denk"),
        ("contact", "communication"),
        ("generative",), ("autonomy", "privacy", "transparency", "sustainability"),
        (
            ("Leerlingen krijgen feedback op de opbouw van hun teksten.",
             "Pupils get feedback on the structure of their texts."),
            ("Docenten maken sneller oefenmateriaal op verschillende niveaus.",
             "Teachers create practice material at several levels more quickly."),
        ),
        (
            ("{product} geeft leerlingen direct feedback op hun eigen tekst.",
             "{product} gives pupils immediate feedback on their own text."),
            ("{product} helpt docenten bij het differentiëren van opdrachten.",
             "{product} helps teachers differentiate assignments."),
        ),
        (
            ("Teksten van minderjarigen kunnen worden gebruikt om het taalmodel te trainen.",
             "Texts written by minors may be used to train the language model."),
            ("Leerlingen kunnen het denkwerk uitbesteden in plaats van het zelf te leren.",
             "Pupils may outsource the thinking instead of learning it themselves."),
            ("De herkomst en juistheid van gegenereerde antwoorden is niet te controleren.",
             "The origin and accuracy of generated answers cannot be checked."),
        ),
    ),
    "proctoring": CategoryTexts(
        ("Toets", "Examen", "Waak", "Borg"),
        ("images_video", "behaviour_attention", "biometrics"),
        ("proctoring",), ("privacy", "wellbeing", "justice"),
        (
            ("Leerlingen maken toetsen thuis onder toezicht.",
             "Pupils take tests at home under supervision."),
        ),
        (
            ("{product} maakt toetsen op afstand mogelijk bij ziekte of reizen.",
             "{product} makes remote tests possible during illness or travel."),
        ),
        (
            ("De webcam filmt leerlingen in hun eigen slaapkamer.",
             "The webcam films pupils in their own bedroom."),
            ("Automatische fraudesignalen treffen leerlingen met een beperking vaker.",
             "Automatic fraud flags hit pupils with a disability more often."),
        ),
    ),
    "video_chat": CategoryTexts(
        ("Beeld", "Gesprek", "Kring", "Praat"),
        ("contact", "images_video", "communication"),
        (), ("privacy", "independence"),
        (
            ("Docenten geven les op afstand en voeren oudergesprekken via video.",
             "Teachers teach remotely and hold parent meetings by video."),
        ),
        (
            ("Met {product} gaan lessen door als leerlingen of docenten thuis zitten.",
             "With {product} lessons continue when pupils or teachers are at home."),
        ),
        (
            ("Opnames van lessen worden bij de leverancier bewaard zonder vaste termijn.",
             "Recordings of lessons are kept by the vendor without a fixed period."),
            ("Metadata van gesprekken gaan naar servers buiten Europa.",
             "Call metadata go to servers outside Europe."),
        ),
    ),
    "parent_communication": CategoryTexts(
        ("Ouder", "Thuis", "Brug", "Bericht"),
        ("contact", "communication", "images_video"),
        (), ("privacy", "equality_inclusion"),
        (
            ("De school informeert ouders over de klas en plant gesprekken.",
             "The school informs parents about the class and schedules meetings."),
        ),
        (
            ("{product} vertaalt berichten voor ouders die het Nederlands minder goed beheersen.",
             "{product} translates messages for parents with limited Dutch."),
            ("Ouders plannen met {product} zelf een gesprek met de mentor.",
             "With {product} parents book a meeting with the mentor themselves."),
        ),
        (
            ("Foto's van leerlingen worden gedeeld zonder toestemming per foto.",
             "Photos of pupils are shared without consent per photo."),
            ("Ouders zonder smartphone missen berichten.",
             "Parents without a smartphone miss messages."),
        ),
    ),
    "cloud_office": CategoryTexts(
        ("Wolk", "Werk", "Map", "Deel"),
        ("contact", "communication"),
        (), ("independence", "privacy", "public_values"),
        (
            ("Leerlingen en medewerkers schrijven, rekenen en delen documenten online.",
             "Pupils and staff write, calculate and share documents online."),
        ),
        (
            ("{product} maakt samenwerken aan documenten in de klas eenvoudig.",
             "{product} makes working on documents together in class easy."),
        ),
        (
            ("Diagnostische gegevens gaan naar de leverancier zonder dat de school dat kan zien.",
             "Diagnostic data go to the vendor without the school being able to see it."),
            ("De school wordt afhankelijk van één leverancier zonder open standaarden.",
             "The school becomes dependent on one vendor without open standards."),
        ),
    ),
    "camera_access_biometrics": CategoryTexts(
        ("Poort", "Gezicht", "Sleutel", "Wacht"),
        ("biometrics", "images_video", "location"),
        ("biometric_identification",), ("privacy", "wellbeing", "public_values"),
        (
            ("Alleen leerlingen en medewerkers komen het gebouw binnen.",
             "Only pupils and staff enter the building."),
        ),
        (
            ("{product} opent de deur zonder pasjes die kwijtraken.",
             "{product} opens the door without cards that get lost."),
        ),
        (
            ("Biometrische gegevens van kinderen zijn bijzondere persoonsgegevens.",
             "Children's biometric data are special category data."),
            ("Een pas of pincode bereikt hetzelfde doel met veel minder inbreuk.",
             "A card or PIN achieves the same purpose with far less intrusion."),
        ),
    ),
    "device_management": CategoryTexts(
        ("Beheer", "Apparaat", "Schild", "Vloot"),
        ("contact", "location", "behaviour_attention"),
        (), ("privacy", "autonomy"),
        (
            ("De ICT-afdeling beheert en beveiligt de laptops van leerlingen.",
             "The IT department manages and secures pupils' laptops."),
        ),
        (
            ("Met {product} krijgen alle apparaten tijdig beveiligingsupdates.",
             "With {product} every device gets security updates in time."),
        ),
        (
            ("De software kan de locatie en het scherm van leerlingen volgen.",
             "The software can follow pupils' location and screen."),
        ),
    ),
    "other": CategoryTexts(
        ("Vonk", "Kiem", "Baken", "Loep"),
        ("contact",),
        (), ("privacy", "sustainability"),
        (
            ("De school wil een nieuwe digitale toepassing inzetten in de klas.",
             "The school wants to use a new digital tool in class."),
        ),
        (
            ("{product} ondersteunt docenten bij een taak die nu veel tijd kost.",
             "{product} supports teachers in a task that now takes a lot of time."),
        ),
        (
            ("Onduidelijk is welke gegevens {product} precies verzamelt.",
             "It is unclear which data {product} collects exactly."),
        ),
    ),
}

PRODUCT_ENDINGS = ("pad", "wijs", "route", "plein", "lab", "hub", "spoor", "maat", "net", "veld",
                   "kompas", "stroom", "tuin", "boog", "punt", "vak")
PRODUCT_SUFFIXES = ("", "", "", " Pro", " Go", " 2", " Plus", " Online")
VENDOR_FIRST = ("Noord", "Zuid", "Oost", "West", "Delta", "Polder", "Duin", "Kade", "Tij", "Helm",
                "Esch", "Vliet", "Gouw", "Lind", "Mare", "Oever", "Rijn", "Kreek", "Wad", "Hei")
VENDOR_SECOND = ("soft", "data", "media", "tech", "leer", "wijs", "logic", "vision", "ware",
                 "ict", "lab", "code", "link")
VENDOR_FORMS = ("{} B.V.", "{} Systems", "{} Education", "{} Solutions Ltd", "{} GmbH", "{} Inc.",
                "{} Onderwijs B.V.", "{} Learning", "{} SAS", "{} ApS")
SCHOOL_KINDS = ("Basisschool", "OBS", "CBS", "Het Lyceum", "College", "Kindcentrum",
                "Montessorischool")
SCHOOL_NAMES = ("De Regenboog", "De Vlinder", "Het Anker", "De Linde", "De Horizon", "Het Palet",
                "De Kameleon", "De Zonnewijzer", "Het Kompas", "De Notenkraker",
                "De Sterrenwacht", "De Bongerd", "Aan de Dijk", "Het Veen", "De Vuurtoren",
                "De Klimop")

SUMMARY_OPENINGS: dict[str, tuple[Pair, ...]] = {
    "favourable": (
        ("{product} mag op de scholen worden gebruikt.",
         "{product} may be used at the schools."),
        ("De commissie adviseert positief over {product}.",
         "The committee advises in favour of {product}."),
    ),
    "favourable_with_conditions": (
        ("{product} mag worden gebruikt onder {conditions}.",
         "{product} may be used under {conditions}."),
        ("De commissie adviseert positief over {product}, mits aan de voorwaarden is voldaan.",
         "The committee advises in favour of {product}, provided the conditions are met."),
    ),
    "postponed": (
        ("De commissie heeft meer informatie nodig voordat zij over {product} adviseert.",
         "The committee needs more information before it advises on {product}."),
    ),
    "unfavourable": (
        ("De commissie adviseert {product} niet te gebruiken.",
         "The committee advises against using {product}."),
        ("{product} past niet bij de waarden van de vereniging.",
         "{product} does not fit the association's values."),
    ),
}
SUMMARY_CLOSINGS: tuple[Pair, ...] = (
    ("Herbeoordeling volgt na één schooljaar.",
     "It will be re-evaluated after one school year."),
    ("Scholen melden wijzigingen in het gebruik bij de commissie.",
     "Schools report changes in use to the committee."),
    ("Het advies geldt voor alle scholen die het product gebruiken.",
     "The advice applies to every school that uses the product."),
)
REASONS_GENERAL: tuple[Pair, ...] = (
    ("De commissie heeft de DPIA, het ethisch kompas en de verwerkersovereenkomst gewogen.",
     "The committee weighed the DPIA, the ethical compass and the processing agreement."),
    ("Docenten en leerlingen zijn vooraf gehoord over het gebruik in de klas.",
     "Teachers and pupils were consulted beforehand about use in class."),
    ("De leverancier heeft de vragen van de commissie schriftelijk beantwoord.",
     "The vendor answered the committee's questions in writing."),
    ("Er is een minder ingrijpend alternatief onderzocht.",
     "A less intrusive alternative was examined."),
)
REASONS_HOSTING: dict[str, Pair] = {
    "netherlands": (
        "De gegevens blijven in Nederland.",
        "The data stay in the Netherlands."),
    "eea": (
        "De gegevens blijven binnen de EER.",
        "The data stay within the EEA."),
    "outside_eea": (
        "Gegevens gaan naar landen buiten de EER; de doorgifte vraagt extra waarborgen.",
        "Data go to countries outside the EEA; the transfer needs extra safeguards."),
    "unknown": (
        "Waar de gegevens worden opgeslagen, is nog niet duidelijk.",
        "Where the data are stored is not yet clear."),
}
CONDITIONS: tuple[tuple[Pair, Pair, Pair], ...] = (
    (("Een getekende verwerkersovereenkomst ligt bij de school.",
      "A signed processing agreement is held by the school."),
     ("Inkoop", "Procurement"),
     ("Overeenkomst inzien",
      "Inspect the agreement")),
    (("Ouders en leerlingen worden vooraf geïnformeerd over het gebruik.",
      "Parents and pupils are informed about the use beforehand."),
     ("Schoolleiding", "School leadership"),
     ("Brief en website",
      "Letter and website")),
    (("Gegevens worden na afloop van het schooljaar verwijderd.",
      "Data are deleted at the end of the school year."),
     ("ICT-coördinator", "IT coordinator"),
     ("Verwijderverklaring",
      "Deletion statement")),
    (("Docenten volgen een training over verantwoord gebruik.",
      "Teachers follow a training on responsible use."),
     ("Teamleider", "Team leader"),
     ("Presentielijst",
      "Attendance list")),
    (("Er is een DTIA voor de doorgifte buiten de EER vastgesteld.",
      "A transfer impact assessment for the transfer outside the EEA is adopted."),
     ("FG", "DPO"),
     ("DTIA-rapport",
      "TIA report")),
    (("Alleen de noodzakelijke gegevens worden gekoppeld met de leerlingadministratie.",
      "Only the necessary data are linked with the pupil administration."),
     ("Applicatiebeheer", "Application management"),
     ("Koppelingsoverzicht",
      "Link overview")),
    (("Leerlingen kunnen een alternatief kiezen zonder nadeel.",
      "Pupils can choose an alternative without disadvantage."),
     ("Schoolleiding", "School leadership"),
     ("Evaluatie met leerlingenraad",
      "Review with pupil council")),
    (("Training van modellen op leerlinggegevens is contractueel uitgesloten.",
      "Training models on pupil data is excluded by contract."),
     ("Inkoop", "Procurement"),
     ("Contractbepaling",
      "Contract clause")),
)
RETRACTION_REASONS = ("De leverancier heeft de verwerking wezenlijk gewijzigd.",
                      "Het product is van de markt gehaald.",
                      "Het advies berustte op onjuiste informatie van de leverancier.",
                      "Een datalek bij de leverancier vraagt om een nieuwe beoordeling.")
CHECK_NOTES = ("", "", "Gecontroleerd bij het schoolbezoek.", "Bewijs ontvangen van de school.",
               "Nog geen reactie van de leverancier.", "Besproken in het MT.")
FOLLOW_UP_NOTES = ("", "Besproken met de schoolleiding.", "Gemeld door de ICT-coördinator.")
COMPASS_NOTES = {
    1: ("Leerlingen hebben er voordeel van.", "Scheelt docenten tijd.", "Maakt onderwijs rijker."),
    -1: ("Er worden meer gegevens verzameld dan nodig.", "Leerlingen worden meer gevolgd.",
         "De leverancier bepaalt te veel.", "Niet iedereen kan meedoen."),
}
OPEN_DOUBTS = ("Waar staan de gegevens precies?",
               "Wat gebeurt er met de gegevens na het contract?", "Hoe wordt het model getraind?",
               "Wie heeft toegang tot de gegevens?")
OPTIONS = ("Eerst een pilot in één klas.",
           "Alleen zonder koppeling met de leerlingadministratie.",
           "Een Europese variant van het product.", "Leerlingen maken eerst zelf een opzet.")
# fmt: on

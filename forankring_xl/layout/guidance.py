"""Danish guidance shown in the template (written for this product).

Each entry is ``(heading, paragraphs)``; the builder writes one paragraph a row.
"""

from ..model import Status

_STATUSES = [status.value for status in Status]  # the drop-down's list, as the model has it

FRONT_TITLE = "Forankringsplan"
FRONT_INTRO = (
    "Planen beskriver, hvordan jeres enhed får det nye til at blive en fast del af hverdagen. "
    "Udfyld forsiden og ét ark pr. sigtepunkt. Arket 'Vejledning' forklarer felterne. "
    "Gule felter er til jeres tekst; resten er låst, så opsætningen ikke går i stykker."
)
SIGTEPUNKT_HINT = (
    "Én række pr. aktivitet. Lad Formål og Mål stå tomme, når rækken hører under formålet eller målet ovenfor. "
    "Røde datoer er overskredet, og status siger ikke, at punktet er opnået eller annulleret."
)

GUIDE_TITLE = "Vejledning til forankringsplanen"

GUIDE: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Hvad er planen til?",
        (
            "At få en ny metode, et nyt tiltag eller en opfølgning på en måling til at holde, også når "
            "begejstringen fra starten har lagt sig. Planen gør tydeligt, hvem der gør hvad, hvornår, og "
            "hvordan I ser, om det virker.",
            "Sæt et forankringsteam med både ledelse og medarbejdere. Teamet skriver planen, følger op og "
            "holder fremdriften.",
        ),
    ),
    (
        "Sigtepunkter",
        (
            "Vælg to eller tre sigtepunkter ad gangen, og brug ét ark til hvert. Når et sigtepunkt er "
            "(næsten) nået, kan I tage ét eller to nye op.",
            "Skriv sigtepunktet øverst og en kort beskrivelse nedenunder, så alle kan huske, hvad det drejer sig om.",
        ),
    ),
    (
        "Formål",
        (
            "Spørg jer selv: Hvad viser målingen eller erfaringen? Hvad er det præcist, der skal ændres?",
            "Et sigtepunkt kan have ét eller flere formål. Der er ingen krav om et bestemt antal.",
        ),
    ),
    (
        "Aktivitet",
        (
            "Hvad gør I for at skabe forandringen? Det kan være et kursus, en beskrivelse af en arbejdsgang, "
            "et fast punkt på teammøderne eller oplæring side om side med en kollega.",
            "Sæt ikke flere aktiviteter i gang, end I kan nå på samme tid, og giv hver aktivitet en start- og en slutdato.",
        ),
    ),
    (
        "Ansvarlig",
        (
            "Skriv en navngiven person ud for hver aktivitet og hvert delmål. 'Ledelsen', 'alle' eller "
            "'teamet' er ikke et navn: når alle har ansvaret, har ingen det.",
        ),
    ),
    (
        "Delmål",
        (
            "Delmål er trinene på vejen mod målet. Der kan være flere delmål til samme mål, og de kan bygge på hinanden.",
            "Hvert delmål skal være SMART:",
            "S – Specifikt: Hvad ændrer sig, og for hvem? Undgå ord som 'styrke', 'forbedre' og 'fokus på' uden et konkret indhold.",
            "M – Målbart: Man skal bagefter kunne se, om det er nået: et tal, en andel eller noget, der er lavet eller holdt.",
            "A – Accepteret: De, der skal gøre arbejdet, står bag. Skriv på forsiden, hvem der har godkendt planen og hvornår.",
            "R – Realistisk: Det kan nås med den tid og de folk, I har. Pas på, at én person ikke får for mange aktiviteter på én gang.",
            "T – Tidsbestemt: Der står en dato i 'Delmål dato'.",
            "Tænk fx: Hvad vil vi have nået efter 3, 6, 9 og 12 måneder?",
        ),
    ),
    (
        "Mål",
        (
            "Målet beskriver den forandring, man skal kunne se, når sigtepunktet er nået, og hvornår. "
            "Gør det målbart – gerne så man kan se det i de enkelte sager eller i hverdagen.",
        ),
    ),
    (
        "Status og opfølgning",
        (
            f"Hold status opdateret: {', '.join(_STATUSES[:-1])} eller {_STATUSES[-1]}. "
            "Skriv datoen i 'Sidst fulgt op', hver gang I har fulgt op på en række.",
            "Under tabellen beskriver I opfølgningen: hvor ofte og hvordan I følger op, hvem der skal have "
            "besked (medarbejdere, ledere, samarbejdspartnere), og hvem der har ansvaret for opfølgning og formidling.",
            "Fortsæt med at følge op, også når målene er nået – det er det, der får forandringen til at blive.",
        ),
    ),
    (
        "APV-handlingsplaner",
        (
            "Bruges planen som handlingsplan efter en APV, skal den mindst vise problemerne, hvad I gør ved "
            "dem, hvem der er ansvarlig, og en tidsplan for både gennemførelse og opfølgning.",
        ),
    ),
    (
        "Datoer",
        (
            "Skriv datoer som 1-3-2027 eller 1. marts 2027. Excel viser dem som dd-mm-åååå.",
        ),
    ),
)

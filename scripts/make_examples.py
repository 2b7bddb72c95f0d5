"""Generate the example plans in examples/ from the model, through the writer.

Run ``python scripts/make_examples.py`` after a layout change; a test checks
that the committed files equal a fresh build. Some plans are well made, some
are flawed on purpose (see FLAWS) so that checks have something to find.
All names, units and municipalities are invented.
"""

from __future__ import annotations

import sys
from datetime import date as d
from pathlib import Path

from forankring_xl.io.writer import write_plan
from forankring_xl.model import Opfoelgning, Plan, PlanRow, Raw, Sigtepunkt, TeamMember

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def R(formaal=None, aktivitet=None, ansvarlig=None, start=None, slut=None, delmaal=None,
      delmaal_dato=None, maal=None, maal_dato=None, status=None, sidst=None, bem=None) -> PlanRow:
    return PlanRow(
        formaal=formaal, aktivitet=aktivitet, ansvarlig=ansvarlig, start=start, slut=slut,
        delmaal=delmaal, delmaal_dato=delmaal_dato, maal=maal, maal_dato=maal_dato,
        status=status, sidst_fulgt_op=sidst, bemaerkning=bem,
    )


def T(*pairs: tuple[str, str]) -> list[TeamMember]:
    return [TeamMember(navn=n, rolle=r) for n, r in pairs]


def ics_familieafdeling() -> Plan:
    """Well made: named owners, dated SMART delmål, full follow-up, approval."""
    return Plan(
        kommune="Fjordby Kommune",
        enhed="Familieafdelingen, Børn og Unge",
        indsats="Forankring af ICS i børnefaglige undersøgelser og handleplaner",
        periode_start=d(2026, 3, 1), periode_slut=d(2027, 6, 30), fase="Forankring",
        team=T(("Lone Kjær", "leder"), ("Rasmus Holm", "projektansvarlig"), ("Sara Nyborg", "superbruger"),
               ("Jakob Lind", "medarbejderrepræsentant"), ("Pia Toft", "TR")),
        godkendt_af="Lone Kjær, afdelingsleder, efter drøftelse i LokalMED", godkendt_dato=d(2026, 2, 18),
        sigtepunkter=[
            Sigtepunkt(
                titel="Fælles forståelse af ICS-trekanten i sagsarbejdet",
                beskrivelse="Barometermålingen viste, at kun halvdelen af rådgiverne bruger trekanten, "
                            "når de skriver den samlede vurdering.",
                raekker=[
                    R("Alle rådgivere bruger ICS-trekanten i den samlede vurdering",
                      "Læringsmøde hver anden måned med gennemgang af to anonymiserede undersøgelser",
                      "Sara Nyborg", d(2026, 3, 15), d(2027, 3, 31),
                      "Der er afholdt fire læringsmøder med mindst 80 % fremmøde",
                      d(2026, 11, 30), "90 % af nye børnefaglige undersøgelser har en samlet vurdering opbygget efter trekanten",
                      d(2027, 3, 31), "I gang", d(2026, 11, 10)),
                    R(None, "Stikprøve: teamlederen gennemgår 10 undersøgelser pr. kvartal med en fast tjekliste",
                      "Rasmus Holm", d(2026, 4, 1), d(2027, 3, 31),
                      "Første stikprøve på 10 undersøgelser er gennemført, og resultatet er fremlagt på personalemødet",
                      d(2026, 6, 30), None, None, "Opnået", d(2026, 7, 2)),
                    R(None, "Nye medarbejdere får sidemandsoplæring med en superbruger de første 3 måneder",
                      "Sara Nyborg", d(2026, 4, 1), d(2027, 6, 30),
                      "Alle nyansatte i 2026 har haft mindst 6 oplæringsmøder med en superbruger",
                      d(2027, 1, 31), None, None, "I gang", d(2026, 11, 10)),
                ],
                opfoelgning=Opfoelgning(
                    hyppighed="Hver 2. måned", datoer=[d(2027, 1, 12), d(2027, 3, 9), d(2027, 5, 11)],
                    form="Læringsmøde i rådgiverteamet (2 timer) og status på LokalMED",
                    informeres="Rådgivere, afdelingsledelsen og LokalMED",
                    ansvarlig="Rasmus Holm", formidling_ansvarlig="Lone Kjær",
                ),
            ),
            Sigtepunkt(
                titel="Systematisk opfølgning på handleplaner",
                beskrivelse="Opfølgning på handleplaner sker for sent i hver tredje sag.",
                raekker=[
                    R("Handleplaner følges op til tiden",
                      "Procedurebeskrivelse for opfølgning med frister i fagsystemet udarbejdes",
                      "Jakob Lind", d(2026, 9, 1), d(2026, 12, 15),
                      "Procedurebeskrivelsen er udarbejdet og godkendt af afdelingslederen",
                      d(2026, 12, 15), "95 % af handleplaner følges op inden for fristen, målt på sagsniveau",
                      d(2027, 6, 30), "I gang", d(2026, 11, 10)),
                    R(None, "Månedlig fristliste fra fagsystemet gennemgås på teammødet",
                      "Rasmus Holm", d(2027, 1, 1), d(2027, 6, 30),
                      "Andelen af for sene opfølgninger er under 10 % i 1. kvartal 2027",
                      d(2027, 3, 31), None, None, "Ikke startet"),
                ],
                opfoelgning=Opfoelgning(
                    hyppighed="Månedlig", form="Punkt på teammødet med fristlisten fra fagsystemet",
                    informeres="Rådgivere og teamledere", ansvarlig="Rasmus Holm",
                    formidling_ansvarlig="Jakob Lind",
                ),
            ),
        ],
    )


def trivsel_skole() -> Plan:
    """Flawed: vague delmål, roles and groups as owners."""
    return Plan(
        kommune="Søndermark Kommune", enhed="Engskolen",
        indsats="Handleplan efter trivselsmålingen 2026 for medarbejdere",
        periode_start=d(2026, 8, 1), periode_slut=d(2027, 6, 30), fase="I gang",
        team=T(("Mette Sørensen", "leder"), ("Kim Bach", "AMR"), ("Anne Fog", "TR")),
        godkendt_af="MED-udvalget", godkendt_dato=d(2026, 9, 3),
        sigtepunkter=[
            Sigtepunkt(
                titel="Arbejdsmængde og forberedelsestid",
                beskrivelse="41 % svarer, at de sjældent har tid nok til forberedelse.",
                raekker=[
                    R("Mindre stress i hverdagen", "Vi skal arbejde med bedre planlægning", "Ledelsen",
                      d(2026, 9, 1), d(2027, 6, 1), "Styrke trivslen blandt lærerne", d(2027, 1, 31),
                      "Bedre trivsel", d(2027, 6, 30), "I gang"),
                    R(None, "Fast forberedelsestid i skemaet for alle lærere", "Mette Sørensen",
                      d(2026, 10, 1), d(2027, 1, 15),
                      "Alle lærere har mindst 2 faste forberedelseslektioner om ugen i skemaet fra uge 2",
                      d(2027, 1, 15), None, None, "I gang"),
                    R(None, "Fokus på god mødekultur", "alle", None, None,
                      "Møderne bliver bedre", None, None, None, "Ikke startet"),
                ],
                opfoelgning=Opfoelgning(
                    hyppighed="Løbende", form="På personalemøder", informeres="Personalet",
                    ansvarlig="Ledelsen",
                ),
            ),
            Sigtepunkt(
                titel="Samarbejde i årgangsteams",
                raekker=[
                    R("Teamene deler undervisningsforløb", "Fælles delemappe og to teamdage",
                      "Teamkoordinatorerne", d(2026, 9, 15), d(2027, 3, 1),
                      "Hvert årgangsteam har lagt mindst 3 forløb i delemappen",
                      d(2027, 3, 1), "Mere samarbejde i teamene", d(2027, 6, 30), "I gang"),
                ],
                opfoelgning=Opfoelgning(hyppighed="Kvartalsvis", form="Teammøde", informeres="Ledelsen og teamene",
                                        ansvarlig="Kim Bach", formidling_ansvarlig="Kim Bach"),
            ),
        ],
    )


def apv_plejecenter() -> Plan:
    """APV handlingsplan. Flawed: overdue items still open, follow-up owner missing."""
    return Plan(
        kommune="Fjordby Kommune", enhed="Plejecenter Solbakken",
        indsats="APV-handlingsplan 2026: forflytninger og alenearbejde om aftenen",
        periode_start=d(2026, 2, 1), periode_slut=d(2027, 1, 31), fase="I gang",
        team=T(("Birgitte Holm", "leder"), ("Ahmed Yilmaz", "AMR"), ("Hanne Lund", "TR"),
               ("Louise Brandt", "HR")),
        godkendt_af="Arbejdsmiljøgruppen", godkendt_dato=d(2026, 2, 10),
        sigtepunkter=[
            Sigtepunkt(
                titel="Problem: tunge forflytninger giver ondt i ryg og skuldre",
                beskrivelse="APV 2026: 12 af 30 medarbejdere i dagvagt angiver smerter efter forflytninger.",
                raekker=[
                    R("Færre belastende forflytninger",
                      "Indkøb af to loftlifte til afsnit B og instruktion af alle i dagvagt",
                      "Birgitte Holm", d(2026, 3, 1), d(2026, 6, 30),
                      "To loftlifte er installeret på afsnit B", d(2026, 5, 31),
                      "Ingen arbejdsskader ved forflytning i 2. halvår 2026", d(2026, 12, 31), "Forsinket",
                      d(2026, 6, 15), "Leverandøren har udskudt leveringen"),
                    R(None, "Forflytningsvejledere holder sidemandsoplæring på alle hold",
                      "Ahmed Yilmaz", d(2026, 4, 1), d(2026, 9, 30),
                      "Alle 30 medarbejdere i dagvagt har haft oplæring i brug af loftlift",
                      d(2026, 9, 30), None, None, "I gang", d(2026, 8, 20)),
                ],
                opfoelgning=Opfoelgning(
                    hyppighed="Kvartalsvis", datoer=[d(2026, 5, 5), d(2026, 8, 25), d(2026, 11, 17)],
                    form="Punkt på arbejdsmiljøgruppens møde", informeres="Alle medarbejdere via intranettet",
                    ansvarlig=None, formidling_ansvarlig="Ahmed Yilmaz",
                ),
            ),
            Sigtepunkt(
                titel="Problem: utryghed ved alenearbejde om aftenen",
                beskrivelse="7 medarbejdere i aftenvagt oplever utryghed ved alenearbejde.",
                raekker=[
                    R("Ingen arbejder alene med borgere med udadreagerende adfærd",
                      "Ny vagtplan med to på arbejde i fløj C efter kl. 19", "Birgitte Holm",
                      d(2026, 3, 1), d(2026, 4, 30),
                      "Ny vagtplan er vedtaget i arbejdsmiljøgruppen", d(2026, 4, 15),
                      "0 vagter med alenearbejde i fløj C efter kl. 19 i 2. halvår 2026", d(2026, 12, 31),
                      "Opnået", d(2026, 4, 20)),
                    R(None, "Alarm-app på alle aftenvagtens telefoner", "Louise Brandt",
                      d(2026, 5, 1), d(2026, 8, 31),
                      "Alle telefoner i aftenvagt har alarm-appen installeret og testet", d(2026, 8, 31),
                      None, None, "I gang"),
                ],
                opfoelgning=Opfoelgning(hyppighed="Hver 3. måned", form="Arbejdsmiljøgruppens møde",
                                        informeres="Aftenvagten", ansvarlig="Hanne Lund",
                                        formidling_ansvarlig="Hanne Lund"),
            ),
        ],
    )


def kompetence_jobcenter() -> Plan:
    """Culture and competence programme. Flawed: one owner carries too many overlapping activities."""
    rows = [
        R("Medarbejderne faciliterer løsninger sammen med borgeren",
          "Modul 1: tre workshops om relationel koordinering", "Peter Vang", d(2026, 9, 1), d(2027, 2, 28),
          "Alle 24 sagsbehandlere har deltaget i mindst 3 workshops", d(2027, 2, 28),
          "I 75 % af de nye jobplaner har borgeren selv formuleret mindst ét delmål", d(2027, 9, 30), "I gang",
          d(2026, 10, 28)),
        R(None, "Læringsgrupper med 4-6 deltagere og faste makkerpar", "Peter Vang", d(2026, 9, 15),
          d(2027, 6, 30), "Alle læringsgrupper har holdt mindst 5 møder", d(2027, 3, 31), None, None, "I gang"),
        R(None, "Prøvehandlinger i praksis med feedback fra makkeren", "Peter Vang", d(2026, 10, 1),
          d(2027, 6, 30), "Hver deltager har gennemført og evalueret 2 prøvehandlinger", d(2027, 4, 30),
          None, None, "Ikke startet"),
        R(None, "Fyraftensmøde om samskabelse for ledere og tillidsvalgte", "Peter Vang", d(2026, 11, 1),
          d(2027, 1, 31), "Fyraftensmødet er afholdt med mindst 40 deltagere", d(2027, 1, 31), None, None,
          "Ikke startet"),
        R("Fælles sprog om den nye rolle", "Modul 2: workshops om borgerens reelle behov", "Nadia Karim",
          d(2027, 3, 1), d(2027, 8, 31), "Modul 2 er gennemført for alle teams", d(2027, 8, 31),
          "Ny rollebeskrivelse for sagsbehandlere er vedtaget i MED", d(2027, 9, 30), "Ikke startet"),
    ]
    return Plan(
        kommune="Højlund Kommune", enhed="Jobcenter Højlund",
        indsats="Kultur- og kompetenceudviklingsforløb: fra sagsbehandler til velfærdsfacilitator",
        periode_start=d(2026, 8, 15), periode_slut=d(2027, 9, 30), fase="Klar-parat-start",
        team=T(("Nadia Karim", "leder"), ("Peter Vang", "projektansvarlig"), ("Ole Krog", "MED-repræsentant"),
               ("Tina Holt", "HR")),
        godkendt_af="Nadia Karim, jobcenterchef", godkendt_dato=d(2026, 8, 20),
        sigtepunkter=[
            Sigtepunkt(
                titel="Ny rolle i mødet med borgeren",
                beskrivelse="Forløbet skal gøre det til hverdag, at borgeren er medskaber af sin egen plan.",
                raekker=rows,
                opfoelgning=Opfoelgning(hyppighed="Hver 2. måned", form="Statusmøde i styregruppen",
                                        informeres="Alle medarbejdere, MED og direktionen",
                                        ansvarlig="Tina Holt", formidling_ansvarlig="Nadia Karim"),
            ),
        ],
    )


def sprog_dagtilbud() -> Plan:
    """Flawed: a date typed wrong, a delmål with no date, no follow-up block filled."""
    return Plan(
        kommune="Søndermark Kommune", enhed="Dagtilbud Kløverbakken",
        indsats="Sprogpædagogik i hverdagen for 3-5-årige",
        periode_start=d(2026, 8, 1), periode_slut=d(2027, 7, 31), fase="I gang",
        team=T(("Maria Jessen", "leder"), ("Sofie Dam", "superbruger")),
        sigtepunkter=[
            Sigtepunkt(
                titel="Dialogisk læsning i alle grupper",
                beskrivelse="Sprogvurderingen viste, at 18 % af 3-årige har behov for fokuseret sprogindsats.",
                raekker=[
                    R("Børnene får flere sproglige samtaler i hverdagen",
                      "Kursus i dialogisk læsning for alle pædagoger", "Sofie Dam", d(2026, 9, 1),
                      d(2026, 11, 30), "Alle 14 pædagoger har gennemført kurset", Raw(raw="31. juni 2027"),
                      "Hver børnegruppe har dialogisk læsning mindst 3 gange om ugen", d(2027, 6, 30), "I gang"),
                    R(None, "Læsekufferter til hjemlån", "Maria Jessen", d(2026, 10, 1), d(2027, 3, 31),
                      "Mindst 30 familier har lånt en læsekuffert", None, None, None, "Ikke startet"),
                ],
            ),
        ],
    )


def velfaerdsteknologi_hjemmepleje() -> Plan:
    """Well made, with continuation rows, three sigtepunkter and superbrugere."""
    return Plan(
        kommune="Højlund Kommune", enhed="Hjemmeplejen Nord",
        indsats="Implementering af skærmbesøg og digital medicinhåndtering",
        periode_start=d(2026, 5, 1), periode_slut=d(2027, 10, 31), fase="I gang",
        team=T(("Charlotte Ravn", "leder"), ("Mads Eriksen", "projektansvarlig"), ("Eva Nielsen", "superbruger"),
               ("Thomas Kruse", "superbruger"), ("Jonas Bech", "medarbejderrepræsentant"), ("Gitte Aagaard", "AMR")),
        godkendt_af="Charlotte Ravn og LokalMED Hjemmeplejen Nord", godkendt_dato=d(2026, 4, 22),
        sigtepunkter=[
            Sigtepunkt(
                titel="Skærmbesøg som fast tilbud",
                beskrivelse="Skærmbesøg bruges i dag kun hos få borgere og af få medarbejdere.",
                raekker=[
                    R("Skærmbesøg bruges, hvor det giver borgeren mere selvstændighed",
                      "Visitationskriterier for skærmbesøg beskrives", "Mads Eriksen", d(2026, 5, 1),
                      d(2026, 7, 31), "Visitationskriterierne er godkendt af visitationen", d(2026, 7, 31),
                      "120 borgere modtager mindst ét skærmbesøg om ugen", d(2027, 6, 30), "Opnået",
                      d(2026, 8, 5)),
                    R(None, "Superbrugere oplærer kolleger på hver rute", "Eva Nielsen", d(2026, 8, 1),
                      d(2026, 12, 31), "60 borgere modtager skærmbesøg", d(2026, 12, 31), None, None,
                      "I gang", d(2026, 11, 3)),
                    R(None, "Månedlig opgørelse af antal skærmbesøg", "Thomas Kruse", d(2026, 9, 1),
                      d(2027, 6, 30), "90 borgere modtager skærmbesøg", d(2027, 3, 31), None, None, "I gang",
                      d(2026, 11, 3)),
                ],
                opfoelgning=Opfoelgning(hyppighed="Månedlig", form="Superbrugermøde og tavlemøde",
                                        informeres="Medarbejdere, visitationen og ældrechefen",
                                        ansvarlig="Mads Eriksen", formidling_ansvarlig="Charlotte Ravn"),
            ),
            Sigtepunkt(
                titel="Digital medicinhåndtering",
                beskrivelse="Medicinfejl registreres ofte for sent, fordi registreringen sker på papir.",
                raekker=[
                    R("Medicin registreres digitalt ved udlevering",
                      "Alle medarbejdere oplæres i medicinmodulet", "Thomas Kruse", d(2026, 9, 1),
                      d(2026, 12, 15), "Alle 48 medarbejdere har gennemført e-læringen og én praktisk oplæring",
                      d(2026, 12, 15), "0 papirregistreringer af medicinudlevering i 2. kvartal 2027",
                      d(2027, 6, 30), "I gang", d(2026, 11, 3)),
                    R(None, "Stikprøver på 20 udleveringer pr. måned", "Eva Nielsen", d(2027, 1, 1),
                      d(2027, 6, 30), "Under 2 % manglende registreringer i stikprøven i april 2027",
                      d(2027, 4, 30), None, None, "Ikke startet"),
                ],
                opfoelgning=Opfoelgning(hyppighed="Hver måned", form="Kvalitetsmøde",
                                        informeres="Medarbejdere og sygeplejefaglig leder",
                                        ansvarlig="Eva Nielsen", formidling_ansvarlig="Mads Eriksen"),
            ),
            Sigtepunkt(
                titel="Fastholdelse efter implementeringen",
                raekker=[
                    R("Det nye bliver det, vi plejer at gøre",
                      "Nye medarbejdere får oplæring i skærmbesøg og medicinmodul i de første 2 uger",
                      "Jonas Bech", d(2027, 1, 1), d(2027, 10, 31),
                      "Introduktionsprogrammet er opdateret med begge systemer", d(2027, 1, 31),
                      "Ny måling i oktober 2027 viser, at 90 % af medarbejderne bruger begge systemer dagligt",
                      d(2027, 10, 31), "Ikke startet"),
                ],
                opfoelgning=Opfoelgning(hyppighed="Kvartalsvis", form="LokalMED",
                                        informeres="Medarbejderne", ansvarlig="Jonas Bech",
                                        formidling_ansvarlig="Charlotte Ravn"),
            ),
        ],
    )


PLANS = {
    "ics_familieafdeling": ics_familieafdeling,
    "trivsel_engskolen": trivsel_skole,
    "apv_plejecenter_solbakken": apv_plejecenter,
    "kompetence_jobcenter": kompetence_jobcenter,
    "sprog_dagtilbud_kloeverbakken": sprog_dagtilbud,
    "velfaerdsteknologi_hjemmeplejen": velfaerdsteknologi_hjemmepleje,
}

FLAWS = {
    "ics_familieafdeling": "velformet plan uden fejl",
    "trivsel_engskolen": "vage delmål, 'Ledelsen', 'alle' og 'Teamkoordinatorerne' som ansvarlige, uklar opfølgning",
    "apv_plejecenter_solbakken": "forfaldne datoer med åben status, ingen ansvarlig for opfølgning",
    "kompetence_jobcenter": "én person med fire overlappende aktiviteter",
    "sprog_dagtilbud_kloeverbakken": "ugyldig dato, delmål uden dato, ingen opfølgning, ingen godkendelse",
    "velfaerdsteknologi_hjemmeplejen": "velformet plan med fortsættelsesrækker og tre sigtepunkter",
}


def main(out: Path = EXAMPLES) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, make in PLANS.items():
        write_plan(make(), out / f"{name}.xlsx")
        print(out / f"{name}.xlsx")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else EXAMPLES)

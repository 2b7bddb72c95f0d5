"""SMART S on whole genres of real municipal text (issue 12, section 2): agenda decisions, procedure rules and
service standards, visions and mission statements, and party programmes.

Each rule is shown on a sentence written here and on real ones from the dev split of data/real/goals.jsonl (quoted
from public municipal pages; each record's URL is in that file), from different source pages. The holdout split is
never used here.
"""


import pytest

from forankring_xl.smart.checker import judge_goal
from forankring_xl.smart.structure import MAIN, analyse
from real_goals import quoted
from real_goals import dev_text as dev

# --- agenda decisions: a committee's decision is an event --------------------------------------------------


@pytest.mark.parametrize("text", [
    "At orienteringen om sygefraværet tages til efterretning.",
    "Udvalget tager stilling til den nye sygefraværspolitik.",
])
def test_taking_a_report_to_note_is_a_decision_made_at_the_meeting(text):
    v = judge_goal(text)
    assert v.S is True and v.M is True, v.reasons
    assert "til efterretning" in v.reasons["S"] or "stilling til" in v.reasons["S"], v.reasons["S"]


def test_real_agenda_decisions_taken_to_note_pass_s_and_m():
    # two agenda items from different municipalities' referater (Frederikssund, Faxe)
    for goal_id in ("g0773", "g0726"):
        v = judge_goal(dev(goal_id))
        assert v.S is True and v.M is True, (goal_id, v.reasons)


def test_taking_to_note_needs_the_closing_words():
    # "tage" alone is a light verb: no decision, no event
    assert judge_goal("Medarbejderne tager ansvar for trivslen").S is False


@pytest.mark.parametrize("text, verb", [
    ("Byrådet skal formelt godkende den nye sygefraværspolitik.", "godkende"),
    ("Derfor skal udvalget til marts godkende handleplanen.", "godkende"),
    ("I forlængelse af politikken skal kommunen endeligt vedtage en ny retningslinje.", "vedtage"),
])
def test_the_infinitive_after_an_adverb_or_an_inverted_subject_is_still_the_modals(text, verb):
    v = judge_goal(text)
    assert v.S is True and v.M is True, v.reasons
    assert verb in quoted(v.reasons["M"]), v.reasons["M"]


def test_real_decisions_with_an_adverb_or_an_inverted_subject():
    # Gribskov ("skal formelt godkende prognosen") and Ringkøbing-Skjern ("skal byrådet til september godkende")
    for goal_id in ("g0785", "g0799"):
        v = judge_goal(dev(goal_id))
        assert v.S is True and v.M is True, (goal_id, v.reasons)
        assert "godkende" in quoted(v.reasons["S"]), v.reasons["S"]


# --- procedure rules: who is told what, when -------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Lederen skal underrettes senest dagen efter hændelsen.",
    "Ændringer i vagtplanen meddeles medarbejderne mindst fire uger før.",
])
def test_telling_someone_is_an_act_done_or_not(text):
    v = judge_goal(text)
    assert v.S is True and v.M is True, v.reasons


def test_real_procedure_rules_naming_who_is_told():
    # Lyngby-Taarbæk (vold og trusler) and Frederikshavn (MED-udvalgets forretningsorden)
    for goal_id in ("g0809", "g0889"):
        v = judge_goal(dev(goal_id))
        assert v.S is True, (goal_id, v.reasons["S"])


# --- visions and mission statements: a copula states a role, not a change --------------------------------


@pytest.mark.parametrize("text", [
    "Alle medarbejdere er ambassadører for kommunen.",
    "Lederne skal være rollemodeller for medarbejderne.",
])
def test_a_role_statement_with_a_copula_is_no_concrete_change(text):
    v = judge_goal(text)
    assert v.S is False, v.reasons["S"]


def test_real_role_and_vision_statements_fail_s():
    # Herning (dagtilbud: "er ledere af læring"), Høje-Taastrup ("skal planen være det afsæt, der …"),
    # Haderslev ("det sted …, hvor folk vil bo, leve og arbejde"), Sorø's vision ("…, og som sagtens kan kaldes …")
    for goal_id in ("g0740", "g0829", "g0527", "g0751"):
        v = judge_goal(dev(goal_id))
        assert v.S is False, (goal_id, v.reasons["S"])


def test_a_copula_does_not_undo_a_real_change_or_deliverable():
    assert judge_goal("Alle skoler skal være røgfri").S is True
    assert judge_goal("Sygefraværet er faldet til 4 procent").S is True


def test_a_clause_after_comma_hvor_is_no_part_of_the_main_clause():
    text = "Kommunen skal være et sted, hvor borgerne vil bo, leve og arbejde."
    v = judge_goal(text)
    assert v.S is False, v.reasons["S"]
    assert not {"bo", "leve", "arbejde"} & set(quoted(v.reasons["S"]))


def test_a_second_relative_clause_after_og_som_stays_relative():
    from forankring_xl.smart.checker import _tokens, _clauses, default_lexicon

    text = "Målet er en kommune, der er kendt for sin natur, og som kan kaldes den grønneste i landet."
    tok = _tokens(text, None, None)
    cl = _clauses(tok, default_lexicon())
    kaldes = tok.words.index("kaldes")
    assert cl.roles[kaldes] != MAIN and cl.roles[tok.words.index("grønneste")] != MAIN


def test_a_list_closing_a_relative_clause_stays_in_it():
    words = ["en", "by", "hvor", "folk", "vil", "bo", "leve", "og", "arbejde"]
    text = "en by, hvor folk vil bo, leve og arbejde"
    starts, pos = [], 0
    for w in words:
        pos = text.index(w, pos)
        starts.append(pos)
        pos += len(w)
    cl = analyse(text, words, words, starts, lambda i: words[i] in ("vil", "bo"))
    assert [cl.roles[i] for i in (6, 7, 8)] != [MAIN] * 3


@pytest.mark.parametrize("text, phrase", [
    ("Rådet vil arbejde både med trivsel og med fravær.", "arbejde både med"),
    ("Ældreplejen skal i endnu højere grad ydes fleksibelt.", "i endnu højere grad"),
])
def test_an_adverb_inside_a_vague_phrase_keeps_it_vague(text, phrase):
    v = judge_goal(text)
    assert v.S is False, v.reasons["S"]
    assert phrase in quoted(v.reasons["S"]), v.reasons["S"]


def test_real_vague_phrase_with_an_adverb_inside():
    # Ringkøbing-Skjern's klimaråd: "vil altså arbejde både med klimareduktion og med klimatilpasning"
    v = judge_goal(dev("g0800"))
    assert v.S is False and "arbejde både med" in quoted(v.reasons["S"]), v.reasons["S"]


# --- what an act makes or offers must be concrete ---------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Kommunen vil tilbyde rammerne om et godt seniorliv.",  # a vague quality after the generic noun
    "Der skal iværksættes en understøttende proces.",
    "Afdelingen skal igangsætte styrkende tiltag.",
])
def test_an_act_on_something_generic_or_vague_names_no_concrete_change(text):
    v = judge_goal(text)
    assert v.S is False, v.reasons["S"]


@pytest.mark.parametrize("text", [
    "Kommunen vil tilbyde alle nyansatte en mentor.",
    "Der iværksættes en APV-proces i alle afdelinger inden udgangen af 2027.",
    "Der udarbejdes altid referat af mødet.",
])
def test_an_act_on_a_concrete_thing_stays_specific(text):
    assert judge_goal(text).S is True, judge_goal(text).reasons["S"]


def test_real_acts_on_generic_or_vague_objects_fail_s():
    # Sorø's vision ("tilbyde rammerne om det gode hverdagsliv") and Albertslund's procedure ("Der skal straks
    # iværksættes en understøttende proces")
    for goal_id in ("g0748", "g0812"):
        assert judge_goal(dev(goal_id)).S is False, goal_id


def test_a_plan_with_only_a_purpose_names_no_content_but_a_compound_names_it():
    assert judge_goal("Vi skal have en plan, for at vide hvor vi skal hen").S is False
    assert judge_goal(dev("g0816")).S is False  # Sorø (socialpsykiatri)
    assert judge_goal("Vi skal have en plan for sidemandsoplæring").S is True
    # a compound names what the product is about: "sygesamtale", "klimahandlingsplan"
    assert judge_goal("Sygesamtale inden udgangen af 4. sygeuge").S is True
    assert judge_goal("Samtale inden udgangen af 4. sygeuge").S is False
    for goal_id in ("g0702", "g0750"):  # a sickness procedure (docplayer), Sorø's DK2020 klimahandlingsplan
        assert judge_goal(dev(goal_id)).S is True, goal_id


# --- procedure rules and standing orders: who is responsible for which task --------------------------------


@pytest.mark.parametrize("text, what", [
    ("Teamlederen er ansvarlig for at udarbejde en vagtplan.", "vagtplan"),
    ("Sekretariatet har ansvaret for at indkalde til mødet.", "indkalde"),
])
def test_being_responsible_for_a_task_states_the_task_as_the_act(text, what):
    v = judge_goal(text)
    assert v.S is True and what in quoted(v.reasons["S"]), v.reasons["S"]


def test_a_responsibility_for_a_direction_stays_vague():
    v = judge_goal("Alle ledere er ansvarlige for at styrke trivslen.")
    assert v.S is False, v.reasons["S"]


@pytest.mark.parametrize("text", [
    "Temaerne forventes inkluderet i udvalgsmøderne frem til sommeren 2027.",
    "Den nye vagtplan ønskes gennemført inden 1. maj 2027.",
])
def test_an_expected_act_in_the_passive_is_an_act(text):
    v = judge_goal(text)
    assert v.S is True, v.reasons["S"]


def test_real_standing_orders_and_expected_acts():
    # Frederikshavn (MED-udvalgets forretningsorden) and Faxe (temadrøftelser i udvalgene)
    for goal_id in ("g0890", "g0724"):
        assert judge_goal(dev(goal_id)).S is True, goal_id


# --- word lists: synonyms of listed words -----------------------------------------------------------------


def test_attendance_is_a_measure_like_absence_and_interplay_a_topic_like_cooperation():
    assert judge_goal("Målet er at øge fremmødet hos eleverne.").S is True
    assert judge_goal("Samspillet mellem skole og hjem skal udbygges.").S is False
    assert judge_goal(dev("g0691")).S is False  # Svendborg: "samarbejdet og samspillet … skal udbygges og udvikles"
    # a direction phrase ("i højere grad") keeps a passive act a direction
    assert judge_goal(dev("g0652")).S is False  # "ældreplejen i endnu højere grad end i dag skal ydes fleksibelt"


# --- service standards: what the citizen gets, and within which time --------------------------------------


@pytest.mark.parametrize("text", [
    "Du får svar inden for 10 arbejdsdage.",
    "Du får en fast kontaktperson, når du starter i et forløb.",
])
def test_the_citizen_addressed_as_du_is_who_gets_it(text):
    v = judge_goal(text)
    assert v.S is True and "du" in quoted(v.reasons["S"]), v.reasons["S"]


def test_du_with_a_vague_or_feeling_object_stays_unspecific():
    assert judge_goal("Du skal have det godt.").S is False
    assert judge_goal("Du får en bedre hverdag.").S is False


@pytest.mark.parametrize("text", [
    "Sagsbehandlingstiden er op til 4 uger.",
    "Sagsbehandlingstid: op til 4 uger",
    "Ventetid: op til 10 hverdage",
])
def test_a_service_time_with_up_to_is_a_target_of_the_measure_it_names(text):
    v = judge_goal(text)
    assert v.S is True and v.M is True, v.reasons


def test_up_to_an_age_still_names_the_group_and_a_bare_number_of_weeks_no_measure():
    v = judge_goal("Unge op til 25 år skal være i uddannelse eller job.")
    assert "25" not in v.reasons["M"], v.reasons["M"]
    assert judge_goal("Trivsel: op til 4 uger").S is False  # the title names no measure
    assert judge_goal(dev("g0168")).S is True  # Randers: "servicemålet … fastsat til 40 dage"


def test_a_decision_made_with_traeffe_is_an_event():
    v = judge_goal("Kommunen træffer afgørelse senest 8 uger efter ansøgningen.")
    assert v.S is True and v.M is True and v.T is True, v.reasons
    assert "træffer afgørelse" in quoted(v.reasons["S"])


def test_a_passive_before_a_time_is_a_verb_and_a_number_before_a_unit_no_verb():
    from forankring_xl.smart.checker import _tokens, _clauses, default_lexicon

    for text, verb in (("Ansøgningen udleveres senest 3 dage efter mødet.", "udleveres"),
                       ("Hjælpen leveres senest 3 dage efter bevillingen.", "leveres")):
        tok = _tokens(text, None, None)
        cl = _clauses(tok, default_lexicon())
        assert tok.words.index(verb) in cl.main_verbs, text
    tok = _tokens("Svartid: op til 4 uger", None, None)
    _clauses(tok, default_lexicon())
    assert not tok.verb[tok.words.index("uger")]


# --- newspaper quotes: the reporting clause is no part of the goal -----------------------------------------


def test_a_reporting_clause_says_who_said_it_and_is_no_act():
    v = judge_goal("Vi skal have styr på økonomien, siger borgmesteren.")
    assert v.S is False and "siger" not in quoted(v.reasons["S"]), v.reasons["S"]
    assert judge_goal("Vi vil bygge 200 nye boliger, siger formanden for udvalget.").S is True
    v = judge_goal("Trivslen skal styrkes, fortæller skolelederen til avisen.")
    assert v.S is False and "fortæller" not in v.reasons["S"]


def test_real_quote_with_a_reporting_clause():
    # Jydske Vestkysten quoting a director: the goal before ", siger …" keeps its target value
    v = judge_goal(dev("g0674"))
    assert v.S is True and v.M is True, v.reasons


# --- mandates and standing orders: whose task an area is, not what changes -------------------------------


@pytest.mark.parametrize("text, word", [
    ("Udvalget varetager opgaver vedrørende ældreområdet.", "varetager"),
    ("Udvalget har ansvaret for beskæftigelsesområdet.", "ansvaret for"),
])
def test_a_mandate_says_whose_task_an_area_is_not_what_changes(text, word):
    v = judge_goal(text)
    assert v.S is False, v.reasons["S"]
    assert word in quoted(v.reasons["S"]), v.reasons["S"]


def test_a_responsibility_for_a_named_task_is_still_the_task():
    assert judge_goal("Teamlederen er ansvarlig for at udarbejde en vagtplan.").S is True


def test_real_mandate_fails_s():
    # a MED-udvalg's forretningsorden (Københavns Kommune, Johannesgården)
    v = judge_goal(dev("g0891"))
    assert v.S is False and "varetage" in quoted(v.reasons["S"]), v.reasons["S"]


# --- party programmes and plans: a new concrete thing, and what "vi" will do ---------------------------------


@pytest.mark.parametrize("text", ["En ny svømmehal i Hedensted.", "Nye cykelstier ved alle skoler.",
                                  "Nyt plejecenter i 2028."])
def test_a_new_concrete_thing_named_as_the_goal_is_specific(text):
    v = judge_goal(text)
    assert v.S is True and v.M is True, v.reasons


@pytest.mark.parametrize("text", ["Ny viden om trivsel.", "Nye veje til job.", "Et nyt fællesskab for seniorer.",
                                  "Ny kultur i forvaltningen.", "Nye og bedre rammer for læring."])
def test_a_new_abstract_or_generic_thing_stays_a_heading(text):
    assert judge_goal(text).S is False, text


def test_real_new_thing_from_a_party_programme():
    assert judge_goal(dev("g0598")).S is True  # "En ny børnehave i Vordingborg by, med fokus på …"


@pytest.mark.parametrize("text, act", [("Vi vil bygge en ny svømmehal.", "bygge"),
                                       ("Vi vil åbne skolerne for foreningslivet.", "åbne")])
def test_vi_doing_a_concrete_act_is_specific_but_not_checked_for_m(text, act):
    v = judge_goal(text)
    assert v.S is True and act in quoted(v.reasons["S"]), v.reasons["S"]
    assert v.M is False, v.reasons["M"]


@pytest.mark.parametrize("text", ["Vi sætter borgeren i centrum.", "Vi viser vej.", "Vi går forrest.",
                                  "Vi vil derfor bruge perioden til at finde vores ben.",
                                  "Vi vil skabe en god kommune."])
def test_vi_in_a_slogan_or_with_a_light_verb_stays_unspecific(text):
    assert judge_goal(text).S is False, (text, judge_goal(text).reasons["S"])


def test_real_party_programme_and_plan_with_vi():
    # Gribskov's planstrategi ("Vi skal derfor tiltrække nye borgere og virksomheder") passes S but not M
    v = judge_goal(dev("g0786"))
    assert v.S is True and v.M is False, v.reasons


@pytest.mark.parametrize("text", [
    "Teamlederne, der er udpeget, står for planlægningen af APV inden 1. maj 2027.",
    "Lederen, som har ansvaret, oplyser medarbejderne om resultatet senest 1. juni 2027.",
])
def test_a_verb_after_a_relative_clause_is_the_main_verb_not_a_reporting_clause(text):
    assert judge_goal(text).S is True, judge_goal(text).reasons["S"]


@pytest.mark.parametrize("text", [
    "I de afdelinger, hvor fraværet er højest, skal der udarbejdes en handleplan inden 1. maj 2027.",
    "Alle ledere, der har personaleansvar, og som er nyansatte, skal gennemføre lederuddannelsen inden 2028.",
])
def test_the_main_clause_goes_on_after_a_hvor_or_a_second_relative_clause(text):
    v = judge_goal(text)
    assert v.S is True and v.M is True, v.reasons


@pytest.mark.parametrize("text", [
    "Kommunen etablerer en ny løsning til digital post inden 2028.",
    "Der etableres nye rammer for hjemmearbejde med en retningslinje inden 1. juli 2027.",
])
def test_a_generic_noun_with_what_it_is_for_is_concrete(text):
    assert judge_goal(text).S is True, judge_goal(text).reasons["S"]

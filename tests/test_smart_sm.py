"""SMART S and M on the goal's own statement (issue 12, section 2): who does or achieves what, and how it is checked.

Each rule is shown on a sentence written here and on a real one from the dev split of data/real/goals.jsonl
(quoted from public municipal pages; the record's URL is in that file). The holdout split is never used here.
"""


import pytest

from forankring_xl.smart.checker import judge_goal
from forankring_xl.smart.structure import strip_label
from real_goals import DEV, quoted
from real_goals import dev_text as dev

# --- a frame that announces the goal is not the goal ------------------------------------------------


def test_a_goal_frame_is_set_aside_and_its_numbers_are_no_target():
    title, pos = strip_label("Målet er, at alle nyansatte har gennemført introforløbet")
    assert title == "Målet er, at" and "Målet er, at alle nyansatte"[pos:] == "alle nyansatte"
    assert strip_label("Seniorpolitikken præciserer, at seniorer skal have en samtale")[0] == \
        "Seniorpolitikken præciserer, at"
    v = judge_goal("Målet er, at alle nyansatte har gennemført introforløbet")
    assert v.S is True and v.M is True
    # the "10" belongs to the frame ("et af sine 10 mål"), the goal itself has no size
    real = judge_goal(dev("g0272"))
    assert real.M is False and "10" not in real.reasons["M"], real.reasons["M"]
    assert "'færre'" in real.reasons["M"]


def test_a_goal_word_inside_the_goal_is_no_frame():
    assert strip_label("Alle medarbejdere kender målene for afdelingen")[1] == 0


# --- S: who does or gets what, concretely -----------------------------------------------------------


@pytest.mark.parametrize(
    "text, who, act",
    [
        ("Pædagogerne bruger dialogisk læsning i hverdagen", "pædagogerne", "bruger"),
        ("Sagsbehandlerne kan forklare ICS-trekanten for forældrene", "sagsbehandlerne", "forklare"),
        ("De ledige deltager i et afklaringsforløb", "ledige", "deltager"),
    ],
)
def test_a_named_actor_a_concrete_act_and_object_is_specific(text, who, act):
    v = judge_goal(text)
    assert v.S is True, v.reasons["S"]
    assert f"'{who}'" in v.reasons["S"] and f"'{act}'" in v.reasons["S"]
    assert v.M is False  # nothing says how it is checked


@pytest.mark.parametrize(
    "text",
    [
        "Ledelsen går foran",                          # no object: a slogan
        "Borgerne skal have hjælp i rette tid",        # 'hjælp' names no concrete object
        "Ingen i kommunen skal rammes af ensomhed",    # 'Ingen' is no group; 'i kommunen' is a place
        "Alle borgere skal kunne leve et liv, der er præget af aktivitet",
        dev("g0177"), dev("g0157"), dev("g0274"), dev("g0307"),
    ],
)
def test_slogans_and_abstract_objects_stay_unspecific(text):
    v = judge_goal(text)
    assert v.S is False, v.reasons["S"]


# --- S: a measurable thing that changes (also as a compound) ----------------------------------------


@pytest.mark.parametrize("text, word", [("Skolefraværet i udskolingen skal falde", "skolefraværet"),
                                         (dev("g0072"), "aktivitetsniveauet")])
def test_the_head_of_a_compound_makes_it_measurable(text, word):
    v = judge_goal(text)
    assert v.S is True and word in v.reasons["S"], v.reasons["S"]
    assert v.M is False  # a direction with no size


@pytest.mark.parametrize("text", ["Andelen af nyansatte, der bliver i jobbet, udvikler sig positivt", dev("g0073")])
def test_a_reflexive_direction_verb_is_the_subjects_change_not_an_intention(text):
    v = judge_goal(text)
    assert v.S is True, v.reasons["S"]
    assert v.M is False and "'udvikler'" in v.reasons["M"], v.reasons["M"]


def test_a_fragment_that_is_only_a_number_of_days_names_no_measure():
    for text, phrase in (("10 arbejdsdage for en sag om hjælpemidler", "10 arbejdsdage"),
                         (dev("g0169"), "40 kalenderdage")):
        v = judge_goal(text)
        assert v.S is False and f"'{phrase}'" in v.reasons["S"], v.reasons["S"]
        assert v.M is True  # the number is still a target value
        assert f"'{phrase}'" in v.hints["S"] and "'mindre'" not in v.hints["S"], v.hints["S"]


def test_faerre_with_the_people_it_counts_is_specific_but_not_measurable():
    for text in ("Færre arbejdsulykker i hjemmeplejen", dev("g0246")):
        v = judge_goal(text)
        assert v.S is True, v.reasons["S"]
        assert v.M is False and "'færre'" in v.reasons["M"]
    assert judge_goal("Flere i job").S is False  # 'flere' counts nobody named


# --- M: target values that attach to the change -----------------------------------------------------


def test_a_result_clause_carries_the_target_value():
    v = judge_goal("Afdelingen omlægger vagtplanen, så overarbejdet reduceres med 20 %")
    assert v.M is True and "20 %" in v.reasons["M"]
    real = judge_goal(dev("g0136"))
    assert real.M is True and "tre" in real.reasons["M"]
    assert judge_goal(dev("g0021")).M is False  # a "så" clause with no change and no size


@pytest.mark.parametrize("text", ["Reducering i antallet af sygedagpengeforløb over 26 uger",
                                  "Færre ledige over 6 måneder"])
def test_a_duration_that_says_which_cases_is_no_target(text):
    v = judge_goal(text)
    assert v.M is False, v.reasons["M"]


def test_a_duration_cut_from_a_measure_is_a_target():
    v = judge_goal("Vi vil have skåret fem dage af ventetiden")
    assert v.M is True and "'fem dage'" not in v.reasons["M"] and "fem dage" in v.reasons["M"]
    assert judge_goal(dev("g0195")).M is True
    assert judge_goal("Ventetiden skal være under 4 uger").M is True


def test_a_comparison_with_a_named_measure_is_measurable_but_a_base_year_is_not():
    v = judge_goal("Fraværet blandt eleverne i 8. klasse skal falde mere end fraværet i 7. klasse")
    assert v.M is True and "'end fraværet'" in v.reasons["M"], v.reasons["M"]
    assert judge_goal(dev("g0007")).M is True
    assert judge_goal(dev("g0109")).M is False  # "end i 2021": a base year, no reference measure


# --- M: all/each + group with something each member has or does -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Alle afdelinger skal være røgfri",                       # an explicit zero of smoke for each unit
        "Alle nyansatte er i job efter forløbet",                  # a measured state of each
        "Hver medarbejder skal have en udviklingsplan",            # a deliverable of each member's own
        dev("g0140"),
    ],
)
def test_all_over_a_group_with_a_checkable_predicate_is_measurable(text):
    v = judge_goal(text)
    assert v.M is True, v.reasons["M"]


@pytest.mark.parametrize("text", ["Målet er at have en røgfri kommune senest i 2030",  # a vision, no countable set
                                  "Alle medarbejdere har et ansvar for, at der sker en god dialog",
                                  dev("g0138"), dev("g0107"),
                                  dev("g0387")])  # "Alle børn skal kunne udleve deres drømme": an ability, no act done
def test_all_with_a_state_nobody_can_check_is_not_measurable(text):
    v = judge_goal(text)
    assert v.M is False, v.reasons["M"]


# --- the words that decide: verbs, nouns and adjectives ---------------------------------------------


def test_a_participle_before_its_noun_is_no_event():
    v = judge_goal("Øget antal af afsluttede forløb blandt de ledige")
    assert v.M is False and "afsluttede" not in v.reasons["M"], v.reasons["M"]


def test_a_preposition_or_an_adjective_before_an_er_word_makes_it_a_noun():
    v = judge_goal("Service til virksomheder ved rekruttering og fastholdelse")
    assert v.S is False, v.reasons["S"]  # 'ved' is a preposition, not the verb "to know"
    real = judge_goal(dev("g0234"))  # "… socioøkonomiske dataanalyser": a noun, so this is a timeline deliverable
    assert real.S is True and real.M is True, real.reasons
    v = judge_goal("Indsamling af data og socioøkonomiske analyser")
    assert v.M is True and "'indsamling'" in v.reasons["M"]


def test_an_infinitive_follows_a_modal_not_have():
    # "skal have hjælp": 'hjælp' is a noun; "er afholdt": a participle of an event
    assert judge_goal("Børnene skal have hjælp").S is False
    v = judge_goal("Kurset er afholdt")
    assert v.S is True and v.M is True and "'afholdt'" in v.reasons["M"]


def test_an_explicit_zero_as_a_noun_phrase_is_no_heading():
    v = judge_goal("Ingen arbejdsskader ved forflytning")
    assert v.S is True and v.M is True


@pytest.mark.parametrize("goal_id", sorted(DEV))
def test_every_quoted_word_in_a_real_dev_reason_is_in_the_goal(goal_id):
    v = judge_goal(DEV[goal_id]["text"], DEV[goal_id].get("due"))
    text = DEV[goal_id]["text"].casefold()
    for letter in "SM":
        reason = v.reasons[letter].replace("(fx 'har gennemført kurset')", "")
        for part in (p for q in quoted(reason) for p in q.split(", ")):
            assert part.casefold() in text, (letter, part, v.reasons[letter])


# --- more verb forms and predicates found on fresh real text ----------------------------------------


def test_a_passive_names_what_is_acted_on_not_who_acts():
    # "tænkes ind", "inddrages": nothing concrete is done by anyone named
    assert judge_goal("Handicapaspektet tænkes ind og integreres i planlægningen").S is False
    assert judge_goal("Medarbejderne inddrages ved større udviklingsprojekter").S is False
    # a passive event at a named meeting is a deliverable
    v = judge_goal("Første status på sigtepunktet gives på LokalMED-mødet i marts 2027")
    assert v.S is True


def test_a_knowing_verb_is_specific_but_not_checkable():
    v = judge_goal("Alle borgere i hjemmeplejen kender deres kontaktperson")
    assert v.S is True, v.reasons["S"]
    v = judge_goal("Alle ansatte anerkender de vedtagne mål")
    assert v.M is False, v.reasons["M"]


def test_a_state_noun_is_no_measure_as_the_head_of_a_compound():
    # "efteruddannelse" is a course, not a share "i uddannelse"; "nødvendige" is a vague quality
    v = judge_goal("Der afsættes de nødvendige midler til opkvalificering og efteruddannelse")
    assert v.S is False, v.reasons["S"]


def test_a_subject_between_the_modal_and_the_infinitive():
    v = judge_goal("Derudover vil vi indføre et krav om sprogvurdering for alle 3-årige")
    assert v.M is True and "'indføre'" in v.reasons["M"], v.reasons["M"]


def test_all_over_a_countable_set_of_things_done_or_not():
    v = judge_goal("Alle olie- og gasfyr i kommunens bygninger skal være nedlagt senest i 2030")
    assert v.M is True, v.reasons["M"]
    assert judge_goal("Alle områder skal præges af nærvær").M is False


def test_flere_with_the_people_it_counts_is_named_in_the_reason():
    v = judge_goal("Flere unge starter på en erhvervsuddannelse")
    assert v.S is True and "'flere unge'" in v.reasons["S"], v.reasons["S"]
    assert v.M is False


def test_an_adverb_after_a_modal_is_no_verb_and_a_participle_before_its_noun_no_direction():
    # "vil derfor blive suppleret": 'derfor' is no predicate; "en prioriteret handleplan" says which plan
    v = judge_goal("Politikken vil derfor blive suppleret med en prioriteret handleplan")
    assert v.S is True and v.M is True and "'handleplan'" in v.reasons["M"], v.reasons
    assert "'prioriteret'" not in v.reasons["S"]
    # a participle that is itself a vague quality stays a direction
    assert judge_goal("Styrket indsats for kronikere og ældre patienter").S is False


def test_a_passive_after_a_modal_is_the_predicate():
    v = judge_goal("APV'en skal ajourføres, når der sker ændringer i arbejdet")
    assert v.S is True and v.M is True and "'ajourføres'" in v.reasons["M"], v.reasons


def test_a_passive_direction_verb_wraps_nothing_but_a_content_clause_it_does():
    v = judge_goal(dev("g0482"))  # "… at der hvert år skal skabes flere praktikpladser til eleverne …"
    assert v.S is True and v.M is False and "'flere'" in v.reasons["M"], v.reasons
    v = judge_goal("Folkeskolen skal understøtte, at alle nyansatte gennemfører introforløbet")
    assert v.M is False  # support is an intention with no target of its own


def test_mindre_with_an_amount_is_still_a_heading():
    assert judge_goal(dev("g0489")).S is False  # "højere trivsel og mindre fravær"
    assert judge_goal("Færre arbejdsulykker i hjemmeplejen").S is True


def test_milestones_are_labels_and_their_deliverables_count():
    assert strip_label("Milepæl 13: Ansøgning til SNS")[0] == "Milepæl 13:"
    for text in ("Milepæl 13: Ansøgning til SNS om anlægsmidler", "Milepæl 1: Informationsmøder afholdt",
                 "Fase 2: Ansøgning om midler fra puljen"):
        v = judge_goal(text)
        assert v.S is True and v.M is True, (text, v.reasons)


# --- broader rules (issue 12 section 2, generalising to unseen text) ---------------------------------


def test_multi_level_numbering_without_punctuation_is_a_label_not_a_target():
    assert strip_label("3.2 Alle medarbejdere har gennemført kurset")[0] == "3.2"
    assert strip_label("2.400 færre overvægtige unge")[0] == ""  # a thousands group is a number, not numbering
    real = judge_goal(dev("g0399"))  # "2.2.1 Træn alle ansattes … kontinuerligt"
    assert real.M is False and "2.2.1" not in real.reasons["M"], real.reasons["M"]


def test_a_goal_that_opens_with_an_imperative_has_that_verb_as_its_predicate():
    v = judge_goal("Udarbejd en plan for oplæring af nye medarbejdere")
    assert v.S is True and v.M is True and "'udarbejd'" in v.reasons["M"], v.reasons
    v = judge_goal("Kontakt borgeren senest 5 dage efter udskrivningen")  # 'kontakter' reads as a noun
    assert v.M is True and "'kontakt'" in v.reasons["M"], v.reasons
    assert "'træn'" in judge_goal(dev("g0399")).reasons["S"]  # the verb is read, and it is an open-ended activity


@pytest.mark.parametrize("text, value", [("Sagsbehandlingen af en klage tager højst tre uger", "tre"),
                                          (dev("g0448"), "fire")])
def test_a_duration_with_a_named_bound_is_a_target_value(text, value):
    v = judge_goal(text)
    assert v.M is True and value in v.reasons["M"], v.reasons["M"]


def test_a_saaledes_at_result_clause_carries_its_level():
    v = judge_goal("Vi omlægger vagtplanen, således at ventetiden kommer ned på 5 dage")
    assert v.M is True and "5" in v.reasons["M"], v.reasons["M"]
    real = judge_goal(dev("g0449"))
    assert real.S is True and real.M is True, real.reasons


@pytest.mark.parametrize("text", ["Uddannelse af superbrugere i det nye system",  # 'uddanne' is an event verb
                                  dev("g0233"),  # "Tilrettelæggelse og ressourcedisponering af projektet"
                                  dev("g0242")])
def test_an_action_noun_heading_a_verbless_phrase_is_a_deliverable(text):
    v = judge_goal(text)
    assert v.S is True and v.M is True, v.reasons


@pytest.mark.parametrize("text", ["Styring af økonomien", "Mestring af eget liv", "Anvendelse af velfærdsteknologi"])
def test_an_action_noun_of_an_unlisted_verb_alone_is_a_topic(text):
    # alone, such a noun is as often a topic heading as a task: only a coordinated one shares the object
    v = judge_goal(text)
    assert v.S is False and v.M is False, v.reasons


@pytest.mark.parametrize("text", ["Styrkelse af det tværfaglige samarbejde",  # a direction verb's noun
                                  "Hurtig afklaring af sagen",                # led by a vague quality
                                  dev("g0229"), dev("g0175")])
def test_an_action_noun_of_a_direction_or_led_by_a_vague_quality_is_a_heading(text):
    v = judge_goal(text)
    assert v.S is False and v.M is False, v.reasons


@pytest.mark.parametrize("text, phrase", [("Ny hjemmeside i drift", "hjemmeside i drift"),
                                          (dev("g0422"), "forundersøgelse færdig")])
def test_a_milestone_that_says_a_concrete_thing_is_done_is_a_deliverable(text, phrase):
    v = judge_goal(text)
    assert v.S is True and v.M is True and f"'{phrase}'" in v.reasons["M"], v.reasons
    assert judge_goal("Trivslen på plads").M is False  # a topic is not a product


def test_the_head_of_a_compound_deliverable_counts():
    v = judge_goal("Alle nyansatte skal have en introsamtale")
    assert v.M is True, v.reasons["M"]
    real = judge_goal(dev("g0295"))  # "… skal have tilbud om en seniorsamtale"
    assert real.S is True and real.M is True and "'seniorsamtale'" in real.reasons["M"], real.reasons


def test_a_verb_of_ensuring_commits_to_its_content_clause_but_effort_does_not():
    v = judge_goal("Det skal sikres, at alle nyansatte gennemfører introforløbet")
    assert v.S is True and "'sikres'" in v.reasons["S"] and v.M is True, v.reasons
    v = judge_goal("Vi vil sikre, at sygefraværet falder med 10 %")
    assert v.M is True and "10 %" in v.reasons["M"], v.reasons["M"]
    assert judge_goal("Vi vil sikre, at sygefraværet falder").M is False  # the content has no size
    real = judge_goal(dev("g0212"))
    assert real.S is True and "'sikres'" in real.reasons["S"], real.reasons
    assert judge_goal("Inspirere til, at der udarbejdes lokale retningslinjer").S is False
    assert judge_goal(dev("g0288")).S is False
    # the content clause itself must be concrete: "… får den nødvendige støtte" is not
    assert judge_goal(dev("g0434")).S is False


def test_all_with_a_completion_verb_needs_a_concrete_object():
    assert judge_goal("Alle borgere får den nødvendige hjælp").M is False
    assert judge_goal("Alle borgere får en hjemmeplejeplan").M is True
    real = judge_goal(dev("g0434"))  # "… alle børn … får den nødvendige støtte …"
    assert real.M is False, real.reasons["M"]


def test_an_optional_act_is_no_commitment():
    v = judge_goal("Handleplanen skal om muligt udarbejdes sammen med borgeren")
    assert v.M is False and "'om muligt'" in v.reasons["M"], v.reasons["M"]
    real = judge_goal(dev("g0367"))  # "… skal så vidt muligt udarbejdes …"
    assert real.M is False and "'så vidt muligt'" in real.reasons["M"], real.reasons["M"]
    # a hedge after the act hedges something else: "… evalueres i januar, før den eventuelt udbygges"
    assert judge_goal(dev("g0276")).M is True


@pytest.mark.parametrize("text", ["Aftentilbud til unge med angst", dev("g0406")])
def test_an_offer_is_a_deliverable(text):
    v = judge_goal(text)
    assert v.S is True and v.M is True, v.reasons


@pytest.mark.parametrize("text", ["Alle nyansatte har ret til en mentorordning", dev("g0462"), dev("g0405")])
def test_a_right_to_something_concrete_exists_or_not(text):
    v = judge_goal(text)
    assert v.S is True and v.M is True and "ret til" in v.reasons["M"], v.reasons


@pytest.mark.parametrize("text", ["Alle borgere har ret til en god hjemmepleje", "at alle borgere har tilbud om livslang dannelse"])
def test_a_right_to_something_vague_is_a_direction(text):
    v = judge_goal(text)
    assert v.S is False and v.M is False, v.reasons


def test_a_completed_act_after_har_is_an_event_whatever_the_verb():
    v = judge_goal("Planlæggerne har lagt alle ruter ind i systemet")  # 'lægge' is in no word list
    assert v.M is True and "'lagt'" in v.reasons["M"], v.reasons["M"]
    assert judge_goal(dev("g0333")).M is False  # "Vi har sunde borgere": an adjective, not a participle
    assert judge_goal("Indsatsen er præget af samarbejde").M is False  # after 'er' a state, not an act


@pytest.mark.parametrize("text, phrase", [("Rådhuset skal være røgfrit", "rådhuset skal være røgfrit"),
                                          (dev("g0418"), "loggen skal være offentlig tilgængelig")])
def test_a_concrete_thing_in_a_state_it_has_or_has_not(text, phrase):
    v = judge_goal(text)
    assert v.S is True and v.M is True and f"'{phrase}'" in v.reasons["M"], v.reasons


def test_a_modal_going_to_an_event_with_its_verb_left_out():
    assert judge_goal("Alle ledere skal på kursus i konflikthåndtering").M is True
    assert judge_goal("Alle ledere skal på banen").M is False  # no event to go to
    real = judge_goal(dev("g0395"))  # "Alle medarbejdere skal på dokumenteret cybersikkerhedstræning."
    assert real.S is True and real.M is True, real.reasons


def test_a_measurable_noun_that_only_says_where_or_about_what_is_no_measure():
    assert judge_goal("Vi vil styrke samarbejdet på alle niveauer").S is False
    assert judge_goal(dev("g0303")).S is False  # "… skabe muligheder for frivillige indsatser … på alle niveauer"
    # after a change noun it still names the measure: "en positiv udvikling … i den andel, som …"
    assert judge_goal(dev("g0071")).S is True
    assert judge_goal("Der er en stigning i andelen af elever, der cykler til skole").S is True
    assert judge_goal("Der skal være fokus på sygefraværet").S is False


def test_an_effort_towards_a_content_clause_commits_to_nothing():
    v = judge_goal("Afdelingen arbejder for, at sygefraværet falder")
    assert v.S is False and "'arbejder'" in v.reasons["S"], v.reasons["S"]
    real = judge_goal(dev("g0413"))  # "At ministeren arbejder for, at den samlede sagsbehandlingstid … nedbringes"
    assert real.S is False and real.M is False, real.reasons
    assert judge_goal("Sygefraværet i afdelingen falder").S is True  # the content alone is specific


def test_antallet_or_andelen_alone_names_no_measure():
    assert judge_goal("Antallet skal reduceres").S is False
    assert judge_goal("Antallet af klager skal reduceres").S is True
    assert judge_goal(dev("g0130")).S is False  # "… opnå et højere fagligt niveau, når …"
    assert judge_goal(dev("g0437")).S is True  # "… faglige niveau i læsning og matematik skal forbedres"


def test_free_of_something_is_an_explicit_zero():
    v = judge_goal("Arbejdspladsen skal være fri for mobning")
    assert v.S is True and v.M is True, v.reasons


# --- single lexicon words that a verdict rests on (each case fails when its word leaves lexicon.toml) -----


def test_fastholde_gives_only_a_direction():
    real = judge_goal(dev("g0487"))  # "at I kan fastholde seniormedarbejderens arbejdskraft"
    assert real.S is False and "'fastholde' angiver kun en retning" in real.reasons["S"], real.reasons["S"]


def test_oplyse_is_an_event_one_can_check():
    real = judge_goal(dev("g0412"))  # "At ministeren oplyser partsbevillingsstørrelsen … inden 1. april …"
    assert real.S is True and real.M is True, real.reasons


@pytest.mark.parametrize("text, verb", [
    ("Overgangen fra dagtilbud til skole skal lettes for børnene", "lettes"),
    ("Hjemmeplejen skal omstilles til selvstyrende teams", "omstilles"),
])
def test_lette_and_omstille_are_changes_without_a_size(text, verb):
    v = judge_goal(text)
    assert v.M is False and f"'{verb}' siger, at noget skal ændre sig" in v.reasons["M"], v.reasons["M"]


def test_maalsaetning_is_a_topic():
    real = judge_goal(dev("g0131"))  # "Folkeskolen skal understøtte opfyldelsen af 95 pct. målsætningen"
    assert "'målsætningen' er et emne" in real.reasons["S"], real.reasons["S"]


def test_hurtigere_gives_only_a_direction():
    real = judge_goal(dev("g0496"))  # "Målet er, at de ledige kommer hurtigere i arbejde, …"
    assert real.S is False and "'hurtigere'" in real.reasons["S"], real.reasons["S"]


# --- S: a passive acting on a concrete thing (rubric: "vague verbs and no concrete object") ---------------


@pytest.mark.parametrize(
    "text, verb, thing",
    [
        ("Personalehåndbogen skal forbedres", "forbedres", "personalehåndbogen"),
        ("Der skal udvikles en skabelon for introduktion af nyansatte", "udvikles", "skabelon"),
        ("Alarmsystemet i hjemmeplejen skal sikres mod nedbrud", "sikres", "alarmsystemet"),
        (dev("g0048"), "sikres", "beviser"),       # "Digitale beviser skal sikres, f.eks. ved udskrift …"
        (dev("g0414"), "udvikles", "model"),       # "… at der udvikles en model for dokumentation …"
    ],
)
def test_a_passive_direction_verb_acting_on_a_concrete_thing_is_specific(text, verb, thing):
    v = judge_goal(text)
    assert v.S is True, v.reasons["S"]
    assert f"'{verb}'" in v.reasons["S"] and f"'{thing}'" in v.reasons["S"], v.reasons["S"]
    assert all(q.casefold() in text.casefold() for q in quoted(v.reasons["S"]))


def test_a_verb_of_ensuring_passes_on_the_concrete_thing_in_its_clause():
    v = judge_goal(dev("g0420"))  # "Sikre at det overordnede vejnet kan anvendes under oversvømmelser"
    assert v.S is True and "'sikre'" in v.reasons["S"] and "'vejnet'" in v.reasons["S"], v.reasons["S"]
    assert v.M is False  # "kan anvendes" has no threshold


@pytest.mark.parametrize(
    "text",
    [
        "Samarbejdspartnerne skal inddrages",              # people: what changes for them is unsaid
        "Medarbejderne skal støttes og motiveres",
        "Tilliden til ledelsen skal styrkes",              # an abstract noun
        "Bevidstheden om stress skal øges",                # abstract by its ending (-hed)
        "Vi vil sikre et alsidigt udvalg af boliger",      # a thing qualified by a vague quality
        "Handicappolitikken skal flettes ind i hverdagen",  # a figure of speech with a particle
        "Inspirere til, at der udarbejdes lokale retningslinjer",  # an intention wraps the act
        dev("g0001"), dev("g0022"), dev("g0167"), dev("g0288"), dev("g0291"), dev("g0426"), dev("g0466"),
        dev("g0479"), dev("g0401"), dev("g0179"), dev("g0181"),
    ],
)
def test_a_direction_verb_on_people_abstracts_or_vague_things_stays_unspecific(text):
    v = judge_goal(text)
    assert v.S is False, v.reasons["S"]


# --- the lexicon's two-word verb of ensuring ("sikre sig, at …") -----------------------------------------


def test_sikre_sig_is_a_verb_of_ensuring_that_commits_to_its_clause():
    v = judge_goal("Lederen skal sikre sig, at sygefraværet i afdelingen falder med 10 %")
    assert v.S is True and "'sikre sig'" in v.reasons["S"], v.reasons["S"]
    assert v.M is True and "'sikre sig'" in v.reasons["M"] and "10 %" in v.reasons["M"], v.reasons["M"]
    v = judge_goal("Lederen skal sikre sig, at medarbejderne trives")
    assert v.S is False and v.M is False  # the clause it commits to is a feeling


def test_two_word_verbs_of_ensuring_come_from_the_lexicon():
    from forankring_xl.smart.checker import default_lexicon

    lex = default_lexicon().model_copy(deep=True)
    lex.ensure_verbs = lex.ensure_verbs - {"sikre sig"}
    lex._key = None
    v = judge_goal("Lederen skal sikre sig, at sygefraværet i afdelingen falder med 10 %", lexicon=lex)
    assert "'sikre sig'" not in v.reasons["S"]  # without the entry it is read as a reflexive verb


@pytest.mark.parametrize(
    "text",
    [
        "Vi vil styrke hjemmesiden",                 # an active direction verb with an object: an intention
        dev("g0167"),  # "Boligpolitikken skal sikre et alsidigt udvalg af attraktive boliger …"
        dev("g0459"),  # "'Motion og fællesskab på recept' skal derfor udvikle samarbejder mellem foreninger …"
    ],
)
def test_an_active_direction_verb_with_an_object_stays_an_intention(text):
    v = judge_goal(text)
    assert v.S is False, v.reasons["S"]


@pytest.mark.parametrize(
    "text, verb, thing",
    [
        ("Hjemmesiden og pjecerne skal oversættes til engelsk", "oversættes", "hjemmesiden"),
        ("Digitale beviser (fx screendumps) skal sikres", "sikres", "beviser"),    # past an aside
        ("Digitale beviser, som indgår i sagen, skal sikres", "sikres", "beviser"),  # past a relative clause
    ],
)
def test_a_passive_on_a_concrete_thing_names_what_happens_to_it(text, verb, thing):
    v = judge_goal(text)
    assert v.S is True and f"'{verb}'" in v.reasons["S"] and f"'{thing}'" in v.reasons["S"], v.reasons["S"]


@pytest.mark.parametrize("text", ["Borgerne skal have et godt liv med uddannelse, job og fritid",
                                  dev("g0090")])  # "… et godt og sundt liv – med uddannelse, job og et aktivt …"
def test_a_measure_in_a_list_governed_by_a_preposition_is_no_change(text):
    v = judge_goal(text)
    assert v.S is False, v.reasons["S"]
    assert "'job'" not in v.reasons["S"]


@pytest.mark.parametrize("text, unit", [("Hastesager (fx tryksår og udskrivelser) højst 2 dage", "2 dage"),
                                        (dev("g0443"), "1 uge")])  # "Hastesager (ex tryksår, udskrivelser ol.) max 1 uge"
def test_a_parenthesis_is_an_aside_so_a_fragment_stays_a_fragment(text, unit):
    v = judge_goal(text)
    assert v.S is False and f"'{unit}'" in v.reasons["S"], v.reasons["S"]
    assert v.M is True  # the number is still a target value


def test_a_bare_bound_names_nothing_concrete_but_a_reference_does():
    v = judge_goal("Medarbejderne skal som minimum inddrages i planlægningen")
    assert v.S is False, v.reasons["S"]  # 'minimum' bounds no number; people acted on by a direction verb
    v = judge_goal(dev("g0125"))  # "Elevers trivsel ligger over landsgennemsnittet på alle årgange"
    assert v.S is True and "'landsgennemsnittet'" in v.reasons["S"], v.reasons["S"]


@pytest.mark.parametrize("text, value", [("Forløbet kan højst vare tre måneder", "tre"),
                                         (dev("g0394"), "tre")])  # "Programmet kan højst vare tre år, og …"
def test_a_duration_bounded_before_its_verb_is_a_target_value(text, value):
    v = judge_goal(text)
    assert v.S is True and f"'{value}'" in v.reasons["S"], v.reasons["S"]
    assert v.M is True and value in v.reasons["M"], v.reasons["M"]


@pytest.mark.parametrize("text", ["Alle elever skal udnytte deres potentiale",
                                  "Medarbejderne skal have ejerskab til opgaverne",
                                  dev("g0387")])  # "Alle børn skal kunne udleve deres drømme, og de skal have lige …"
def test_the_words_of_slogans_are_no_concrete_object(text):
    v = judge_goal(text)
    assert v.S is False, v.reasons["S"]


@pytest.mark.parametrize("text", ["Sprogfærdighederne hos de tosprogede elever skal forbedres",
                                  "at vores børns sprogfærdigheder forbedres."])  # tests/data/smart_real_dev.jsonl
def test_an_abstract_noun_in_the_plural_is_no_concrete_thing_either(text):
    v = judge_goal(text)
    assert v.S is False, v.reasons["S"]


# --- a concrete act as the main predicate is a deliverable or an event, whatever its verb --------------


@pytest.mark.parametrize(
    "text, act",
    [
        ("Der tilknyttes en fast kontaktperson til hver borger", "tilknyttes"),  # passive, after 'der'
        ("Et nyt plejecenter skal åbnes i Vestbyen", "åbnes"),  # passive with a modal: the subject is acted on
        ("Kommunen vil åbne et nyt plejecenter i Vestbyen", "åbne"),  # modal + infinitive
        ("Ledelse og MED-udvalg aftaler retningslinjer for hjemmearbejde", "aftaler"),  # present tense
        ("Hjemmeplejen indkøber nye elektriske biler til alle distrikter", "indkøber"),
    ],
)
def test_a_concrete_act_is_checkable_whatever_its_verb_tense_voice_or_modal(text, act):
    # none of these verbs is in a word list: the act is done or not done, so it can be checked (rubric M (b))
    v = judge_goal(text)
    assert v.M is True and f"'{act}'" in v.reasons["M"], v.reasons["M"]
    # and it says what is done to what: specific (S), with the same deciding word
    assert v.S is True and f"'{act}'" in v.reasons["S"], v.reasons["S"]
    assert all(w.casefold() in text.casefold() for w in quoted(v.reasons["M"]) + quoted(v.reasons["S"]))


@pytest.mark.parametrize(
    "text",
    [
        "Medarbejderne klædes på",  # a passive with only a particle: nothing made or done to a thing
        dev("g0387"),  # "Alle børn skal kunne udleve deres drømme": an ability, not an act done
        dev("g0130"),  # "Eleverne skal opnå et højere fagligt niveau …": a light verb and a vague quality
        dev("g0258"),  # "Der skal igennem al planlægning tænkes i forbedret trafiksikkerhed": a direction
        dev("g0290"),  # "… har ansvar for at medvirke til at identificere …": an infinitive under a noun
        dev("g0274"),  # "Ingen i Danmark skal rammes af alvorlig ensomhed": nothing outside a preposition
        "Pædagogerne bruger dialogisk læsning i hverdagen",  # a practice, not a deliverable
    ],
)
def test_no_act_without_a_concrete_thing_done_once(text):
    v = judge_goal(text)
    assert v.M is False, v.reasons["M"]


def test_an_optional_act_is_no_commitment():
    v = judge_goal("Der skal om muligt tilknyttes en mentor til hver nyansat")
    assert v.M is False and "'om muligt'" in v.reasons["M"] and "'tilknyttes'" in v.reasons["M"], v.reasons["M"]
    assert judge_goal("Der skal tilknyttes en mentor til hver nyansat").M is True


def test_one_participle_test_for_completed_acts_and_past_times():
    from forankring_xl.smart.checker import _is_participle

    for word in ("udarbejdet", "afholdt", "lagt", "fået", "blevet", "gjort"):
        assert _is_participle(word), word
    for word in ("udarbejdede", "afsluttede", "mindst", "planer", "at"):
        assert not _is_participle(word), word
    # the M rule uses it: 'har fået' is a completed act (the old M test wanted a lemma in -e and missed it)
    v = judge_goal("Borgeren har fået en plejebolig")
    assert v.M is True and "'fået'" in v.reasons["M"], v.reasons["M"]
    # and the time reader uses it: a time between 'er' and a participle is background, not a deadline
    assert judge_goal("Der er i 2015 afsat 2 mio. kr. til projektet").T is False


def test_a_verb_after_a_time_expression_is_still_the_predicate():
    # the time reader takes "1. januar 2014 hvert år" without its "fra": the verb after it is still the modal's
    v = judge_goal(dev("g0172"))  # "Kommunerne skal fra 1. januar 2014 hvert år fastsætte og offentliggøre mål …"
    assert v.M is True and "'fastsætte'" in v.reasons["M"], v.reasons["M"]
    v = judge_goal("Hjemmeplejen skal fra 1. marts 2027 indkøbe nye elektriske biler")
    assert v.M is True and "'indkøbe'" in v.reasons["M"] and "marts" not in v.reasons["M"], v.reasons["M"]


@pytest.mark.parametrize(
    "text",
    [
        "Lejre Kommune skal have skoler med engagerede elever",  # 'have' is the predicate: no act
        "De unges ungdomsuddannelse fører til job eller videreuddannelse",  # a result, not an act
        "Alle børn skal have lige muligheder for at blive udsat for natur",  # an infinitive under a noun
    ],
)
def test_a_light_verb_predicate_is_no_act(text):
    v = judge_goal(text)
    assert v.M is False and "handling" not in v.reasons["M"], v.reasons["M"]


def test_sorge_for_at_commits_to_its_content_clause_like_sikre():
    v = judge_goal("Lederen skal sørge for, at alle nyansatte har gennemført introduktionskurset")
    assert v.M is True and "'sørge for'" in v.reasons["M"], v.reasons["M"]
    assert judge_goal("Lederen skal sørge for, at medarbejderne trives").M is False
    v = judge_goal("Ministeren foranlediger, at der udarbejdes en handleplan for arbejdsmiljøet")
    assert v.M is True and "'udarbejdes'" in v.reasons["M"], v.reasons["M"]


def test_all_with_a_responsibility_is_no_check_but_with_a_course_it_is():
    v = judge_goal("Alle ansatte skal tage ansvar for et godt arbejdsmiljø")  # 'ansvar': nothing to tick off
    assert v.M is False and "'alle ansatte'" in v.reasons["M"], v.reasons["M"]
    assert judge_goal("Alle nyansatte skal tage kurset i førstehjælp").M is True


def test_evt_is_an_adverb_that_makes_the_act_optional():
    # "evt." was read as the modal's infinitive, so the reason named no hedge and no act
    v = judge_goal("Hjemmeplejen skal evt. indkøbe nye elektriske biler")
    assert v.M is False and "'evt'" in v.reasons["M"] and "'indkøbe'" in v.reasons["M"], v.reasons["M"]
    assert judge_goal("Hjemmeplejen skal indkøbe nye elektriske biler").M is True

"""Hypothesis strategies for random plans that still look like what people type."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from forankring_xl.layout import spec as L
from forankring_xl.model import (
    Opfoelgning,
    Phase,
    Plan,
    PlanRow,
    Raw,
    Role,
    Sigtepunkt,
    Status,
    TeamMember,
)
from forankring_xl.text.dates import parse_date_text

# Letters, digits, punctuation, spaces and symbols (emoji included); no control
# characters or surrogates, which an .xlsx cannot hold (the model refuses them).
_chars = st.characters(
    categories=["L", "M", "N", "P", "S", "Zs"],
    include_characters="\n\tæøåÆØÅ",
    exclude_characters="\ufffe\uffff",
)
_tricky = st.sampled_from(
    [
        "007", "=SUM(A1:A3)", "+45 12 34 56 78", "-1", "@navn", "=", "Ærø Kommune", "Søren Ågård",
        "🙂 godt gået", "Linje 1\nLinje 2", "  indrykket", "TRUE", "1-3-2027", "2027-03-01", "#N/A",
        "<b>fed</b>", "&amp;", "_x0041_", "a" * 5000,
    ]
)
#: values that read like the template's own labels ("Godkendt af: Skabelonversion"): still values
_labels = st.sampled_from(sorted(
    {f.label for f in (*L.FRONT_FIELDS, L.UNIT_ID, *L.SIGTEPUNKT_FIELDS, *L.FOLLOWUP_FIELDS)}
    | {L.TEAM_HEADING, L.FOLLOWUP_HEADING} | {c.header for c in (*L.ROW_TABLE.columns, *L.TEAM_TABLE.columns)}
))
text = st.one_of(st.none(), _tricky, _labels, st.text(_chars, min_size=1, max_size=60),
                 st.text(_chars, max_size=3000))

dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
leap_days = st.sampled_from([dt.date(2024, 2, 29), dt.date(2028, 2, 29), dt.date(2000, 2, 29), dt.date(2027, 2, 28)])
raw_dates = st.text(_chars, min_size=1, max_size=40).filter(
    lambda s: s.strip() and parse_date_text(s) is None
).map(lambda s: Raw(raw=s))
date_cell = st.one_of(st.none(), dates, leap_days, raw_dates, st.just(Raw(raw="31. juni 2027")))


def closed(enum):
    return st.one_of(st.none(), st.sampled_from(list(enum)), st.just(Raw(raw="Noget andet")))


rows = st.builds(
    PlanRow,
    formaal=text,
    aktivitet=text,
    ansvarlig=text,
    start=date_cell,
    slut=date_cell,
    delmaal=text,
    delmaal_dato=date_cell,
    maal=text,
    maal_dato=date_cell,
    status=closed(Status),
    sidst_fulgt_op=date_cell,
    bemaerkning=text,
)
# empty rows and continuation rows (formål/mål blank) show up often
row_lists = st.lists(st.one_of(rows, st.just(PlanRow()), st.builds(PlanRow, aktivitet=text, delmaal=text)), max_size=40)

followups = st.builds(
    Opfoelgning,
    hyppighed=text,
    datoer=st.lists(st.one_of(dates, raw_dates), max_size=14),
    form=text,
    informeres=text,
    ansvarlig=text,
    formidling_ansvarlig=text,
)
sigtepunkter = st.builds(Sigtepunkt, titel=text, beskrivelse=text, raekker=row_lists, opfoelgning=followups)
members = st.builds(TeamMember, navn=text, rolle=closed(Role))

plans = st.builds(
    Plan,
    kommune=text,
    enhed=text,
    indsats=text,
    periode_start=date_cell,
    periode_slut=date_cell,
    fase=closed(Phase),
    team=st.lists(members, max_size=20),
    godkendt_af=text,
    godkendt_dato=date_cell,
    skabelon_version=st.sampled_from(["1.0", "0.9"]),
    sigtepunkter=st.lists(sigtepunkter, max_size=5),
)

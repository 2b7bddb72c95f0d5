"""Reminders to owners (``forankring påmind``): overdue and due-soon items grouped by person.

Pure: plans in, people with their items out. The items are the overdue module's (``collect_items``);
this module only decides *who* they belong to and writes the Danish text of each message.

Names. The Ansvarlig cell is split into people with ``text/names.classify_owner`` (so "Mette Sørensen og
Jens Ølgaard" reminds both, and "Ledelsen" reminds nobody but is listed). People are then grouped:
1. the same name after folding case, spacing and dots ("mette  sørensen", "Mette Sørensen") is one person;
2. an initial and a surname ("M. Sørensen", "M Sørensen") joins the one full name with that surname whose
   first name starts with the initial; when two full names fit ("Mette Sørensen", "Morten Sørensen"), or
   none does, it stays on its own, because guessing would send one person's reminder to another;
3. a first name alone is never merged.
Every group keeps the spellings it was built from, so HR can check the grouping.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..layout.locator import Locator
from ..model import Plan
from ..overdue.items import KIND_LABELS, Item, collect_items, next_followup
from ..text.dates import format_date
from ..text.names import OwnerKind, classify_owner
from ..text.numbers import days

NO_OWNER = "(ingen ansvarlig)"


@dataclass
class Source:
    """One plan and where it came from (file name shown to HR)."""

    name: str
    plan: Plan
    locator: Locator


@dataclass
class Reminder:
    """One item for one person, with the plan it belongs to and the sigtepunkt's next follow-up meeting."""

    item: Item
    source: str
    kommune: str | None
    indsats: str | None
    meeting: dt.date | None


@dataclass
class Person:
    name: str  # the spelling shown in the message
    spellings: dict[str, int] = field(default_factory=dict)  # as written → how many items
    reminders: list[Reminder] = field(default_factory=list)

    @property
    def overdue(self) -> list[Reminder]:
        return [r for r in self.reminders if r.item.overdue]

    @property
    def due_soon(self) -> list[Reminder]:
        return [r for r in self.reminders if not r.item.overdue]


@dataclass
class Unassigned:
    """Items whose Ansvarlig names no person (empty, a role or a group): nobody to remind."""

    owner: str
    reminders: list[Reminder] = field(default_factory=list)


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s.]+", name.casefold()) if t]


def _is_initial(token: str) -> bool:
    return len(token) == 1


def group_names(names: list[str]) -> dict[str, str]:
    """Each spelling → the key of its person (see the module docstring for the rules)."""
    folded = {name: " ".join(_tokens(name)) for name in dict.fromkeys(names)}  # each spelling once
    full: dict[str, list[str]] = {}  # key (folded tokens) → spellings
    for name, key in folded.items():
        full.setdefault(key, []).append(name)
    keys = list(full)
    merged: dict[str, str] = {k: k for k in keys}
    complete = [k for k in keys if len(k.split()) >= 2 and not _is_initial(k.split()[0])]
    for key in keys:
        tokens = key.split()
        if len(tokens) < 2 or not _is_initial(tokens[0]):
            continue
        initial, rest = tokens[0], tokens[1:]
        fits = [c for c in complete if c.split()[0].startswith(initial) and c.split()[-len(rest):] == rest]
        if len(fits) == 1:
            merged[key] = fits[0]
    return {name: merged[key] for name, key in folded.items()}


def _display(spellings: dict[str, int]) -> str:
    """The fullest spelling, preferring one written with capitals, then the most used."""
    return max(spellings, key=lambda s: (not _is_initial(_tokens(s)[0]), len(_tokens(s)), s != s.casefold(),
                                        spellings[s], s))


def build_reminders(sources: list[Source], as_of: dt.date, soon: int,
                    group_words: frozenset[str] = frozenset(), lead_words: tuple[str, ...] = ()
                    ) -> tuple[list[Person], list[Unassigned]]:
    """People with their overdue and due-soon items across all plans, and items with nobody to remind."""
    owned: list[tuple[str, Reminder]] = []
    unassigned: dict[str, Unassigned] = {}
    for source in sources:
        plan = source.plan
        nexts = [next_followup(plan, s) for s in range(len(plan.sigtepunkter))]  # each meeting once
        meetings = {}
        for s, (day, _) in enumerate(nexts):
            sheet = source.locator.sheets[s] if s < len(source.locator.sheets) else None
            meetings[sheet] = day
        for item in collect_items([(plan, source.locator)], as_of, soon, next_meeting=lambda _, s: nexts[s]):
            reminder = Reminder(item, source.name, plan.kommune, plan.indsats, meetings.get(item.sheet))
            verdict = classify_owner(item.owner, group_words, lead_words)
            if verdict.kind is OwnerKind.EMPTY or not verdict.people:
                owner = item.owner or NO_OWNER
                unassigned.setdefault(owner, Unassigned(owner)).reminders.append(reminder)
                continue
            for person in verdict.people:
                owned.append((" ".join(person.split()), reminder))
    keys = group_names([name for name, _ in owned])
    people: dict[str, Person] = {}
    for name, reminder in owned:
        person = people.setdefault(keys[name], Person(name))
        person.spellings[name] = person.spellings.get(name, 0) + 1
        person.reminders.append(reminder)
    for person in people.values():
        person.name = _display(person.spellings)
    ordered = sorted(people.values(), key=lambda p: (-len(p.overdue), p.name.casefold()))
    return ordered, sorted(unassigned.values(), key=lambda u: u.owner.casefold())


# what an overdue item should have been by its date: a goal reached, an activity done, a meeting held
_DONE = {"delmål": "nået", "mål": "nået", "aktivitet": "færdig", "opfølgning": "holdt"}


def _line(r: Reminder, as_of: dt.date) -> list[str]:
    i = r.item
    what = f"{KIND_LABELS[i.kind]}: {i.text or ''}".rstrip()
    done = _DONE.get(i.kind, "klar")
    when = (f"skulle være {done} {format_date(i.due)} – {days(i.days_overdue)} over" if i.overdue
            else f"forfalder {format_date(i.due)}" + (" (i dag)" if i.days_left == 0 else f" (om {days(i.days_left)})"))
    where = ", ".join(x for x in (i.plan, r.kommune) if x) or "(ukendt enhed)"
    lines = [f"- {what}", f"  {when}",
             f"  Plan: {where}" + (f" · Indsats: {r.indsats}" if r.indsats else "")
             + (f" · Sigtepunkt: {i.sigtepunkt}" if i.sigtepunkt else ""),
             f"  Hvor: {r.source}" + (f", arket '{i.sheet}', celle {i.cell}" if i.sheet and i.cell else "")]
    if r.meeting is not None:
        late = " (ikke registreret som holdt)" if r.meeting < as_of else ""
        lines.append(f"  Næste opfølgningsmøde: {format_date(r.meeting)}{late}")
    return lines


def message(person: Person, as_of: dt.date, soon: int, sender: str = "HR") -> tuple[str, str]:
    """(subject, body) of the reminder to ``person``, in Danish."""
    n_over, n_soon = len(person.overdue), len(person.due_soon)
    parts = []
    if n_over:
        parts.append(f"{n_over} overskredet" if n_over == 1 else f"{n_over} overskredne")
    if n_soon:
        parts.append(f"{n_soon} forfalder snart")
    subject = f"Påmindelse om forankringsplaner: {' og '.join(parts)}"
    body = [f"Kære {person.name}", "",
            f"Du står som ansvarlig for punkter i forankringsplanerne, som er overskredet eller forfalder "
            f"inden for {days(soon)} (opgjort {format_date(as_of)}).", ""]
    if n_over:
        body += ["Overskredet:", ""]
        for r in person.overdue:
            body += _line(r, as_of) + [""]
    if n_soon:
        body += [f"Forfalder inden for {days(soon)}:", ""]
        for r in person.due_soon:
            body += _line(r, as_of) + [""]
    body += ["Skriv status og dato i planen, når punktet er gjort, eller aftal en ny dato med din leder.", "",
             "Venlig hilsen", sender]
    return subject, "\n".join(body) + "\n"

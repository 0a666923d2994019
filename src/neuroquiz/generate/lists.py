"""Cards of lists and tables: a short-item list under its lead-in, a glossary list's terms,
lists nested in a list's items, and a table row's cells."""

from __future__ import annotations

import re

from neuroquiz.generate.extract import stems
from neuroquiz.generate.phrases import MAX_CLOZE_ITEMS, finite_verb
from neuroquiz.generate.plans import Plan, Trace
from neuroquiz.generate.topic import context_cue, names_topic, topic_name
from neuroquiz.generate.units import LABEL, LAY_DEFINITION
from neuroquiz.generate.words import PRONOUN_STARTS, team_list


def _join_items(items: tuple[str, ...]) -> str:
    return "; ".join(items)


_PURPOSE = re.compile(
    r"\s+to (?:remove|stop|kill|shrink|treat|help|relieve|reduce|control|lower|block|keep)\b"
    r"[^,;]*"
)


def _without_purpose(item: str) -> str:
    """A list item without what its treatment is for: "Surgery (usually transsphenoidal
    surgery) to remove the tumor, with or without radiation therapy" is asked as "Surgery
    (usually transsphenoidal surgery), with or without radiation therapy" (items as long
    clauses were judged too long to recall, seeds 20261214 to 20261216)."""
    return _PURPOSE.sub("", item).strip() or item


_GENERIC_HEADING = re.compile(
    r"(?i)^(?:key points|summary|overview|general information|who|what|how|why|when|where|is|"
    r"are|can|does|do)\b"
)


_DOCTOR_LEAD = re.compile(
    r"(?i)^(?:check|talk) with (?:your|your child'?s) doctor if (?:you|your child) "
    r"(?:has|have) any of the following(?: (?:signs|symptoms|problems))?\s*:?$"
)


def symptom_lead(lead: str, heading: str | None) -> str | None:
    """ "Signs and symptoms include:" for a patient leaflet's "Check with your
    child's doctor if your child has any of the following:" under a symptoms heading (the
    list is the disease's presentation; the lead-in itself is noise), else None."""
    if (
        heading
        and _DOCTOR_LEAD.match(lead.strip())
        and re.search(r"(?i)\b(?:symptoms?|signs?)\b", heading)
    ):
        return "Signs and symptoms include:"
    return None


def plan_list(
    lead: str,
    items: tuple[str, ...],
    title: str,
    heading: str | None,
    position: int,
    trace: Trace,
    *,
    shown_lead: str | None = None,
) -> Plan | None:
    """A basic card of a short-item list under its lead-in: "name all" or "name 3 of N".

    ``shown_lead`` replaces the lead-in on the card (the source keeps ``lead``)."""
    # "A clinical trial of a new treatment" is no option to learn (judged, seed 20261214)
    items = tuple(i.rstrip(" .;") for i in items if i.strip(" .;") and not _TRIAL.match(i))
    problem = list_problem(items)
    if problem:
        trace.verdicts.append(f"list: {problem}")
        return None
    label = LABEL.match(lead)
    if label and LAY_DEFINITION.match(label.group(2)):
        trace.verdicts.append("list: under a lay definition of a test or procedure")
        return None
    stem = (shown_lead or lead).rstrip(" :")
    if not stem or (re.match(r"[A-Za-z]+", stem) and stem.split()[0].lower() in PRONOUN_STARTS):
        stem = heading.rstrip(" ?") if heading else ""
    if len(stem.split()) < 3:
        trace.verdicts.append("list: no lead-in naming what the items are")
        return None
    if (
        heading
        and re.search(r"(?i)\bthe following\b", stem)
        and heading.lower() not in stem.lower()
        and not _GENERIC_HEADING.match(heading)
    ):
        # "Treatment may include the following" under "Treatment of Prolactinomas": the
        # heading says whose treatment it is (a lost subtype was judged misleading)
        stem = f"{heading.rstrip(' ?:')}: {stem}"
    cue = context_cue(title, (), stem + " " + " ".join(items))
    n = len(items)
    ask = "name both" if n == 2 else f"name all {n}" if n <= MAX_CLOZE_ITEMS else f"name 3 of {n}"
    front = f"{cue}{stem} — {ask}."
    trace.verdicts.append(f"list: {n} items kept as one card")
    return Plan(
        "basic",
        f"{lead} {_join_items(items)}".strip(),
        front,
        _join_items(shown_items := tuple(_without_purpose(i) for i in items)),
        (_join_items(shown_items),),
        2.5,
        position,
        ("list",),
    )


_TRIAL = re.compile(r"(?i)\s*(?:a |an |in a |taking part in a )?clinical trials?\b")
LIST_ITEM_WORDS = 15
_LIST_WORDS = 60


_GENERIC_TREATMENT = re.compile(
    r"(?i)^(?:surgery|radiation therapy|radiotherapy|chemotherapy|drug therapy|targeted therapy|"
    r"immunotherapy|observation|watchful waiting|supportive care|medications?)$"
)


def list_problem(items: tuple[str, ...]) -> str | None:
    """Why ``items`` do not make one list card, or None."""
    if len(items) < 2:
        return "fewer than two items"
    generic = sum(1 for i in items if _GENERIC_TREATMENT.match(i.strip()))
    if generic == len(items) or (len(items) > MAX_CLOZE_ITEMS and generic >= 3):
        # "name 3 of 6" answered by "surgery, radiation therapy, chemotherapy" for any cancer
        return "only the treatment kinds any cancer page lists"
    if team_list(items):
        return "the members of a care team"
    if any(len(i.split()) > LIST_ITEM_WORDS for i in items):
        return "items too long for one card"
    if sum(len(i.split()) for i in items) > _LIST_WORDS:
        return "too many words for one card"
    if sum(1 for i in items if LABEL.match(i)) * 2 > len(items):
        return "items are glossary entries, each its own fact"
    return None


def glossary_terms(lead: str, items: tuple[str, ...]) -> tuple[str, ...] | None:
    """The terms of a list whose every item defines one ("Pituitary tumors are divided into
    three groups: - Benign pituitary adenomas: ..."), when the lead-in says what they are
    (not "The following tests may be used:") and they are few enough to recall."""
    if not items or re.match(r"(?i)\s*the following\b", lead):
        return None
    run = []
    for item in items:
        label = LABEL.match(item)
        if not label:
            break
        run.append(label.group(1).strip())
    said = re.search(r"\b(two|three|four|five|six)\b", lead.lower())
    count = ("two", "three", "four", "five", "six").index(said.group(1)) + 2 if said else None
    # a run cut by an item of another kind may be a truncated list, unless the lead-in
    # says how many there are
    if (len(run) < len(items) and count is None) or (count is not None and count != len(run)):
        return None
    terms = tuple(run)
    if not 2 <= len(terms) <= MAX_CLOZE_ITEMS + 2 or any(len(t.split()) > 6 for t in terms):
        return None
    return terms


_NUMBERS = ("two", "three", "four", "five", "six")


def sub_lists(items: tuple[str, ...]) -> list[tuple[int, int]]:
    """(lead, end) index ranges of the lists nested in a list's items: an item ending in
    ":" ("Three standard treatments are used:") and the short fragments after it."""
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(items):
        if items[i].rstrip().endswith(":"):
            j = i + 1
            while (
                j < len(items)
                and len(items[j].split()) <= LIST_ITEM_WORDS
                and not items[j].rstrip().endswith(":")
                and (len(items[j].split()) <= 6 or not finite_verb(items[j]))
            ):
                j += 1
            # a run cut by an item that is neither a new lead-in nor the end may be a
            # truncated list: "name all 2" of a longer list was judged false (issue 9)
            said = re.search(r"(?i)\b(two|three|four|five|six)\b", items[i])
            counted = said is not None and _NUMBERS.index(said.group(1).lower()) + 2 == j - i - 1
            # ... unless the lead-in says how many there are ("Three standard treatments are
            # used: radiation therapy, chemotherapy, steroid therapy")
            whole = j == len(items) or items[j].rstrip().endswith(":") or counted
            if j - i > 2 and whole:
                found.append((i, j))
                i = j
                continue
        i += 1
    return found


def plan_row(
    header: tuple[str, ...],
    row: tuple[str, ...],
    context: str,
    title: str,
    position: int,
    trace: Trace,
) -> list[Plan]:
    """Cards of one table row: its label and a column header ask for the cell."""
    plans: list[Plan] = []
    if len(row) < 2 or not row[0].strip():
        return plans
    label = row[0].strip()
    key = header[0].strip() if header and header[0].strip() else ""
    if key and key.lower() not in label.lower() and len(key.split()) <= 3:
        label = f"{key} {label}"
    where = context.rstrip(" :?") or title
    if context and not names_topic(context, title):
        # "WHO grades (CNS5, 2021): Grade 2 — name?" never said whose grades (seed 20261215)
        where = f"{topic_name(title)}: {where}"
    for j in range(1, len(row)):
        cell = row[j].strip()
        column = header[j].strip() if j < len(header) else ""
        if not cell or cell in "-–—" or len(cell.split()) > 14:
            continue
        if stems(cell) and stems(cell) <= stems(label + " " + where):
            continue
        ask = f" — {column.lower()}?" if column and len(row) > 2 else "?"
        front = f"{where}: {label}{ask}"
        source = " | ".join(row)
        plans.append(Plan("basic", source, front, cell, (cell,), 3.0, position, ("table-row",)))
    trace.verdicts.append(f"table row: {len(plans)} card(s)")
    return plans

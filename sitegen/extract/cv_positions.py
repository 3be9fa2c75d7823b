"""Positions and education entries: who, where, what, when.

An entry's head is cut into styled comma parts (`**Org**, *Unit*, City, Country` or
`**Role**, *Unit, Org*`); bold and italic say which part is which when words alone
cannot. Rules follow how CVs are written: an organisation is named before its city and
after its team; a role is named with a role word (engineer, intern, fellow, ...).
"""
from __future__ import annotations

import re

from sitegen.extract.cv_blocks import Entry
from sitegen.extract.cv_heads import ROLE_WORDS, apply_single_date, detail_texts, read_head
from sitegen.extract.cv_text import Part, comma_parts, plain
from sitegen.model import Education, Origin, Position

UNIT_WORDS = re.compile(r"\b(?:team|group|lab|laboratory|division|department|dept|centre|center|unit|"
                        r"org|organization|program|programme|track|squad)\b", re.I)
INSTITUTION_WORDS = re.compile(r"\b(?:university|universit\w+|institute|institut|college|school|academy|"
                               r"polytechnic|iit|iiit|nit|iisc|eth|epfl|mit|caltech|ucla|ucsd|cmu|uw|kaist|tu|ucl|lmu|kth|"
                               r"gymnasium|lyceum|conservatory|seminary|universidad|università|hochschule)\b", re.I)
COUNTRIES = {
    "usa", "us", "u.s.a", "united states", "uk", "u.k", "united kingdom", "england", "scotland", "india", "china",
    "japan", "korea", "south korea", "germany", "france", "canada", "australia", "singapore", "switzerland",
    "netherlands", "italy", "spain", "israel", "sweden", "norway", "denmark", "finland", "austria", "belgium",
    "brazil", "mexico", "taiwan", "hong kong", "ireland", "portugal", "poland", "russia", "uae", "new zealand",
    "remote", "online",
}
US_STATES = set("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
                "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split())
DEGREE_RE = re.compile(
    r"(?<![\w.])(?:Ph\.?\s?D\.?|D\.?\s?Phil\.?|Doctor(?:ate)? of [A-Z]\w+(?: [A-Z]\w+)?|M\.?\s?Tech\.?|B\.?\s?Tech\.?"
    r"|M\.?\s?Sc\.?|B\.?\s?Sc\.?|M\.?\s?Phil\.?|M\.?\s?Eng\.?|B\.?\s?Eng\.?|MBA|M\.\s?S\.|B\.\s?S\.|MS|BS|M\.\s?A\.|B\.\s?A\.|BA|MA"
    r"|M\.?\s?P\.?\s?H\.?|M\.?\s?P\.?\s?[AP]\.|MP[AP]|M\.?\s?Res\.?|M\.?\s?F\.?\s?A\.?|M\.\s?D\.|MD|J\.\s?D\.|JD|LL\.?\s?[BM]\.?"
    r"|Ed\.?\s?D\.?|Dr\.?\s?P\.?\s?H\.?|D\.?\s?Sc\.?|Psy\.?\s?D\.?"
    r"|B\.\s?E\.|M\.\s?E\.|BE|ME|Dual Degree|Integrated M\.?\s?Sc\.?|Bachelor(?:'s|s)?(?: of [A-Z]\w+(?: and [A-Z]\w+)?)?"
    r"|Master(?:'s|s)?(?: of [A-Z]\w+(?: and [A-Z]\w+)?)?|Class (?:XII|XI|X|12|10)(?:th)?|High School(?: Diploma)?"
    r"|Higher Secondary(?: Certificate)?|Secondary School(?: Certificate)?|A-Levels?|Abitur|Diploma|Associate(?:'s)? Degree)"
    r"(?:\s*\((?:Hons?\.?|Honou?rs)\))?(?![\w])")
GRADE_RE = re.compile(r"\(?\s*(?:C?GPA|CPI|SGPA|Grade|Percentage|Score|Marks)\s*[:\-]?\s*[\d.]+\s*%?(?:\s*/\s*[\d.]+%?)?\s*\)?"
                      r"|\(?\s*[\d.]+\s*%\s*\)?$|\b(?:summa|magna)?\s*cum laude\b|\bfirst class(?: honou?rs)?\b|\bdistinction\b", re.I)
AWARD_WORDS = re.compile(r"\b(?:secured|ranked?|awarded|won|winner|scholarship|fellowship|medal|prize|award|topped|"
                         r"qualified|percentile|dean'?s list|honou?r roll|olympiad)\b", re.I)


def is_location(text: str) -> bool:
    """A country, a US state code, or `City, ST` style text."""
    cleaned = text.strip(" .").lower()
    return cleaned in COUNTRIES or text.strip(" .") in US_STATES


def is_role(text: str) -> bool:
    return bool(ROLE_WORDS.search(text)) and not INSTITUTION_WORDS.search(text) and len(text.split()) <= 8


# --- positions ---------------------------------------------------------------

def read_position(entry: Entry, path: str) -> Position | None:
    """A job, internship or fellowship; None when no organisation can be told."""
    head = read_head(entry)
    parts = [p for p in comma_parts(head.text) if not _is_advisor_clause(p.text)]
    extra_details = [p.text for p in comma_parts(head.text) if _is_advisor_clause(p.text)]
    if head.meta:
        parts += [p for p in comma_parts(head.meta) if not is_location(p.text)]
    role, organization, unit, location = _split_position_parts(parts)
    rest = head.rest
    if rest and not rest[0].bulleted and _is_role_line(rest[0].body) and role is None:
        role = plain(rest[0].body).strip(" .")
        rest = rest[1:]
    if organization is None and role and rest and _is_organization_line(rest[0].body):
        # `Role` then `University of Warwick, Coventry` / `UNIVERSITY OF WARSAW – WARSAW, POLAND`
        organization = comma_parts(re.sub(r"\s+[–—]\s+", ", ", rest[0].body))[0].text
        rest = rest[1:]
    if organization is None:
        if not role:
            return None
        organization, role = role, None
    start, end = apply_single_date(head)
    return Position(organization, role, unit, start, end, location,
                    extra_details + detail_texts(rest), Origin(path, entry.first_line, entry.last_line))


def _is_advisor_clause(text: str) -> bool:
    return bool(re.match(r"^(?:with|under|advis(?:or|er)s?|supervis(?:or|ed by)|mentors?|hosts?)\b", text, re.I))


def _is_organization_line(body: str) -> bool:
    """A short line under a role naming where: `Max Planck Institute, Plön, Germany`, not a sentence."""
    text = plain(body).strip()
    first = comma_parts(body)[0].text if comma_parts(body) else ""
    return (0 < len(first.split()) <= 8 and first[:1].isupper() and not text.endswith(".") and ":" not in text
            and not is_role(first) and not re.search(r"\b(?:and|with|of the|for the)\b.*\b(?:and|with)\b", first))


def _is_role_line(body: str) -> bool:
    """A short line under a position head naming the role: `Research Fellow`, `*ML Research Engineer Intern*`."""
    text = plain(body).strip(" .")
    italic_only = bool(re.fullmatch(r"\s*[*_][^*_]+[*_]\s*\.?", body))
    return bool(text) and len(text.split()) <= 7 and (italic_only or is_role(text)) and ":" not in text


def _split_position_parts(parts: list[Part]) -> tuple[str | None, str | None, str | None, str | None]:
    """(role, organization, unit, location) from the styled comma parts of a position head."""
    locations = _trailing_locations(parts)
    body = parts[: len(parts) - len(locations)]
    role_index = next((i for i, p in enumerate(body) if is_role(p.text)), None)
    bold = next((i for i, p in enumerate(body) if p.style == "bold"), None)
    if bold is not None and bold != role_index:
        organization_index = bold  # `**Org**, *Unit*` or `*Role*, **Org**`
    else:
        others = [i for i in range(len(body)) if i != role_index]
        if not others:
            return (body[role_index].text if role_index is not None else None), None, None, \
                _join([p.text for p in locations])
        # `Role, Unit, Org`: the organisation comes last; `Org, Unit`: first. A part naming a
        # team or department is a unit, whatever its place.
        named = [i for i in others if not UNIT_WORDS.search(body[i].text)] or others
        organization_index = named[-1] if role_index is not None and role_index < named[0] else named[0]
        institutions = [i for i in named if INSTITUTION_WORDS.search(body[i].text)]
        if institutions and organization_index not in institutions and len(body[organization_index].text.split()) <= 2:
            organization_index = institutions[-1]  # `Fellow, Niels Bohr Institute, Copenhagen`: the city is no organisation
        elif _city_after_organization(body, named, organization_index):
            organization_index = named[-2]  # `Assistant, Norwegian Geological Survey (NGU), Trondheim`
    role = body[role_index].text if role_index is not None else None
    organization = body[organization_index].text
    units, places = [], []
    for index, part in enumerate(body):
        if index in (role_index, organization_index):
            continue
        after_org = index > organization_index and part.style == "plain"
        if after_org and not UNIT_WORDS.search(part.text) and len(part.text.split()) <= 2:
            places.append(part.text)  # `**Org**, Noida`: a short plain part after the organisation
        else:
            units.append(part.text)
    return role, organization, _join(units), _join(places + [p.text for p in locations])


def _city_after_organization(body: list[Part], named: list[int], organization_index: int) -> bool:
    """The last part is one word after a proper name of several words: a city after its organisation."""
    if len(named) < 2 or organization_index != named[-1] or len(body[organization_index].text.split()) != 1:
        return False
    words = body[named[-2]].text.split()
    return len(words) >= 2 and all(w[:1].isupper() or w[:1] == "(" or w.lower() in ("of", "for", "and", "&")
                                   for w in words)


def _trailing_locations(parts: list[Part]) -> list[Part]:
    """`..., Hyderabad, India`: the place parts at the end (a country or state and the city before it)."""
    if len(parts) < 2 or not is_location(parts[-1].text):
        return []
    count = 1
    city = parts[-2].text if len(parts) > 2 else ""
    if city and parts[-2].style == "plain" and len(city.split()) <= 3 and not UNIT_WORDS.search(city) \
            and not INSTITUTION_WORDS.search(city):
        count = 2
    return parts[-count:]


def _join(texts: list[str]) -> str | None:
    return ", ".join(texts) or None


# --- education ---------------------------------------------------------------

def read_education(entry: Entry, path: str) -> Education | None:
    """A degree; None when the entry names neither a degree nor an institution (an award, say)."""
    head = read_head(entry)
    lines = [head.text] + ([head.meta] if head.meta else [])
    rest = list(head.rest)
    if not DEGREE_RE.search(plain(head.text)) and rest and DEGREE_RE.search(plain(rest[0].body)) and not rest[0].bulleted:
        lines.append(rest.pop(0).body)  # `**School**, City` then `Degree in Field – CGPA` on the next line
    elif _names_degree_only(head.text) and rest and not rest[0].bulleted and INSTITUTION_WORDS.search(rest[0].body):
        lines.append(rest.pop(0).body)  # `**PhD in Biology**` then `University of Edinburgh, Edinburgh, UK`
    degree, field, institution, grade, location = _split_education(lines)
    if institution is None:
        return None
    start, end = head.start, head.end
    if head.single_date:
        start, end = None, head.start  # a single year on a degree is when it was completed
    return Education(institution, degree, field, start, end, location, grade, detail_texts(rest),
                     Origin(path, entry.first_line, entry.last_line))


def _names_degree_only(text: str) -> bool:
    return bool(find_degree(plain(text))) and not INSTITUTION_WORDS.search(plain(text))


def find_degree(text: str) -> re.Match | None:
    """The degree a text names; a line in capitals (`DOCTOR OF PHILOSOPHY IN CHEMISTRY`, Europass) is
    read in title case, and the match keeps the text's own spelling (same span)."""
    if text.isupper() and len(re.findall(r"[A-Z]{4,}", text)) >= 2:
        titled = re.sub(r"\b(Of|In|And)\b", lambda m: m[1].lower(), text.title())
        m = DEGREE_RE.search(titled)
        return DEGREE_RE.search(text) or (re.compile(re.escape(m[0]), re.I).search(text) if m else None)
    return DEGREE_RE.search(text)


def _split_education(lines: list[str]) -> tuple:
    degree = field = institution = grade = location = None
    for line in lines:
        text = plain(line)
        grade_match = GRADE_RE.search(text)
        if grade_match and grade is None:
            grade = grade_match.group(0).strip(" ()")
        text = GRADE_RE.sub("", text).strip(" .,;–—-")
        # The grade stands between fields: cut there, never join the words around it.
        parts = comma_parts(re.sub(r"\s+[–—]\s+", ", ", GRADE_RE.sub(", ", line)))
        degree_match = find_degree(text)
        if degree_match and degree is None:
            degree = degree_match.group(0).strip()
            field = field or _field_after(text, degree_match)
        bold = next((p.text for p in parts if p.style == "bold" and not DEGREE_RE.match(p.text)), None)
        for index, part in enumerate(parts):
            if institution is None and (part.text == bold or (bold is None and INSTITUTION_WORDS.search(part.text))):
                institution = part.text
                location = _join([p.text for p in parts[index + 1:] if len(p.text.split()) <= 3]) or location
        if institution is None and degree and len(parts) >= 2 and not DEGREE_RE.search(parts[-1].text):
            institution = parts[-1].text  # `Ph.D., Computer Sciences, UW-Madison`: the school comes last
    return degree, field, institution, grade, location


def _field_after(text: str, degree_match: re.Match) -> str | None:
    """`B.Tech in Computer Science` / `Ph.D., Computer Sciences (Minor in Mathematics), UW` -> the field."""
    after = text[degree_match.end():]
    after = re.sub(r"^\s*\([^)]*\)", "", after)  # `(Bachelors)`: a gloss on the degree
    m = re.match(r"^\s*(?:in|of)\s+([^,–—(]+)|^\s*,\s*([^,–—(]+)", after, re.I)
    if not m:
        return None
    candidate = (m[1] or m[2]).strip(" .")
    if INSTITUTION_WORDS.search(candidate) or not candidate:
        return None
    return candidate


def looks_like_award(entry: Entry) -> bool:
    """An entry under an education heading that is an achievement (`Secured All India Rank 921 ...`)."""
    text = plain(entry.head.body)
    return bool(AWARD_WORDS.search(text)) and not DEGREE_RE.search(text)

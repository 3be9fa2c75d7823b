"""`sitegen check`: what was understood, merged and resolved, per member, and every warning.

The report is data (`check_report`), printed as text or JSON by the CLI, so a
person can read why the site looks as it does and CI can fail on warnings.
Every merge says why (same DOI, same title and a shared author, …), every
spelling resolved to a person other than by its full name says why, and every
topic of every publication says why.
"""
from __future__ import annotations

from sitegen.model import SECTIONS, Diagnostic, Member, Publication, Site, SitePublication


def check_report(site: Site, diagnostics: list[Diagnostic]) -> dict:
    """Per member: sources, section counts, merged publications, resolved people, topics, warnings."""
    return {
        "title": site.title,
        "members": [_member_report(site, member, diagnostics) for member in site.members],
        "publications": [_publication_report(site, pub) for pub in site.publications.values()],
        "people_resolved": [_person_report(person) for person in site.people.values()
                            if len(person.variants) > 1 or person.member_slug or person.resolved_because],
        "topics": [{"topic": topic.name, "slug": topic.slug, "publications": len(topic.publication_slugs),
                    "members": list(topic.member_slugs), "related": list(topic.related),
                    "reasons": _reason_counts(site, topic.slug)} for topic in site.topics.values()],
        "warnings": [_warning(d) for d in diagnostics],
    }


def _member_report(site: Site, member: Member, diagnostics: list[Diagnostic]) -> dict:
    profile = member.profile
    paths = {s.path for s in profile.sources}
    merged, people = [], {}
    for slug in member.publication_slugs:
        pub = site.publications[slug]
        others = [s for s in pub.listed_by if s != member.slug]
        if others or len(pub.sources) > 1 or pub.versions:
            merged.append({"publication": slug, "title": pub.record.title, "also_listed_by": others,
                           "records": len(pub.sources), "because": list(pub.merged_because),
                           "versions": [_version_label(v) for v in pub.versions]})
        for author in pub.authors:
            person = site.people.get(author.person_key) if author.person_key else None
            if person and (len(person.variants) > 1 or person.resolved_because) and person.key not in people:
                people[person.key] = _person_report(person)
    return {
        "slug": member.slug,
        "name": profile.name,
        "sources": [{"path": s.path, "format": s.format} for s in profile.sources],
        "counts": {section: len(getattr(profile, section)) for section in SECTIONS if getattr(profile, section)},
        "merged_publications": merged,
        "people_resolved": list(people.values()),
        "topics": [{"topic": site.topics[slug].name, "slug": slug, "publications": _count_in(site, member, slug),
                    "listed_in_interests": slug in member.interest_topic_slugs} for slug in member.topic_slugs],
        "warnings": [_warning(d) for d in diagnostics if d.path in paths],
    }


def _publication_report(site: Site, pub: SitePublication) -> dict:
    return {
        "slug": pub.slug,
        "title": pub.record.title,
        "listed_by": list(pub.listed_by),
        "records": [f"{o.path}:{o.line}" if o.line else o.path for o in pub.sources],
        "merged_because": list(pub.merged_because),
        "versions": [_version_label(pub.record)] + [_version_label(v) for v in pub.versions] if pub.versions else [],
        "authors": [{"name": a.name, "person": site.people[a.person_key].name if a.person_key else None,
                     "member": site.people[a.person_key].member_slug if a.person_key else None}
                    for a in pub.authors],
        "topics": [{"topic": site.topics[ref.slug].name, "reasons": [r.detail for r in ref.reasons]}
                   for ref in pub.topics],
    }


def _person_report(person) -> dict:
    return {"person": person.name, "key": person.key, "member": person.member_slug,
            "variants": list(person.variants), "because": dict(person.resolved_because)}


def _version_label(record: Publication) -> str:
    where = " ".join(str(x) for x in (record.venue or "unpublished", record.year) if x)
    return f"{where}: {record.title}"


def _warning(d: Diagnostic) -> dict:
    return {"path": d.path, "line": d.line, "level": d.level, "message": d.message, "hint": d.hint}


def _count_in(site: Site, member, topic_slug: str) -> int:
    return sum(1 for slug in member.publication_slugs
               if any(ref.slug == topic_slug for ref in site.publications[slug].topics))


def _reason_counts(site: Site, topic_slug: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for slug in site.topics[topic_slug].publication_slugs:
        for ref in site.publications[slug].topics:
            if ref.slug == topic_slug:
                for reason in ref.reasons:
                    counts[reason.field] = counts.get(reason.field, 0) + 1
    return dict(sorted(counts.items()))


def format_report(report: dict) -> str:
    """The report as text for a terminal."""
    lines = [f"{report['title']}: {len(report['members'])} members, {len(report['publications'])} publications"]
    for member in report["members"]:
        lines += ["", f"{member['name']}  (/people/{member['slug']}/)"]
        for source in member["sources"]:
            lines.append(f"  read {source['path']} as {source['format']}")
        lines.append("  " + ", ".join(f"{n} {section}" for section, n in member["counts"].items()))
        for merge in member["merged_publications"]:
            who = ", ".join(merge["also_listed_by"]) or "another of their own sources"
            lines.append(f"  merged: “{merge['title']}” ({merge['records']} records; also listed by {who})")
            for why in merge["because"]:
                lines.append(f"    because: {why}")
            if merge["versions"]:
                lines.append("    other versions: " + "; ".join(merge["versions"]))
        for person in member["people_resolved"]:
            lines.append(f"  resolved: {' / '.join(person['variants'])} → {person['person']}"
                         + (f" (member {person['member']})" if person["member"] else ""))
            for spelling, why in person["because"].items():
                lines.append(f"    {spelling}: {why}")
        if member["topics"]:
            lines.append("  topics: " + ", ".join(
                f"{t['topic']} ({t['publications']}{', listed in interests' if t['listed_in_interests'] else ''})"
                for t in member["topics"]))
        if member["warnings"]:
            lines.append(f"  {len(member['warnings'])} warning(s) about their sources")
    resolved = [p for p in report["people_resolved"] if len(p["variants"]) > 1]
    if resolved:
        lines += ["", "people written more than one way:"]
        for person in resolved:
            lines.append(f"  {person['person']}: " + " / ".join(person["variants"]))
    lines += ["", "topics:"]
    for topic in report["topics"]:
        why = ", ".join(f"{n} by {field}" for field, n in topic["reasons"].items()) or "stated interest"
        lines.append(f"  {topic['topic']}: {topic['publications']} publication(s) ({why})")
    lines += ["", "why each publication has its topics:"]
    for pub in report["publications"]:
        if pub["topics"]:
            lines.append(f"  {pub['title']}")
            for topic in pub["topics"]:
                lines.append(f"    {topic['topic']}: {'; '.join(topic['reasons'])}")
    lines += ["", f"{len(report['warnings'])} warning(s)"]
    return "\n".join(lines)

"""`sitegen check`: what was understood, merged and resolved, per member, and every warning.

The report is data (`check_report`), printed as text or JSON by the CLI, so a
person can read why the site looks as it does and CI can fail on warnings.
"""
from __future__ import annotations

from sitegen.model import SECTIONS, Diagnostic, Site


def check_report(site: Site, diagnostics: list[Diagnostic]) -> dict:
    """Per member: sources, section counts, merged publications, resolved people, topics."""
    members = []
    for member in site.members:
        profile = member.profile
        merged = []
        for slug in member.publication_slugs:
            pub = site.publications[slug]
            others = [s for s in pub.listed_by if s != member.slug]
            if others or len(pub.sources) > 1:
                merged.append({"publication": slug, "title": pub.record.title, "also_listed_by": others,
                               "records": len(pub.sources)})
        members.append({
            "slug": member.slug,
            "name": profile.name,
            "sources": [{"path": s.path, "format": s.format} for s in profile.sources],
            "counts": {section: len(getattr(profile, section)) for section in SECTIONS if getattr(profile, section)},
            "merged_publications": merged,
            "topics": [{"topic": site.topics[slug].name, "publications": _count_in(site, member, slug)}
                       for slug in member.topic_slugs],
        })
    people = [{"person": person.name, "member": person.member_slug, "variants": person.variants}
              for person in site.people.values() if len(person.variants) > 1 or person.member_slug]
    topics = [{"topic": topic.name, "publications": len(topic.publication_slugs),
               "reasons": _reason_counts(site, topic.slug)} for topic in site.topics.values()]
    return {
        "title": site.title,
        "members": members,
        "people_resolved": people,
        "topics": topics,
        "warnings": [{"path": d.path, "line": d.line, "level": d.level, "message": d.message, "hint": d.hint}
                     for d in diagnostics],
    }


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
    lines = [f"{report['title']}: {len(report['members'])} members"]
    for member in report["members"]:
        lines.append("")
        lines.append(f"{member['name']}  (/people/{member['slug']}/)")
        for source in member["sources"]:
            lines.append(f"  read {source['path']} as {source['format']}")
        lines.append("  " + ", ".join(f"{n} {section}" for section, n in member["counts"].items()))
        for merge in member["merged_publications"]:
            who = ", ".join(merge["also_listed_by"]) or "another source of theirs"
            lines.append(f"  merged: “{merge['title']}” also listed by {who}")
        if member["topics"]:
            lines.append("  topics: " + ", ".join(f"{t['topic']} ({t['publications']})" for t in member["topics"]))
    resolved = [p for p in report["people_resolved"] if len(p["variants"]) > 1]
    if resolved:
        lines.append("")
        lines.append("people written more than one way:")
        for person in resolved:
            lines.append(f"  {person['person']}: " + " / ".join(person["variants"]))
    lines.append("")
    lines.append("topics:")
    for topic in report["topics"]:
        why = ", ".join(f"{n} by {field}" for field, n in topic["reasons"].items()) or "stated interest"
        lines.append(f"  {topic['topic']}: {topic['publications']} publication(s) ({why})")
    lines.append("")
    lines.append(f"{len(report['warnings'])} warning(s)")
    return "\n".join(lines)

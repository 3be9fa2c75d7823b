"""What `sitegen serve` keeps in memory from one rebuild to the next, so a save costs what it changed.

A rebuild reads site.yaml again only when its bytes changed, merges again only the profiles
of researchers whose entry or source bytes changed (the others are the very same Profile objects), and
patches the linked graph when one profile changed (relink.py) instead of linking every profile again. Each
step gives what the full step gives; what it cannot tell, it does in full.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Optional

from sitegen import cache
from sitegen.config import CONFIG_NAME, ResearcherConfig, SiteConfig, load_config
from sitegen.graph import LinkTrace, build_site_graph
from sitegen.model import Diagnostic, Profile, Site
from sitegen.profiles import Extractor, build_profile
from sitegen.link_state import LinkState, link_state
from sitegen.relink import relink


@dataclass
class KeptInputs:
    """The config, profiles and graph of the last rebuild, and what they were made from."""

    config: Optional[SiteConfig] = None
    config_digest: str = ""  # of site.yaml's bytes
    profiles: dict[tuple, tuple[Optional[Profile], list[Diagnostic]]] = field(default_factory=dict)
    profiles_theme: str = ""  # the theme digest they were merged under (it covers fetched ORCID records)
    graph: Optional[LinkState] = None
    relinked: bool = False  # whether the last graph was patched (for tests and the benchmark)

    def config_for(self, site_dir: Path) -> SiteConfig:
        """site.yaml as the last rebuild read it when its bytes are the same and every source it names is still
        there, else read again (raising ConfigError as load_config does)."""
        digest = cache.file_digest(site_dir / CONFIG_NAME)
        config = self.config
        if config is None or digest != self.config_digest \
                or not all(path.is_file() for researcher in config.researchers for path in researcher.sources):
            config = load_config(site_dir)
            self.config, self.config_digest, self.graph = config, digest, None
        return config

    def profiles_for(self, config: SiteConfig, digests: dict[Path, str], theme: str,
                     extractor: Callable[[SiteConfig], Extractor]) -> tuple[list[Profile], list[Diagnostic]]:
        """Every researcher's profile, as profiles.build_profiles gives them; a researcher whose entry and
        sources' bytes are unchanged keeps the last rebuild's Profile object. `extractor(config)` reads the
        sources of the researchers in `config` (the others')."""
        if theme != self.profiles_theme:
            self.profiles, self.profiles_theme = {}, theme
        keys = [_researcher_key(researcher, digests) for researcher in config.researchers]
        missing = [researcher for researcher, key in zip(config.researchers, keys) if key not in self.profiles]
        extract = extractor(replace(config, researchers=missing)) if missing else None
        profiles, diagnostics, now = [], [], {}
        for researcher, key in zip(config.researchers, keys):
            profile, problems = now[key] = self.profiles.get(key) or build_profile(researcher, config, extract)
            diagnostics.extend(problems)
            if profile is not None:
                profiles.append(profile)
        self.profiles = now
        return profiles, diagnostics

    def graph_for(self, config: SiteConfig, profiles: list[Profile]) -> Site:
        """The linked Site: the last one patched when it can be (relink.py), else linked in full."""
        site = relink(self.graph, config, profiles) if self.graph is not None else None
        self.relinked = site is not None
        if site is None:
            trace = LinkTrace()
            site = build_site_graph(config, profiles, trace=trace)
            self.graph = link_state(config, profiles, site, trace)
        return site


def _researcher_key(researcher: ResearcherConfig, digests: dict[Path, str]) -> tuple:
    return repr(researcher), tuple(digests.get(path) or cache.file_digest(path) for path in researcher.sources)

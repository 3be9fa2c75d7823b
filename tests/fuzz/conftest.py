"""Hypothesis profiles for the fuzz tests: a few hundred examples in `make test`, 10,000+ in `make fuzz`.

`make fuzz` sets SITEGEN_FUZZ=1, which selects the "fuzz" profile (SITEGEN_FUZZ_EXAMPLES overrides how
many examples each test runs).
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("sitegen-ci", max_examples=12, deadline=None, suppress_health_check=_SLOW_OK,
                          database=None, derandomize=True)
settings.register_profile("sitegen-fuzz", max_examples=int(os.environ.get("SITEGEN_FUZZ_EXAMPLES", "600")),
                          deadline=None, suppress_health_check=_SLOW_OK, print_blob=True)
settings.load_profile("sitegen-fuzz" if os.environ.get("SITEGEN_FUZZ") else "sitegen-ci")

"""What bounded each saved question that took over a second at five million triples, found by reading
its plan against the merged graph (curated + synthetic). Printed by the benchmark beside the figures."""

from __future__ import annotations

BOUNDED_BY: dict[str, str] = {}

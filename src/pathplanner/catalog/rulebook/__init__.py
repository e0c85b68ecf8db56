"""The rule book: the YAML rule language, compiled and checked against the catalog.

Policy staff write rules in ``rules/**/*.yaml`` (see ``docs/rules.md``).
:func:`load_rulebook` reads them, parses every condition with the grammar of
:mod:`~pathplanner.catalog.rulebook.expressions`, type-checks it against the catalog's profile
fields, and looks for contradictions (:mod:`~pathplanner.catalog.rulebook.contradictions`). The
result, a :class:`RuleBook`, is part of the loaded catalog; running it for a project is
:mod:`pathplanner.rules`' job.
"""

from pathplanner.catalog.rulebook.book import CompiledRule, RuleBook
from pathplanner.catalog.rulebook.loader import load_rulebook

__all__ = ["CompiledRule", "RuleBook", "load_rulebook"]

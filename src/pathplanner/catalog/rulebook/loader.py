"""Reading ``rules/**/*.yaml``: every rule validated, parsed, type-checked and located.

:func:`load_rulebook` never raises on user input; it returns the rule book and every
problem found, each naming ``file:line:col``, the rule by id and a hint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from pathplanner._input.files import yaml_files
from pathplanner._input.limits import MAX_RULES, too_many
from pathplanner._input.suggest import did_you_mean, quote_all
from pathplanner._input.validation import unexpected_file, validate_model
from pathplanner._input.yaml import MarkedDict, MarkedList, locate, parse_yaml, read_text
from pathplanner.catalog.model import FieldType
from pathplanner.catalog.rulebook.book import CompiledRule, RuleBook
from pathplanner.catalog.rulebook.expressions import (
    Expr,
    ExprError,
    TypeInfo,
    names,
    parse,
    typecheck,
)
from pathplanner.catalog.rulebook.materials import (
    MaterialCondition,
    material_conditions,
    material_rule,
)
from pathplanner.catalog.rulebook.model import (
    CONCLUSION_KINDS,
    AddDependency,
    AlternativesConclusion,
    DeriveConclusion,
    EnableMode,
    ExcludeConclusion,
    FactDecl,
    ObligationConclusion,
    ParallelGroupConclusion,
    RemoveDependency,
    RequireConclusion,
    Rule,
    SetTimeLimit,
)
from pathplanner.catalog.rulebook.proven import domain_problems
from pathplanner.errors import Location, Problem

if TYPE_CHECKING:
    from pathplanner.catalog import Catalog

__all__ = ["condition_problems", "load_rulebook", "rule_files"]


class _TopLevel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    facts: list[Any] = []
    rules: list[Any] = []


@dataclass
class _Parsed:
    rule: Rule
    expr: Expr
    file: str
    data: MarkedDict
    location: Location


def _listed(rules_dir: Path) -> tuple[list[Path], list[Problem]]:
    tests = f"{rules_dir.name}/tests"
    return yaml_files(rules_dir.parent, rules_dir.name, skip=frozenset({tests}))


def rule_files(rules_dir: Path) -> list[Path]:
    """Rule files under ``rules_dir`` in path order, without ``rules/tests/`` (entries that
    cannot be read are left out here and reported by :func:`load_rulebook`)."""
    return _listed(rules_dir)[0]


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def field_types(catalog: Catalog) -> dict[str, TypeInfo]:
    """Profile field id → type, from the catalog's declared fields."""
    return {
        fid: TypeInfo(spec.type.value, tuple(v.value for v in spec.values))
        for fid, spec in catalog.fields.items()
    }


def load_rulebook(
    rules_dir: Path,
    catalog: Catalog,
    when_locations: Mapping[tuple[str, str], Location] | None = None,
) -> tuple[RuleBook, list[Problem]]:
    """Load every rule file of ``rules_dir`` against ``catalog`` (whose ``rules`` is empty),
    and the rules of its conditional material uses (``when_locations``: where each
    (item, material) use's ``when`` is written, for the problems' places).

    Returns the rule book (only the rules free of errors) and all problems: YAML and model
    errors, duplicate ids, syntax and type errors in conditions (with the column), unknown
    fields, facts, tasks, modes, departments and outputs (with "did you mean"), derived
    facts of the wrong type or forming a cycle, contradictions and conflicts found by
    searching the declared domain, and rules that can never fire (warnings).
    """
    loader = _Loader(catalog)
    files, unreadable = _listed(rules_dir)
    if unreadable:
        return RuleBook.empty(), unreadable
    for path in files:
        loader.read(path, _display(path, catalog.root))
    conditions = material_conditions(catalog.items, catalog.materials, when_locations or {})
    return loader.finish(list(conditions))


class _Loader:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.problems: list[Problem] = []
        self.facts: dict[str, FactDecl] = {}
        self.fact_locations: dict[str, Location] = {}
        self.rule_data: list[tuple[str, MarkedDict]] = []
        self.outputs = set(catalog.outputs())
        self.lines: dict[str, list[str]] = {}

    # -- reading -------------------------------------------------------------------------
    def read(self, path: Path, display: str) -> None:
        text, found = read_text(path, display)
        self.problems += found
        self.lines[display] = text.splitlines() if text is not None else []
        if text is None:
            return
        data, found = parse_yaml(text, display)
        self.problems += found
        if data is None:
            return
        if not isinstance(data, MarkedDict):
            line, col = locate(data, [])
            self.problems.append(Problem("yaml-not-mapping", Location(display, line or 1, col)))
            return
        unexpected = unexpected_file(data, _TopLevel.model_fields, display)
        if unexpected is not None:
            self.problems.append(unexpected)
            return
        top, found = validate_model(_TopLevel, data, file=display, breadcrumb="")
        self.problems += found
        if top is None:
            return
        for index, entry in enumerate(_items(data, "facts")):
            self._read_fact(display, data, index, entry)
        for entry in _items(data, "rules"):
            if isinstance(entry, MarkedDict):
                self.rule_data.append((display, entry))
            else:
                self.problems.append(
                    Problem(
                        "yaml-not-mapping",
                        Location(display, *_at(data, ["rules"])),
                    )
                )

    def _read_fact(self, file: str, data: MarkedDict, index: int, entry: Any) -> None:
        fid = entry.get("id") if isinstance(entry, Mapping) else None
        crumb = f"Fact(id={fid!r})" if isinstance(fid, str) else f"facts[{index}]"
        fact, found = validate_model(
            FactDecl, entry, file=file, breadcrumb=crumb, at=_at(data, ["facts", index])
        )
        self.problems += found
        if fact is None:
            return
        where = Location(file, *_at(entry, ["id"]))
        if fact.id in self.facts:
            self.problems.append(
                Problem(
                    "duplicate-id",
                    where,
                    crumb,
                    args={"id": fact.id, "first": str(self.fact_locations[fact.id])},
                )
            )
            return
        if fact.id in self.catalog.fields:
            self.problems.append(Problem("rule-fact-clash", where, crumb, args={"fact": fact.id}))
            return
        self.facts[fact.id] = fact
        self.fact_locations[fact.id] = where

    # -- checking ------------------------------------------------------------------------
    def finish(
        self, conditions: Sequence[MaterialCondition] = ()
    ) -> tuple[RuleBook, list[Problem]]:
        if len(self.rule_data) > MAX_RULES:  # refuse before parsing and checking them all
            file, data = self.rule_data[MAX_RULES]
            where = Location(file, *_at(data, ["id"]))
            count = len(self.rule_data)
            return RuleBook.empty(), [
                *self.problems,
                too_many("kind-rule", count, MAX_RULES, where),
            ]
        types = dict(field_types(self.catalog))
        for fid, fact in self.facts.items():
            types[fid] = TypeInfo(fact.type.value, tuple(v.value for v in fact.values))
        parsed: dict[str, _Parsed] = {}
        for file, data in self.rule_data:
            item = self._rule(file, data, types)
            if item is None:
                continue
            if item.rule.id in parsed:
                first = parsed[item.rule.id].location
                self.problems.append(
                    Problem(
                        "duplicate-id",
                        Location(file, *_at(data, ["id"])),
                        _crumb(item.rule.id),
                        args={"id": item.rule.id, "first": str(first)},
                    )
                )
                continue
            parsed[item.rule.id] = item
        for condition in conditions:
            found = self._material_rule(condition, types)
            if found is not None:
                parsed[found.rule.id] = found
        self._check_groups(parsed)
        strata = self._strata(parsed)
        self._never_derived(parsed)
        compiled = [
            CompiledRule.build(p.rule, p.expr, strata.get(rid, 0), p.location)
            for rid, p in sorted(parsed.items())
        ]
        nullable = frozenset(
            fid
            for fid, spec in self.catalog.fields.items()
            if not spec.required and spec.default is None
        ) | frozenset(fid for fid, f in self.facts.items() if f.type != FieldType.bool)
        book = RuleBook.create(compiled, self.facts, types, nullable)
        if not any(p.severity == "error" for p in self.problems) and len(book):
            self.problems += domain_problems(book, self.catalog)
        return book, self.problems

    def _rule(self, file: str, data: MarkedDict, types: Mapping[str, TypeInfo]) -> _Parsed | None:
        rid = data.get("id")
        crumb = _crumb(rid) if isinstance(rid, str) else "Rule"
        ok, models = self._conclusions(file, data, crumb)
        rule, found = validate_model(Rule, _with_then(data, models), file=file, breadcrumb=crumb)
        if not ok:
            return None
        self.problems += found
        if rule is None:
            return None
        when_at = _at(data, ["when"])
        try:
            expr = parse(rule.when)
        except ExprError as err:
            self.problems.append(
                _expr_problem(
                    err, when_at=when_at, crumb=crumb, text=rule.when, file=file, lines=self.lines
                )
            )
            return None
        errors = typecheck(expr, types)
        for bad in errors:
            self.problems.append(
                _expr_problem(
                    bad, when_at=when_at, crumb=crumb, text=rule.when, file=file, lines=self.lines
                )
            )
        before = len(self.problems)
        self._references(file, data, crumb, rule, types)
        if errors or len(self.problems) > before:
            return None
        return _Parsed(rule, expr, file, data, Location(file, *_at(data, ["id"])))

    def _material_rule(
        self, condition: MaterialCondition, types: Mapping[str, TypeInfo]
    ) -> _Parsed | None:
        """The rule of a conditional material use, or ``None`` (with the problems) when
        its condition does not parse or type-check."""
        rule = material_rule(condition)
        where = condition.location
        found = condition_problems(rule.when, types, at=where, crumb=condition.crumb)
        if found:
            self.problems += found
            return None
        data = MarkedDict((where.line, where.column))
        return _Parsed(rule, parse(rule.when), where.file, data, where)

    def _conclusions(
        self, file: str, data: MarkedDict, crumb: str
    ) -> tuple[bool, list[Any] | None]:
        """Validate each ``then`` entry by its kind: (all valid, the models)."""
        then = data.get("then")
        if not isinstance(then, MarkedList):
            return True, None  # the Rule model reports the missing or mistyped key
        ok = True
        models: list[Any] = []
        for index, entry in enumerate(then):
            at = _at(data, ["then", index])
            if not isinstance(entry, Mapping) or len(entry) != 1:
                ok = False
                self.problems.append(
                    Problem(
                        "rule-conclusion-shape",
                        Location(file, *at),
                        f"{crumb} > then[{index}]",
                        args={"found": _shape(entry)},
                    )
                )
                continue
            key = next(iter(entry))
            model = CONCLUSION_KINDS.get(key)
            if model is None:
                ok = False
                close = did_you_mean(str(key), CONCLUSION_KINDS)
                self.problems.append(
                    Problem(
                        "rule-conclusion-kind",
                        Location(file, *_at(entry, [key], key=True)),
                        f"{crumb} > then[{index}]",
                        expected=", ".join(CONCLUSION_KINDS),
                        hint="did-you-mean" if close else "",
                        args={"key": str(key), "candidates": quote_all(close)},
                    )
                )
                continue
            value, found = validate_model(
                model, entry, file=file, breadcrumb=f"{crumb} > then[{index}]", at=at
            )
            if value is None:
                ok = False
                self.problems += found
            else:
                models.append(value)
        return ok, models

    def _ref_problem(
        self,
        *,
        file: str,
        data: MarkedDict,
        path: Sequence[str | int],
        crumb: str,
        kind: str,
        ref: str,
        pool: Sequence[str],
    ) -> None:
        close = did_you_mean(ref, pool)
        self.problems.append(
            Problem(
                "unknown-reference",
                Location(file, *_at(data, path)),
                crumb,
                hint="did-you-mean" if close else "",
                args={"kind": kind, "ref": ref, "candidates": quote_all(close)},
            )
        )

    def _references(
        self, file: str, data: MarkedDict, crumb: str, rule: Rule, types: Mapping[str, TypeInfo]
    ) -> None:
        cat = self.catalog
        tasks = sorted({*cat.items, *cat.works})
        items = sorted(cat.items)
        ends = sorted({*tasks, *self.outputs})

        def check(
            index: int, sub: Sequence[str | int], kind: str, ref: str, pool: Sequence[str]
        ) -> None:
            if ref not in pool:
                path = ["then", index, *sub]
                self._ref_problem(
                    file=file,
                    data=data,
                    path=path,
                    crumb=f"{crumb} > then[{index}]",
                    kind=kind,
                    ref=ref,
                    pool=pool,
                )

        for index, c in enumerate(rule.then):
            if isinstance(c, RequireConclusion):
                check(index, ["require"], "kind-task", c.require, tasks)
            elif isinstance(c, ExcludeConclusion):
                check(index, ["exclude"], "kind-task", c.exclude, tasks)
            elif isinstance(c, DeriveConclusion):
                self._derive(file=file, data=data, crumb=crumb, index=index, c=c, types=types)
            elif isinstance(c, EnableMode):
                m = c.enable_mode
                if m.item not in cat.items:
                    check(index, ["enable_mode", "item"], "kind-item", m.item, items)
                else:
                    modes = [mode.id for mode in cat.items[m.item].modes]
                    if m.mode not in modes:
                        close = did_you_mean(m.mode, modes)
                        self.problems.append(
                            Problem(
                                "rule-unknown-mode",
                                Location(file, *_at(data, ["then", index, "enable_mode", "mode"])),
                                f"{crumb} > then[{index}]",
                                expected=", ".join(modes),
                                hint="did-you-mean" if close else "",
                                args={
                                    "item": m.item,
                                    "mode": m.mode,
                                    "candidates": quote_all(close),
                                },
                            )
                        )
            elif isinstance(c, SetTimeLimit):
                check(index, ["set_time_limit", "item"], "kind-item", c.set_time_limit.item, items)
            elif isinstance(c, ParallelGroupConclusion):
                g = c.parallel_group
                check(
                    index,
                    ["parallel_group", "lead"],
                    "kind-department",
                    g.lead,
                    sorted(cat.departments),
                )
                for key, members in (
                    ("members", g.members),
                    ("optional_members", g.optional_members),
                ):
                    for n, member in enumerate(members):
                        check(index, ["parallel_group", key, n], "kind-item", member, items)
            elif isinstance(c, AddDependency | RemoveDependency):
                dep = c.add_dependency if isinstance(c, AddDependency) else c.remove_dependency
                key = "add_dependency" if isinstance(c, AddDependency) else "remove_dependency"
                check(index, [key, "before"], "kind-output", dep.before, ends)
                check(index, [key, "after"], "kind-task", dep.after, tasks)
            elif isinstance(c, AlternativesConclusion):
                a = c.alternatives
                check(index, ["alternatives", "item"], "kind-task", a.item, tasks)
                for n, out in enumerate(a.any_of):
                    check(index, ["alternatives", "any_of", n], "kind-output", out, ends)
            elif isinstance(c, ObligationConclusion):
                check(index, ["obligation", "item"], "kind-task", c.obligation.item, tasks)

    def _derive(
        self,
        *,
        file: str,
        data: MarkedDict,
        crumb: str,
        index: int,
        c: DeriveConclusion,
        types: Mapping[str, TypeInfo],
    ) -> None:
        fact = c.derive.fact
        where = Location(file, *_at(data, ["then", index, "derive"]))
        if fact not in self.facts:
            close = did_you_mean(fact, list(self.facts))
            self.problems.append(
                Problem(
                    "rule-fact-not-declared",
                    where,
                    f"{crumb} > then[{index}]",
                    hint="did-you-mean" if close else "",
                    args={"fact": fact, "candidates": quote_all(close)},
                )
            )
            return
        info = types[fact]
        if coerce_value(c.derive.value, info) is None:
            self.problems.append(
                Problem(
                    "rule-derive-value",
                    where,
                    f"{crumb} > then[{index}]",
                    args={"fact": fact, "type": info.type, "value": str(c.derive.value)},
                )
            )

    def _check_groups(self, parsed: dict[str, _Parsed]) -> None:
        first: dict[str, tuple[str, Any]] = {}
        for rid, p in sorted(parsed.items()):
            for index, c in enumerate(p.rule.then):
                if not isinstance(c, ParallelGroupConclusion):
                    continue
                g = c.parallel_group
                if g.id in first and first[g.id][1] != g:
                    self.problems.append(
                        Problem(
                            "rule-group-differs",
                            Location(p.file, *_at(p.data, ["then", index, "parallel_group"])),
                            f"{_crumb(rid)} > then[{index}]",
                            args={"group": g.id, "other": first[g.id][0]},
                        )
                    )
                else:
                    first.setdefault(g.id, (rid, g))

    def _strata(self, parsed: dict[str, _Parsed]) -> dict[str, int]:
        """Stratum of each rule: 1 + the highest stratum of a rule deriving what it reads."""
        derivers: dict[str, list[str]] = {}
        for rid, p in parsed.items():
            for c in p.rule.then:
                if isinstance(c, DeriveConclusion):
                    derivers.setdefault(c.derive.fact, []).append(rid)
        deps = {
            rid: sorted({d for name in _reads(p.expr) for d in derivers.get(name, [])})
            for rid, p in parsed.items()
        }
        strata: dict[str, int] = {}
        state: dict[str, int] = {}  # 1 visiting, 2 done

        def visit(rid: str, stack: list[str]) -> int:
            if state.get(rid) == 2:
                return strata[rid]
            if state.get(rid) == 1:
                cycle = [*stack[stack.index(rid) :], rid]
                p = parsed[rid]
                self.problems.append(
                    Problem(
                        "rule-derive-cycle",
                        p.location,
                        _crumb(rid),
                        args={"cycle": " → ".join(cycle)},
                    )
                )
                return 0
            state[rid] = 1
            level = 0
            for dep in deps[rid]:
                level = max(level, visit(dep, [*stack, rid]) + 1)
            state[rid] = 2
            strata[rid] = level
            return level

        for rid in sorted(parsed):
            visit(rid, [])
        return strata

    def _never_derived(self, parsed: dict[str, _Parsed]) -> None:
        derived = {
            c.derive.fact
            for p in parsed.values()
            for c in p.rule.then
            if isinstance(c, DeriveConclusion)
        }
        for fid in sorted(set(self.facts) - derived):
            self.problems.append(
                Problem(
                    "rule-fact-never-derived",
                    self.fact_locations[fid],
                    f"Fact(id={fid!r})",
                    severity="warning",
                    args={"fact": fid},
                )
            )


def _reads(expr: Expr) -> tuple[str, ...]:
    return names(expr)


def coerce_value(value: Any, info: TypeInfo) -> Any:
    """``value`` as a value of type ``info`` (``None`` when it does not fit)."""
    if info.type == "bool":
        return value if isinstance(value, bool) else None
    if info.type == "integer":
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if info.type == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return value if ok else None
    if info.type == "list":
        return None  # a list is the profile's to give, never derived
    if info.type == "date":
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            return None
    if not isinstance(value, str) or isinstance(value, bool):
        return None
    if info.type == "enum" and value not in info.values:
        return None
    return value


def _with_then(data: MarkedDict, models: list[Any] | None) -> MarkedDict:
    """``data`` with its ``then`` entries replaced by their validated models (marks kept)."""
    if models is None:
        return data
    clone = MarkedDict(data.mark)
    clone.update(data)
    clone.key_marks = data.key_marks
    clone.value_marks = data.value_marks
    clone["then"] = models or data["then"]
    return clone


def _crumb(rid: str) -> str:
    return f"Rule(id={rid!r})"


def _items(data: MarkedDict, key: str) -> list[Any]:
    value = data.get(key)
    return list(value) if isinstance(value, list) else []


def _at(data: Any, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
    line, col = locate(data, path, key=key)
    return (line, col)


def _shape(entry: Any) -> str:
    if isinstance(entry, Mapping):
        return "{" + ", ".join(str(k) for k in entry) + "}"
    if isinstance(entry, list):
        return "[…]"
    return repr(entry)


def condition_problems(
    text: str, types: Mapping[str, TypeInfo], *, at: Location, crumb: str
) -> list[Problem]:
    """The problems of a condition outside a rule (a target's ``when``), written at ``at``:
    each parse or type error, located in the condition as for a rule's ``when``."""
    if not text.strip():
        return []
    place = (at.line, at.column)
    try:
        expr = parse(text)
    except ExprError as err:
        return [_expr_problem(err, when_at=place, crumb=crumb, text=text, file=at.file, lines={})]
    return [
        _expr_problem(bad, when_at=place, crumb=crumb, text=text, file=at.file, lines={})
        for bad in typecheck(expr, types)
    ]


def _expr_problem(
    err: ExprError,
    *,
    when_at: tuple[int, int],
    crumb: str,
    text: str,
    file: str,
    lines: Mapping[str, list[str]],
) -> Problem:
    """A located problem for an error at column ``err.column`` of the condition ``text``.

    When the condition is written on the ``when:`` line itself (a plain or quoted scalar),
    the reported column is the error's own column in the file; for a block scalar (``>``,
    ``|``) it is the start of the condition, and the caret line shows the place.
    """
    line, col = when_at
    flat = " ".join(text.split("\n"))
    file_col = col
    source = lines.get(file, [])
    if line and col and line <= len(source):
        raw = source[line - 1][col - 1 :]
        if raw.startswith(('"', "'")):
            raw = raw[1:]
            col += 1
        if raw.startswith(flat):
            file_col = col + err.column - 1
    args = {
        **err.args_,
        "column": str(err.column),
        "expr": flat,
        "caret": " " * (err.column - 1) + "^",
        "candidates": quote_all(err.hint.split(", ")) if err.hint else "",
    }
    return Problem(
        err.code,
        Location(file, line, file_col),
        f"{crumb} > when",
        hint="did-you-mean" if err.hint else err.args_.get("tip", ""),
        args=args,
    )

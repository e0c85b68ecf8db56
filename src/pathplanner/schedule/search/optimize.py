"""Exact choice of options: depth-first branch-and-bound over patched nets.

Options (modes, alternatives, optional group membership, merged handling) interact through
shared materials, groups and merged items, so they are chosen together. Combinations are
timed on a :class:`~pathplanner.schedule.search.patch.PatchNet` (the base graph plus one delta per
alternative) when the options are separable, and by building each combination's graph
otherwise (then bounded by :class:`~pathplanner.schedule.search.relaxed.RelaxedBounds`).

With the patch net, every alternative is first *probed* (its finish with every other option
relaxed), the options whose probes differ most are branched on first, and the search runs
twice: for the earliest finish, then for the tie-break with that finish as the cutoff. A
node's bound comes first from the probes and the additive tie-break counts, then from the
patch net's relaxed timing (see :meth:`PatchNet.bound`); a dive skips the timing pass until
it backtracks. Every bound is monotone: no completion of a node can beat it.

A combination in which a 容缺 supplement of a tolerance mode some option chose misses its
deadline is infeasible (the application would be refused): its cost is its finish plus
:data:`INFEASIBLE`, so every feasible plan beats it, and every bound (a finish no completion
can beat) stays a bound. A pinned tolerance mode is the user's choice and is timed as asked.
Alternatives excluded by the investor's preferences are never tried unless pinned.

Among plans with the earliest finish the catalog's tie-break order decides
(``catalog.manifest.tie_break``, default: fewer commitments, fewer items, then the stable
order, i.e. earlier-listed alternatives first). Past ``catalog.manifest.node_budget``
evaluated nodes the search stops and reports ``optimal = False`` with the best lower bound
of what it did not explore. ``docs/scheduling.md`` §9 explains it for users.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from pathplanner.catalog import Catalog
from pathplanner.catalog.model import ModeKind
from pathplanner.decisions import Decisions, Option
from pathplanner.schedule._days import DayTable
from pathplanner.schedule.build import BuildMemo, build_graph
from pathplanner.schedule.cpm import (
    Fixed,
    Net,
    Times,
    compile_graph,
    forward,
    late_supplements,
)
from pathplanner.schedule.graph import PlanGraph, sorted_edges
from pathplanner.schedule.search.patch import PatchNet
from pathplanner.schedule.search.relaxed import RelaxedBounds
from pathplanner.schedule.search.setups import SETUPS, Setup, clear_setup_cache

__all__ = ["INFEASIBLE", "Evaluation", "Optimizer", "Outcome", "clear_setup_cache"]

INFEASIBLE = 1_000_000
"""Added to the cost of an infeasible combination: more days than any plan spans."""


def _graph_key(choice: Sequence[int]) -> tuple[tuple[int, int], ...]:
    """How :class:`PatchNet` files the graph of ``choice``: the options off their first
    alternative, as ``(option, alternative)`` pairs."""
    return tuple((k, a) for k, a in enumerate(choice) if a)


def _choice(order: Sequence[int], prefix: Sequence[int]) -> tuple[int, ...]:
    """A complete combination by option index from alternatives in branch ``order``."""
    chosen = dict(zip(order, prefix, strict=True))
    return tuple(chosen[k] for k in range(len(order)))


@dataclass(frozen=True)
class _Table:
    """What the options from each depth on can add at best, under one cutoff."""

    bound: list[int]
    commitments: list[int]
    infeasible: list[bool]
    lowest: list[int]


class _Suffix:
    """Per-depth bounds of the undecided options for a branch order and pins, one
    :class:`_Table` per cutoff (the incumbent's finish) asked for."""

    def __init__(self, opt: Optimizer, order: Sequence[int], pins: Mapping[int, int]) -> None:
        self.opt = opt
        self.order = order
        self.pins = pins
        self.tables: dict[int | None, _Table] = {}

    def at(self, cutoff: int | None) -> _Table:
        found = self.tables.get(cutoff)
        if found is not None:
            return found
        opt, order = self.opt, self.order
        n = len(order)
        bound = [0] * (n + 1)
        commitments = [0] * (n + 1)
        infeasible = [False] * (n + 1)
        lowest = [0] * len(opt.options)
        for d in range(n - 1, -1, -1):
            k = order[d]
            allowed = opt._allowed(k, self.pins, cutoff)
            if not allowed:
                infeasible[d] = True
                bound[d], commitments[d] = bound[d + 1], commitments[d + 1]
                continue
            infeasible[d] = infeasible[d + 1]
            alts = opt.options[k].alternatives
            commitments[d] = commitments[d + 1] + min(alts[a].commitments for a in allowed)
            probe = min(opt.probes[k][a] for a in allowed) if opt.probes is not None else 0
            bound[d] = max(bound[d + 1], probe)
            lowest[k] = min(allowed)
        found = _Table(bound, commitments, infeasible, lowest)
        self.tables[cutoff] = found
        return found


@dataclass(frozen=True)
class Evaluation:
    """One complete combination: alternative index per option, its finish and tie-break."""

    choice: tuple[int, ...]
    finish: int
    commitments: int
    items: int
    late: frozenset[int] = frozenset()
    """The options whose chosen tolerance mode misses a supplement deadline."""


@dataclass(frozen=True)
class Outcome:
    """The best combination found, whether it is proven optimal, and the proven bound."""

    best: Evaluation
    optimal: bool
    bound: int
    nodes: int


class Optimizer:
    """Evaluates combinations of alternatives (memoized) and searches for the best one."""

    def __init__(
        self,
        catalog: Catalog,
        decisions: Decisions,
        days: DayTable,
        start: int,
        *,
        statutory: bool = False,
        fixed: Mapping[str, Mapping[str, int]] | None = None,
        floor_all: int | None = None,
        excluded: Mapping[int, frozenset[int]] | None = None,
    ) -> None:
        self.floor_all = floor_all
        self.catalog = catalog
        self.decisions = decisions
        self.days = days
        self.start = start
        self.statutory = statutory
        self.fixed = fixed or {}
        self.options: list[Option] = sorted(decisions.options, key=lambda o: o.id)
        self.relaxed = RelaxedBounds(catalog, decisions, self.options, statutory=statutory)
        self.cache: dict[tuple[int, ...], Evaluation] = {}
        self.exact: dict[tuple[int, ...], Evaluation] = {}
        self.patch: PatchNet | None = None
        self._patch_tried = False
        self.probes: list[list[int]] | None = None
        self.graphs: dict[tuple[tuple[int, int], ...], PlanGraph] = {}
        self.patched_bounds: dict[tuple[tuple[int, int], ...], tuple[int, bool]] = {}
        self.best_choice: tuple[int, ...] | None = None
        self.floor: tuple[dict[int, int], int] | None = None
        self.pinned_budget = catalog.manifest.node_budget
        self.nodes = 0
        self.memo = BuildMemo(intern_edges=bool(decisions.options))
        self.last: tuple[tuple[int, ...], PlanGraph, Net, Times] | None = None
        self.kept: tuple[tuple[int, ...], PlanGraph, Net, Times] | None = None
        order = list(catalog.manifest.tie_break)
        self.tie_break = order
        self.excluded = dict(excluded or {})
        self.tolerant, self.tolerance_option = self._tolerance_options()
        self.exempt: frozenset[int] = frozenset()

    def _tolerance_options(self) -> tuple[list[frozenset[int]], dict[str, int]]:
        """Per option, its alternatives that set a tolerance (容缺) mode; and item id → the
        option that sets a tolerance mode of that item."""
        tolerant: list[frozenset[int]] = []
        owner: dict[str, int] = {}
        items = self.catalog.items
        for k, option in enumerate(self.options):
            found: set[int] = set()
            for a, alt in enumerate(option.alternatives):
                for item_id, mode_id in alt.edits.set_modes.items():
                    item = items.get(item_id)
                    modes = item.modes if item is not None else []
                    if any(m.id == mode_id and m.kind == ModeKind.tolerance for m in modes):
                        found.add(a)
                        owner[item_id] = k
            tolerant.append(frozenset(found))
        return tolerant, owner

    def _late(self, net: Net, times: Times) -> frozenset[int]:
        """The options whose tolerance mode has a supplement past its deadline."""
        if not self.tolerance_option:
            return frozenset()
        found = set()
        for i, _due in late_supplements(net, times, self.days):
            k = self.tolerance_option.get(net.ids[net.anchor[i]])
            if k is not None:
                found.add(k)
        return frozenset(found)

    def _exempt(self, pins: Mapping[int, int]) -> frozenset[int]:
        """The options pinned to a tolerance mode: the user's choice, timed as asked."""
        return frozenset(k for k, a in pins.items() if a in self.tolerant[k])

    def cost(self, ev: Evaluation) -> int:
        """What the search minimizes first: the finish, plus :data:`INFEASIBLE` when a
        tolerance mode the search chose (not a pinned one) misses a deadline."""
        if ev.late and not ev.late <= self.exempt:
            return ev.finish + INFEASIBLE
        return ev.finish

    def assignment(self, choice: Sequence[int]) -> dict[str, str]:
        """Option id → alternative id for a (possibly partial) index vector."""
        return {o.id: o.alternatives[k].id for o, k in zip(self.options, choice, strict=False)}

    def fixed_for(self, ids: dict[str, int]) -> Fixed:
        """The re-planning constraints keyed by the node indices of one compiled graph."""
        fx = Fixed(floor_all=self.floor_all)
        for name, table in self.fixed.items():
            target: dict[int, int] = getattr(fx, name)
            for task_id, value in table.items():
                if task_id in ids:
                    target[ids[task_id]] = value
        return fx

    # ------------------------------------------------------------ patched path
    def _patch_ready(self) -> PatchNet | None:
        """The patch net of the options, built on first use (or taken from the setups of
        earlier plans with the same catalog, decisions and limits); ``None`` when the
        options are not separable, when re-planning constraints apply (actual dates pin
        tasks of the built graph), or when there are no options."""
        if self._patch_tried:
            return self.patch
        self._patch_tried = True
        if not self.options or self.fixed or self.floor_all is not None:
            return None
        key = (self.decisions.__pydantic_serializer__.to_json(self.decisions), self.statutory)
        setup = SETUPS.get(self.catalog, key)
        if setup is None:

            def build(chosen: Mapping[int, int]) -> PlanGraph:
                return self._build(
                    {
                        self.options[k].id: self.options[k].alternatives[a].id
                        for k, a in chosen.items()
                    }
                )

            sizes = [len(o.alternatives) for o in self.options]
            setup = Setup(PatchNet.build(sizes, build, self.graphs), self.graphs, self.memo)
            SETUPS.put(self.catalog, key, setup)
        self.patch, self.graphs, self.memo = setup.patch, setup.graphs, setup.memo
        if self.patch is not None:
            patch = self.patch
            self.probes = [
                [
                    forward(patch.net({k: a}, relax_rest=True), self.days, self.start).finish
                    for a in range(len(option.alternatives))
                ]
                for k, option in enumerate(self.options)
            ]
            self.nodes += sum(len(o.alternatives) for o in self.options)
        return self.patch

    def _drop_patch(self) -> None:
        self.patch = None
        self.probes = None
        self.cache = dict(self.exact)
        self.patched_bounds.clear()

    def _build(self, assignment: Mapping[str, str], *, sort_edges: bool = False) -> PlanGraph:
        return build_graph(
            self.catalog,
            self.decisions,
            assignment,
            statutory=self.statutory,
            memo=self.memo,
            sort_edges=sort_edges,
        )

    def evaluate(self, choice: tuple[int, ...]) -> Evaluation:
        """The finish and tie-break counts of one complete combination."""
        found = self.cache.get(choice)
        if found is not None:
            return found
        patch = self._patch_ready()
        if patch is None:
            return self.evaluate_exact(choice)
        self.nodes += 1
        chosen = dict(enumerate(choice))
        net = patch.net(chosen, relax_rest=False)
        times = forward(net, self.days, self.start)
        found = Evaluation(
            choice,
            times.finish,
            self._commitments(choice),
            patch.items(chosen),
            self._late(net, times),
        )
        self.cache[choice] = found
        return found

    def _commitments(self, choice: Sequence[int]) -> int:
        return sum(self.options[k].alternatives[a].commitments for k, a in enumerate(choice))

    def evaluate_exact(self, choice: tuple[int, ...]) -> Evaluation:
        """:meth:`evaluate` by building and compiling the combination's graph (or taking
        it from the patch net's, which are built the same way)."""
        found = self.exact.get(choice)
        if found is not None:
            return found
        self.nodes += 1
        graph = self.graphs.get(_graph_key(choice))
        if graph is None:
            graph = self._build(self.assignment(choice))
        net = compile_graph(graph)
        times = forward(net, self.days, self.start, self.fixed_for(net.index))
        found = Evaluation(
            choice, times.finish, graph.commitments, graph.items, self._late(net, times)
        )
        self.exact[choice] = found
        if self.patch is None:
            self.cache[choice] = found
        self.last = (choice, graph, net, times)
        return found

    def keep(self, choice: tuple[int, ...]) -> None:
        """Hold on to the built graph of ``choice`` when it is the last one built, so that
        :meth:`compiled` need not build it again."""
        if self.last is not None and self.last[0] == choice:
            self.kept = self.last

    def compiled(self, choice: tuple[int, ...]) -> tuple[PlanGraph, Net, Times]:
        """The graph, compiled net and forward pass of a complete combination (reused when
        it was already built: the last one evaluated, the best one of the last search that
        was not ``finish_only``, or the base or one deviation of the patch net)."""
        for done in (self.last, self.kept):
            if done is not None and done[0] == choice:
                graph = replace(done[1], edges=sorted_edges(done[1].edges))
                return graph, done[2], done[3]
        built = self.graphs.get(_graph_key(choice))
        if built is not None:
            graph = replace(built, edges=sorted_edges(built.edges))
        else:
            graph = self._build(self.assignment(choice), sort_edges=True)
        net = compile_graph(graph)
        return graph, net, forward(net, self.days, self.start, self.fixed_for(net.index))

    def lower_bound(self, prefix: tuple[int, ...]) -> int:
        """A finish no completion of ``prefix`` (alternatives of the first options) can
        beat (exact for a full combination)."""
        if len(prefix) == len(self.options):
            return self.evaluate(prefix).finish
        if self._patch_ready() is None:
            return self._relaxed_bound(prefix)
        return self.patched_bound(dict(enumerate(prefix)))

    def patched_bound(self, chosen: Mapping[int, int], enough: int | None = None) -> int:
        """A finish no completion of the ``chosen`` options can beat (the patch net's
        bound, see :meth:`PatchNet.bound`), computed only until it reaches ``enough``."""
        assert self.patch is not None
        key = tuple(sorted(chosen.items()))
        found = self.patched_bounds.get(key)
        if found is not None and (found[1] or (enough is not None and found[0] >= enough)):
            return found[0]
        self.nodes += 1
        found = self.patch.bound(chosen, self.days, self.start, enough)
        self.patched_bounds[key] = found
        return found[0]

    def _allowed(self, k: int, pins: Mapping[int, int], cutoff: int | None) -> list[int]:
        """Alternatives of option ``k`` a better completion may take: the pinned one, else
        every one not excluded whose probe (its own finish with every other option relaxed)
        is not later than ``cutoff``."""
        if k in pins:
            return [pins[k]]
        out = range(len(self.options[k].alternatives))
        excluded = self.excluded.get(k)
        alts = [a for a in out if a not in excluded] if excluded else list(out)
        if self.probes is None or cutoff is None:
            return alts
        probe = self.probes[k]
        return [a for a in alts if probe[a] <= cutoff]

    def _admissible(self, choice: Sequence[int], pins: Mapping[int, int]) -> bool:
        """``choice`` takes the pinned alternatives and no excluded one elsewhere."""
        for k, a in enumerate(choice):
            if k in pins:
                if pins[k] != a:
                    return False
            elif a in self.excluded.get(k, ()):
                return False
        return True

    def _key_parts(
        self, finish: int, commitments: int, items: int, choice: tuple[int, ...]
    ) -> tuple[object, ...]:
        parts: list[object] = [finish]
        for name in self.tie_break:
            if name == "commitments":
                parts.append(commitments)
            elif name == "items":
                parts.append(items)
            else:
                parts.append(choice)
        parts.append(choice)
        return tuple(parts)

    def key(self, ev: Evaluation) -> tuple[object, ...]:
        """Sort key: the cost (the finish, infeasible plans last) first, then the catalog's
        tie-break order."""
        return self._key_parts(self.cost(ev), ev.commitments, ev.items, ev.choice)

    def _branch_order(self, tie_order: bool = False) -> list[int]:
        """The order options are decided in: with the patch net, the options whose
        alternatives' probes differ most first (deciding them raises the bound most), ties
        by index; for the tie-break pass, options whose alternatives differ in commitments
        before the others (once they are decided the commitments are known). Without the
        patch net, by index, which the relaxation of the exact path needs."""
        if self.probes is None:
            return list(range(len(self.options)))
        probes = self.probes

        def key(k: int) -> tuple[int, int, int]:
            counts = {a.commitments for a in self.options[k].alternatives}
            first = 0 if not tie_order or len(counts) > 1 else 1
            return (first, min(probes[k]) - max(probes[k]), k)

        return sorted(range(len(self.options)), key=key)

    def search(
        self,
        pins: Mapping[int, int] | None = None,
        budget: int | None = None,
        *,
        finish_only: bool = False,
    ) -> Outcome:
        """Branch-and-bound over every option, with ``pins`` (option index → alternative
        index) fixed; stops after ``budget`` new nodes (the manifest's by default).

        ``finish_only``: only the earliest finish matters (not which of the plans with that
        finish wins the tie-break), so branches that cannot beat it strictly are pruned.

        With the patch net the search runs twice: first for the earliest finish, trying
        each option's alternatives earliest probe first; then, with that finish as the
        cutoff, for the tie-break, trying alternatives in tie-break order."""
        pins = pins or {}
        limit = budget if budget is not None else self.catalog.manifest.node_budget
        if pins and finish_only and budget is None:
            # the searches behind each alternative's finish share one budget between them
            limit = max(self.pinned_budget, 1)
        start_nodes = self.nodes
        self.exempt = self._exempt(pins)
        self._patch_ready()  # its probes count as nodes of the first search
        best: Evaluation | None = None
        for ev in self.cache.values():  # complete combinations already evaluated
            if self._admissible(ev.choice, pins) and (
                best is None or self.key(ev) < self.key(best)
            ):
                best = ev
        if self.best_choice is not None and self.patch is not None:
            # the last full search's optimum with these pins applied: often optimal already
            near = tuple(pins.get(k, a) for k, a in enumerate(self.best_choice))
            if self._admissible(near, pins):
                ev = self.evaluate(near)
                if best is None or self.key(ev) < self.key(best):
                    best = ev
        two_pass = self.probes is not None and not finish_only
        if self.patch is not None and (finish_only or two_pass):
            best, open_bound = self._best_first(pins, start_nodes + limit, best)
        else:
            best, open_bound = self._dfs(pins, start_nodes + limit, best, finish_only=finish_only)
        if two_pass and open_bound is None:
            best, open_bound = self._dfs(pins, start_nodes + limit, best, finish_only=False)
        assert best is not None
        if not finish_only:
            self.best_choice = best.choice
            # no search with these pins and more can finish before this
            found = self.cost(best) if open_bound is None else open_bound
            self.floor = (dict(pins), found)
        if self.patch is not None and not finish_only:
            if self.evaluate_exact(best.choice) != best:
                # The options were taken as separable but the built graph disagrees: time
                # every combination by building it (the tests guard against getting here).
                self._drop_patch()
                return self.search(pins, budget, finish_only=finish_only)
            self.keep(best.choice)
        nodes = self.nodes - start_nodes
        if pins and finish_only and budget is None:
            self.pinned_budget -= nodes
        if open_bound is None:
            return Outcome(best, True, best.finish, nodes)
        return Outcome(best, False, min(best.finish, open_bound), nodes)

    def _pinned_probe(self, pins: Mapping[int, int]) -> int:
        """A finish no plan with ``pins`` can beat, known before any search: the latest
        probe of a pinned alternative, and the last full search's proven finish when these
        pins include its own (pinning more never finishes earlier)."""
        assert self.probes is not None
        found = max((self.probes[k][a] for k, a in pins.items()), default=0)
        floor = self.floor
        if (
            floor is not None
            and all(pins.get(k) == a for k, a in floor[0].items())
            and self._exempt(floor[0]) == self.exempt  # costs measured alike
        ):
            found = max(found, floor[1])
        return found

    @staticmethod
    def _pinned_first(
        order: Sequence[int], pins: Mapping[int, int]
    ) -> tuple[list[int], tuple[int, ...]]:
        """``order`` with the pinned options first, and the prefix that decides them: the
        bounds of every node then know the pins."""
        pinned = [k for k in order if k in pins]
        return pinned + [k for k in order if k not in pins], tuple(pins[k] for k in pinned)

    def _dive(
        self, order: Sequence[int], start: tuple[int, ...], pins: Mapping[int, int]
    ) -> Evaluation:
        """A first incumbent: every undecided option at its earliest-probe alternative; an
        option whose tolerance mode then misses a deadline moves on to its next one (a
        feasible incumbent is what lets the bounds prune)."""
        probes = self.probes
        assert probes is not None
        rest = order[len(start) :]
        ranked = {k: sorted(self._allowed(k, pins, None), key=probes[k].__getitem__) for k in rest}
        at = dict.fromkeys(rest, 0)
        best: Evaluation | None = None
        while True:
            ev = self.evaluate(_choice(order, [*start, *(ranked[k][at[k]] for k in rest)]))
            if best is None or self.key(ev) < self.key(best):
                best = ev
            retry = [k for k in ev.late - self.exempt if k in at and at[k] + 1 < len(ranked[k])]
            if self.cost(ev) == ev.finish or not retry:
                return best
            for k in retry:
                at[k] += 1

    def _best_first(
        self, pins: Mapping[int, int], node_limit: int, best: Evaluation | None
    ) -> tuple[Evaluation, int | None]:
        """The earliest finish by best-first search: the open node with the lowest bound
        (deepest first among equals) is expanded next, so no node whose bound is at or
        above the optimum is ever expanded, and a wrong first guess costs nothing deep
        (depth-first search explores the whole subtree of its first branch first).
        Returns the best found and, when stopped at ``node_limit``, the lowest open
        bound."""
        n = len(self.options)
        order, start = self._pinned_first(self._branch_order(), pins)
        suffix = _Suffix(self, order, pins)
        probes = self.probes
        assert probes is not None
        seq = 0
        start_probe = self._pinned_probe(pins)
        if best is None:  # a first dive, earliest probe first, gives an incumbent
            best = self._dive(order, start, pins)
        if len(start) == n:
            return best, None  # every option pinned: the incumbent is the only plan
        table = suffix.at(self.cost(best))
        root = max(start_probe, table.bound[len(start)])
        if root >= self.cost(best):
            return best, None  # the probes (and the floor) already prove the incumbent
        root = max(root, self.patched_bound(dict(pins), self.cost(best)))
        # bound, -depth, sequence, prefix (in branch order), latest probe of the decided
        heap: list[tuple[int, int, int, tuple[int, ...], int]] = [
            (root, -len(start), 0, start, start_probe)
        ]
        while heap:
            bound, _, _, prefix, dec_bound = heapq.heappop(heap)
            cost = self.cost(best)
            if bound >= cost:
                return best, None
            if self.nodes >= node_limit:
                return best, bound
            depth = len(prefix)
            k = order[depth]
            table = suffix.at(cost)
            for alt in self._allowed(k, pins, cost):
                child = (*prefix, alt)
                child_probe = max(dec_bound, probes[k][alt])
                if depth + 1 == n:
                    ev = self.evaluate(_choice(order, child))
                    if self.cost(ev) < cost:
                        best, cost = ev, self.cost(ev)
                    continue
                if table.infeasible[depth + 1]:
                    continue
                cheap = max(child_probe, table.bound[depth + 1])
                if cheap >= cost:
                    continue
                chosen = dict(zip(order, child, strict=False))
                child_bound = max(cheap, self.patched_bound(chosen, cost))
                if child_bound >= cost:
                    continue
                seq += 1
                heapq.heappush(heap, (child_bound, -(depth + 1), seq, child, child_probe))
        return best, None

    def _dfs(
        self,
        pins: Mapping[int, int],
        node_limit: int,
        best: Evaluation | None,
        *,
        finish_only: bool,
    ) -> tuple[Evaluation | None, int | None]:
        """One depth-first branch-and-bound from ``best``; returns the best found and,
        when it stopped at ``node_limit``, the least bound of what it left open. With the
        patch net it is the tie-break pass (:meth:`search`): options and alternatives in
        tie-break order.

        Each stack entry carries what its decided options add up to (the latest probe and
        the commitments), and the undecided options' share comes from per-depth tables
        that change only with the incumbent's finish, so the cheap bound of a node costs
        no pass over the options."""
        n = len(self.options)
        order = self._branch_order(tie_order=True)
        start: tuple[int, ...] = ()
        if self.probes is not None:  # the exact path's relaxation needs options by index
            order, start = self._pinned_first(order, pins)
        best_key = self.key(best) if best is not None else None
        suffix = _Suffix(self, order, pins)
        # prefix, parent's bound, latest probe and commitments of the decided options, and
        # whether it is its parent's first child (a dive goes on without a timing pass:
        # the leaf it reaches costs about as much as one bound, and usually is the answer)
        start_probe = 0 if self.probes is None else self._pinned_probe(pins)
        cutoff = self.cost(best) if best is not None else None
        root_bound = max(start_probe, suffix.at(cutoff).bound[0])
        stack: list[tuple[tuple[int, ...], int, int, int, bool]] = [
            (
                start,
                root_bound if self.probes is not None else self.start,
                start_probe,
                sum(self.options[k].alternatives[a].commitments for k, a in pins.items())
                if start
                else 0,
                True,
            )
        ]
        probes = self.probes
        alternatives = [o.alternatives for o in self.options]

        def beaten(bound: int, commitments: int, chosen: Mapping[int, int]) -> bool:
            if best is None or best_key is None:
                return False
            cost = self.cost(best)
            if bound != cost:
                return bound > cost
            if finish_only:
                return True
            return self._tie_key(commitments, chosen, suffix, cutoff) >= best_key[1:]

        while stack:
            prefix, parent_bound, dec_bound, dec_commitments, diving = stack.pop()
            if self.nodes >= node_limit and best is not None:
                return best, min([parent_bound, *(entry[1] for entry in stack)])
            depth = len(prefix)
            chosen = dict(zip(order, prefix, strict=False))
            if depth == n:
                ev = self.evaluate(_choice(order, prefix))
                if best_key is None or self.key(ev) < best_key:
                    best, best_key = ev, self.key(ev)
                    if not finish_only and self.patch is None:
                        self.keep(ev.choice)
                continue
            cutoff = self.cost(best) if best is not None else None
            table = suffix.at(cutoff)
            if table.infeasible[depth]:
                continue
            bound = max(dec_bound, table.bound[depth])
            commitments = dec_commitments + table.commitments[depth]
            if beaten(bound, commitments, chosen):
                continue
            if best is not None and not (diving and self.patch is not None):
                if self.patch is not None:
                    cost = self.cost(best)
                    ties_lost = beaten(cost, commitments, chosen)
                    enough = cost + (0 if ties_lost else 1)
                    bound = max(bound, self.patched_bound(chosen, enough))
                else:
                    bound = max(bound, self._relaxed_bound(prefix))
                if beaten(bound, commitments, chosen):
                    continue
            k = order[depth]
            choices = self._allowed(k, pins, cutoff)
            if probes is not None and len(choices) > 1:
                choices.sort(key=self._tie_order(k))
            row = alternatives[k]
            first = choices[0] if choices else -1
            for alt in reversed(choices):
                stack.append(
                    (
                        (*prefix, alt),
                        bound,
                        max(dec_bound, probes[k][alt]) if probes is not None else 0,
                        dec_commitments + row[alt].commitments,
                        diving and alt == first,
                    )
                )
        return best, None

    def _tie_key(
        self,
        commitments: int,
        chosen: Mapping[int, int],
        suffix: _Suffix,
        cutoff: int | None,
    ) -> tuple[object, ...]:
        """The tie-break part of a key no completion of ``chosen`` can beat."""
        table = suffix.at(cutoff)
        patch = self.patch
        parts: list[object] = []
        lowest: tuple[int, ...] | None = None
        for name in self.tie_break:
            if name == "commitments":
                parts.append(commitments)
            elif name == "items":
                if patch is not None:
                    parts.append(patch.items_bound(chosen))
                else:
                    prefix = tuple(chosen[k] for k in range(len(chosen)))
                    parts.append(self.relaxed.items_bound(prefix))
            else:
                lowest = tuple(chosen.get(k, table.lowest[k]) for k in range(len(self.options)))
                parts.append(lowest)
        if lowest is None:
            lowest = tuple(chosen.get(k, table.lowest[k]) for k in range(len(self.options)))
        parts.append(lowest)
        return tuple(parts)

    def _tie_order(self, k: int) -> Callable[[int], tuple[int, int]]:
        """Sort key of option ``k``'s alternatives in tie-break order: fewer commitments
        (when the tie-break counts them), then listed order."""
        row = self.options[k].alternatives
        by_commitments = "commitments" in self.tie_break

        def key(a: int) -> tuple[int, int]:
            return (row[a].commitments if by_commitments else 0, a)

        return key

    def _relaxed_bound(self, prefix: tuple[int, ...]) -> int:
        """The exact path's bound of ``prefix`` (the first options decided)."""
        if not self.relaxed.known(prefix):
            self.nodes += 1
        return self.relaxed.bound(
            prefix,
            self.assignment(prefix),
            memo=self.memo,
            days=self.days,
            start=self.start,
            fixed_for=self.fixed_for,
        )

    def exhaustive(self, pins: Mapping[int, int] | None = None) -> Evaluation:
        """Every combination evaluated: the reference the tests compare the search with."""
        pins = pins or {}
        self.exempt = self._exempt(pins)
        combos: list[tuple[int, ...]] = [()]
        for k in range(len(self.options)):
            alts = self._allowed(k, pins, None)
            combos = [(*c, a) for c in combos for a in alts]
        return min((self.evaluate_exact(c) for c in combos), key=self.key)

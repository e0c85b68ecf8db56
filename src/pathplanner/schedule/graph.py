"""The dependency graph of one combination of choices: its types, node prefixes and views.

A :class:`PlanGraph` holds the planned tasks (:class:`TaskSpec`: the applicable items and
works, material preparation tasks, 容缺 supplement tasks, one milestone per stage gate and
the parallel groups' internal nodes) and every edge with the reason it exists.
:func:`~pathplanner.schedule.build.build_graph` makes one; :func:`to_networkx` gives the
same graph as a ``networkx.DiGraph``; :func:`cycle_problem` reports a cycle with every id on
it and each edge's source.

The graph stays linear in size: a stage gate is one milestone node that every task of its
stage feeds and every task of the following stages waits for, never all-to-all edges.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pathplanner.catalog.model import Duration
from pathplanner.errors import Location, Problem
from pathplanner.schedule.result import Edge, TaskType

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "ANY",
    "GATE",
    "GROUP",
    "GROUP_END",
    "MATERIAL",
    "PHYSICAL",
    "RELAXED_MODE",
    "SUPPLEMENT",
    "GroupSpec",
    "ObligationSpec",
    "PlanGraph",
    "TaskSpec",
    "Timing",
    "cycle_problem",
    "sorted_edges",
    "to_networkx",
]

Timing = Literal["review", "span", "legal", "working", "milestone", "supplement", "earliest"]
"""How a task's dates follow from its start (see ``docs/scheduling.md``):

- ``review``: an item, accepted on a working day, decided after its excluded time and limit;
- ``span``: calendar days ``(s, s + d]`` that may start and end on rest days;
- ``legal``: like ``span`` but ending on the next working day when the end is a rest day;
- ``working``: a non-item task counted in working days (``add_working_days``);
- ``milestone``: zero length, ends when it starts;
- ``supplement``: a 容缺 supplement, starting with its item's acceptance;
- ``earliest``: zero length, ready when the *first* of its predecessors is (an ``any_of``
  prerequisite with several available inputs).
"""

ANY = "any:"
"""Id prefix of the internal node of an ``any_of`` prerequisite with several available
inputs (``any:<task>:<prerequisite index>``): ready with the earliest of them."""

GATE = "gate:"
"""Id prefix of a stage gate's milestone (``gate:<stage>``)."""
GROUP = "group:"
"""Id prefix of a parallel group's start node (``group:<group>``)."""
GROUP_END = "group-end:"
"""Id prefix of the end node of a group whose results are issued together."""
MATERIAL = "material:"
"""Id prefix of a material preparation task (``material:<material>``)."""
PHYSICAL = "physical:"
"""Source prefix of an edge to a physical input left behind by a removed task or
prerequisite (``physical:<output>``, see ``docs/scheduling.md`` §1.5)."""
RELAXED_MODE = "lower-bound-relaxation"
"""Id of the mode the optimizer's lower bound gives an item whose mode is still open."""
SUPPLEMENT = "supplement:"
"""Id prefix of a 容缺 supplement task (``supplement:<item>:<material>``)."""


@dataclass
class TaskSpec:
    """One node of the plan graph, with how its dates are computed."""

    id: str
    type: TaskType | Literal["group", "any"]
    ref: str
    zh: str
    en: str
    timing: Timing
    duration: Duration
    stage: str | None = None
    department: str | None = None
    mode: str | None = None
    provider: str | None = None
    government: bool = False
    excluded: tuple[Duration, ...] = ()
    cap: Duration | None = None
    group: str | None = None
    anchor: str | None = None
    deadline: Duration | None = None
    pre_review: bool = False
    replaces: tuple[str, ...] = ()

    @property
    def visible(self) -> bool:
        """False for the internal nodes of parallel groups and ``any_of`` prerequisites."""
        return self.type not in ("group", "any")


@dataclass(frozen=True)
class GroupSpec:
    """A parallel group as planned for one combination of choices."""

    id: str
    zh: str
    en: str
    lead_department: str
    members: tuple[str, ...]
    cap: Duration | None
    issue_together: bool


@dataclass(frozen=True)
class ObligationSpec:
    """An obligation owed after a planned item."""

    id: str
    item: str
    zh: str
    en: str
    after: Literal["acceptance", "decision"]
    due: Duration
    basis: str
    mode: str | None


@dataclass
class PlanGraph:
    """Tasks and edges of one combination of choices.

    ``edges`` are the recorded dependencies ``(before, after, Edge)``; ``cpm_edges`` the
    same after parallel groups are wired through their internal start (and, when results
    are issued together, end) nodes, and an ``any_of`` prerequisite with several available
    inputs through its internal ``any:`` node (each input → the node → the task), which is
    what the timing pass reads.
    """

    tasks: dict[str, TaskSpec]
    edges: list[tuple[str, str, Edge]]
    cpm_edges: list[tuple[str, str, Edge]]
    groups: dict[str, GroupSpec]
    obligations: list[ObligationSpec]
    supplements: dict[str, list[str]]
    problems: list[Problem] = field(default_factory=list)
    commitments: int = 0
    items: int = 0


def sorted_edges(edges: Iterable[tuple[str, str, Edge]]) -> list[tuple[str, str, Edge]]:
    """Recorded edges in their stable order: by successor, predecessor, binding, source."""
    return sorted(edges, key=lambda e: (e[1], e[0], e[2].binds, e[2].source))


def to_networkx(graph: PlanGraph) -> nx.DiGraph:
    """The plan graph as a ``networkx.DiGraph``: node attribute ``spec`` (TaskSpec), edge
    attribute ``edges`` (the list of Edge records between the two tasks)."""
    # lazy import: networkx costs ~70 ms to import; only cycle reports and analysts use it
    import networkx as nx

    g = nx.DiGraph()
    for task_id in sorted(graph.tasks):
        g.add_node(task_id, spec=graph.tasks[task_id])
    for before, after, edge in graph.cpm_edges:
        if g.has_edge(before, after):
            g.edges[before, after]["edges"].append(edge)
        else:
            g.add_edge(before, after, edges=[edge])
    return g


def cycle_problem(graph: PlanGraph) -> Problem | None:
    """The cycle of the graph as one problem naming every id and each edge's source."""
    # lazy import: networkx costs ~70 ms to import; only a graph with a cycle needs it
    import networkx as nx

    g = to_networkx(graph)
    try:
        cycle = nx.find_cycle(g)
    except nx.NetworkXNoCycle:
        return None
    parts = []
    for before, after in (c[:2] for c in cycle):
        sources = ", ".join(sorted({e.source for e in g.edges[before, after]["edges"]}))
        parts.append(f"{before} -[{sources}]-> {after}")
    ids = sorted({c[0] for c in cycle})
    return Problem(
        "schedule-cycle",
        Location("catalog"),
        breadcrumb=" > ".join(f"Task(id='{i}')" for i in ids),
        args={"cycle": "; ".join(parts), "ids": ", ".join(ids)},
    )

"""A progress bar on stderr (rich): done of total, the rate and the time left, drawn only
when stderr is a terminal, so logs and pipes get no control characters."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

__all__ = ["progress_bar"]


class _Rate(ProgressColumn):
    """Steps done per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f}/s" if speed else "-/s")


def _nothing(_done: object) -> None:
    return None


@contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[object], None]]:
    """A callback to call once per step done; it advances a bar of ``total`` steps on a
    terminal and does nothing elsewhere."""
    console = Console(stderr=True)
    if not console.is_terminal or total == 0:
        yield _nothing
        return
    columns = (
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        _Rate(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console) as progress:
        task = progress.add_task(label, total=total)
        yield lambda _done: progress.advance(task)

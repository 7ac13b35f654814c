"""Progress bars for long `haven` commands: drawn with `rich` on a terminal, silent otherwise
(a log, a pipe, cron, CI), so logs hold only the command's own summary lines."""

from __future__ import annotations

import sys
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


def on_terminal() -> bool:
    return sys.stderr.isatty()


@contextmanager
def bar(description: str, total: float | None = None):
    """Yields `advance(step=None, amount=1, total=None, completed=None)`: a step name shown
    beside the description, an amount done, or the total and how much of it is done. Drawn
    on stderr only when it is a terminal."""
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=Console(stderr=True), disable=not on_terminal())
    with progress:
        task = progress.add_task(description, total=total)

        def advance(step: str | None = None, amount: float = 1, total: float | None = None,
                    completed: float | None = None) -> None:
            if completed is not None:
                progress.update(task, total=total, completed=completed)
            else:
                progress.update(task, advance=amount,
                                description=f"{description}: {step}" if step else description)

        yield advance

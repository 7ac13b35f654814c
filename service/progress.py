"""Progress bars for long `haven` commands: drawn with `rich` on a terminal, silent otherwise
(a log, a pipe, cron, CI), so logs hold only the command's own summary lines."""

from __future__ import annotations

import sys
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn


def on_terminal() -> bool:
    return sys.stderr.isatty()


@contextmanager
def bar(description: str, total: float | None = None):
    """Yields `advance(step_name=None, amount=1)`; draws on stderr only when it is a terminal."""
    progress = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:,.0f}/{task.total:,.0f}"),
                        TimeElapsedColumn(), console=Console(stderr=True), disable=not on_terminal(),
                        transient=False)
    with progress:
        task = progress.add_task(description, total=total)

        def advance(step: str | None = None, amount: float = 1) -> None:
            progress.update(task, advance=amount,
                            description=f"{description}: {step}" if step else description)

        yield advance

"""A task for the worker tests: it notes each run in a file, which tells a second run apart."""

import os
import time

from django.tasks import task  # type: ignore[import-not-found,unused-ignore]


@task
def note_run(number: int, path: str) -> int:
    """Append "number pid" to ``path``; a task run twice leaves two lines."""
    time.sleep(0.02)  # long enough for the two workers to poll while the other one works
    with open(path, "a", encoding="utf-8") as log:
        log.write(f"{number} {os.getpid()}\n")
    return number

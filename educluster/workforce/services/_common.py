from typing import Any


def save(obj: Any, actor: Any) -> None:
    """Validate and save, with the author set on the row for the history (tasks and commands
    have no request)."""
    obj._history_user = actor
    obj.full_clean()
    obj.save()


def delete(obj: Any, actor: Any) -> None:
    obj._history_user = actor
    obj.delete()

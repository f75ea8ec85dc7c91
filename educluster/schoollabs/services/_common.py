from typing import Any


def save(obj: Any, actor: Any) -> None:
    # Tasks and commands have no request, so the author is set on the row for the history.
    obj._history_user = actor
    obj.full_clean()
    obj.save()


def delete(obj: Any, actor: Any) -> None:
    obj._history_user = actor
    obj.delete()

"""The adapter between the workforce app and the pure forecast engine.

``snapshot.build_snapshot`` reads a cluster's reference inputs, positions and staff (ORM) into
a JSON snapshot of plain numbers; ``compute`` turns a snapshot into the engine's input
dataclasses and runs it; ``messages`` turns the engine's error codes into sentences in the
user's language; ``version`` says which code produced a result. A run is computed *from its
stored snapshot*, so re-running the snapshot reproduces it.
"""

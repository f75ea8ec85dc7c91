"""Reading surveys: the list a user sees, and the results of a survey (a fixed number of
queries whatever the number of responses)."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from educluster.engines.stats import cronbach_alpha
from educluster.surveys.models import Answer, Question, Survey
from educluster.surveys.services import respondent_hash


def surveys_for(user, cluster, *, manage: bool, audience: str = "") -> QuerySet[Survey]:
    """The surveys of ``cluster`` the user sees (a coordinator every one, others the open ones),
    narrowed to one audience when ``audience`` is given."""
    qs = Survey.objects.filter(cluster=cluster)
    if audience:
        qs = qs.filter(audience=audience)
    return qs if manage else qs.filter(status=Survey.Status.OPEN)


def answered_ids(user, surveys) -> set[int]:
    from educluster.surveys.models import Response

    hashes = {respondent_hash(s, user.pk): s.pk for s in surveys}
    found = Response.objects.filter(respondent_hash__in=hashes).values_list(
        "respondent_hash", flat=True
    )
    return {hashes[h] for h in found}


@dataclass
class QuestionResult:
    question: Question
    n: int = 0
    rows: list[tuple[str, int, float]] = field(default_factory=list)  # label, count, share
    mean: float | None = None
    texts: list[str] = field(default_factory=list)


@dataclass
class ScaleResult:
    name: str
    k: int
    n: int
    alpha: float | None


def results(survey: Survey) -> dict[str, Any]:
    questions = list(survey.questions.all())
    answers = list(
        Answer.objects.filter(response__survey=survey)
        .values("response_id", "question_id", "choice_indices", "likert", "text")
        .order_by("response_id", "pk")
    )
    n_responses = survey.responses.count()
    by_q: dict[int, list[Any]] = defaultdict(list)
    for a in answers:
        by_q[a["question_id"]].append(a)
    out = []
    for q in questions:
        got = by_q[q.pk]
        r = QuestionResult(question=q, n=len(got))
        if q.kind == Question.Kind.LIKERT:
            values = [a["likert"] for a in got]
            labels = [str(i) for i in range(1, q.scale_points + 1)]
            counts = [values.count(i) for i in range(1, q.scale_points + 1)]
            r.mean = sum(values) / len(values) if values else None
        elif q.kind == Question.Kind.TEXT:
            r.texts = [a["text"] for a in got if a["text"]]
            labels, counts = [], []
        else:
            labels = list(q.choices)
            counts = [sum(1 for a in got if i in a["choice_indices"]) for i in range(len(labels))]
        r.rows = [(lab, c, c / r.n if r.n else 0.0) for lab, c in zip(labels, counts, strict=True)]
        out.append(r)
    scales = []
    groups: dict[str, list[Question]] = defaultdict(list)
    for q in questions:
        if q.kind == Question.Kind.LIKERT and q.scale:
            groups[q.scale].append(q)
    for name, items in groups.items():
        per: dict[int, dict[int, int]] = defaultdict(dict)
        ids = {q.pk for q in items}
        for a in answers:
            if a["question_id"] in ids and a["likert"] is not None:
                per[a["response_id"]][a["question_id"]] = a["likert"]
        matrix = [[row[q.pk] for q in items] for row in per.values() if len(row) == len(items)]
        alpha = None
        if len(items) >= 2 and len(matrix) >= 3:
            try:
                value = cronbach_alpha(matrix).alpha
                alpha = value if value == value else None  # NaN: no variance
            except Exception:  # zero total variance and similar degenerate data
                alpha = None
        scales.append(ScaleResult(name=name, k=len(items), n=len(matrix), alpha=alpha))
    return {"questions": out, "scales": scales, "n_responses": n_responses}

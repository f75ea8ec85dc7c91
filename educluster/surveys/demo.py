"""The demo cluster's surveys: the yearly well-being survey from the template, in Uzbek, open,
with 30 generated anonymous responses (seeded, so always the same) so results and alpha show."""

import random

from django.db import transaction

from educluster.registry.models import Cluster
from educluster.surveys import services
from educluster.surveys.models import Answer, Question, Response, Survey

N_RESPONSES = 30


@transaction.atomic
def load(*, cluster: Cluster) -> None:
    if Survey.objects.filter(cluster=cluster).exists():
        return
    survey = services.survey_from_template(cluster=cluster, language="uz")
    services.survey_open(survey=survey)
    rng = random.Random(14)
    questions = list(survey.questions.all())
    texts = [
        "Koʻproq metodik seminarlar boʻlsa yaxshi boʻlardi.",
        "Maktabda psixolog yordami kerak.",
        "Hammasi yaxshi, rahmat.",
    ]
    answers = []
    for i in range(N_RESPONSES):
        # Synthetic respondents (negative ids): no real account is marked as having answered.
        response = Response.objects.create(
            survey=survey, respondent_hash=services.respondent_hash(survey, -(i + 1))
        )
        trait = {"": 0.0}
        for q in questions:
            if q.kind == Question.Kind.LIKERT:
                base = trait.setdefault(q.scale, rng.gauss(3.3, 0.9))
                value = min(q.scale_points, max(1, round(base + rng.gauss(0, 0.6))))
                answers.append(Answer(response=response, question=q, likert=value))
            elif q.kind == Question.Kind.MULTIPLE:
                picked = sorted(rng.sample(range(len(q.choices)), rng.randint(1, 2)))
                answers.append(Answer(response=response, question=q, choice_indices=picked))
            elif q.kind == Question.Kind.TEXT and i % 7 == 0:
                answers.append(Answer(response=response, question=q, text=texts[i % 3]))
    Answer.objects.bulk_create(answers)

"""Survey workflows: create, add questions, open/close, submit a response (all or nothing)."""

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from educluster.surveys.models import Answer, Question, Response, Survey


def respondent_hash(survey: Survey, user_id: int) -> str:
    """A salted hash of the user id: one response per user without storing who answered."""
    raw = f"{settings.SECRET_KEY}:survey:{survey.pk}:user:{user_id}"
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def survey_create(
    *,
    cluster,
    by,
    title: str,
    audience: str,
    description: str = "",
    anonymous: bool = True,
    opens_on=None,
    closes_on=None,
) -> Survey:
    survey = Survey(
        cluster=cluster,
        created_by=by,
        title=title,
        audience=audience,
        description=description,
        anonymous=anonymous,
        opens_on=opens_on,
        closes_on=closes_on,
    )
    survey.full_clean()
    survey.save()
    return survey


@transaction.atomic
def question_add(
    *,
    survey: Survey,
    text: str,
    kind: str,
    choices: list[str] | None = None,
    scale_points: int = 5,
    scale: str = "",
    required: bool = True,
) -> Question:
    if survey.status != Survey.Status.DRAFT:
        raise ValidationError(_("Questions can be added only while the survey is a draft."))
    choices = [c.strip() for c in (choices or []) if c.strip()]
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(choices) < 2:
        raise ValidationError({"choices": _("A choice question needs at least two choices.")})
    if kind == Question.Kind.LIKERT and not 2 <= scale_points <= 11:
        raise ValidationError({"scale_points": _("A Likert scale has 2 to 11 points.")})
    order = survey.questions.count() + 1
    return Question.objects.create(
        survey=survey,
        order=order,
        text=text,
        kind=kind,
        choices=choices,
        scale_points=scale_points,
        scale=scale,
        required=required,
    )


@transaction.atomic
def survey_open(*, survey: Survey) -> Survey:
    if not survey.questions.exists():
        raise ValidationError(_("A survey without questions cannot be opened."))
    survey.status = Survey.Status.OPEN
    survey.save(update_fields=["status"])
    return survey


@transaction.atomic
def survey_close(*, survey: Survey) -> Survey:
    survey.status = Survey.Status.CLOSED
    survey.save(update_fields=["status"])
    return survey


def _answer(question: Question, raw: Any) -> tuple[Answer | None, str | None]:
    """Validate one raw answer (a list of strings from the form); an Answer or an error."""
    values = [v for v in (raw or []) if str(v).strip() != ""]
    if not values:
        if question.required:
            return None, _("Question %(n)s: an answer is required.") % {"n": question.order}
        return None, None
    answer = Answer(question=question)
    if question.kind == Question.Kind.TEXT:
        answer.text = str(values[0]).strip()
        return answer, None
    try:
        numbers = [int(v) for v in values]
    except (TypeError, ValueError):
        return None, _("Question %(n)s: not a valid choice.") % {"n": question.order}
    if question.kind == Question.Kind.LIKERT:
        if len(numbers) != 1 or not 1 <= numbers[0] <= question.scale_points:
            return None, _("Question %(n)s: choose a point from 1 to %(k)s.") % {
                "n": question.order,
                "k": question.scale_points,
            }
        answer.likert = numbers[0]
        return answer, None
    if question.kind == Question.Kind.SINGLE and len(numbers) != 1:
        return None, _("Question %(n)s: choose exactly one answer.") % {"n": question.order}
    if any(not 0 <= i < len(question.choices) for i in numbers) or len(set(numbers)) != len(
        numbers
    ):
        return None, _("Question %(n)s: not a valid choice.") % {"n": question.order}
    answer.choice_indices = sorted(numbers)
    return answer, None


def response_submit(*, survey: Survey, user, answers: dict[int, list[str]]) -> Response:
    """Validate every question, then store the response and its answers in one transaction.

    ``answers`` maps a question id to the raw values of its form field. Raises
    ``ValidationError`` with one message per faulty question; nothing is written then."""
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("This survey is not open."))
    digest = respondent_hash(survey, user.pk)
    if Response.objects.filter(survey=survey, respondent_hash=digest).exists():
        raise ValidationError(_("You have already answered this survey."))
    built: list[Answer] = []
    errors: dict[str, list[str]] = {}
    for question in survey.questions.all():
        answer, error = _answer(question, answers.get(question.pk))
        if error:
            errors[f"q{question.pk}"] = [error]
        elif answer is not None:
            built.append(answer)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey, respondent=None if survey.anonymous else user, respondent_hash=digest
            )
            for a in built:
                a.response = response
            Answer.objects.bulk_create(built)
    except IntegrityError:
        raise ValidationError(_("You have already answered this survey.")) from None
    return response


@transaction.atomic
def survey_from_template(*, cluster, language: str, by=None) -> Survey:
    """The yearly well-being survey (10 Likert items in two scales, one multiple-choice and one
    free-text question) in ``language`` (uz, ru or en), as a draft."""
    from educluster.surveys.template_content import LANGUAGES
    from educluster.surveys.template_content import WELLBEING as T

    if language not in LANGUAGES:
        raise ValidationError({"language": _("Choose Uzbek, Russian or English.")})
    survey = survey_create(
        cluster=cluster,
        by=by,
        title=T["title"][language],
        description=T["description"][language],
        audience=Survey.Audience.TEACHERS,
        anonymous=True,
    )
    for scale, texts in T["likert"]:
        question_add(
            survey=survey,
            text=texts[language],
            kind=Question.Kind.LIKERT,
            scale=T["scales"][scale][language],
        )
    question_add(
        survey=survey,
        text=T["multiple"]["text"][language],
        kind=Question.Kind.MULTIPLE,
        choices=T["multiple"]["choices"][language],
        required=False,
    )
    question_add(survey=survey, text=T["text"][language], kind=Question.Kind.TEXT, required=False)
    return survey

"""The timeline of a round: open, close at the common deadline, run, review, publish, answer,
second round, correction. Every step is atomic and checks the state it starts from, so a
second click, a second worker or a stale page changes nothing."""

import logging
import secrets
from time import perf_counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from simple_history.utils import bulk_create_with_history

from educluster.engines.matching import MatchingInputError
from educluster.placements.models import (
    Applicant,
    Assignment,
    Host,
    HostRanking,
    PlacementRound,
    Preference,
    TargetedContract,
)
from educluster.placements.services import flow, matching
from educluster.placements.services._common import ensure_inputs_editable, save, when
from educluster.placements.services.storage import store_result
from educluster.telegram import notices as telegram

log = logging.getLogger(__name__)
Status = PlacementRound.Status
BATCH = 2000


@transaction.atomic
def round_create(*, actor: Any, cluster: Any, **fields: Any) -> PlacementRound:
    """A new draft round. The lottery seed is drawn now and recorded, so the run can be
    reproduced."""
    rnd = PlacementRound(cluster=cluster, created_by=actor if actor else None, **fields)
    if not rnd.lottery_seed:
        rnd.lottery_seed = secrets.randbelow(2**31 - 1) + 1
    save(rnd, actor)
    return rnd


@transaction.atomic
def round_update(*, actor: Any, round: PlacementRound, **fields: Any) -> PlacementRound:
    ensure_inputs_editable(round)
    for name, value in fields.items():
        setattr(round, name, value)
    save(round, actor)
    return round


def _claim(rnd: PlacementRound, expected: set[str], new: str) -> bool:
    """Compare-and-swap of the status: works on SQLite and PostgreSQL alike."""
    return bool(PlacementRound.objects.filter(pk=rnd.pk, status__in=expected).update(status=new))


@transaction.atomic
def round_open(*, actor: Any, round: PlacementRound) -> PlacementRound:
    """Open the round for preferences (from draft, or reopen before the run)."""
    if round.status not in (Status.DRAFT, Status.CLOSED):
        ensure_inputs_editable(round)
        raise ValidationError(_("The round is already open for preferences."))
    if round.preference_deadline is None or round.preference_deadline <= timezone.now():
        raise ValidationError(_("Set a preference deadline in the future before opening."))
    if not round.hosts.filter(capacity__gt=0).exists():
        raise ValidationError(_("Add at least one host with seats before opening."))
    if not _claim(round, {Status.DRAFT, Status.CLOSED}, Status.OPEN):
        raise ValidationError(_("The round changed meanwhile; reload the page."))
    round.status = Status.OPEN
    round.opens_on = round.opens_on or timezone.localdate()
    save(round, actor)
    return round


@transaction.atomic
def round_close(*, actor: Any, round: PlacementRound) -> PlacementRound:
    """Close the lists at the common deadline (never before it: nobody may be cut short)."""
    if round.status != Status.OPEN:
        raise ValidationError(_("Only a round that is open for preferences can be closed."))
    if round.preference_deadline and timezone.now() < round.preference_deadline:
        raise ValidationError(
            _("The preference deadline (%(deadline)s) has not passed yet; close after it.")
            % {"deadline": when(round.preference_deadline)}
        )
    if not _claim(round, {Status.OPEN}, Status.CLOSED):
        raise ValidationError(_("The round changed meanwhile; reload the page."))
    round.status = Status.CLOSED
    save(round, actor)
    return round


def round_run(*, actor: Any, round: PlacementRound, language: str = "uz") -> PlacementRound:
    """Start the run in the background. A round runs once: a second run is refused."""
    if round.status in (Status.RUNNING, Status.RUN, Status.REVIEWED, Status.PUBLISHED):
        raise ValidationError(
            _(
                "This round has already been run. A round runs once; to change its result, "
                "start a correction round."
            )
        )
    if round.status != Status.CLOSED:
        raise ValidationError(_("Close the preferences before running the round."))
    if not round.hosts.exists():
        raise ValidationError(_("The round has no hosts."))
    if not round.applicants.exists():
        raise ValidationError(_("The round has no applicants."))
    with transaction.atomic():
        if not _claim(round, {Status.CLOSED}, Status.RUNNING):
            raise ValidationError(_("This round has already been run."))
        round.status = Status.RUNNING
        round.run_by = actor
        round.run_language = language
        round.run_started_at = timezone.now()
        round.run_message = ""
        round.progress_percent = 0
        round.progress_stage = "queued"
        round.progress_at = round.run_started_at
        save(round, actor)
    from educluster.placements.tasks import run_round

    run_round.enqueue(round.pk)
    round.refresh_from_db()
    return round


def _progress(rnd: PlacementRound, percent: int, stage: str) -> None:
    # ``progress_at`` tells a live run from one left behind by a dead worker.
    PlacementRound.objects.filter(pk=rnd.pk).update(
        progress_percent=percent, progress_stage=stage, progress_at=timezone.now()
    )


def _fail(rnd: PlacementRound, message: str) -> PlacementRound:
    """Back to "closed" with the reason: nothing of the run was stored."""
    with transaction.atomic():
        if _claim(rnd, {Status.RUNNING}, Status.CLOSED):
            rnd.status = Status.CLOSED
            rnd.run_message = message
            rnd.progress_percent = 0
            rnd.progress_stage = ""
            rnd.run_finished_at = timezone.now()
            save(rnd, rnd.run_by)
    return rnd


def round_execute(*, round_id: int) -> PlacementRound:
    """The background run: load, match, explain, store. Idempotent: only a round in the
    "running" state is run, and its result is stored in one transaction."""
    rnd = PlacementRound.objects.select_related("run_by").get(pk=round_id)
    if rnd.status != Status.RUNNING:
        return rnd
    with override(rnd.run_language):
        timings: dict[str, float] = {}
        started = perf_counter()
        _progress(rnd, 10, "loading")
        data = matching.load_round_input(rnd)
        timings["load"] = perf_counter() - started
        _progress(rnd, 40, "matching")
        started = perf_counter()
        try:
            outcome = matching.solve(rnd, data)
        except MatchingInputError as error:
            return _fail(rnd, matching.engine_error_message(error, data))
        except Exception:
            log.exception("Placement round %s failed", rnd.pk)
            return _fail(rnd, _("The run failed unexpectedly; nothing was stored. Try again."))
        timings["match"] = perf_counter() - started
        _progress(rnd, 70, "storing")
        started = perf_counter()
        rows = matching.result_rows(data, outcome)
        with transaction.atomic():
            # Only the run that was started last may store: a worker woken after a reset and
            # a new run finds another start time and stores nothing.
            claimed = PlacementRound.objects.filter(
                pk=rnd.pk, status=Status.RUNNING, run_started_at=rnd.run_started_at
            ).update(status=Status.RUN)
            if not claimed:
                return rnd
            store_result(rnd, rows, matching.host_figures(data, outcome), actor=rnd.run_by)
            timings["store"] = perf_counter() - started
            rnd.status = Status.RUN
            rnd.stats = {
                **matching.run_statistics(rnd, data, outcome),
                "seconds": {k: round(v, 4) for k, v in timings.items()},
            }
            rnd.run_finished_at = timezone.now()
            rnd.progress_percent = 100
            rnd.progress_stage = "done"
            save(rnd, rnd.run_by)
    return rnd


@transaction.atomic
def round_review(*, actor: Any, round: PlacementRound) -> PlacementRound:
    """The coordinator has looked at the statistics and the result."""
    if round.status != Status.RUN:
        if round.status in (Status.REVIEWED, Status.PUBLISHED):
            raise ValidationError(_("The round has already been reviewed."))
        raise ValidationError(_("The round has not been run yet; there is nothing to review."))
    if not _claim(round, {Status.RUN}, Status.REVIEWED):
        raise ValidationError(_("The round changed meanwhile; reload the page."))
    round.status = Status.REVIEWED
    round.reviewed_by = actor
    round.reviewed_at = timezone.now()
    save(round, actor)
    return round


@transaction.atomic
def round_publish(
    *, actor: Any, round: PlacementRound, response_deadline: Any = None
) -> PlacementRound:
    """Publish the reviewed result: applicants see it and answer until the deadline."""
    if round.status == Status.PUBLISHED:
        raise ValidationError(_("The round is already published."))
    if round.status in (Status.DRAFT, Status.OPEN, Status.CLOSED, Status.RUNNING):
        raise ValidationError(_("The round has not been run yet; there is nothing to publish."))
    if round.status == Status.RUN:
        raise ValidationError(_("Review the statistics before publishing."))
    correction = round.followers.filter(origin_kind=PlacementRound.Origin.CORRECTION).first()
    if correction is not None:
        raise ValidationError(
            _("This round was corrected by “%(title)s”; publish the correction instead.")
            % {"title": correction.title}
        )
    deadline = response_deadline or round.response_deadline
    if deadline is None or deadline <= timezone.now():
        raise ValidationError(_("Set an answer deadline in the future."))
    if not _claim(round, {Status.REVIEWED}, Status.PUBLISHED):
        raise ValidationError(_("The round changed meanwhile; reload the page."))
    round.status = Status.PUBLISHED
    round.response_deadline = deadline
    round.published_by = actor
    round.published_at = timezone.now()
    save(round, actor)
    flow.practice_placements_create(actor=actor, round=round)
    telegram.round_published(round=round)
    return round


@transaction.atomic
def assignment_respond(*, actor: Any, assignment: Assignment, accept: bool) -> Assignment:
    """The applicant accepts or declines their placement while the answer window is open.
    Declining is final: the seat goes to the second round."""
    rnd = assignment.round
    if not rnd.is_published:
        raise ValidationError(_("The result is not published yet."))
    if not rnd.answers_open:
        raise ValidationError(_("The answer deadline has passed."))
    if assignment.host_id is None:
        raise ValidationError(_("There is no placement to answer: you were not matched."))
    if assignment.response == Assignment.Response.DECLINED:
        raise ValidationError(_("You have already declined this placement."))
    if accept and assignment.response == Assignment.Response.ACCEPTED:
        raise ValidationError(_("You have already accepted this placement; nothing was changed."))
    employed = rnd.kind == PlacementRound.Kind.EMPLOYMENT
    if not accept and employed and assignment.response == Assignment.Response.ACCEPTED:
        raise ValidationError(
            _("Your acceptance has filled the post; ask the coordinator to change it.")
        )
    new = Assignment.Response.ACCEPTED if accept else Assignment.Response.DECLINED
    # Compare-and-swap: of two clicks (or two tabs) only the first changes the answer.
    claimed = Assignment.objects.filter(pk=assignment.pk, response=assignment.response).update(
        response=new, responded_at=timezone.now()
    )
    if not claimed:
        raise ValidationError(_("Your answer was already recorded; reload the page."))
    assignment.response = new
    assignment.responded_at = timezone.now()
    if accept:
        flow.employment_accept(actor=actor, assignment=assignment)
    else:
        flow.practice_placement_release(actor=actor, assignment=assignment)
    save(assignment, actor)
    return assignment


# --- new rounds from an old one ----------------------------------------------------------------

_COPIED = (
    "kind",
    "method",
    "max_choices",
    "check_subject",
    "check_language",
    "max_distance_km",
    "term",
    "lab_term",
)
_HOST_FIELDS = (
    "institution_id",
    "label",
    "subject",
    "language_id",
    "mentor_id",
    "ranking",
    "link",
    "lab_id",
    "term_id",
    "vacancy_id",
    "offer_id",
)
_APPLICANT_FIELDS = (
    "person_id",
    "specialty",
    "district_id",
    "grade_average",
    "targeted_district_id",
    "home_latitude",
    "home_longitude",
)


def _copy_round(
    *,
    actor: Any,
    source: PlacementRound,
    title: str,
    origin_kind: str,
    reason: str,
    status: str,
    hosts: dict[int, int],
    applicants: list[Applicant],
) -> PlacementRound:
    """A new round with the given hosts ({old host pk: seats}) and applicants, their lists
    and the hosts' own rankings restricted to what is left and renumbered."""
    new = PlacementRound(
        cluster=source.cluster,
        title=title,
        origin=source,
        origin_kind=origin_kind,
        origin_reason=reason,
        status=status,
        created_by=actor,
        is_demo=source.is_demo,
        lottery_seed=secrets.randbelow(2**31 - 1) + 1,
        **{f: getattr(source, f) for f in _COPIED},
    )
    save(new, actor)
    old_hosts = {h.pk: h for h in source.hosts.filter(pk__in=hosts)}
    host_map: dict[int, Host] = {}
    for pk, seats in hosts.items():
        old = old_hosts[pk]
        host = Host(round=new, capacity=seats, **{f: getattr(old, f) for f in _HOST_FIELDS})
        save(host, actor)
        host_map[pk] = host
    app_map: dict[int, Applicant] = {}
    new_apps = [
        Applicant(round=new, **{f: getattr(a, f) for f in _APPLICANT_FIELDS}) for a in applicants
    ]
    bulk_create_with_history(new_apps, Applicant, batch_size=BATCH, default_user=actor)
    created = {a.person_id: a for a in Applicant.objects.filter(round=new)}
    through = Applicant.languages.through
    languages = []
    for old_app in applicants:
        app_map[old_app.pk] = created[old_app.person_id]
        for lang in old_app.languages.all():
            languages.append(through(applicant_id=app_map[old_app.pk].pk, language_id=lang.pk))
    through.objects.bulk_create(languages, batch_size=BATCH)
    prefs: list[Preference] = []
    position: dict[int, int] = {}
    for p in Preference.objects.filter(applicant__in=app_map, host__in=host_map).order_by(
        "applicant_id", "position"
    ):
        position[p.applicant_id] = position.get(p.applicant_id, 0) + 1
        prefs.append(
            Preference(
                applicant=app_map[p.applicant_id],
                host=host_map[p.host_id],
                position=position[p.applicant_id],
            )
        )
    Preference.objects.bulk_create(prefs, batch_size=BATCH)
    ranks: list[HostRanking] = []
    rank_pos: dict[int, int] = {}
    for r in HostRanking.objects.filter(host__in=host_map, applicant__in=app_map).order_by(
        "host_id", "position"
    ):
        rank_pos[r.host_id] = rank_pos.get(r.host_id, 0) + 1
        ranks.append(
            HostRanking(
                host=host_map[r.host_id],
                applicant=app_map[r.applicant_id],
                position=rank_pos[r.host_id],
            )
        )
    HostRanking.objects.bulk_create(ranks, batch_size=BATCH)
    return new


@transaction.atomic
def round_second(*, actor: Any, round: PlacementRound) -> PlacementRound:
    """A draft second round for the applicants left without a placement (unmatched or
    declined) and the seats left unfilled. Unanswered placements count as accepted."""
    if round.status != Status.PUBLISHED:
        raise ValidationError(_("A second round follows a published round."))
    if round.answers_open:
        raise ValidationError(
            _("The answer window is open until %(deadline)s; the second round starts after it.")
            % {"deadline": when(round.response_deadline)}
        )
    existing = round.followers.filter(origin_kind=PlacementRound.Origin.SECOND_ROUND).first()
    if existing is not None:
        raise ValidationError(
            _("A second round already exists: “%(title)s”.") % {"title": existing.title}
        )
    kept = Assignment.objects.filter(round=round, host__isnull=False).exclude(
        response=Assignment.Response.DECLINED
    )
    taken: dict[int, int] = {}
    for host_id in kept.values_list("host_id", flat=True):
        taken[host_id] = taken.get(host_id, 0) + 1
    seats = {
        h.pk: h.capacity - taken.get(h.pk, 0)
        for h in round.hosts.all()
        if h.capacity - taken.get(h.pk, 0) > 0
    }
    left = list(
        Applicant.objects.filter(round=round)
        .exclude(pk__in=kept.values("applicant_id"))
        .prefetch_related("languages")
    )
    if not left:
        raise ValidationError(_("Everybody has a placement; no second round is needed."))
    if not seats:
        raise ValidationError(_("No seats are left for a second round."))
    return _copy_round(
        actor=actor,
        source=round,
        title=_("%(title)s — second round") % {"title": round.title},
        origin_kind=PlacementRound.Origin.SECOND_ROUND,
        reason="",
        status=Status.DRAFT,
        hosts=seats,
        applicants=left,
    )


@transaction.atomic
def round_correct(*, actor: Any, round: PlacementRound, reason: str) -> PlacementRound:
    """A correction: a new round with the same hosts, applicants, lists and rankings, ready to
    be adjusted and run, recording why. The old round keeps its result unchanged."""
    if not round.has_result:
        raise ValidationError(_("The round has not been run; change it directly instead."))
    if not reason.strip():
        raise ValidationError(_("Say why the round is corrected."))
    return _copy_round(
        actor=actor,
        source=round,
        title=_("%(title)s — correction") % {"title": round.title},
        origin_kind=PlacementRound.Origin.CORRECTION,
        reason=reason.strip(),
        status=Status.CLOSED,
        hosts={h.pk: h.capacity for h in round.hosts.all()},
        applicants=list(round.applicants.prefetch_related("languages")),
    )


def contract_district(cluster: Any, person: Any) -> Any:
    """The district of the person's running targeted-training contract in the cluster."""
    contract = (
        TargetedContract.objects.filter(
            cluster=cluster,
            person=person,
            status__in=[TargetedContract.Status.STUDYING, TargetedContract.Status.WORKING],
        )
        .order_by("-admission_year")
        .first()
    )
    return contract.district if contract else None

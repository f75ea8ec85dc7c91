"""The adapter between rows and the matching engine: same result as the engine on the same
arrays, the priority rule, hosts' own rankings, eligibility, the methods, and errors."""

import random
from decimal import Decimal

import pytest
from django.utils import translation

from educluster.engines.matching import (
    MatchingInputError,
    build_market,
    check_matching,
    stable_match,
)
from educluster.placements import services
from educluster.placements.models import Applicant, Assignment, Host, PlacementRound, Preference
from educluster.placements.services import matching
from educluster.placements.tests._support import applicants, hosts, new_round, run
from educluster.registry.models import District, Language

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(cast):
    return cast["coordinator"]


def _opened(cluster, coordinator, **kwargs):
    rnd = new_round(cluster, coordinator, **kwargs)
    services.round_open(actor=coordinator, round=rnd)
    return rnd


def _result(rnd) -> dict[int, int | None]:
    return dict(Assignment.objects.filter(round=rnd).values_list("applicant_id", "host_id"))


def test_it_stores_exactly_what_the_engine_gives_on_the_same_lists(cluster, coordinator):
    rng = random.Random(11)
    rnd = _opened(cluster, coordinator, seats=(2, 1, 3, 1), people=10)
    h, a = hosts(rnd), applicants(rnd)
    for applicant in a:
        Applicant.objects.filter(pk=applicant.pk).update(
            grade_average=Decimal(str(round(rng.uniform(3, 5), 2)))
        )
        services.preferences_set(
            actor=coordinator,
            applicant=applicant,
            host_ids=[x.pk for x in rng.sample(h, rng.randint(1, 4))],
        )
    rnd = run(rnd, coordinator)
    # The same market built independently: lists by index, hosts rank by grade (no contracts,
    # no districts), ties cannot occur with distinct random grades.
    index = {x.pk: i for i, x in enumerate(h)}
    grades = {x.pk: x.grade_average for x in Applicant.objects.filter(round=rnd)}
    prefs = [
        [index[p] for p in x.preferences.order_by("position").values_list("host_id", flat=True)]
        for x in a
    ]
    order = sorted(range(len(a)), key=lambda i: -grades[a[i].pk])
    ranking = [[i for i in order if j in prefs[i]] for j in range(len(h))]
    expected = stable_match(prefs, ranking, [x.capacity for x in h])
    stored = _result(rnd)
    assert [stored[x.pk] for x in a] == [h[j].pk if j >= 0 else None for j in expected.assignment]
    market = build_market(prefs, ranking, [x.capacity for x in h])
    assignment = [index[stored[x.pk]] if stored[x.pk] else -1 for x in a]
    assert check_matching(market, assignment).is_stable


def test_it_puts_a_targeted_contract_then_residence_before_the_grade(cluster, coordinator):
    rnd = _opened(cluster, coordinator, seats=(1,), people=3)
    host = hosts(rnd)[0]
    district = host.institution.district
    elsewhere = District.objects.exclude(pk=district.pk).first()
    top, resident, contracted = applicants(rnd)
    Applicant.objects.filter(pk=top.pk).update(grade_average="5.00", district=elsewhere)
    Applicant.objects.filter(pk=resident.pk).update(grade_average="3.50", district=district)
    Applicant.objects.filter(pk=contracted.pk).update(
        grade_average="3.00", district=elsewhere, targeted_district=district
    )
    for applicant in (top, resident, contracted):
        services.preferences_set(actor=coordinator, applicant=applicant, host_ids=[host.pk])
    rnd = run(rnd, coordinator)
    assert _result(rnd)[contracted.pk] == host.pk
    why = Assignment.objects.get(applicant=resident).explanation[0]
    assert (why["reason"], why["rank"], why["cutoff"]) == ("below_cutoff", 2, 1)
    assert Assignment.objects.get(applicant=top).explanation[0]["rank"] == 3


def test_it_follows_a_hosts_own_ranking_and_leaves_out_the_unranked(cluster, coordinator):
    rnd = _opened(cluster, coordinator, seats=(2,), people=3)
    host = hosts(rnd)[0]
    a = applicants(rnd)
    for applicant, grade in zip(a, ["5.0", "4.0", "3.0"], strict=True):
        Applicant.objects.filter(pk=applicant.pk).update(grade_average=grade)
        services.preferences_set(actor=coordinator, applicant=applicant, host_ids=[host.pk])
    services.host_set_ranking(actor=coordinator, host=host, ranking=Host.Ranking.EXPLICIT)
    services.host_ranking_set(actor=coordinator, host=host, applicant_ids=[a[2].pk, a[1].pk])
    rnd = run(rnd, coordinator)
    result = _result(rnd)
    assert result[a[2].pk] == host.pk and result[a[1].pk] == host.pk and result[a[0].pk] is None
    assert Assignment.objects.get(applicant=a[0]).explanation[0]["reason"] == "not_ranked_by_host"


def test_it_applies_subject_language_and_distance_before_matching(cluster, coordinator):
    rnd = _opened(cluster, coordinator, seats=(1, 1, 1), people=3)
    h = hosts(rnd)
    ru = Language.objects.get(code="ru")
    uz = Language.objects.get(code="uz")
    PlacementRound.objects.filter(pk=rnd.pk).update(
        check_subject=True, check_language=True, max_distance_km=Decimal("30")
    )
    Host.objects.filter(pk=h[0].pk).update(subject="Chizmachilik")
    Host.objects.filter(pk=h[1].pk).update(language=ru)
    a = applicants(rnd)
    for applicant in a:
        applicant.languages.set([uz])
        Applicant.objects.filter(pk=applicant.pk).update(specialty="Tasviriy sanʼat")
    # The third applicant lives in Samarkand, far from Boʻka.
    Applicant.objects.filter(pk=a[2].pk).update(
        home_latitude=Decimal("39.654"), home_longitude=Decimal("66.959")
    )
    services.preferences_set(actor=coordinator, applicant=a[0], host_ids=[h[0].pk])
    services.preferences_set(actor=coordinator, applicant=a[1], host_ids=[h[1].pk])
    services.preferences_set(actor=coordinator, applicant=a[2], host_ids=[h[2].pk])
    rnd = run(rnd, coordinator)
    reasons = {
        x.applicant_id: x.explanation[0]["reason"] for x in Assignment.objects.filter(round=rnd)
    }
    assert reasons == {
        a[0].pk: "ineligible_subject",
        a[1].pk: "ineligible_language",
        a[2].pk: "ineligible_distance",
    }
    assert rnd.stats["matched"] == 0 and rnd.stats["eligible_pairs"] == 0


def test_it_labels_the_optimal_assignment_as_not_stable(cluster, coordinator):
    rnd = _opened(
        cluster, coordinator, seats=(1, 1), people=2, method=PlacementRound.Method.MIN_RANK
    )
    h, a = hosts(rnd), applicants(rnd)
    services.preferences_set(actor=coordinator, applicant=a[0], host_ids=[h[0].pk, h[1].pk])
    services.preferences_set(actor=coordinator, applicant=a[1], host_ids=[h[0].pk])
    rnd = run(rnd, coordinator)
    assert rnd.stats["stable"] is False and rnd.stats["total_cost"] == 3
    assert _result(rnd) == {a[0].pk: h[1].pk, a[1].pk: h[0].pk}
    why = Assignment.objects.get(applicant=a[0]).explanation[0]
    assert why["reason"] == "assigned_by_optimisation"


def test_it_reports_an_engine_error_in_plain_words_and_stores_nothing(cluster, coordinator):
    rnd = _opened(cluster, coordinator, seats=(1,), people=2)
    other = new_round(cluster, coordinator, seats=(1,), people=1)
    victim = applicants(rnd)[1]
    # A row written around the services (e.g. by hand in the database).
    Preference.objects.create(applicant=victim, host=hosts(other)[0], position=1)
    rnd = run(rnd, coordinator)  # started in English
    with translation.override("en"):
        expected = translation.gettext(
            "%(applicant)s ranks a host that is not part of this round."
        ) % {"applicant": victim.person.full_name}
    assert rnd.status == PlacementRound.Status.CLOSED
    assert rnd.run_message == expected and victim.person.full_name in rnd.run_message
    assert not Assignment.objects.filter(round=rnd).exists()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("duplicate_choice", "{a} ranks {h} twice."),
        ("negative_capacity", "{h} has a number of seats below zero."),
        ("unknown_applicant", "{h} ranks an applicant who is not part of this round."),
        ("tied_ranks", "{h} gives {a} and {b} the same rank."),
        ("something_new", "The round's data cannot be matched (engine code “something_new”)."),
    ],
)
def test_it_translates_every_engine_error_code(cluster, coordinator, code, expected):
    rnd = _opened(cluster, coordinator, seats=(1,), people=2)
    data = matching.load_round_input(rnd)
    a = applicants(rnd)
    host = hosts(rnd)[0]
    error = MatchingInputError(code, "x", applicant=0, host=0, other_applicant=1)
    message = matching.engine_error_message(error, data)  # msgids: see conftest.py
    assert message == expected.format(a=a[0].person.full_name, b=a[1].person.full_name, h=host)

"""Automatic pathway stages: written from their source, once per source, not edited by hand."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from educluster.accounts.models import Person
from educluster.pathways import services
from educluster.pathways.models import Learner, Stage
from educluster.schoollabs import services as labs
from educluster.schoollabs.models import Placement, SchoolLab, Term

pytestmark = pytest.mark.django_db


@pytest.fixture
def lab_placement(cast):
    lab = SchoolLab.objects.get(name__icontains="Parkent")
    term = Term.objects.first()
    taken = Placement.objects.filter(lab=lab, term=term).exclude(status="withdrawn").count()
    lab.capacity_per_term = taken + 1
    lab.save()
    student = Person.objects.filter(kind="student", lab_placements__isnull=True).first()
    return labs.placement_create(
        actor=cast["coordinator"],
        lab=lab,
        term=term,
        student=student,
        mentor=Person.objects.get(user__username="mentor"),
    )


def test_it_writes_the_practice_stage_from_a_lab_placement(lab_placement, cluster):
    stage = Stage.objects.get(source_placement=lab_placement)
    assert stage.kind == Stage.Kind.PRACTICE
    assert stage.learner.person == lab_placement.student
    assert stage.learner.cluster == cluster
    assert stage.institution == lab_placement.lab.host
    assert stage.start_year == lab_placement.term.start_date.year
    assert stage.is_automatic and stage.source == lab_placement


def test_it_records_a_stage_once_per_source(lab_placement, cluster):
    for year in (2031, 2032):
        services.pathway_record_stage(
            cluster=cluster,
            person=lab_placement.student,
            kind="practice",
            year=year,
            source=lab_placement,
        )
    stages = Stage.objects.filter(source_placement=lab_placement)
    assert stages.count() == 1 and stages.get().start_year == 2032
    assert Learner.objects.filter(cluster=cluster, person=lab_placement.student).count() == 1


def test_it_creates_the_pathway_when_the_person_has_none(lab_placement, cluster):
    Learner.objects.filter(cluster=cluster, person=lab_placement.student).delete()
    assert not Stage.objects.filter(source_placement=lab_placement).exists()
    stage = services.pathway_record_stage(
        cluster=cluster,
        person=lab_placement.student,
        kind="practice",
        year=2030,
        source=lab_placement,
    )
    assert stage is not None and stage.learner.person == lab_placement.student


def test_it_drops_the_stage_of_a_withdrawn_placement(lab_placement, cast):
    labs.placement_update(
        actor=cast["coordinator"], placement=lab_placement, status=Placement.Status.WITHDRAWN
    )
    assert not Stage.objects.filter(source_placement=lab_placement).exists()


def test_it_shows_the_source_and_refuses_hand_edits(lab_placement, cast, client_as):
    stage = Stage.objects.get(source_placement=lab_placement)
    client = client_as("coordinator")
    page = client.get(reverse("pathways:learner", args=[stage.learner_id])).content.decode()
    assert lab_placement.get_absolute_url() in page
    edit = reverse("pathways:stage_edit", args=[stage.learner_id, stage.pk])
    assert edit not in page
    assert client.get(edit).status_code == 404
    delete = reverse("pathways:stage_delete", args=[stage.learner_id, stage.pk])
    assert client.post(delete).status_code == 404
    with pytest.raises(ValidationError):
        services.stage_save(actor=cast["coordinator"], stage=stage)
    assert Stage.objects.filter(pk=stage.pk).exists()


def test_it_refuses_an_unknown_source(cluster, cast):
    with pytest.raises(TypeError):
        services.pathway_record_stage(
            cluster=cluster,
            person=cast["student"].person,
            kind="practice",
            year=2030,
            source=cluster,
        )

"""A material names the School-Lab study it came from (a foreign key) and shows its effect size;
readers who may not see the study get its title, never a link into it."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from educluster.accounts.models import Person
from educluster.conftest import CAST
from educluster.materials import selectors, services
from educluster.materials.forms import MaterialForm
from educluster.materials.models import Material
from educluster.registry.models import Cluster
from educluster.schoollabs.models import Study

pytestmark = pytest.mark.django_db


@pytest.fixture
def material(db):
    """A published demo material of the lab project, made from the demo study."""
    return (
        Material.objects.filter(source_study__isnull=False, status=Material.Status.PUBLISHED)
        .select_related("source_study")
        .order_by("pk")
        .first()
    )


def test_it_links_the_material_to_a_study_row(material):
    assert isinstance(material.source_study, Study)
    assert material in material.source_study.materials.all()


def test_it_shows_the_studys_effect_size(material, cast, client_as):
    cast["coordinator"].preferred_language = "en"
    cast["coordinator"].save()
    effect = selectors.study_effect(material)
    assert effect is not None and effect.effect_size is not None
    page = client_as("coordinator").get(material.get_absolute_url()).content.decode()
    assert "Effect size" in page
    with translation.override("en"):
        from django.template.defaultfilters import floatformat

        assert f"Effect size: {floatformat(effect.effect_size, 2)}" in page
    assert material.source_study.title in page
    assert material.source_study.get_absolute_url() in page


def test_it_links_the_study_only_for_readers_who_may_open_it(material, client_as):
    study_url = material.source_study.get_absolute_url()
    for name in CAST:
        client = client_as(name)
        page = client.get(material.get_absolute_url())
        if name == "outsider":
            assert page.status_code == 404
            continue
        assert page.status_code == 200, name
        html = page.content.decode()
        assert material.source_study.title in html, name
        opens = client.get(study_url).status_code == 200
        assert (study_url in html) == opens, name


def test_it_offers_only_the_clusters_studies(cluster):
    form = MaterialForm(
        cluster=cluster,
        people=Person.objects.none(),
        projects=cluster.projects.all(),
    )
    offered = set(form.fields["source_study"].queryset)
    assert offered == set(Study.objects.filter(cluster=cluster))


def test_it_refuses_a_study_of_another_cluster(material, cluster, cast):
    other = Cluster.objects.create(
        slug="boshqa-klaster",
        name="Boshqa klaster",
        lead_institution=cluster.lead_institution,
        region=cluster.region,
    )
    study = material.source_study
    Study.objects.filter(pk=study.pk).update(cluster=other)
    material.source_study = Study.objects.get(pk=study.pk)
    with pytest.raises(ValidationError) as refused:
        material.full_clean()
    assert "source_study" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.material_update(actor=cast["coordinator"], material=material)


def test_it_does_not_link_a_study_the_coordinator_may_not_see(material, cluster, client_as):
    """A study moved to a cluster the reader does not coordinate: its title stays, no link."""
    other = Cluster.objects.create(
        slug="boshqa-klaster",
        name="Boshqa klaster",
        lead_institution=cluster.lead_institution,
        region=cluster.region,
    )
    study = material.source_study
    Study.objects.filter(pk=study.pk).update(cluster=other)
    client = client_as("coordinator")
    assert client.get(study.get_absolute_url()).status_code == 404
    html = client.get(material.get_absolute_url()).content.decode()
    assert study.get_absolute_url() not in html

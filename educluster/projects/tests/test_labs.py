"""A project's School-Labs are SchoolLab rows of its own cluster, listed with links."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from educluster.accounts.models import Person
from educluster.projects import services
from educluster.schoollabs.models import SchoolLab

from .support import faculty_project, other_cluster

pytestmark = pytest.mark.django_db


@pytest.fixture
def outside_lab(db):
    cluster, _goal, _student = other_cluster()
    place = cluster.lead_institution
    return SchoolLab.objects.create(
        cluster=cluster,
        host=place,
        name="Begona Maktab-laboratoriya",
        supervisor=Person.objects.create(
            full_name="Begona Dotsent", kind="faculty", institution=place
        ),
        school_coordinator=Person.objects.create(
            full_name="Begona Oʻqituvchi", kind="teacher", institution=place
        ),
    )


def test_it_lists_the_projects_labs_with_links(client_as):
    project = faculty_project()
    labs = list(project.labs.all())
    assert labs and all(isinstance(lab, SchoolLab) for lab in labs)
    html = client_as("student").get(project.get_absolute_url()).content.decode()
    for lab in labs:
        assert f'href="{lab.get_absolute_url()}"' in html
        assert lab.name in html


def test_it_offers_only_the_clusters_open_labs(client_as, cluster, outside_lab):
    closed = SchoolLab.objects.filter(cluster=cluster).order_by("pk").last()
    SchoolLab.objects.filter(pk=closed.pk).update(status=SchoolLab.Status.CLOSED)
    for url in (
        reverse("projects:create", args=[cluster.slug]),
        reverse("projects:edit", args=[faculty_project().pk]),
    ):
        form = client_as("coordinator").get(url).context["form"]
        offered = set(form.fields["labs"].queryset)
        assert offered == set(
            SchoolLab.objects.filter(cluster=cluster).exclude(status=SchoolLab.Status.CLOSED)
        )
        assert outside_lab not in offered and closed not in offered


def test_it_refuses_a_lab_of_another_cluster_on_the_form(client_as, cluster, outside_lab):
    project = faculty_project()
    client = client_as("coordinator")
    url = reverse("projects:edit", args=[project.pk])
    form = client.get(url).context["form"]
    data = {
        name: field.initial if not hasattr(field, "queryset") else ""
        for name, field in form.fields.items()
    }
    data.update({k: v for k, v in form.initial.items() if v is not None})
    data["labs"] = [outside_lab.pk]
    for name in ("goals", "partners"):
        data[name] = [getattr(o, "pk", o) for o in form.initial.get(name, [])]
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors.get("labs")
    assert outside_lab not in project.labs.all()


def test_it_refuses_a_lab_of_another_cluster_in_the_service(cast, outside_lab):
    project = faculty_project()
    with pytest.raises(ValidationError) as refused:
        services.project_update(actor=cast["coordinator"], project=project, labs=[outside_lab])
    assert "labs" in refused.value.message_dict
    assert outside_lab not in project.labs.all()

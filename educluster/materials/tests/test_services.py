"""Writing, publishing and adopting materials, and the rules on bad input."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from educluster.core.history import history_entries
from educluster.materials import services
from educluster.materials.models import Adoption, Material
from educluster.materials.selectors import materials_for
from educluster.projects.tests.support import other_cluster, pdf_upload, person_of
from educluster.registry.models import Institution, Language


@pytest.fixture
def draft(cluster, cast):
    return services.material_create(
        actor=cast["faculty"],
        cluster=cluster,
        title="Bo'yoqlar bilan tajriba: 2-sinf",
        kind=Material.Kind.LESSON_PLAN,
        language=Language.objects.get(code="uz"),
        level=Material.Level.PRIMARY,
        subject="Tasviriy sanʼat",
        tags="rang;  Rang , gouache",
    )


def test_it_writes_a_draft_with_the_writer_as_author(draft, cast):
    assert list(draft.authors.all()) == [person_of("faculty")]
    assert draft.title == "Boʻyoqlar bilan tajriba: 2-sinf"
    assert draft.tags == "rang, gouache"
    assert draft.status == "draft" and draft.created_by == cast["faculty"]


def test_it_shows_a_draft_to_its_author_and_coordinators_only(draft, cast):
    for name in ("faculty", "coordinator", "admin"):
        assert materials_for(cast[name]).filter(pk=draft.pk).exists(), name
    for name in ("head", "student", "mentor", "analyst", "outsider"):
        assert not materials_for(cast[name]).filter(pk=draft.pk).exists(), name
    services.material_publish(actor=cast["faculty"], material=draft)
    for name in ("head", "student", "mentor", "analyst"):
        assert materials_for(cast[name]).filter(pk=draft.pk).exists(), name
    assert not materials_for(cast["outsider"]).filter(pk=draft.pk).exists()


def test_it_lets_a_co_author_see_and_edit_the_draft(draft, cast):
    services.material_update(
        actor=cast["faculty"], material=draft, authors=[person_of("faculty"), person_of("mentor")]
    )
    assert materials_for(cast["mentor"]).filter(pk=draft.pk).exists()
    assert cast["mentor"].has_perm("materials.change_material", draft)
    assert not cast["head"].has_perm("materials.change_material", draft)


def test_it_refuses_to_publish_without_an_author(draft, cast):
    draft.authors.clear()
    with pytest.raises(ValidationError) as error:
        services.material_publish(actor=cast["coordinator"], material=draft)
    assert "authors" in error.value.message_dict
    assert Material.objects.get(pk=draft.pk).status == "draft"


def test_it_refuses_authors_and_goals_from_another_cluster(draft, cast):
    _cluster, goal, stranger = other_cluster()
    with pytest.raises(ValidationError) as error:
        services.material_update(actor=cast["faculty"], material=draft, authors=[stranger])
    assert "authors" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.material_update(actor=cast["faculty"], material=draft, goals=[goal])
    assert "goals" in error.value.message_dict


def test_it_checks_files_by_content_and_size(draft, cast, media, settings):
    with pytest.raises(ValidationError) as error:
        services.material_file_add(
            actor=cast["faculty"], material=draft, upload=pdf_upload("reja.pdf", b"<html>hi")
        )
    assert "file" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.material_file_add(
            actor=cast["faculty"], material=draft, upload=pdf_upload("reja.docx")
        )
    assert "file" in error.value.message_dict
    from educluster.core import files

    big = pdf_upload("katta.pdf", b"%PDF-1.4\n" + b"0" * 2048)
    big.size = files.MAX_UPLOAD_BYTES + 1
    with pytest.raises(ValidationError) as error:
        services.material_file_add(actor=cast["faculty"], material=draft, upload=big)
    assert "MB" in error.value.message_dict["file"][0]
    attached = services.material_file_add(
        actor=cast["faculty"], material=draft, upload=pdf_upload("reja.pdf")
    )
    assert attached.name == "reja.pdf" and attached.file.name.startswith("materials/")
    assert not draft.files.exclude(pk=attached.pk).exists()


def test_it_records_an_adoption_with_who_when_where(draft, cast):
    services.material_publish(actor=cast["faculty"], material=draft)
    school = Institution.objects.get(code="CHR-SCH-3")
    teacher = school.people.filter(kind="teacher").first()
    adoption = services.adoption_record(
        actor=cast["head"],
        material=draft,
        institution=school,
        teacher=teacher,
        classes="2-A, 2-B",
        pupils=52,
        feedback="Yaxshi",
        rating=5,
    )
    assert adoption.adopted_on == timezone.localdate()
    assert history_entries(adoption)[0].who == cast["head"].display_name
    with pytest.raises(ValidationError) as error:
        services.adoption_record(actor=cast["head"], material=draft, institution=school)
    assert "adopted_on" in error.value.message_dict


def test_it_refuses_bad_adoptions(draft, cast):
    school = Institution.objects.get(code="CHR-SCH-3")
    with pytest.raises(ValidationError):  # not published yet
        services.adoption_record(actor=cast["head"], material=draft, institution=school)
    services.material_publish(actor=cast["faculty"], material=draft)
    today = timezone.localdate()
    for bad, field in [
        ({"adopted_on": today - timedelta(days=1)}, "adopted_on"),  # before publication
        ({"adopted_on": today + timedelta(days=1)}, "adopted_on"),  # in the future
        ({"rating": 6}, "rating"),
        ({"teacher": person_of("mentor")}, "teacher"),  # works at another school
    ]:
        with pytest.raises(ValidationError) as error:
            services.adoption_record(actor=cast["head"], material=draft, institution=school, **bad)
        assert field in error.value.message_dict, bad
    outsider_school = other_cluster()[0].lead_institution
    with pytest.raises(ValidationError) as error:
        services.adoption_record(
            actor=cast["coordinator"], material=draft, institution=outsider_school
        )
    assert "institution" in error.value.message_dict
    assert not Adoption.objects.filter(material=draft).exists()


def test_it_keeps_an_adopted_material_published(cast):
    material = Material.objects.filter(status="published", adoptions__isnull=False).first()
    with pytest.raises(ValidationError):
        services.material_unpublish(actor=cast["coordinator"], material=material)
    assert Material.objects.get(pk=material.pk).status == "published"


def test_it_lets_a_head_adopt_only_for_their_own_school(client_as, draft, cast):
    services.material_publish(actor=cast["faculty"], material=draft)
    url = reverse("materials:adopt", args=[draft.pk])
    form = client_as("head").get(url).context["form"]
    assert [i.code for i in form.fields["institution"].queryset] == ["CHR-SCH-3"]
    assert form.initial["institution"] == form.fields["institution"].queryset.get().pk
    other = Institution.objects.get(code="PAR-SCH-12")
    response = client_as("head").post(url, {"institution": other.pk, "adopted_on": ""})
    assert response.status_code == 200 and "institution" in response.context["form"].errors
    mine = Institution.objects.get(code="CHR-SCH-3")
    today = timezone.localdate().isoformat()
    response = client_as("head").post(url, {"institution": mine.pk, "adopted_on": today})
    assert response.status_code == 302
    assert draft.adoptions.get().recorded_by == cast["head"]


def test_it_publishes_from_the_page(client_as, draft):
    response = client_as("faculty").post(reverse("materials:publish", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_on == timezone.localdate()


def test_it_removes_files_adoptions_and_publication(
    client_as, draft, cast, media, django_capture_on_commit_callbacks
):
    attached = services.material_file_add(
        actor=cast["faculty"], material=draft, upload=pdf_upload()
    )
    stored = media / attached.file.name
    with django_capture_on_commit_callbacks(execute=True):
        client_as("faculty").post(reverse("materials:file_delete", args=[draft.pk, attached.pk]))
    assert not stored.exists() and not draft.files.exists()

    services.material_publish(actor=cast["faculty"], material=draft)
    school = Institution.objects.get(code="CHR-SCH-3")
    adoption = services.adoption_record(actor=cast["head"], material=draft, institution=school)
    url = reverse("materials:adoption_delete", args=[draft.pk, adoption.pk])
    assert client_as("mentor").post(url).status_code == 403
    client_as("head").post(url)
    assert not draft.adoptions.exists()

    client_as("faculty").post(reverse("materials:publish", args=[draft.pk]), {"undo": "1"})
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.published_on is None


def test_it_filters_the_library_for_htmx(client_as, cluster):
    response = client_as("student").get(
        reverse("materials:list", args=[cluster.slug]),
        {"q": "akvarel"},
        headers={"HX-Request": "true"},
    )
    assert response.templates[0].name == "materials/_material_rows.html"
    assert response.context["page"].paginator.count == 1

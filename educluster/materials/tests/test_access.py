"""Every materials page, file and export as every member of the cast, the outsider and an
anonymous visitor. Drafts are read by their authors and the coordinators only: for everyone
else a draft, like anything outside their cluster, is not found."""

import pytest
from django.urls import reverse

from educluster.conftest import CAST
from educluster.materials import services
from educluster.materials.models import Material
from educluster.projects.tests.support import pdf_upload

READERS = {"coordinator", "head", "faculty", "student", "mentor", "analyst", "admin"}
WRITERS = {"coordinator", "head", "faculty", "mentor", "admin"}
AUTHOR = {"coordinator", "admin", "faculty"}
ADOPTERS = {"coordinator", "admin", "head"}


def expect(allowed: set[str], *, others: int = 403) -> dict[str, int]:
    return {
        name: 200 if name in allowed else (404 if name == "outsider" else others) for name in CAST
    }


def faculty_material(status):
    return Material.objects.filter(status=status, authors__user__username="faculty").first()


@pytest.fixture
def pages(cluster, cast, media):
    published, draft = faculty_material("published"), faculty_material("draft")
    shown = services.material_file_add(
        actor=cast["faculty"], material=published, upload=pdf_upload()
    )
    hidden = services.material_file_add(actor=cast["faculty"], material=draft, upload=pdf_upload())
    slug = cluster.slug
    draft_readers = expect(AUTHOR, others=404)
    return [
        (reverse("materials:list", args=[slug]), expect(READERS)),
        (reverse("materials:list", args=[slug]) + "?export=xlsx", expect(READERS)),
        (reverse("materials:spread", args=[slug]), expect(READERS)),
        (reverse("materials:create", args=[slug]), expect(WRITERS)),
        (reverse("materials:material", args=[published.pk]), expect(READERS)),
        (reverse("materials:history", args=[published.pk]), expect(READERS)),
        (reverse("materials:file", args=[published.pk, shown.pk]), expect(READERS)),
        (reverse("materials:edit", args=[published.pk]), expect(AUTHOR)),
        (reverse("materials:adopt", args=[published.pk]), expect(ADOPTERS)),
        (reverse("materials:material", args=[draft.pk]), draft_readers),
        (reverse("materials:history", args=[draft.pk]), draft_readers),
        (reverse("materials:file", args=[draft.pk, hidden.pk]), draft_readers),
        (reverse("materials:edit", args=[draft.pk]), draft_readers),
        # Only published materials are adopted: the author sees the draft but may not adopt it.
        (
            reverse("materials:adopt", args=[draft.pk]),
            {**draft_readers, **{n: 403 for n in AUTHOR}},
        ),
    ]


def test_it_answers_every_page_by_role(pages, client_as):
    failures = []
    for name in CAST:
        client = client_as(name)
        for url, expected in pages:
            status = client.get(url).status_code
            if status != expected[name]:
                failures.append(f"{name} {url}: {status} != {expected[name]}")
    assert not failures, "\n".join(failures)


def test_it_sends_anonymous_visitors_to_login(pages, client_as):
    client = client_as("anonymous")
    for url, _expected in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_it_lists_drafts_only_for_their_authors_and_coordinators(client_as, cluster):
    draft = faculty_material("draft")
    url = reverse("materials:list", args=[cluster.slug])
    for name, sees in [
        ("faculty", True),
        ("coordinator", True),
        ("head", False),
        ("analyst", False),
    ]:
        ids = {m.pk for m in client_as(name).get(url, {"status": "draft"}).context["page"]}
        assert (draft.pk in ids) is sees, name


def test_it_refuses_posts_outside_the_role(client_as, cast, media):
    published = faculty_material("published")
    adoption = published.adoptions.first()
    attached = services.material_file_add(
        actor=cast["faculty"], material=published, upload=pdf_upload()
    )
    posts = [
        reverse("materials:publish", args=[published.pk]),
        reverse("materials:file_upload", args=[published.pk]),
        reverse("materials:file_delete", args=[published.pk, attached.pk]),
        reverse("materials:adoption_delete", args=[published.pk, adoption.pk]),
    ]
    for url in posts:
        assert client_as("student").post(url, {"undo": "1"}).status_code == 403, url
        assert client_as("outsider").post(url, {"undo": "1"}).status_code == 404, url
        assert client_as("anonymous").post(url).status_code == 302, url
    assert Material.objects.get(pk=published.pk).status == "published"
    assert published.adoptions.filter(pk=adoption.pk).exists()
    assert published.files.filter(pk=attached.pk).exists()

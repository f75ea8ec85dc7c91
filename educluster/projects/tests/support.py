"""Helpers shared by the projects' and materials' tests."""

from django.core.files.uploadedfile import SimpleUploadedFile

from educluster.accounts.models import Person
from educluster.projects.models import Project

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(name: str = "hisobot.pdf", data: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def person_of(username: str) -> Person:
    return Person.objects.get(user__username=username)


def faculty_project() -> Project:
    """The running demo project led by the ``faculty`` account."""
    return Project.objects.get(title__startswith="Maktab-laboratoriyalarda tajriba")


def other_project() -> Project:
    """A running demo project led by someone without an account."""
    return Project.objects.get(title__startswith="Milliy naqsh")


def other_cluster():
    """A second cluster in Samarkand-like isolation: its own department, school, goal and
    student, none of which belongs to the demo cluster."""
    from educluster.registry import services
    from educluster.registry.models import District, Goal, Region

    district = District.objects.get(code="qibray")
    department = services.institution_create(
        actor=None, name="Boshqa universitet kafedrasi", kind="department", district=district
    )
    cluster = services.cluster_create(
        actor=None,
        slug="boshqa-klaster",
        name="Boshqa klaster",
        common_goal="Boshqa maqsad",
        lead_institution=department,
        region=Region.objects.get(code="toshkent-viloyati"),
    )
    goal = services.goal_save(actor=None, goal=Goal(cluster=cluster, title="Boshqa maqsad"))
    student = Person.objects.create(
        full_name="Begona Talaba Olimovna",
        kind="student",
        institution=department,
        study_level="bachelor",
        study_year=2,
    )
    return cluster, goal, student

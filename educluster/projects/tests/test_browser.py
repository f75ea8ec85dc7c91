"""End to end in a real Chromium: a faculty member proposes a project aligned to a goal, puts a
student on its team and publishes a material from it; a school head records adopting the
material; the goal view shows both."""

from datetime import timedelta

import pytest
from django.utils import timezone

from educluster.accounts.models import Person
from educluster.conftest import SLUG, login
from educluster.materials.models import Material
from educluster.projects.models import Project
from educluster.registry.models import Goal, Language

pytestmark = pytest.mark.browser


def test_it_goes_from_a_project_to_an_adopted_material_on_the_goal_view(browser_page):
    page = browser_page
    goal = Goal.objects.get(cluster__slug=SLUG, number=3)
    student = Person.objects.get(user__username="student")
    today = timezone.localdate()

    login(page, "faculty")
    page.wait_for_selector("h1")
    page.goto(f"{page.base_url}/clusters/{SLUG}/projects/new/")
    page.fill("#id_title", "Akvarel texnikasini raqamli vositalar bilan oʻrgatish")
    page.select_option("#id_area", "experimental_innovative")
    page.check(f"input[name=goals][value='{goal.pk}']")
    page.fill("#id_start_date", today.isoformat())
    page.fill("#id_end_date", (today + timedelta(days=240)).isoformat())
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#project-status[data-status=proposed]")
    project = Project.objects.get(title__startswith="Akvarel texnikasini raqamli")
    assert list(project.goals.all()) == [goal]
    assert project.leader.user.username == "faculty"

    page.click(f"a[href='/projects/{project.pk}/team/add/']")
    page.select_option("#id_person", str(student.pk))
    page.fill("#id_task", "dars ishlanmalarini sinash")
    page.click("form.form button[type=submit]")
    page.wait_for_selector(f"#project-team tr[data-person='{student.pk}']")
    assert student.full_name in page.inner_text("#project-team")

    page.goto(f"{page.base_url}/clusters/{SLUG}/materials/new/")
    page.fill("#id_title", "Raqamli akvarel: 6-sinf uchun dars ishlanmasi")
    page.select_option("#id_kind", "lesson_plan")
    page.select_option("#id_language", str(Language.objects.get(code="uz").pk))
    page.select_option("#id_level", "basic")
    page.fill("#id_subject", "Tasviriy sanʼat")
    page.fill("#id_tags", "akvarel, raqamli grafika")
    page.select_option("#id_project", str(project.pk))
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#material-status[data-status=draft]")
    page.click("#publish")
    page.wait_for_selector("#material-status[data-status=published]")
    material = Material.objects.get(title__startswith="Raqamli akvarel")
    assert material.status == "published" and material.project == project

    page.context.clear_cookies()
    login(page, "head")
    page.wait_for_selector("h1")
    page.goto(f"{page.base_url}/materials/{material.pk}/")
    page.click("#adopt")
    page.fill("#id_classes", "6-A, 6-B")
    page.fill("#id_pupils", "54")
    page.select_option("#id_rating", "5")
    page.fill("#id_feedback", "Oʻquvchilarga juda yoqdi.")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#material-adoptions tr[data-institution]")
    adoption = material.adoptions.get()
    assert adoption.institution.code == "CHR-SCH-3" and adoption.rating == 5

    page.goto(f"{page.base_url}/clusters/{SLUG}/projects/goals/{goal.pk}/")
    page.wait_for_selector("#goal-projects")
    assert page.locator(f"#goal-projects tr[data-project='{project.pk}']").count() == 1
    row = page.locator(f"#goal-materials tr[data-material='{material.pk}']")
    assert row.count() == 1
    assert row.locator("td").last.inner_text().strip() == "1"  # one adoption

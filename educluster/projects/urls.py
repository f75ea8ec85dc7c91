from django.urls import path

from educluster.projects.views import goals, projects, team

app_name = "projects"

urlpatterns = [
    path("clusters/<slug:slug>/projects/", projects.project_list, name="list"),
    path("clusters/<slug:slug>/projects/new/", projects.project_create, name="create"),
    path("clusters/<slug:slug>/projects/students/", goals.students, name="students"),
    path("clusters/<slug:slug>/projects/goals/", goals.goal_list, name="goals"),
    path("clusters/<slug:slug>/projects/goals/<int:pk>/", goals.goal_detail, name="goal"),
    path(
        "clusters/<slug:slug>/projects/indicators/<int:pk>/measure/",
        goals.indicator_measure,
        name="indicator_measure",
    ),
    path(
        "clusters/<slug:slug>/projects/indicators/<int:pk>/refresh/",
        goals.indicator_refresh,
        name="indicator_refresh",
    ),
    path("projects/<int:pk>/", projects.project_detail, name="project"),
    path("projects/<int:pk>/edit/", projects.project_edit, name="edit"),
    path("projects/<int:pk>/status/", projects.project_status, name="status"),
    path("projects/<int:pk>/history/", projects.project_history, name="history"),
    path("projects/<int:pk>/summary.pdf", projects.project_pdf, name="pdf"),
    path("projects/<int:pk>/team/add/", team.team_add, name="team_add"),
    path("projects/<int:pk>/team/<int:member_pk>/remove/", team.team_remove, name="team_remove"),
    path("projects/<int:pk>/milestones/new/", team.milestone_edit, name="milestone_create"),
    path(
        "projects/<int:pk>/milestones/<int:milestone_pk>/",
        team.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "projects/<int:pk>/milestones/<int:milestone_pk>/complete/",
        team.milestone_complete,
        name="milestone_complete",
    ),
    path(
        "projects/<int:pk>/milestones/<int:milestone_pk>/delete/",
        team.milestone_delete,
        name="milestone_delete",
    ),
    path("projects/<int:pk>/deliverables/new/", team.deliverable_edit, name="deliverable_create"),
    path(
        "projects/<int:pk>/deliverables/<int:deliverable_pk>/",
        team.deliverable_edit,
        name="deliverable_edit",
    ),
    path(
        "projects/<int:pk>/deliverables/<int:deliverable_pk>/file/",
        team.deliverable_file,
        name="deliverable_file",
    ),
    path(
        "projects/<int:pk>/deliverables/<int:deliverable_pk>/delete/",
        team.deliverable_delete,
        name="deliverable_delete",
    ),
]

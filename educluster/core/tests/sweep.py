"""The security sweep's machinery: every URL pattern of the project, each filled with a real
object of the demo cluster, and a second cluster whose every role must see none of it.

``url_patterns()`` walks the resolver; ``FILLERS`` say, for each shape of route, which demo
object fills its parameters. A route no filler matches and no allow-list names makes the sweep
fail, so a new URL is covered the day it is added.
"""

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core import signing
from django.urls import URLPattern, URLResolver, get_resolver

SLUG = "tasviriy-sanat-chirchiq"
OTHER_SLUG = "boshqa-klaster-sweep"
OTHER_ROLES = ["coordinator", "head", "faculty", "student", "mentor", "analyst"]


@dataclass(frozen=True)
class Route:
    """One URL pattern: its namespaced name, its route text and its parameter names."""

    name: str
    route: str
    params: tuple[str, ...]

    @property
    def shape(self) -> str:
        """The route with converters and regex groups reduced to ``<name>``."""
        text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", self.route)
        text = re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", text)
        return text.replace("^", "").replace("$", "")

    @property
    def prefix(self) -> str:
        """The shape up to its last parameter: the part that names the objects."""
        shape = self.shape
        return shape[: shape.rfind(">") + 1] if ">" in shape else shape


def url_patterns() -> list[Route]:
    """Every named URL pattern of the project (the Django admin and static files aside)."""
    found: list[Route] = []

    def walk(patterns: list[Any], prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                params = tuple(p.pattern.regex.groupindex)
                found.append(Route(f"{namespace}{p.name}" if p.name else "", route, params))

    walk(get_resolver().url_patterns, "", "")
    # The Django admin has its own staff check; static files (DEBUG only) are public assets.
    return [r for r in found if not r.route.startswith(("admin/", "^static/", "static/"))]


# Public by design: who may request them is nobody's secret. Each says why.
PUBLIC = {
    "set_language": "the language switch",
    "login": "the sign-in form",
    "logout": "signing out",
    "password_reset_confirm": "Django's reset link carries its own signed token",
    "password_reset_complete": "a static confirmation page",
    "development:verify": "QR verification of a certificate, for anyone holding the paper",
    "development:verify_code": "QR verification of a certificate, for anyone holding the paper",
    "telegram:webhook": "Telegram's own calls, checked by the secret header",
    "api:schema": "the Open API schema (no data)",
    "api:docs": "the API documentation page (no data)",
    "healthz": "the load balancer's health probe",
}


def _model(label: str) -> Any:
    return apps.get_model(label)


def _first(label: str, **lookup: Any) -> Any:
    return _model(label).objects.filter(**lookup).order_by("pk").first()


Filler = Callable[["Demo"], dict[str, Any] | None]


class Demo:
    """The demo cluster's objects, looked up once for the fillers."""

    def __init__(self) -> None:
        self.cluster = _first("registry.Cluster", slug=SLUG)
        self.institution_ids = list(
            _model("registry.Membership")
            .objects.filter(cluster=self.cluster)
            .values_list("institution_id", flat=True)
        )

    def one(self, label: str, **lookup: Any) -> Any:
        return _first(label, **lookup)


def _obj(label: str, path: str, **extra: Any) -> Filler:
    """``pk`` = the first ``label`` whose ``path`` leads to the demo cluster."""

    def fill(d: Demo) -> dict[str, Any] | None:
        o = d.one(label, **{path: d.cluster})
        return None if o is None else {"pk": o.pk, **extra}

    return fill


def _inst(label: str, path: str, **extra: Any) -> Filler:
    """``pk`` = the first ``label`` at one of the demo cluster's member institutions."""

    def fill(d: Demo) -> dict[str, Any] | None:
        o = d.one(label, **{f"{path}__in": d.institution_ids})
        return None if o is None else {"pk": o.pk, **extra}

    return fill


def _child(label: str, path: str, parent: str, child_kw: str, parent_kw: str = "pk") -> Filler:
    """A child object and its parent, both the demo cluster's: ``{parent_kw, child_kw}``."""

    def fill(d: Demo) -> dict[str, Any] | None:
        o = d.one(label, **{path: d.cluster})
        return None if o is None else {parent_kw: getattr(o, f"{parent}_id"), child_kw: o.pk}

    return fill


def _slugged(inner: Filler, kw: str = "slug") -> Filler:
    def fill(d: Demo) -> dict[str, Any] | None:
        found = inner(d)
        return None if found is None else {kw: SLUG, **found}

    return fill


def _just(**kwargs: Any) -> Filler:
    return lambda d: {k: (SLUG if v is SLUG else v) for k, v in kwargs.items()}


def _token_feed(inner: Filler) -> Filler:
    """A calendar feed: the other cluster's coordinator's own token, the demo's object."""

    def fill(d: Demo) -> dict[str, Any] | None:
        token = d.one("schoollabs.CalendarToken", user__username="sweep-coordinator")
        found = inner(d)
        return None if token is None or found is None else {"token": token.token, **found}

    return fill


def _checkin(d: Demo) -> dict[str, Any] | None:
    event = d.one("development.DevelopmentEvent", cluster=d.cluster)
    if event is None:
        return None
    return {"token": signing.TimestampSigner(salt="educluster.development.checkin").sign(event.pk)}


def _pupil_grid(d: Demo) -> dict[str, Any] | None:
    row = d.one("workforce.PupilCount", cluster=d.cluster)
    return None if row is None else {"slug": SLUG, "code": row.district.code, "year": row.year}


def _district(d: Demo) -> dict[str, Any] | None:
    row = d.one("workforce.DistrictNorm", cluster=d.cluster)
    return None if row is None else {"slug": SLUG, "code": row.district.code}


def _role(d: Demo) -> dict[str, Any] | None:
    person = d.one(
        "accounts.Person", institution_id__in=d.institution_ids, user__roles__isnull=False
    )
    if person is None:
        return None
    role = d.one("accounts.RoleAssignment", user=person.user)
    return {"pk": person.pk, "role_pk": role.pk}


def _api_token(d: Demo) -> dict[str, Any] | None:
    token = d.one("api.ApiToken", user__username="coordinator")
    return None if token is None else {"pk": token.pk}


def _import_kind(d: Demo) -> dict[str, Any]:
    from educluster.imports.handlers import REGISTRY, importer_class

    importer_class("people")  # registers every importer
    return {"slug": SLUG, "kind": sorted(REGISTRY)[0]}


C = "cluster"
AGR = "agreement__cluster"
OCC = "obligation__agreement__cluster"
REP = "occurrence__obligation__agreement__cluster"
MEMBERS = "institution_id"
LAB = "lab__cluster"

# Route prefix (see ``Route.prefix``) or whole shape -> how to fill its parameters.
FILLERS: dict[str, Filler] = {
    "accounts/reset/<uidb64>/<token>": _just(uidb64="x", token="x"),
    "activities/<pk>": _obj("schoollabs.Activity", C),
    "activities/<pk>/awards/<award_pk>": _child(
        "schoollabs.ActivityAward", "activity__cluster", "activity", "award_pk"
    ),
    "activities/<pk>/files/<file_pk>": _child(
        "schoollabs.ActivityFile", "activity__cluster", "activity", "file_pk"
    ),
    "agreements/<pk>": _obj("agreements.Agreement", C),
    "agreements/<pk>/document.<fmt>": _obj("agreements.Agreement", C, fmt="docx"),
    "agreements/<pk>/obligations/<obligation_pk>": _child(
        "agreements.Obligation", AGR, "agreement", "obligation_pk"
    ),
    "api/tokens/<pk>": _api_token,
    "api/v1/activities/<pk>": _obj("schoollabs.Activity", C),
    "api/v1/agreements/<agreement_pk>": lambda d: {
        "agreement_pk": d.one("agreements.Agreement", cluster=d.cluster).pk
    },
    "api/v1/agreements/<pk>": _obj("agreements.Agreement", C),
    "api/v1/clusters/<cluster_slug>": _just(cluster_slug=SLUG),
    "api/v1/clusters/<cluster_slug>/forecast-runs/<pk>": _slugged(
        _obj("workforce.ForecastRun", C), "cluster_slug"
    ),
    "api/v1/clusters/<cluster_slug>/forecast-runs/<run_pk>": lambda d: {
        "cluster_slug": SLUG,
        "run_pk": d.one("workforce.ForecastRun", cluster=d.cluster).pk,
    },
    "api/v1/clusters/<cluster_slug>/positions/<pk>": _slugged(
        _inst("workforce.Position", MEMBERS), "cluster_slug"
    ),
    "api/v1/clusters/<slug>": _just(slug=SLUG),
    "api/v1/indicators/<indicator_pk>": lambda d: {
        "indicator_pk": d.one("registry.Indicator", goal__cluster=d.cluster).pk
    },
    "api/v1/indicators/<pk>": _obj("registry.Indicator", "goal__cluster"),
    "api/v1/labs/<pk>": _obj("schoollabs.SchoolLab", C),
    "api/v1/materials/<pk>": _obj("materials.Material", C),
    "api/v1/obligations/<pk>": _obj("agreements.Obligation", AGR),
    "api/v1/occurrences/<pk>": _obj("agreements.Occurrence", OCC),
    "api/v1/placement-rounds/<pk>": _obj("placements.PlacementRound", C),
    "api/v1/placement-rounds/<round_pk>": lambda d: {
        "round_pk": d.one("placements.PlacementRound", cluster=d.cluster).pk
    },
    "api/v1/placements/<pk>": _obj("schoollabs.Placement", LAB),
    "api/v1/placements/<placement_pk>": lambda d: {
        "placement_pk": d.one("schoollabs.Placement", lab__cluster=d.cluster).pk
    },
    "api/v1/placements/<placement_pk>/hours/<pk>": _child(
        "schoollabs.PracticeLog", "placement__lab__cluster", "placement", "pk", "placement_pk"
    ),
    "api/v1/projects/<pk>": _obj("projects.Project", C),
    "api/v1/reports/<pk>": _obj("agreements.FulfilmentReport", REP),
    "api/v1/vacancies/<pk>": _inst("workforce.Vacancy", "position__institution_id"),
    "api/v1/evidence/<pk>": _obj("agreements.EvidenceFile", f"report__{REP}"),
    "calendar/<token>/clusters/<slug>": _token_feed(_just(slug=SLUG)),
    "calendar/<token>/labs/<pk>": _token_feed(_obj("schoollabs.SchoolLab", C)),
    "clusters/<slug>": _just(slug=SLUG),
    "clusters/<slug>/effectiveness/evidence/<pk>": _slugged(
        _obj("effectiveness.IndicatorValue", C)
    ),
    "clusters/<slug>/effectiveness/members/<pk>": _slugged(_inst("registry.Institution", "pk")),
    "clusters/<slug>/effectiveness/runs/<pk>": _slugged(_obj("effectiveness.IndexRun", C)),
    "clusters/<slug>/effectiveness/runs/<pk>/why/<key>": _slugged(
        _obj("effectiveness.IndexRun", C, key="cluster")
    ),
    "clusters/<slug>/feedback/<pk>": _slugged(_obj("feedback.GraduateFeedback", C)),
    "clusters/<slug>/feedback/give/<pk>": _slugged(_obj("placements.GraduateOutcome", C)),
    "clusters/<slug>/goals/<goal_pk>": lambda d: {
        "slug": SLUG,
        "goal_pk": d.one("registry.Goal", cluster=d.cluster).pk,
    },
    "clusters/<slug>/goals/<goal_pk>/indicators/<pk>": _slugged(
        _child("registry.Indicator", "goal__cluster", "goal", "pk", "goal_pk")
    ),
    "clusters/<slug>/goals/<pk>": _slugged(_obj("registry.Goal", C)),
    "clusters/<slug>/labs/terms/<pk>": _slugged(_obj("schoollabs.Term", C)),
    "clusters/<slug>/market/institutions/<pk>": _slugged(_inst("registry.Institution", "pk")),
    "clusters/<slug>/members/<pk>": _slugged(_obj("registry.Membership", C)),
    "clusters/<slug>/projects/goals/<pk>": _slugged(_obj("registry.Goal", C)),
    "clusters/<slug>/projects/indicators/<pk>": _slugged(
        _obj("registry.Indicator", "goal__cluster")
    ),
    "clusters/<slug>/surveys/<pk>": _slugged(_obj("surveys.Survey", C)),
    "clusters/<slug>/workforce/forecast/runs/<pk>": _slugged(_obj("workforce.ForecastRun", C)),
    "clusters/<slug>/workforce/reference/districts/<code>": _district,
    "clusters/<slug>/workforce/reference/graduates/<pk>": _slugged(
        _obj("workforce.GraduateCohort", C)
    ),
    "clusters/<slug>/workforce/reference/pupils/<code>/<year>": _pupil_grid,
    "clusters/<slug>/workforce/scenarios/<pk>": _slugged(_obj("workforce.Scenario", C)),
    "contracts/<pk>": _obj("placements.TargetedContract", C),
    "council/decisions/<pk>": _obj("council.Decision", "meeting__cluster"),
    "council/meetings/<pk>": _obj("council.Meeting", C),
    "council/plans/<pk>": _obj("council.WorkPlan", C),
    "development/certificates/<pk>": _obj(
        "development.Certificate", "registration__event__cluster"
    ),
    "development/checkin/<token>": _checkin,
    "development/events/<pk>": _obj("development.DevelopmentEvent", C),
    "evidence/<pk>": _obj("agreements.EvidenceFile", f"report__{REP}"),
    "graduates/<pk>": _obj("placements.GraduateOutcome", C),
    "guidance/events/<pk>": _obj("guidance.GuidanceEvent", C),
    "imports/<pk>": _obj("imports.ImportJob", C),
    "imports/clusters/<slug>/<kind>": _import_kind,
    "imports/clusters/<slug>/<kind>/template.<fmt>": lambda d: {**_import_kind(d), "fmt": "csv"},
    "institutions/<pk>": _inst("registry.Institution", "pk"),
    "instruments/<pk>": _obj("schoollabs.Instrument", C),
    "instruments/<pk>/items/<item_pk>": _child(
        "schoollabs.InstrumentItem", "instrument__cluster", "instrument", "item_pk"
    ),
    "labs/<pk>": _obj("schoollabs.SchoolLab", C),
    "market/requests/<pk>/<step>": _obj("market.ServiceRequest", "service__cluster", step="accept"),
    "market/services/<pk>": _obj("market.Service", C),
    "materials/<pk>": _obj("materials.Material", C),
    "materials/<pk>/adoptions/<adoption_pk>": _child(
        "materials.Adoption", "material__cluster", "material", "adoption_pk"
    ),
    "materials/<pk>/files/<file_pk>": _child(
        "materials.MaterialFile", "material__cluster", "material", "file_pk"
    ),
    "occurrences/<pk>": _obj("agreements.Occurrence", OCC),
    "pathways/<pk>": _obj("pathways.Learner", C),
    "pathways/<pk>/stages/<stage_pk>": _child(
        "pathways.Stage", "learner__cluster", "learner", "stage_pk"
    ),
    "people/<pk>": _inst("accounts.Person", MEMBERS),
    "people/<pk>/roles/<role_pk>": _role,
    "placements/<pk>": _obj("schoollabs.Placement", LAB),
    "placements/<pk>/hours/<log_pk>": _child(
        "schoollabs.PracticeLog", "placement__lab__cluster", "placement", "log_pk"
    ),
    "positions/<pk>": _inst("workforce.Position", MEMBERS),
    "practice/students/<pk>": lambda d: {
        "pk": d.one("schoollabs.Placement", lab__cluster=d.cluster).student_id
    },
    "projects/<pk>": _obj("projects.Project", C),
    "projects/<pk>/deliverables/<deliverable_pk>": _child(
        "projects.Deliverable", "project__cluster", "project", "deliverable_pk"
    ),
    "projects/<pk>/milestones/<milestone_pk>": _child(
        "projects.Milestone", "project__cluster", "project", "milestone_pk"
    ),
    "projects/<pk>/team/<member_pk>": _child(
        "projects.TeamMember", "project__cluster", "project", "member_pk"
    ),
    "recognition/<pk>": _obj("recognition.Recognition", C),
    "recognition/mentoring/<pk>": _obj("recognition.MentoringPair", C),
    "recognition/people/<pk>": lambda d: {
        "pk": d.one("recognition.Recognition", cluster=d.cluster).person_id
    },
    # Two apps share the ``reports/<pk>`` prefix: the whole shape tells them apart.
    "reports/<pk>/decide/": _obj("agreements.FulfilmentReport", REP),
    "reports/<pk>": _obj("reports.AnnualReport", C),
    "reports/<pk>/<kind>": _obj("reports.AnnualReport", C, kind="pdf"),
    "rounds/<pk>": _obj("placements.PlacementRound", C),
    "rounds/<pk>/applicants/<applicant_pk>": _child(
        "placements.Applicant", "round__cluster", "round", "applicant_pk"
    ),
    "rounds/<pk>/hosts/<host_pk>": _child("placements.Host", "round__cluster", "round", "host_pk"),
    "scans/<pk>": _obj("agreements.AgreementScan", AGR),
    "seat-offers/<pk>": _obj("placements.SeatOffer", C),
    "staff/<pk>": _inst("workforce.StaffRecord", "position__institution_id"),
    "studies/<pk>": _obj("schoollabs.Study", C),
    "studies/<pk>/classes/<group_pk>": _child(
        "schoollabs.StudyGroup", "study__cluster", "study", "group_pk"
    ),
    "vacancies/<pk>": _inst("workforce.Vacancy", "position__institution_id"),
}


def filler_for(route: Route) -> Filler | None:
    return FILLERS.get(route.shape) or FILLERS.get(route.prefix)


def fill_all(routes: list[Route]) -> tuple[dict[Route, dict[str, Any]], list[str]]:
    """Each parametrised route's kwargs from the demo cluster, and the routes none could fill."""
    demo = Demo()
    filled: dict[Route, dict[str, Any]] = {}
    missing: list[str] = []
    for route in routes:
        if route.name in PUBLIC:
            continue
        if not route.name:
            missing.append(f"{route.route} has no name, so the sweep cannot reverse it")
            continue
        if not route.params:
            continue
        filler = filler_for(route)
        kwargs = filler(demo) if filler else None
        if kwargs is None or set(kwargs) != set(route.params):
            missing.append(f"{route.name} {route.shape} (filler: {bool(filler)}, got {kwargs})")
        else:
            filled[route] = kwargs
    return filled, missing


def private_strings() -> list[str]:
    """Strings that identify the demo cluster's people and papers: none may reach another."""
    demo = Demo()
    names = set(
        _model("accounts.Person")
        .objects.filter(institution_id__in=demo.institution_ids)
        .exclude(full_name="")
        .values_list("full_name", flat=True)
    )
    numbers = set(
        _model("agreements.Agreement")
        .objects.filter(cluster=demo.cluster)
        .values_list("number", flat=True)
    )
    pupils = set(
        _model("schoollabs.Pupil")
        .objects.filter(study__cluster=demo.cluster)
        .values_list("code", flat=True)
    )
    return sorted(s for s in names | numbers | pupils if len(s) >= 6)


BOOKKEEPING = {"last_login", "last_used_at"}


def data_digest(exclude: frozenset[str] = frozenset()) -> dict[str, str]:
    """Per table, a digest of every row: proof that a request changed nothing."""
    digests = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if label in exclude:
            continue
        # A requester's own credentials note their last use; that is not the demo's data.
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in BOOKKEEPING]
        h = hashlib.sha256()
        for row in model._default_manager.order_by("pk").values_list(*fields):
            h.update(repr(row).encode())
        digests[label] = h.hexdigest()
    return digests


def other_cluster_cast() -> dict[str, Any]:
    """A second cluster with its own department and school, and one account per role in it.

    Usernames are ``sweep-<role>``; each account has a person at the other cluster's
    institution, so "my" pages (practice, development, results) have something to show.
    """
    from educluster.accounts.models import Person, Role, RoleAssignment, User
    from educluster.registry import services
    from educluster.registry.models import District, Region

    district = District.objects.get(code="qibray")
    department = services.institution_create(
        actor=None, name="Boshqa universitet kafedrasi", kind="department", district=district
    )
    school = services.institution_create(
        actor=None, name="Boshqa 99-maktab", kind="general_school", district=district
    )
    cluster = services.cluster_create(
        actor=None,
        slug=OTHER_SLUG,
        name="Boshqa klaster",
        common_goal="Boshqa maqsad",
        lead_institution=department,
        region=Region.objects.get(code="toshkent-viloyati"),
    )
    services.membership_add(actor=None, cluster=cluster, institution=school)
    where: dict[str, tuple[str, dict[str, Any], Any, str]] = {
        "coordinator": (Role.COORDINATOR, {"cluster": cluster}, department, "faculty"),
        "head": (Role.MEMBER_HEAD, {"institution": school}, school, "staff"),
        "faculty": (Role.FACULTY, {"institution": department}, department, "faculty"),
        "student": (Role.STUDENT, {"institution": department}, department, "student"),
        "mentor": (Role.MENTOR, {"institution": school}, school, "teacher"),
        "analyst": (Role.ANALYST, {"cluster": cluster}, department, "official"),
    }
    users = {}
    for name, (role, scope, institution, kind) in where.items():
        user = User.objects.create_user(f"sweep-{name}", password="x", preferred_language="en")
        Person.objects.create(
            full_name=f"Begona {name.title()}", kind=kind, institution=institution, user=user
        )
        RoleAssignment.objects.create(user=user, role=role, **scope)
        users[name] = user
    return {"cluster": cluster, "users": users}

import datetime

from educluster.accounts.models import Person
from educluster.projects.tests.support import other_cluster
from educluster.recognition import services
from educluster.recognition.models import MentoringPair, Recognition


def demo_pair() -> MentoringPair | None:
    return MentoringPair.objects.filter(mentor__user__username="mentor").order_by("pk").first()


def foreign_objects():
    """A recognition and a pair with a meeting in another cluster."""
    cluster, _goal, _student = other_cluster()
    department = cluster.lead_institution
    a, b = (
        Person.objects.create(full_name=name, kind="faculty", institution=department)
        for name in ("Begona Ustoz Aliyevna", "Begona Yosh Karimovich")
    )
    recognition = services.recognition_record(
        actor=None,
        cluster=cluster,
        person=a,
        kind=Recognition.Kind.AWARD,
        title="Begona mukofot",
        date=datetime.date(2025, 5, 1),
        awarded_by="Vazirlik",
    )
    pair = services.pair_create(
        actor=None, cluster=cluster, mentor=a, mentee=b, starts_on=datetime.date(2025, 9, 1)
    )
    services.meeting_record(actor=None, pair=pair, date=datetime.date(2025, 9, 8), topic="Tanishuv")
    return recognition, pair

"""This year's targeted admissions of the demo, so the quota page compares them with the plan."""

import random

from educluster.placements import services
from educluster.placements.models import TargetedContract


def first_year_contracts(cluster, coordinator, department, inst, district, subject, today):
    """This year's targeted admissions, so the quota page compares them with the plan."""
    rng = random.Random(7070)  # its own draws: the rest of the demo stays as it was
    from educluster.placements.demo import BACHELOR
    from educluster.placements.demo import _people as people

    freshers = people(
        department,
        rng,
        4,
        kind="student",
        study_level="bachelor",
        study_year=1,
        programme=BACHELOR,
    )
    sponsors = {"boka": "BOK", "chirchiq": "CHR", "qibray": "QIB"}
    for i, (person, code) in enumerate(
        zip(freshers, ["boka", "chirchiq", "qibray", "boka"], strict=True)
    ):
        services.contract_save(
            actor=coordinator,
            contract=TargetedContract(
                cluster=cluster,
                person=person,
                number=f"MQ-{today.year}-{201 + i}",
                district=district[code],
                sponsor=inst.get(f"{sponsors[code]}-MMTB"),
                programme=BACHELOR,
                subject=subject,
                admission_year=today.year,
                years_required=3,
                is_demo=True,
            ),
        )

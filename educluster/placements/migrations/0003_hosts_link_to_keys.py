"""Turn the free-text ``Host.link`` into foreign keys where the text names a record.

A link matching the name of a School-Lab of the round's cluster sets ``Host.lab`` (and the
round's term when the round's term text names a School-Lab term); one matching a position code
or the full name of a vacancy ("subject · institution (code)") at a member institution sets
``Host.vacancy``. The text stays in ``link``. Whatever could not be matched is printed.
"""

from django.db import migrations


def _norm(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def _names(subject, institution, code):
    inst = institution.short_name or institution.name
    names = set()
    for subject_name in (subject.name_uz, subject.name_ru, subject.name_en):
        if not subject_name:
            continue
        label = f"{subject_name} · {inst}"
        names.add(_norm(f"{label} ({code})" if code else label))
    return names


def forwards(apps, schema_editor):
    Host = apps.get_model("placements", "Host")
    Round = apps.get_model("placements", "PlacementRound")
    SchoolLab = apps.get_model("schoollabs", "SchoolLab")
    Term = apps.get_model("schoollabs", "Term")
    Vacancy = apps.get_model("workforce", "Vacancy")

    terms = {(t.cluster_id, _norm(t.name)): t.pk for t in Term.objects.all()}
    for rnd in Round.objects.filter(lab_term__isnull=True).exclude(term=""):
        term_id = terms.get((rnd.cluster_id, _norm(rnd.term)))
        if term_id:
            Round.objects.filter(pk=rnd.pk).update(lab_term_id=term_id)

    labs = {(lab.cluster_id, _norm(lab.name)): lab for lab in SchoolLab.objects.all()}
    by_code: dict = {}
    by_name: dict = {}
    vacancies = Vacancy.objects.select_related("position__subject", "position__institution")
    # An open vacancy wins over a closed one of the same post; then the newest.
    ordered = sorted(vacancies, key=lambda v: (v.status != "open", -v.opened_on.toordinal()))
    for vacancy in ordered:
        position = vacancy.position
        if position.code:
            by_code.setdefault((position.institution_id, _norm(position.code)), vacancy)
        for name in _names(position.subject, position.institution, position.code):
            by_name.setdefault(name, vacancy)

    unmatched = []
    hosts = Host.objects.exclude(link="").filter(
        lab__isnull=True, vacancy__isnull=True, offer__isnull=True
    )
    for host in hosts.select_related("round"):
        text = _norm(host.link)
        lab = labs.get((host.round.cluster_id, text))
        if lab is not None and lab.host_id == host.institution_id:
            Host.objects.filter(pk=host.pk).update(lab_id=lab.pk, term_id=host.round.lab_term_id)
            continue
        vacancy = by_code.get((host.institution_id, text)) or by_name.get(text)
        if vacancy is not None and vacancy.position.institution_id == host.institution_id:
            Host.objects.filter(pk=host.pk).update(vacancy_id=vacancy.pk)
            continue
        unmatched.append(f"  host {host.pk} (round {host.round_id}): {host.link!r}")
    if unmatched:
        print(
            f"\nplacements 0003: {len(unmatched)} host link(s) name no School-Lab or vacancy "
            "of the host's institution; kept as text:"
        )
        print("\n".join(unmatched))


class Migration(migrations.Migration):
    dependencies = [
        ("placements", "0002_hosts_links"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

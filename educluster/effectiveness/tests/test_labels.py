"""The "why" pages name every stored code in the reader's language."""

from django.urls import reverse

from educluster.effectiveness import labels
from educluster.effectiveness.models import IndexRun, IndicatorValue


def test_it_has_a_label_for_every_count_the_calculators_keep(cluster):
    keys = {
        key for detail in IndicatorValue.objects.values_list("detail", flat=True) for key in detail
    }
    assert keys, "the demo computes values"
    assert keys <= set(labels.DETAIL), sorted(keys - set(labels.DETAIL))


def test_it_shows_the_trace_with_labels_not_codes(client_as, cluster, cast):
    cast["coordinator"].preferred_language = "en"
    cast["coordinator"].save()
    run = IndexRun.objects.filter(cluster=cluster, status="done").order_by("-year").first()
    url = reverse("effectiveness:trace", args=[cluster.slug, run.pk, "cluster"])
    body = client_as("coordinator").get(url).content.decode()
    assert "higher is better" in body
    assert str(labels.METHODS[run.policy["method"]]) in body
    for code in ("confirmed_on_time", "renormalise", ">higher<"):
        assert code not in body

"""Charts are CSP-safe inline SVG; the demo leaves a published forecast to look at."""

import re

from educluster.workforce.charts import fan_chart, lines_chart
from educluster.workforce.models import ForecastRun, Position, Vacancy


def test_it_draws_fan_charts_without_inline_styles():
    svg = fan_chart(
        [2026, 2027, 2028],
        [("Talab", "#d9822b", [1, 2, 3], [1.5, 2.5, 3.5], [2, 3, None])],
        title="Boʻka tumani · Tasviriy sanʼat <&>",
        ylabel="stavka",
        prefix="t1",
    )
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert " style=" not in svg and "<style" not in svg
    ids = re.findall(r' id="([^"]+)"', svg)
    assert ids and all(i.startswith("t1-") for i in ids)
    assert "Boʻka tumani · Tasviriy sanʼat &lt;&amp;&gt;" in svg
    other = lines_chart(
        [2026, 2027], [("A", [1, 2]), ("B", [2, 1])], title="x", ylabel="y", prefix="t2"
    )
    assert not set(ids) & set(re.findall(r' id="([^"]+)"', other))


def test_it_loads_a_demo_with_an_ageing_staff_vacancies_and_a_published_forecast(cluster):
    runs = ForecastRun.objects.filter(cluster=cluster, is_demo=True)
    assert runs.count() == 3 and all(r.status == "done" for r in runs)
    assert runs.filter(is_published=True, scenario__is_base=True).count() == 1
    assert Vacancy.objects.filter(status="open").count() >= 4
    fine_arts = Position.objects.filter(
        subject__code="fine_arts", staff_records__isnull=False, staff_records__end_date__isnull=True
    )
    old = fine_arts.filter(staff_records__age_band__in=["55-59", "60-64", "65-69"]).count()
    assert old / fine_arts.count() > 0.4

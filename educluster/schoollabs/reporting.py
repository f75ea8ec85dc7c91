"""The study report's content, shared by the page and the PDF: tables, sentences, charts."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from educluster.schoollabs import charts, stats_text
from educluster.schoollabs.models import Study, StudyGroup, Wave
from educluster.schoollabs.services import StudyReport, report_sentences, study_analyse

ARMS = (StudyGroup.Arm.EXPERIMENTAL, StudyGroup.Arm.CONTROL)


@dataclass(frozen=True)
class Row:
    """One line of a report table; ``cells`` are already formatted text."""

    label: str
    cells: list[str]


def _descriptives(report: StudyReport) -> list[Row]:
    analysis = report.analysis
    rows = []
    for arm in ARMS:
        for wave in report.study.waves:
            if analysis is None:
                n = report.counts.get((arm.value, wave.value), 0)
                rows.append(Row(f"{arm.label} · {wave.label}", [str(n)] + ["—"] * 6))
                continue
            d = analysis.cell(arm.value, wave.value)
            rows.append(
                Row(
                    f"{arm.label} · {wave.label}",
                    [
                        str(d.n),
                        stats_text.num(d.mean),
                        stats_text.num(d.sd),
                        f"[{stats_text.num(d.ci_low)}; {stats_text.num(d.ci_high)}]",
                        stats_text.num(d.median),
                        f"{stats_text.num(d.q1)} – {stats_text.num(d.q3)}",
                        f"{stats_text.num(d.minimum, 0)} – {stats_text.num(d.maximum, 0)}",
                    ],
                )
            )
    return rows


def _comparisons(report: StudyReport) -> list[Row]:
    analysis = report.analysis
    if analysis is None:
        return []
    num = stats_text.num
    rows = []
    for c in analysis.between_groups:
        rows.append(
            Row(
                str(Wave(c.wave).label),
                [
                    num(c.welch.difference),
                    f"[{num(c.welch.ci_low)}; {num(c.welch.ci_high)}]",
                    f"t({num(c.welch.df, 1)}) = {num(c.welch.t)}",
                    stats_text.p_text(c.welch.p_value),
                    f"U = {num(c.mann_whitney.u_x, 1)}, "
                    + stats_text.p_text(c.mann_whitney.p_value),
                    num(c.mann_whitney.rank_biserial),
                    num(c.hedges_g.g),
                    f"[{num(c.hedges_g.ci_low)}; {num(c.hedges_g.ci_high)}]",
                ],
            )
        )
    return rows


def _changes(report: StudyReport) -> list[Row]:
    analysis = report.analysis
    if analysis is None:
        return []
    num = stats_text.num
    rows = []
    for c in analysis.within_groups:
        p = c.paired
        wilcoxon = stats_text.p_text(p.wilcoxon.p_value) if p.wilcoxon else "—"
        rows.append(
            Row(
                f"{StudyGroup.Arm(c.group).label} · {Wave(c.from_wave).label} → "
                f"{Wave(c.to_wave).label}",
                [
                    str(p.n),
                    num(p.mean_difference),
                    f"[{num(p.ci_low)}; {num(p.ci_high)}]",
                    f"t({p.df}) = {num(p.t)}",
                    stats_text.p_text(p.p_value),
                    num(p.d_z),
                    wilcoxon,
                ],
            )
        )
    return rows


def _did(report: StudyReport) -> list[Row]:
    analysis = report.analysis
    if analysis is None:
        return []
    num = stats_text.num
    rows = []
    for to_wave, did in ((Wave.POST, analysis.did), (Wave.FOLLOW_UP, analysis.did_follow_up)):
        if did is None:
            continue
        rows.append(
            Row(
                f"{Wave.PRE.label} → {to_wave.label}",
                [
                    num(did.estimate),
                    num(did.se),
                    f"[{num(did.ci_low)}; {num(did.ci_high)}]",
                    f"t({did.df}) = {num(did.t)}",
                    stats_text.p_text(did.p_value),
                    num(did.effect_size),
                    f"{did.n_clusters_treated} / {did.n_clusters_control}",
                ],
            )
        )
    return rows


def _charts(report: StudyReport) -> dict[str, str]:
    study = report.study
    waves = [(w.value, str(w.label)) for w in study.waves]
    arms = [(a.value, str(a.label)) for a in ARMS]
    low, high = study.instrument.score_range
    y_label = _("Total score (%(low)d–%(high)d)") % {"low": low, "high": high}
    out = {}
    if any(v.size for v in report.samples.values()):
        out["distribution"] = charts.distribution_chart(
            report.samples,
            waves,
            arms,
            y_label=y_label,
            title=_("Scores by group and wave"),
        )
    if report.analysis is not None:
        means = {
            (c.group, c.wave): (c.descriptives.mean, c.descriptives.ci_low, c.descriptives.ci_high)
            for c in report.analysis.cells
        }
        out["means"] = charts.means_chart(
            means,
            waves,
            arms,
            y_label=y_label,
            title=_("Mean scores with %(level)s%% confidence intervals")
            % {"level": stats_text.num(report.analysis.confidence * 100, 0)},
        )
    return out


def report_context(study: Study) -> dict[str, Any]:
    """Everything the report template needs; no pupil-level rows."""
    report = study_analyse(study)
    clustered = {
        "class": _("class"),
        "school": _("school"),
        "pupil": _("pupil (repeated measurements)"),
    }[report.clustered_by]
    return {
        "study": study,
        "report": report,
        "analysis": report.analysis,
        "sentences": report_sentences(report),
        "descriptives": _descriptives(report),
        "comparisons": _comparisons(report),
        "changes": _changes(report),
        "did_rows": _did(report),
        "reliability": [
            (
                Wave(r.wave).label,
                r.result,
                stats_text.num(r.result.alpha) if r.result else "",
                f"[{stats_text.num(r.result.ci_low)}; {stats_text.num(r.result.ci_high)}]"
                if r.result
                else "",
                r.problem,
            )
            for r in report.reliability
        ],
        "clustered_by": clustered,
        "charts": _charts(report),
        "score_range": study.instrument.score_range,
        "items": study.instrument.items.all(),
    }

"""The annual report's documents: the snapshot laid out as sections of tables, rendered once as
PDF (WeasyPrint, DejaVu fonts for Latin with ʻ/ʼ and Cyrillic) and once as DOCX (python-docx).

Both documents come from the same ``layout`` so they always say the same thing. Call inside
``translation.override(report.language)``: the labels are the models' translated choices.
"""

from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from educluster.core.documents import render_pdf


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    title: str
    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def _n(value: Any, digits: int = 0) -> str:
    if value is None:
        return "—"
    return number_format(value, decimal_pos=digits, use_l10n=True)


def _share(part: int, whole: int) -> str:
    return "—" if not whole else f"{round(100 * part / whole)} %"


def _choice_rows(counts: dict[str, int], choices: Any) -> list[list[str]]:
    labels = dict(choices)
    return [
        [str(labels.get(code, code)).capitalize(), _n(n)]
        for code, n in sorted(counts.items(), key=lambda kv: -kv[1])
    ]


def _members(s: dict[str, Any]) -> Section:
    from educluster.registry.models import Institution, Membership

    return Section(
        _("Members of the cluster"),
        [
            _("%(n)s member institutions during the year, %(j)s joined in it.")
            % {"n": s["total"], "j": s["joined"]}
        ],
        [
            Table(
                _("Members by kind"),
                [_("Kind"), _("Members")],
                _choice_rows(s["by_kind"], Institution.Kind.choices),
            ),
            Table(
                _("Members by role"),
                [_("Role"), _("Members")],
                _choice_rows(s["by_role"], Membership.Role.choices),
            ),
        ],
    )


def _agreements(s: dict[str, Any]) -> Section:
    from educluster.agreements.models import Agreement
    from educluster.agreements.models.obligations import Area

    areas = dict(Area.choices)
    return Section(
        _("Agreements and mutual control"),
        [
            ngettext(
                "%(n)s agreement signed in the year.",
                "%(n)s agreements signed in the year.",
                s["signed_in_year"],
            )
            % {"n": s["signed_in_year"]},
            _(
                "Obligations due: %(due)s; confirmed: %(c)s (%(share)s), on time: %(t)s; "
                "overdue: %(o)s; disputed reports: %(d)s."
            )
            % {
                "due": s["due"],
                "c": s["confirmed"],
                "share": _share(s["confirmed"], s["due"]),
                "t": s["confirmed_on_time"],
                "o": s["overdue"],
                "d": s["disputes"],
            },
        ],
        [
            Table(
                _("Agreements by status"),
                [_("Status"), _("Agreements")],
                _choice_rows(s["by_status"], Agreement.Status.choices),
            ),
            Table(
                _("Compliance by area"),
                [_("Area"), _("Due"), _("Confirmed"), _("Share")],
                [
                    [
                        str(areas.get(code, code)).capitalize(),
                        _n(v["due"]),
                        _n(v["confirmed"]),
                        _share(v["confirmed"], v["due"]),
                    ]
                    for code, v in sorted(s["by_area"].items())
                ],
            ),
        ],
    )


def _schoollabs(s: dict[str, Any]) -> Section:
    from educluster.schoollabs import stats_text
    from educluster.schoollabs.models import Activity, SchoolLab

    tables = [
        Table(
            _("School-Labs by status"),
            [_("Status"), _("School-Labs")],
            _choice_rows(s["labs_by_status"], SchoolLab.Status.choices),
        ),
        Table(
            _("Activities by kind"),
            [_("Kind"), _("Activities")],
            _choice_rows(s["activities_by_kind"], Activity.Kind.choices),
        ),
    ]
    if s["studies"]:
        tables.append(
            Table(
                _("Comparative studies completed"),
                [_("Study"), _("Effect size"), _("Magnitude"), _("Significant")],
                [
                    [
                        st["title"],
                        _n(st["effect_size"], 2),
                        str(stats_text.MAGNITUDES.get(st["magnitude"], st["magnitude"]) or "—"),
                        _("yes") if st["significant"] else _("no"),
                    ]
                    for st in s["studies"]
                ],
            )
        )
    return Section(
        _("School-Laboratories"),
        [
            _(
                "%(a)s activities in the year (%(u)s at members without a School-Lab); "
                "%(h)s practice hours approved for %(t)s trainees."
            )
            % {
                "a": s["activities"],
                "u": s["activities_without_lab"],
                "h": _n(s["approved_hours"], 1),
                "t": s["trainees"],
            }
        ],
        tables,
    )


def _projects(s: dict[str, Any]) -> Section:
    from educluster.materials.models import Material
    from educluster.projects.models import Project

    return Section(
        _("Projects and methodological materials"),
        [
            ngettext(
                "%(n)s student took part in research projects.",
                "%(n)s students took part in research projects.",
                s["student_researchers"],
            )
            % {"n": s["student_researchers"]},
            _(
                "%(m)s materials published; %(a)s adoptions by %(i)s institutions "
                "(median %(d)s days from publication)."
            )
            % {
                "m": s["materials_published"],
                "a": s["adoptions"],
                "i": s["adopting_institutions"],
                "d": _n(s["median_days_to_adopt"]),
            },
        ],
        [
            Table(
                _("Projects by area"),
                [_("Area"), _("Projects")],
                _choice_rows(s["by_area"], Project.Area.choices),
            ),
            Table(
                _("Projects by status"),
                [_("Status"), _("Projects")],
                _choice_rows(s["by_status"], Project.Status.choices),
            ),
            Table(
                _("Materials published by kind"),
                [_("Kind"), _("Materials")],
                _choice_rows(s["materials_by_kind"], Material.Kind.choices),
            ),
        ],
    )


def _workforce(s: dict[str, Any]) -> Section:
    lines = [
        _(
            "Vacancies opened in the year: %(o)s; filled: %(f)s (median %(d)s days to fill); "
            "open now: %(n)s."
        )
        % {
            "o": s["vacancies_opened"],
            "f": s["vacancies_filled"],
            "d": _n(s["median_days_to_fill"]),
            "n": s["vacancies_open"],
        }
    ]
    tables = []
    forecast = s["forecast"]
    if forecast:
        lines.append(
            _("Forecast “%(name)s”, %(a)s–%(b)s%(published)s.")
            % {
                "name": forecast["scenario"],
                "a": forecast["base_year"],
                "b": forecast["last_year"],
                "published": _(", published") if forecast["published"] else "",
            }
        )
        tables.append(
            Table(
                _("Teacher demand and supply in %(y)s (full-time posts)")
                % {"y": forecast["last_year"]},
                [_("Demand"), _("Supply"), _("Gap"), _("Targeted admissions, total")],
                [
                    [
                        _n(forecast["demand_last"], 1),
                        _n(forecast["supply_last"], 1),
                        _n(forecast["gap_last"], 1),
                        _n(forecast["quota_total"]),
                    ]
                ],
            )
        )
    quota = s["quota"]
    tables.append(
        Table(
            _("Quotas against reality, admissions of the year"),
            [
                _("Recommended admissions"),
                _("Contracts signed"),
                _("Gap"),
                _("Graduates placed"),
            ],
            [
                [
                    _n(quota.get("recommended")),
                    _n(quota.get("signed")),
                    _n(quota.get("gap")),
                    _n(quota.get("placed")),
                ]
            ],
        )
    )
    return Section(_("Teacher workforce"), lines, tables)


def _placements(s: dict[str, Any]) -> Section:
    from educluster.placements.models import GraduateOutcome, PlacementRound, TargetedContract

    kinds = dict(PlacementRound.Kind.choices)
    return Section(
        _("Placements and employment"),
        [
            ngettext(
                "%(n)s placement round published in the year.",
                "%(n)s placement rounds published in the year.",
                s["rounds"],
            )
            % {"n": s["rounds"]}
        ],
        [
            Table(
                _("Placement results"),
                [_("Round"), _("Applicants"), _("Placed"), _("First choice"), _("Accepted")],
                [
                    [
                        str(kinds.get(kind, kind)).capitalize(),
                        _n(v["applicants"]),
                        _n(v["placed"]),
                        _share(v["first_choice"], v["placed"]),
                        _n(v["accepted"]),
                    ]
                    for kind, v in sorted(s["by_kind"].items())
                ],
            ),
            Table(
                _("Graduates of the year one year on"),
                [_("Status"), _("Graduates")],
                _choice_rows(s["graduates_by_status"], GraduateOutcome.Status.choices),
            ),
            Table(
                _("Targeted-training contracts"),
                [_("Status"), _("Contracts")],
                _choice_rows(s["contracts_by_status"], TargetedContract.Status.choices),
            ),
        ],
    )


def _continuity(s: dict[str, Any]) -> Section:
    from educluster.pathways.models import Stage

    return Section(
        _("Continuity from preschool to teacher"),
        [
            _(
                "%(n)s learners followed; %(t)s reached employment as teachers; %(a)s stages "
                "were recorded automatically from other modules."
            )
            % {"n": s["learners"], "t": s["reached_teaching"], "a": s["automatic_stages"]}
        ],
        [
            Table(
                _("Pathway stages by kind"),
                [_("Stage"), _("Stages")],
                _choice_rows(s["stages_by_kind"], Stage.Kind.choices),
            )
        ],
    )


def _effectiveness(s: dict[str, Any]) -> Section:
    from educluster.registry.models import Institution

    run = s["run"]
    kinds = dict(Institution.Kind.choices)
    lines = (
        [
            _("Effectiveness index of the cluster: %(i)s (engine %(v)s, computed %(t)s).")
            % {
                "i": _n(run["cluster_index"], 2),
                "v": run["engine_version"],
                "t": run["finished_at"],
            }
        ]
        if run
        else [_("The effectiveness index has not been computed for this year.")]
    )
    return Section(
        _("Effectiveness"),
        lines,
        [
            Table(
                _("Cluster indicators against their targets"),
                [_("Indicator"), _("Value"), _("Target")],
                [
                    [
                        v["name"] + (f" ({v['term']})" if v["term"] else ""),
                        _n(v["value"], 2),
                        _n(v["target"], 2),
                    ]
                    for v in s["cluster_values"]
                ],
            ),
            Table(
                _("Member index by kind"),
                [_("Kind"), _("Members"), _("Median index")],
                [
                    [str(kinds.get(k, k)).capitalize(), _n(v["members"]), _n(v["median"], 2)]
                    for k, v in sorted(s["by_kind"].items())
                ],
            ),
        ],
    )


LAYOUT = {
    "members": _members,
    "agreements": _agreements,
    "schoollabs": _schoollabs,
    "projects": _projects,
    "workforce": _workforce,
    "placements": _placements,
    "continuity": _continuity,
    "effectiveness": _effectiveness,
}


def layout(snapshot: dict[str, Any]) -> list[Section]:
    sections = snapshot.get("sections", {})
    return [build(sections[key]) for key, build in LAYOUT.items() if key in sections]


def title_of(snapshot: dict[str, Any]) -> str:
    return _("Annual report of the cluster, %(y)s/%(z)s academic year") % {
        "y": snapshot["year"],
        "z": snapshot["year"] + 1,
    }


def report_pdf(snapshot: dict[str, Any]) -> bytes:
    return render_pdf(
        "reports/annual_pdf.html",
        {"snapshot": snapshot, "title": title_of(snapshot), "sections": layout(snapshot)},
    )


def report_docx(snapshot: dict[str, Any]) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(10)
    document.add_heading(title_of(snapshot), level=0)
    document.add_paragraph(snapshot["cluster"]["name"])
    if snapshot["cluster"].get("goal"):
        document.add_paragraph(snapshot["cluster"]["goal"])
    for section in layout(snapshot):
        document.add_heading(section.title, level=1)
        for line in section.lines:
            document.add_paragraph(line)
        for table in section.tables:
            document.add_paragraph(table.caption).runs[0].bold = True
            grid = document.add_table(rows=1, cols=len(table.headers))
            grid.style = "Table Grid"
            for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
                cell.text = text
            for row in table.rows or [["—"] + [""] * (len(table.headers) - 1)]:
                cells = grid.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
    document.add_paragraph(
        _("Made by EduCluster on %(when)s from the data of that moment.")
        % {"when": snapshot["made_at"][:16].replace("T", " ")}
    )
    out = BytesIO()
    document.save(out)
    return out.getvalue()

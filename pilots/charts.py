"""The effects chart: inline SVG drawn on the server, readable without JavaScript.

Each effect is a pair of bars, before and after, on its own scale (units differ between
effects); the values are written beside the bars, and the same numbers stand in a table
on the page, so the chart never carries information alone.
"""

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
LABEL_HEIGHT = 22
BAR_HEIGHT = 18
GAP = 16
BAR_AREA = 420
LEFT = 90


def effects_chart(effects):
    """SVG markup for the effects, or "" when there are none."""
    effects = list(effects)
    if not effects:
        return ""
    group = LABEL_HEIGHT + 2 * BAR_HEIGHT + GAP
    height = group * len(effects) + 8
    title = _("Measured effects: before and after")
    desc = _(
        "For each effect, the upper bar is the value before the pilot and the lower bar the "
        "measured value; a vertical line marks the target. Each effect has its own scale. "
        "The numbers are also in the table."
    )
    groups = format_html_join(
        "", "{}", ((_effect_group(effect, i * group),) for i, effect in enumerate(effects))
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" role="img" '
        'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-title">{title}</title><desc id="chart-desc">{desc}</desc>{groups}</svg>',
        w=WIDTH,
        h=height,
        title=title,
        desc=desc,
        groups=groups,
    )


def _effect_group(effect, top):
    largest = max(effect.baseline, effect.value, effect.target or 0) or 1
    unit = effect.get_unit_display()
    rows = []
    for offset, label, value, css in (
        (0, _("before"), effect.baseline, "chart__bar--before"),
        (1, _("after"), effect.value, "chart__bar--after"),
    ):
        y = top + LABEL_HEIGHT + offset * BAR_HEIGHT
        length = max(1, float(value / largest) * BAR_AREA)
        rows.append(
            format_html(
                '<text x="0" y="{ty}" class="chart__label">{label}</text>'
                '<rect x="{x}" y="{y}" width="{w}" height="{h}" class="chart__bar {css}"/>'
                '<text x="{vx}" y="{ty}" class="chart__value">{value} {unit}</text>',
                ty=y + BAR_HEIGHT - 4,
                label=label,
                x=LEFT,
                y=y + 2,
                w=f"{length:.1f}",
                h=BAR_HEIGHT - 4,
                css=css,
                vx=f"{LEFT + length + 6:.1f}",
                value=number_format(value, decimal_pos=_decimals(value), use_l10n=True),
                unit=unit,
            )
        )
    if effect.target is not None:
        tx = LEFT + float(effect.target / largest) * BAR_AREA
        rows.append(
            format_html(
                '<line x1="{x}" x2="{x}" y1="{y1}" y2="{y2}" class="chart__target"/>',
                x=f"{tx:.1f}",
                y1=top + LABEL_HEIGHT - 2,
                y2=top + LABEL_HEIGHT + 2 * BAR_HEIGHT,
            )
        )
    heading = format_html(
        '<text x="0" y="{y}" class="chart__metric">{metric}</text>',
        y=top + 15,
        metric=effect.metric,
    )
    return mark_safe(heading + "".join(rows))


def _decimals(value):
    return 0 if value == value.to_integral_value() else 1

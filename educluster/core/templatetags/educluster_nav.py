from django import template

from educluster.core.navigation import cluster_tabs

register = template.Library()


@register.simple_tag(takes_context=True)
def tabs_for(context: template.Context, cluster) -> list[tuple[str, str, str]]:
    return cluster_tabs(context["request"].user, cluster)

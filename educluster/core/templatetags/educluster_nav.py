from django import template

from educluster.core.navigation import TabGroup, cluster_tabs, tab_groups

register = template.Library()


@register.simple_tag(takes_context=True)
def tabs_for(context: template.Context, cluster) -> list[tuple[str, str, str]]:
    return cluster_tabs(context["request"].user, cluster)


@register.simple_tag(takes_context=True)
def tab_groups_for(context: template.Context, cluster) -> list[TabGroup]:
    return tab_groups(context["request"].user, cluster, context.get("tab"))

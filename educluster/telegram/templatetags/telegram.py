from django import template

from educluster.telegram.client import configured

register = template.Library()


@register.simple_tag
def telegram_configured() -> bool:
    return configured()

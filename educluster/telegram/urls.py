from django.urls import path

from educluster.telegram import views

app_name = "telegram"

urlpatterns = [
    path("account/telegram/", views.telegram_settings, name="settings"),
    path("account/telegram/code/", views.link_code, name="link_code"),
    path("account/telegram/unlink/", views.unlink, name="unlink"),
    path("account/telegram/notices/", views.preferences, name="preferences"),
    path("telegram/webhook/", views.webhook, name="webhook"),
]

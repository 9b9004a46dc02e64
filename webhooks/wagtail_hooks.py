from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import (
    DeliveryView,
    WebhookDeliveriesView,
    can_see_deliveries,
    resend_delivery,
)


class WebhookDeliveriesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_deliveries(request.user)


@hooks.register("register_reports_menu_item")
def register_webhook_deliveries_menu_item():
    return WebhookDeliveriesMenuItem(
        _("Webhook deliveries"),
        reverse("webhooks_deliveries"),
        name="webhook-deliveries",
        icon_name="resubmit",
        order=1000,
    )


@hooks.register("register_admin_urls")
def register_webhook_urls():
    return [
        path(
            "reports/webhook-deliveries/",
            WebhookDeliveriesView.as_view(),
            name="webhooks_deliveries",
        ),
        path(
            "reports/webhook-deliveries/results/",
            WebhookDeliveriesView.as_view(results_only=True),
            name="webhooks_deliveries_results",
        ),
        path(
            "reports/webhook-deliveries/<uuid:pk>/",
            DeliveryView.as_view(),
            name="webhooks_delivery",
        ),
        path(
            "reports/webhook-deliveries/<uuid:pk>/resend/",
            resend_delivery,
            name="webhooks_resend",
        ),
    ]

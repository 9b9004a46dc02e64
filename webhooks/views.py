"""Reports → Webhook deliveries: every delivery and attempt, and a way to resend.

Whoever may publish pages may see what publishing sent, and send it again.
"""

import json
from urllib.parse import urlsplit

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import (
    Column,
    DateColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy

from .models import WebhookDelivery
from .tasks import resend


def can_see_deliveries(user):
    return page_permission_policy.user_has_any_permission(user, ["publish"])


class DeliveryFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=WebhookDelivery.Status.choices
    )
    event = django_filters.ChoiceFilter(
        label=_("Event"), choices=WebhookDelivery.Event.choices
    )

    class Meta:
        model = WebhookDelivery
        fields = ["status", "event"]


class ResendColumn(Column):
    cell_template_name = "webhooks/resend_cell.html"


class DateTimeColumn(Column):
    """A date and time in full: "in 4 minutes" reads oddly for a retry."""

    cell_template_name = "webhooks/datetime_cell.html"


class WebhookDeliveriesView(ReportView):
    page_title = _("Webhook deliveries")
    header_icon = "resubmit"
    index_url_name = "webhooks_deliveries"
    index_results_url_name = "webhooks_deliveries_results"
    filterset_class = DeliveryFilterSet
    permission_policy = page_permission_policy
    any_permission_required = ["publish"]
    columns = [
        TitleColumn(
            "page_title",
            label=_("Page"),
            get_url=lambda delivery: reverse("webhooks_delivery", args=[delivery.pk]),
        ),
        Column("get_event_display", label=_("Event")),
        Column(
            "url",
            label=_("Receiver"),
            accessor=lambda delivery: urlsplit(delivery.url).netloc,
        ),
        StatusTagColumn(
            "get_status_display",
            label=_("Status"),
            primary=lambda delivery: delivery.status == WebhookDelivery.Status.FAILED,
        ),
        Column("last_response_code", label=_("Response code")),
        Column(
            "last_error",
            label=_("Error"),
            accessor=lambda delivery: Truncator(delivery.last_error).chars(60),
        ),
        DateTimeColumn("next_attempt_at", label=_("Next retry")),
        DateColumn("created_at", label=_("Created")),
        ResendColumn("resend", label=_("Actions")),
    ]
    list_export = [
        "id",
        "created_at",
        "event",
        "page_id",
        "page_title",
        "url",
        "status",
        "attempt_count",
        "last_response_code",
        "last_error",
        "next_attempt_at",
        "delivered_at",
    ]

    def get_queryset(self):
        return WebhookDelivery.objects.order_by("-created_at")


class DeliveryView(WagtailAdminTemplateMixin, TemplateView):
    """One delivery: the body and headers it is sent with, and every attempt."""

    template_name = "webhooks/delivery.html"
    page_title = _("Webhook delivery")
    header_icon = "resubmit"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_deliveries(request.user):
            raise PermissionDenied
        self.delivery = get_object_or_404(WebhookDelivery, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.delivery.page_title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("webhooks_deliveries"), "label": _("Webhook deliveries")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            delivery=self.delivery,
            payload=json.dumps(json.loads(self.delivery.body), indent=2),
            attempts=self.delivery.attempts.order_by("-number"),
            **kwargs,
        )


@require_POST
def resend_delivery(request, pk):
    if not can_see_deliveries(request.user):
        raise PermissionDenied
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    resend(delivery, request.user)
    messages.success(
        request,
        gettext("“%(page)s” will be sent to %(receiver)s again.")
        % {"page": delivery.page_title, "receiver": delivery.url},
    )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = reverse("webhooks_delivery", args=[delivery.pk])
    return redirect(next_url)

"""The health check that load balancers and monitoring call."""

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a query, 503 with the reason when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse(
            {"status": "error", "error": "database unavailable"}, status=503
        )
    return JsonResponse({"status": "ok"})


def trivial_view(request):
    """The benchmark's baseline: a response with no database or template work."""
    return HttpResponse("ok", content_type="text/plain")

"""The benchmarks' baseline: the same server, the same database, one row inserted per
request and nothing else. Filing throughput is reported as a share of it, which holds from
one machine to another. Served only when IDARA_BENCH is set (idara.urls)."""

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from idara.scale.models import BaselineRow


@csrf_exempt
@require_POST
def baseline_insert(request):
    row = BaselineRow.objects.create()
    return HttpResponse(str(row.pk), status=201, content_type="text/plain")

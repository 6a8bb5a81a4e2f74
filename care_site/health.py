"""Probes for load balancers. `/healthz` says the process answers and touches nothing else.
`/readyz` runs django-health-check's database and cache checks, but always answers JSON with
200 or 503 and names the check that failed: probes send any Accept header, and the package's
own view would answer them with an HTML page and a 500."""

import asyncio

from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from health_check.views import HealthCheckView


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


class Readiness(HealthCheckView):
    checks = ("health_check.checks.Database", "health_check.checks.Cache")

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            self.results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        checks = {type(result.check).__name__.lower(): not result.error for result in self.results}
        ready = all(checks.values())
        return JsonResponse(
            {"status": "ok" if ready else "unavailable", "checks": checks},
            status=200 if ready else 503,
        )

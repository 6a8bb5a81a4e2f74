"""Probes for load balancers. `/healthz` says the process answers and touches nothing else.
`/readyz` runs django-health-check's database and cache checks and answers JSON whatever the
Accept header (probes send any, and the package's own view would answer them with an HTML page
and a 500). Only what no page can be served without fails readiness: the database. A cache that
is down slows pages and lets form posts through unthrottled but serves them, so it answers 200
with the status "degraded": a load balancer that pulled every instance for it would take the
whole site down over a cache."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from django.db import transaction
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from health_check.views import HealthCheckView

# The checks readiness needs; the others are reported and never fail it.
REQUIRED = {"database"}


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


class Readiness(HealthCheckView):
    checks = ("health_check.checks.Database", "health_check.checks.Cache")

    @method_decorator(transaction.non_atomic_requests)
    def dispatch(self, request, *args, **kwargs):
        response = View.dispatch(self, request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    async def run_checks(self):
        with self.get_executor() as executor:
            return await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )

    def get(self, request, *args, **kwargs):
        # A synchronous view running the checks on a loop of their own, in a thread of their
        # own: it answers the same under any server, even one whose thread already runs an
        # event loop (where Django's async_to_sync refuses and the probe would be a 500).
        with ThreadPoolExecutor(max_workers=1) as runner:
            self.results = runner.submit(asyncio.run, self.run_checks()).result()
        checks = {type(result.check).__name__.lower(): not result.error for result in self.results}
        if not all(checks[name] for name in REQUIRED):
            status, code = "unavailable", 503
        elif not all(checks.values()):
            status, code = "degraded", 200
        else:
            status, code = "ok", 200
        return JsonResponse({"status": status, "checks": checks}, status=code)

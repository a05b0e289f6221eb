"""The contract's Prometheus metrics (MetricNames) on the metrics port while a stage runs, and the serve-until-scraped
rule: when something scraped /metrics in full (no name[] filter) during the stage, closing waits until a full scrape
has answered with the last values, for at most FINAL_SCRAPE_LIMIT seconds; with no full scraper it does not wait."""

import threading
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import CollectorRegistry, Counter, Gauge, make_wsgi_app

STEP = "alignment_trainer_step"
TOTAL_STEPS = "alignment_trainer_total_steps"
TOKENS_PER_SECOND = "alignment_trainer_tokens_per_second"
ETA_SECONDS = "alignment_trainer_eta_seconds"
METRIC = "alignment_trainer_metric"
WARNINGS_TOTAL = "alignment_trainer_warnings_total"
PATH = "/metrics"
NAME_FILTER = "name[]"
FINAL_SCRAPE_LIMIT = 60.0
LABELS = ("namespace", "owner", "stage")


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class ScrapeWatch:
    """Counts updates to the values and remembers the newest update a full scrape answered with."""

    def __init__(self):
        self._condition = threading.Condition()
        self._updates = 0
        self._full_scrapes = 0
        self._answered = -1

    def updated(self):
        with self._condition:
            self._updates += 1

    def updates(self) -> int:
        with self._condition:
            return self._updates

    def answered(self, update: int):
        with self._condition:
            self._full_scrapes += 1
            self._answered = max(self._answered, update)
            self._condition.notify_all()

    def full_scrapes(self) -> int:
        with self._condition:
            return self._full_scrapes

    def await_answered(self, update: int, limit: float) -> bool:
        with self._condition:
            return self._condition.wait_for(lambda: self._answered >= update, timeout=limit)


def filters_by_name(query: str) -> bool:
    """Whether a query string asks for some series by name (the operator's progress probe), not for all."""
    return NAME_FILTER in parse_qs(query, keep_blank_values=True)


class TrainerMetrics:
    """The stage's series, labelled namespace/owner/stage, served on port (0: a free one; negative: not served)."""

    def __init__(self, port: int, namespace: str, owner: str, stage: str, final_scrape_limit=FINAL_SCRAPE_LIMIT):
        self.registry = CollectorRegistry()
        self.watch = ScrapeWatch()
        self._labels = (namespace, owner, stage)
        self._final_scrape_limit = final_scrape_limit
        self._step = self._gauge(STEP, "Last completed training step")
        self._total = self._gauge(TOTAL_STEPS, "Steps this stage runs")
        self._throughput = self._gauge(TOKENS_PER_SECOND, "Training or generation throughput")
        self._eta = self._gauge(ETA_SECONDS, "Estimated seconds until the stage finishes")
        self._value = Gauge(METRIC, "Latest value of a training or evaluation metric", LABELS + ("name",),
                            registry=self.registry)
        self._warnings = Counter(WARNINGS_TOTAL, "Warnings of the training monitors", LABELS + ("kind",),
                                 registry=self.registry)
        self._server = None
        if port >= 0:
            self._server = make_server("", port, self._app(make_wsgi_app(self.registry)), _Server, _QuietHandler)
            threading.Thread(target=self._server.serve_forever, name="metrics-http", daemon=True).start()

    def _gauge(self, name, help_text):
        return Gauge(name, help_text, LABELS, registry=self.registry)

    def _app(self, metrics_app):
        def app(environ, start_response):
            full = not filters_by_name(environ.get("QUERY_STRING", ""))
            update = self.watch.updates()
            body = metrics_app(environ, start_response)
            if full and environ.get("PATH_INFO", "") in ("", "/", PATH):
                self.watch.answered(update)
            return body
        return app

    @property
    def port(self) -> int:
        return self._server.server_address[1] if self._server else -1

    def progress(self, step: int, total: int, throughput: float, eta: float):
        self._step.labels(*self._labels).set(step)
        self._total.labels(*self._labels).set(total)
        self._throughput.labels(*self._labels).set(throughput)
        self._eta.labels(*self._labels).set(eta)
        self.watch.updated()

    def values(self, values: dict[str, float]):
        for name, value in values.items():
            self._value.labels(*self._labels, name).set(value)
        self.watch.updated()

    def warning(self, kind: str):
        self._warnings.labels(*self._labels, kind).inc()
        self.watch.updated()

    def close(self):
        if self._server is None:
            return
        if self.watch.full_scrapes() > 0:
            self.watch.await_answered(self.watch.updates(), self._final_scrape_limit)
        self._server.shutdown()
        self._server.server_close()


"""The metrics endpoint: the contract's series, the name[] filter, and the serve-until-scraped rule."""

import threading
import urllib.request

from alignment_trl import metrics
from alignment_trl.metrics import TrainerMetrics
from alignment_trl.ranks import Ranks


def scrape(port: int, query: str = "") -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics{query}", timeout=10) as response:
        return response.read().decode()


def test_it_serves_the_progress_gauges_and_values_and_filters_by_name():
    served = TrainerMetrics(0, "ns", "run", "sft", final_scrape_limit=5)
    try:
        served.progress(3, 20, 100.0, 12.0)
        served.values({"loss": 0.25})
        page = scrape(served.port)
        assert 'alignment_trainer_step{namespace="ns",owner="run",stage="sft"} 3.0' in page
        assert 'alignment_trainer_total_steps{namespace="ns",owner="run",stage="sft"} 20.0' in page
        assert 'alignment_trainer_metric{name="loss",namespace="ns",owner="run",stage="sft"} 0.25' in page
        filtered = scrape(served.port, "?name%5B%5D=alignment_trainer_step&name%5B%5D=alignment_trainer_eta_seconds")
        assert "alignment_trainer_step{" in filtered and "alignment_trainer_eta_seconds{" in filtered
        assert "alignment_trainer_metric{" not in filtered and "alignment_trainer_total_steps{" not in filtered
    finally:
        served.close()


def test_a_name_filter_is_not_a_full_scrape():
    assert metrics.filters_by_name("name%5B%5D=alignment_trainer_step")
    assert metrics.filters_by_name("name[]=a&name[]=b")
    assert not metrics.filters_by_name("")
    assert not metrics.filters_by_name("debug=1")


def test_closing_waits_for_a_full_scrape_of_the_last_values_only_after_one_happened():
    unscraped = TrainerMetrics(0, "ns", "run", "sft", final_scrape_limit=30)
    unscraped.values({"loss": 1.0})
    closed = threading.Event()
    threading.Thread(target=lambda: (unscraped.close(), closed.set())).start()
    assert closed.wait(5), "nothing scraped it: closing must not wait"

    scraped = TrainerMetrics(0, "ns", "run", "sft", final_scrape_limit=30)
    scrape(scraped.port)
    scraped.values({"loss": 0.5})
    closed = threading.Event()
    threading.Thread(target=lambda: (scraped.close(), closed.set())).start()
    assert not closed.wait(0.5), "a full scraper has not read the last values yet"
    scrape(scraped.port, "?name%5B%5D=alignment_trainer_step")
    assert not closed.wait(0.5), "a filtered scrape does not count"
    assert "0.5" in scrape(scraped.port)
    assert closed.wait(5)


def test_negative_ports_serve_nothing_and_local_ranks_get_their_own_port():
    assert TrainerMetrics(-1, "ns", "run", "sft").port == -1
    assert Ranks(3, 1, 4).metrics_port(9400) == 9401
    assert Ranks(0, 0, 1).metrics_port(9400) == 9400
    assert Ranks(1, 1, 2).metrics_port(0) == 0
    assert Ranks(1, 1, 2).metrics_port(-1) == -1

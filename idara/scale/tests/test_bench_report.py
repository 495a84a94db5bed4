"""The benchmark's reading of wrk and its report (bench/run.py): figures read right, each
set against its target."""

import importlib.util
from pathlib import Path

from django.conf import settings

spec = importlib.util.spec_from_file_location(
    "bench_run", Path(settings.BASE_DIR) / "bench" / "run.py"
)
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)

WRK = """Running 5s test @ http://127.0.0.1:8000/api/v1/dossiers
  2 threads and 32 connections
  Latency Distribution
     50%   98.21ms
     75%  120.00ms
     90%  160.00ms
     99%    1.20s
  1523 requests in 5.01s, 1.10MB read
  Non-2xx or 3xx responses: 3
Requests/sec:    304.12
"""


def test_wrk_output_is_read_in_milliseconds_with_its_errors():
    assert bench._parse_wrk(WRK) == {
        "rps": 304.12,
        "p50_ms": 98.21,
        "p99_ms": 1200.0,
        "errors": 3,
        "requests": 1523,
    }


def test_a_figure_is_its_median_and_its_spread():
    assert bench._spread([3.0, 1.0, 2.0]) == {
        "median": 2.0,
        "min": 1.0,
        "max": 3.0,
        "runs": [3.0, 1.0, 2.0],
    }

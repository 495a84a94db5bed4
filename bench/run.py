"""`make bench`: Idara's figures at national scale, each against its target (docs/performance.md).

Sets up a separate instance (its own database and files), fills it with `generate_load_data`,
serves it with gunicorn and loads it with wrk from another process; browser figures come from
Chromium with the network throttled to 2G. Every figure is measured --repeat times and given
as its median with its spread (min–max). Writes bench/results/latest.json and latest.md.
"""

import argparse
import gzip
import io
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
GUNICORN = {"worker_class": "gthread", "workers": 3, "threads": 4}
DEMOLITION = {
    "land_title": "12345/07",
    "address": "12 rue Al Amal",
    "built_surface": 120,
    "reason": "Bâtiment menaçant ruine",
}


def main() -> None:
    args = _arguments()
    env = _environment(args)
    size = args.dossiers or (20_000 if args.quick else 10_000_000)
    report = {"machine": _machine(args), "size": size, "gunicorn": GUNICORN, "figures": {}}
    figures = report["figures"]
    _prepare(env, args, size)
    figures["rebuild_indicators_s"] = _repeat(
        args.repeat, lambda: _timed(env, "rebuild_indicators")
    )
    _manage(env, "rank_collectivities")
    facts = _facts(env)
    with Server(env) as server:
        token = _token(server, facts["citizen"])
        for clients in (8, 32, 128):
            figures[f"filing_{clients}"] = _wrk_repeat(
                args, server, "filing.lua", clients, _filing_env(facts, token)
            )
            figures[f"baseline_{clients}"] = _wrk_repeat(args, server, "baseline.lua", clients, {})
        for name, (path, who) in _pages(facts).items():
            cookie = f"sessionid={_manage(env, 'bench_session', who)}" if who else ""
            figures[f"page_{name}"] = _wrk_repeat(
                args, server, "page.lua", 8, {"BENCH_COOKIE": cookie}, path
            )
        figures["weights"] = _weights(server, facts, env)
    past_due = args.past_due or (2_000 if args.quick else 100_000)
    figures["sweep_s"] = _repeat(args.repeat, lambda: _sweep(env, past_due))
    figures["sweep_dossiers"] = past_due
    figures["pdfs_per_s"] = _pdf_rates(env)
    _write(report)


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a reduced size, for a quick check")
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    parser.add_argument("--dossiers", type=int, help="the data set's size (default 10,000,000)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--duration", type=int, help="seconds of each load run")
    parser.add_argument("--fresh", action="store_true", help="generate the data set again")
    parser.add_argument("--past-due", type=int, help="dossiers for the sweep (default 100,000)")
    args = parser.parse_args()
    args.duration = args.duration or (5 if args.quick else 20)
    return args


def _environment(args) -> dict:
    VAR.mkdir(parents=True, exist_ok=True)
    keys = VAR / "keys.json"
    if not keys.exists():
        sys.path.insert(0, str(ROOT))
        from idara.vault.keys import new_index_key, new_key_entry

        keys.write_text(json.dumps({"master": new_key_entry("bench"), "index": new_index_key()}))
    secrets = json.loads(keys.read_text())
    database = (
        f"sqlite:///{VAR / 'bench.sqlite3'}"
        if args.sqlite
        else "postgres://postgres:postgres@127.0.0.1:5432/idara_bench"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IDARA_", "DATABASE_"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "idara.settings",
        "DATABASE_URL": database,
        "DATABASE_CONN_MAX_AGE": "60",
        "IDARA_VAR_DIR": str(VAR),
        "IDARA_BENCH": "1",
        "IDARA_MASTER_KEYS": secrets["master"],
        "IDARA_INDEX_KEY": secrets["index"],
        "SECRET_KEY": "bench-" + secrets["index"],
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOGIN_RATE": "1000000/m",
        "FILING_RATE": "100000000/h",
        "VERIFY_RATE": "1000000/m",
        "REDIS_URL": "redis://127.0.0.1:6379/14",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/15",
        "LOG_LEVEL": "WARNING",
    }


def _manage(env: dict, *command: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *command], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return done.stdout.strip()


def _timed(env: dict, *command: str) -> float:
    started = time.monotonic()
    _manage(env, *command)
    return time.monotonic() - started


def _prepare(env: dict, args, size: int) -> None:
    _manage(env, "collectstatic", "--noinput")
    marker = VAR / ("size-sqlite" if args.sqlite else "size-postgres")
    if not args.fresh and marker.exists() and int(marker.read_text()) == size:
        print(f"reusing the data set of {size} dossiers")
        return
    if args.sqlite:
        (VAR / "bench.sqlite3").unlink(missing_ok=True)
    else:
        _postgres("DROP DATABASE IF EXISTS idara_bench WITH (FORCE)")
        _postgres("CREATE DATABASE idara_bench")
    shutil.rmtree(VAR / "media", ignore_errors=True)
    _manage(env, "migrate", "--noinput")
    print(f"generating {size} dossiers")
    took = _timed(env, "generate_load_data", "--dossiers", str(size))
    print(f"generated in {took:.0f} s")
    (VAR / "generated.json").write_text(json.dumps({"dossiers": size, "seconds": took}))
    marker.write_text(str(size))


def _postgres(statement: str) -> None:
    import psycopg

    with psycopg.connect(
        "postgres://postgres:postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as c:
        c.execute(statement)


def _facts(env: dict) -> dict:
    code = """
import json
from django.db.models import Count
from idara.catalog import selectors as catalog
from idara.dossiers.models import Dossier
from idara.territories.models import Collectivity
version = catalog.version_in_force(catalog.procedure("permis-demolir"))
busiest = Dossier.objects.values("service_id").annotate(n=Count("id")).order_by("-n")[0]
agent = Dossier.objects.filter(service_id=busiest["service_id"]).exclude(assigned_to=None).values_list("assigned_to__email", flat=True).first()
citizen = Dossier.objects.values("applicant__email").annotate(n=Count("id")).order_by("-n")[0]["applicant__email"]
mine = Dossier.objects.filter(applicant__email=citizen).select_related("receipt").first()
commune = Collectivity.objects.filter(kind="commune_urban").annotate(n=Count("dossiers")).order_by("-n")[0]
print(json.dumps({"documents": [d.code for d in version.documents.all() if d.mandatory],
  "agent": agent, "citizen": citizen, "dossier": str(mine.pk), "code": mine.receipt.verification_code, "commune": commune.code,
  "service_dossiers": busiest["n"]}))
"""
    return json.loads(_manage(env, "shell", "-c", code).splitlines()[-1])


def _filing_env(facts: dict, token: str) -> dict:
    pdf = VAR / "scan.pdf"
    if not pdf.exists():
        from pypdf import PdfWriter

        writer = PdfWriter()
        writer.add_blank_page(595, 842)
        out = io.BytesIO()
        writer.write(out)
        pdf.write_bytes(out.getvalue())
    return {
        "BENCH_PDF": str(pdf),
        "BENCH_TOKEN": token,
        "BENCH_PROCEDURE": "permis-demolir",
        "BENCH_COLLECTIVITY": facts["commune"],
        "BENCH_DATA": json.dumps(DEMOLITION),
        "BENCH_DOCUMENTS": ",".join(facts["documents"]),
    }


def _pages(facts: dict) -> dict:
    return {
        "agent_inbox": ("/fr/backoffice/dossiers/", facts["agent"]),
        "citizen_dossiers": ("/fr/my/dossiers/", facts["citizen"]),
        "dossier": (f"/fr/my/dossiers/{facts['dossier']}/", facts["citizen"]),
        "ranking": ("/fr/transparency/", None),
        "scorecard": (f"/fr/transparency/{facts['commune']}/", None),
    }


class Server:
    def __init__(self, env: dict):
        self.env = env
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        subprocess.run(["redis-cli", "-n", "14", "flushdb"], capture_output=True)
        self.log = (VAR / "gunicorn.log").open("wb")
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "idara.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--worker-class", GUNICORN["worker_class"], "--workers", str(GUNICORN["workers"]),
             "--threads", str(GUNICORN["threads"]), "--backlog", "2048", "--timeout", "120"],
            env=self.env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        import urllib.request

        for _ in range(120):
            try:
                urllib.request.urlopen(f"{self.url}/api/v1/procedures", timeout=5)  # noqa: S310
                return self
            except OSError:
                time.sleep(0.5)
        raise SystemExit("gunicorn did not start: see var/bench/gunicorn.log")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def _token(server: Server, email: str) -> str:
    import urllib.parse
    import urllib.request

    body = urllib.parse.urlencode({"email": email, "password": "bench-passphrase"}).encode()
    with urllib.request.urlopen(f"{server.url}/api/v1/auth/token", body, timeout=30) as answer:  # noqa: S310
        return json.load(answer)["token"]


def _wrk(server, script, clients, extra_env, duration, path="/") -> dict:
    threads = min(clients, 2)
    done = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{duration}s", "--latency",
         "--timeout", "30s", "-s", str(ROOT / "bench" / script), server.url + path],
        env=os.environ | extra_env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return _parse_wrk(done.stdout)


def _parse_wrk(out: str) -> dict:
    def ms(text: str) -> float:
        value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": ms(latency["50"]),
        "p99_ms": ms(latency["99"]),
        "errors": (int(errors.group(1)) if errors else 0)
        + (int(timeouts.group(1)) if timeouts else 0),
        "requests": requests,
    }


def _wrk_repeat(args, server, script, clients, extra_env, path="/") -> dict:
    runs = [
        _wrk(server, script, clients, extra_env, args.duration, path) for _ in range(args.repeat)
    ]
    return {key: _spread([r[key] for r in runs]) for key in runs[0]}


def _spread(values: list[float]) -> dict:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "runs": values,
    }


def _repeat(times: int, measure) -> dict:
    return _spread([measure() for _ in range(times)])


def _sweep(env: dict, count: int) -> float:
    _manage(
        env,
        "generate_load_data",
        "--dossiers",
        "0",
        "--past-due",
        str(count),
        "--seed",
        str(uuid.uuid4().int % 10**6),
    )
    return _timed(env, "sweep_deadlines")


def _pdf_rates(env: dict) -> dict:
    code = """
import json, time
from idara.dossiers.models import Receipt, Dossier
from idara.dossiers.receipts import receipt_pdf
from idara.documents.issuing import issue, issued_pdf, kind_on_acceptance
receipts = list(Receipt.objects.filter(pdf="").select_related("dossier", "collectivity")[:20])
started = time.monotonic()
for r in receipts: receipt_pdf(r)
receipt_rate = len(receipts) / (time.monotonic() - started)
accepted = [d for d in Dossier.objects.filter(status="accepted", issued__isnull=True).select_related("collectivity")[:200] if kind_on_acceptance(d)][:10]
docs = [issue(d, kind_on_acceptance(d), d.collectivity) for d in accepted]
docs = [doc for doc in docs if not doc.pdf]  # drawn by an earlier run: it would only be read
started = time.monotonic()
for doc in docs: issued_pdf(doc)
issued_rate = len(docs) / (time.monotonic() - started) if docs else None
print(json.dumps({"receipt": receipt_rate, "issued_document": issued_rate}))
"""
    return json.loads(_manage(env, "shell", "-c", code).splitlines()[-1])


def _weights(server: Server, facts: dict, env: dict) -> dict:
    """Bytes (gzip-compressed, as the proxy serves them), requests, and the load time with
    the network throttled to 2G (250 kbit/s, 300 ms), in Chromium."""
    from playwright.sync_api import sync_playwright

    cookie = _manage(env, "bench_session", facts["citizen"])
    pages = {
        "home": "/fr/",
        "procedures": "/fr/procedures/",
        "fiche": "/fr/procedures/permis-demolir/",
        "collectivity": f"/fr/collectivities/{facts['commune']}/",
        "ranking": "/fr/transparency/",
        "scorecard": f"/fr/transparency/{facts['commune']}/",
        "verify": f"/verify/{facts['code']}",
        "login": "/fr/backoffice/login/",
        "citizen_dossiers": "/fr/my/dossiers/",
        "dossier": f"/fr/my/dossiers/{facts['dossier']}/",
        "filing_form": f"/fr/procedures/permis-demolir/file/?collectivity={facts['commune']}",
    }
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=["--no-sandbox"]
        )
        for name, path in pages.items():
            found[name] = _weigh(browser, server.url, path, cookie)
        browser.close()
    return found


def _weigh(browser, base: str, path: str, cookie: str) -> dict:
    context = browser.new_context()
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": base}])
    page = context.new_page()
    bodies = []
    page.on("response", lambda r: bodies.append(r))
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 300,
            "downloadThroughput": 250_000 / 8,
            "uploadThroughput": 250_000 / 8,
        },
    )
    started = time.monotonic()
    answer = page.goto(base + path, wait_until="load", timeout=120_000)
    seconds = time.monotonic() - started
    if answer.status != 200:
        raise SystemExit(f"{path} answered {answer.status}: nothing to weigh")
    compressed = sum(len(gzip.compress(r.body(), 6)) for r in bodies if r.status < 300)
    context.close()
    return {"compressed_bytes": compressed, "requests": len(bodies), "load_2g_s": round(seconds, 2)}


def _machine(args) -> dict:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )  # fmt: skip
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_mb": memory,
        "python": platform.python_version(),
        "database": "sqlite" if args.sqlite else "postgresql",
        "at": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        "repeat": args.repeat,
        "duration_s": args.duration,
    }


def _write(report: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=1))
    (RESULTS / "latest.md").write_text(summary(report))
    print(summary(report))


TARGETS = {
    "filing_32": ("filing at 32 clients", "≥ 300/s, p99 < 250 ms, ≥ 30 % of the baseline"),
    "page_agent_inbox": ("agent inbox", "p99 < 50 ms"),
    "page_citizen_dossiers": ("citizen's dossiers", "p99 < 50 ms"),
    "page_dossier": ("a dossier page", "p99 < 50 ms"),
    "page_ranking": ("ranking page", "p99 < 20 ms"),
    "page_scorecard": ("a collectivity's transparency page", "—"),
}


def summary(report: dict) -> str:
    f = report["figures"]
    m = report["machine"]
    lines = [
        f"# Benchmarks: {report['size']:,} dossiers on {m['database']}",
        "",
        f"{m['cpu']}, {m['cores']} cores, {m['memory_mb']} MB; Python {m['python']}; {m['at']} UTC; "
        f"each figure the median of {m['repeat']} runs (min–max); load runs of {m['duration_s']} s; "
        f"gunicorn {report['gunicorn']}.",
        "",
        "| figure | median | spread | target |",
        "| --- | --- | --- | --- |",
    ]
    for clients in (8, 32, 128):
        filing, base = f[f"filing_{clients}"], f[f"baseline_{clients}"]
        share = filing["rps"]["median"] / base["rps"]["median"] if base["rps"]["median"] else 0
        target = TARGETS["filing_32"][1] if clients == 32 else "—"
        lines.append(
            f"| filing, {clients} clients | {filing['rps']['median']:.0f}/s, p50 {filing['p50_ms']['median']:.0f} ms, "
            f"p99 {filing['p99_ms']['median']:.0f} ms; {share:.0%} of the baseline ({base['rps']['median']:.0f}/s); "
            f"{filing['errors']['median']:.0f} errors | {filing['rps']['min']:.0f}–{filing['rps']['max']:.0f}/s | {target} |"
        )
    for key in (
        "page_agent_inbox",
        "page_citizen_dossiers",
        "page_dossier",
        "page_ranking",
        "page_scorecard",
    ):
        name, target = TARGETS[key]
        page = f[key]
        lines.append(
            f"| {name} | p50 {page['p50_ms']['median']:.1f} ms, p99 {page['p99_ms']['median']:.1f} ms, "
            f"{page['rps']['median']:.0f}/s | p99 {page['p99_ms']['min']:.1f}–{page['p99_ms']['max']:.1f} ms | {target} |"
        )
    r = f["rebuild_indicators_s"]
    lines.append(
        f"| rebuild of the indicators | {r['median']:.1f} s | {r['min']:.1f}–{r['max']:.1f} s | — |"
    )
    s = f["sweep_s"]
    lines.append(
        f"| sweep_deadlines, {f['sweep_dossiers']:,} due | {s['median']:.1f} s | {s['min']:.1f}–{s['max']:.1f} s | "
        "< 60 s for 100,000 |"
    )
    p = f["pdfs_per_s"]
    issued = f"{p['issued_document']:.1f}/s" if p["issued_document"] else "n/a"
    lines.append(
        f"| PDFs drawn (one process) | receipts {p['receipt']:.1f}/s, issued documents {issued} | — | — |"
    )
    for name, w in f["weights"].items():
        lines.append(
            f"| page weight: {name} | {w['compressed_bytes'] / 1024:.1f} KB, {w['requests']} requests, "
            f"{w['load_2g_s']} s on 2G | — | < 50 KB, < 5 s |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()

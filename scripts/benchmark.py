"""Benchmark (`make benchmark`): this project next to a vanilla `rasa init` bot, in one run.

1. Builds a vanilla bot with `rasa init --no-prompt` (same Rasa, same environment) in a
   temporary folder, which trains it; trains this project's model with `--force` into
   another temporary folder. Both training times are measured.
2. Starts the vanilla server and this project as `make run` starts it (one process each,
   SQLite); measures the time from start to the first answer.
3. Runs the same load script (scripts/loadtest.py) against both, interleaved scenario by
   scenario, so other load on the machine hits both alike: 1 user × 40 turns, 20 and 50
   users × 10 turns, 4 users × 40 turns (turn time in turns 1–10 vs 31–40).
4. Stops the single stack, starts the cluster (scripts/cluster.py) and runs 20 and 50
   users (interleaved with vanilla again), 100 concurrent conversations, and 100
   concurrent bookings of one joint slot through the API balancer.
5. Writes var/reports/benchmark.md (and .json) with the figures, ratios and targets.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import loadtest
from cluster import Cluster, Settings, group_rss_mb

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / ".venv-bot" / "bin"
API = ROOT / ".venv-api" / "bin"
REPORT = ROOT / "var" / "reports" / "benchmark.md"
TOKEN = "benchmark-token"
SINGLE_SCENARIOS = [("1 Nutzer", 1, 40), ("20 Nutzer", 20, 10), ("50 Nutzer", 50, 10),
                    ("4 Nutzer × 40 Züge", 4, 40)]  # fmt: skip
CLUSTER_SCENARIOS = [("20 Nutzer", 20, 10), ("50 Nutzer", 50, 10)]
WARM_UP = (4, 10)  # users × turns, not measured


def log(text: str) -> None:
    print(f"[benchmark] {text}", flush=True)


def base_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(RASA_TELEMETRY_ENABLED="false", PYTHONWARNINGS="ignore", PYTHONUNBUFFERED="1",
               TF_CPP_MIN_LOG_LEVEL="2", SANIC_HOST="127.0.0.1")  # fmt: skip
    return env


def timed(command: list[str], cwd: Path, logfile: Path) -> float:
    """Run a command to the end; return its wall time in seconds."""
    started = time.monotonic()
    with logfile.open("w") as out:
        subprocess.run(command, cwd=cwd, env=base_env(), stdout=out, stderr=subprocess.STDOUT,
                       check=True)  # fmt: skip
    return time.monotonic() - started


def wait_for_answer(url: str, process: subprocess.Popen[Any], timeout: float = 600) -> None:
    """Wait until the REST channel answers a first message."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Prozess beendet (Code {process.returncode})")
        try:
            body = {"sender": secrets.token_hex(16), "message": "hallo"}
            response = httpx.post(f"{url}/webhooks/rest/webhook", json=body, timeout=30)
            if response.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"keine Antwort von {url}")


def find_pid(*needles: str) -> int | None:
    """The pid of the process whose command line contains all `needles`."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if all(n in text for n in needles):
            return int(cmdline.parent.name)
    return None


def stop(process: subprocess.Popen[Any]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def load(url: str, bot: str, users: int, turns: int) -> dict[str, Any]:
    result = asyncio.run(loadtest.run(url, bot, users, turns))
    return result.summary()


async def concurrent_bookings(api: str, attempts: int) -> dict[str, Any]:
    """`attempts` families book the same joint slot at once; count what the API said."""
    limits = httpx.Limits(max_connections=attempts)
    # Bookings come only from the action server; the benchmark books with its token.
    token = os.environ.get("APPOINTMENTS_SERVICE_TOKEN", "entwicklung-dienst-nur-lokal")
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(
        base_url=api, timeout=60, limits=limits, headers=headers
    ) as client:
        slots = (await client.get("/slots", params={"limit": 1})).raise_for_status().json()
        slot = slots["slots"][0]["id"]
        given = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
        consent = (ROOT / "data/content/consent.yml").read_text().split("version:")[1]
        version = consent.split()[0]

        async def book(i: int) -> int:
            payload = {
                "slot_id": slot, "children_ages": [4, 7], "topics": [],
                "contact": {"name": f"Familie Test{i}", "phone": f"0171 55{i:05d}", "email": None},
                "consent": {"text_version": version, "given_at": given, "channel": "chat"},
                "language": "de", "interpreter_needed": False, "accessibility_needed": False,
            }  # fmt: skip
            response = await client.post("/bookings", json=payload)
            return response.status_code

        codes = await asyncio.gather(*(book(i) for i in range(attempts)))
    counted: dict[str, int] = {}
    for code in codes:
        counted[str(code)] = counted.get(str(code), 0) + 1
    return {"slot": slot, "attempts": attempts, "status_codes": counted}


def machine() -> dict[str, str]:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory_gb": f"{int(mem) / 1e6:.0f}",
        "os": platform.platform(),
        "loadavg_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    off = int(os.environ.get("FL_TEST_PORT_OFFSET", "0"))
    base = int(os.environ.get("FL_BENCH_PORT", 16000 + off))
    work = Path(tempfile.mkdtemp(prefix="fl-benchmark-"))
    data: dict[str, Any] = {"machine": machine(), "started": datetime.now(UTC).isoformat()}
    processes: list[subprocess.Popen[Any]] = []
    cluster: Cluster | None = None
    try:
        # 1. Training
        vanilla_dir = work / "vanilla"
        vanilla_dir.mkdir()
        log("vanilla: rasa init --no-prompt (erzeugt und trainiert) …")
        data["train_vanilla_s"] = timed(
            [str(BOT / "rasa"), "init", "--no-prompt", "--init-dir", str(vanilla_dir)],
            work, work / "vanilla-train.log",
        )  # fmt: skip
        log(f"vanilla trainiert in {data['train_vanilla_s']:.0f} s")
        if args.skip_project_training:
            data["train_project_s"] = None
        else:
            log("Projekt: rasa train --force …")
            data["train_project_s"] = timed(
                [str(BOT / "rasa"), "train", "--force", "--config", "bot/config.yml",
                 "--domain", "bot/domain", "--data", "data/nlu", "data/rules", "data/stories",
                 "--out", str(work / "project-models")],
                ROOT, work / "project-train.log",
            )  # fmt: skip
            log(f"Projekt trainiert in {data['train_project_s']:.0f} s")
        vanilla_model = next((vanilla_dir / "models").glob("*.tar.gz"))

        # 2. Start both, one after the other, so each start time is its own
        vanilla_url = f"http://127.0.0.1:{base}"
        started = time.monotonic()
        vanilla = subprocess.Popen(
            [str(BOT / "rasa"), "run", "--model", str(vanilla_model), "--port", str(base),
             "--interface", "127.0.0.1", "--enable-api", "--auth-token", TOKEN],
            cwd=vanilla_dir, env=base_env(), start_new_session=True,
            stdout=(work / "vanilla.log").open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        processes.append(vanilla)
        wait_for_answer(vanilla_url, vanilla)
        data["start_vanilla_s"] = time.monotonic() - started
        log(f"vanilla antwortet nach {data['start_vanilla_s']:.0f} s")

        project_url = f"http://127.0.0.1:{base + 3}"
        env = base_env()
        env.update(
            FL_API_PORT=str(base + 1), FL_ACTIONS_PORT=str(base + 2), FL_RASA_PORT=str(base + 3),
            FL_WEB_PORT=str(base + 4), RASA_TOKEN=TOKEN,
            APPOINTMENTS_DATABASE_URL=f"sqlite:///{work / 'appointments.db'}",
            APPOINTMENTS_MAIL_DIR=str(work / "mail"),
            FL_TRACKER_DIALECT="sqlite", FL_TRACKER_DB=str(work / "tracker.db"),
        )  # fmt: skip
        for key in ("FL_APPOINTMENTS_URL", "FL_ACTIONS_URL", "FL_RASA_URL"):
            env.pop(key, None)
        for command in ("migrate", "seed"):
            subprocess.run([str(API / "python"), "-m", "appointments.cli", command], cwd=ROOT,
                           env=env, check=True, capture_output=True)  # fmt: skip
        started = time.monotonic()
        project = subprocess.Popen(
            [str(API / "python"), "scripts/services.py", "--only", "api,actions,rasa"],
            cwd=ROOT, env=env, start_new_session=True,
            stdout=(work / "project.log").open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        processes.append(project)
        wait_for_answer(project_url, project)
        data["start_project_s"] = time.monotonic() - started
        log(f"Projekt antwortet nach {data['start_project_s']:.0f} s")

        # 3. Interleaved load on the single stack, after a warm-up of both: the first
        # answers of a fresh process build TensorFlow's graphs (start time is measured above).
        for url, bot in ((vanilla_url, "vanilla"), (project_url, "project")):
            load(url, bot, WARM_UP[0], WARM_UP[1])
        data["single"] = []
        for label, users, turns in SINGLE_SCENARIOS:
            for _ in range(args.rounds):
                v = load(vanilla_url, "vanilla", users, turns)
                p = load(project_url, "project", users, turns)
                log(f"{label}: vanilla {v['turns_per_s']} Züge/s p95 {v['p95_ms']} ms | "
                    f"Projekt {p['turns_per_s']} Züge/s p95 {p['p95_ms']} ms")  # fmt: skip
                data["single"].append({"label": label, "vanilla": v, "project": p})
        rasa_pid = find_pid("bot.serve", "run", "--model", f"--port {base + 3}")
        data["rss_vanilla_mb"] = group_rss_mb(vanilla.pid)
        data["rss_project_mb"] = group_rss_mb(rasa_pid) if rasa_pid else None
        stop(project)

        # 4. Cluster
        cenv = dict(os.environ)
        cenv.update(
            FL_RASA_PORT=str(base + 10), FL_API_PORT=str(base + 11), FL_WEB_PORT=str(base + 12),
            FL_CLUSTER_INTERNAL_PORT=str(base + 20), RASA_TOKEN=TOKEN,
            FL_CLUSTER_TRACKER_DB=f"fl_cluster_bench{off}_tracker",
            FL_CLUSTER_APPOINTMENTS_DB=f"fl_cluster_bench{off}_appointments",
            FL_CLUSTER_REDIS_PREFIX=f"flbench{off}", FL_CLUSTER_WORK=str(work / "cluster"),
            FL_CLUSTER_WEB="1",
        )  # fmt: skip
        cenv.setdefault("FL_CLUSTER_REDIS_DB", "3")
        # The load comes from one address and one action server client: lift the abuse
        # limits (tested in tests/safety and appointments/tests) so they do not cap the run.
        for name, value in (
            ("FL_CHAT_RATE_ADDRESS", "100000/60"),
            ("APPOINTMENTS_RATE_LIMIT_HOLDS", "100000/minute"),
            ("APPOINTMENTS_RATE_LIMIT_BOOKINGS", "100000/minute"),
        ):
            os.environ.setdefault(name, value)
        settings = Settings.from_env(cenv)
        from fault_drill import drop_databases

        drop_databases(settings)
        cluster = Cluster(settings, quiet=True)
        started = time.monotonic()
        cluster.start()
        data["start_cluster_s"] = time.monotonic() - started
        data["cluster_shape"] = (
            f"{settings.rasa_instances}× Rasa, {settings.actions_instances}× Actions, "
            f"{settings.api_instances}× API × {settings.api_workers} Worker, nginx"
        )
        log(f"Cluster bereit nach {data['start_cluster_s']:.0f} s ({data['cluster_shape']})")
        cluster_url = f"http://127.0.0.1:{settings.rasa_port}"
        load(cluster_url, "project", 2 * WARM_UP[0], WARM_UP[1])  # every Rasa instance
        data["cluster"] = []
        for label, users, turns in CLUSTER_SCENARIOS:
            for _ in range(args.rounds):
                v = load(vanilla_url, "vanilla", users, turns)
                c = load(cluster_url, "project", users, turns)
                log(f"Cluster {label}: vanilla {v['turns_per_s']} Züge/s | "
                    f"Cluster {c['turns_per_s']} Züge/s p95 {c['p95_ms']} ms")  # fmt: skip
                data["cluster"].append({"label": label, "vanilla": v, "project": c})
        data["cluster_100"] = load(cluster_url, "project", 100, 10)
        log(f"Cluster 100 Gespräche: {data['cluster_100']}")
        data["rss_cluster_rasa_mb"] = [cluster.rss_mb(f"rasa{i + 1}")
                                       for i in range(settings.rasa_instances)]  # fmt: skip
        data["bookings"] = asyncio.run(
            concurrent_bookings(f"http://127.0.0.1:{settings.api_port}", 100)
        )
        log(f"100 gleichzeitige Buchungen: {data['bookings']['status_codes']}")
    finally:
        if cluster is not None:
            cluster.stop()
        for process in processes:
            stop(process)
        data["machine"]["loadavg_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return data


def unanswered(result: dict[str, Any]) -> int:
    """Turns of the project without an answer: an error, or an empty list of messages.

    Every message to Familienlotse gets at least one reply; the vanilla bot leaves some
    messages of its script unanswered by design, so this counts only for the project.
    """
    return int(result.get("errors", 0)) + int(result.get("empty_answers", 0))


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a and b else "–"


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("erreicht" if ok else "**nicht erreicht**")


def write_report(d: dict[str, Any]) -> str:
    single = {row["label"]: row for row in d.get("single", [])}
    clus = {row["label"]: row for row in d.get("cluster", [])}
    lines = [
        "# Benchmark: Familienlotse neben einem Vanilla-Rasa-Bot",
        "",
        f"Gemessen am {d['started'][:16].replace('T', ' ')} UTC mit `make benchmark`.",
        f"Maschine: {d['machine']['cpu']}, {d['machine']['cores']} Kerne, "
        f"{d['machine']['memory_gb']} GB RAM. Last des Rechners (loadavg) am Anfang "
        f"{d['machine']['loadavg_start']}, am Ende {d['machine'].get('loadavg_end', '?')}.",
        "",
        "Andere Prozesse können gleichzeitig auf dem Rechner laufen (siehe loadavg); "
        "absolute Zeiten schwanken deshalb. Beide Bots wurden Szenario für Szenario "
        "abwechselnd gemessen; aussagekräftig sind vor allem die **Verhältnisse**. "
        f"Vor der ersten Messung bekam jeder Bot {WARM_UP[0]} Gespräche × {WARM_UP[1]} Züge "
        "zum Aufwärmen (nicht gemessen; die Startzeit steht unten).",
        "",
        "Vanilla: `rasa init --no-prompt` (Rasa 3.6.21, englischer Beispiel-Bot, "
        "Tracker im Speicher, keine Actions). Projekt: wie `make run` (je ein Prozess, "
        "SQLite, Action-Server, Termin-API). Cluster: " + d.get("cluster_shape", "–") + ".",
        "",
        "## Eine Instanz je Dienst (`make run`) neben Vanilla",
        "",
        "| Szenario | Vanilla Züge/s | Vanilla p50 / p95 ms | Projekt Züge/s | "
        "Projekt p50 / p95 ms | Durchsatz Projekt/Vanilla |",
        "|---|---|---|---|---|---|",
    ]
    for row in d.get("single", []):
        v, p = row["vanilla"], row["project"]
        lines.append(
            f"| {row['label']} | {v['turns_per_s']} | {v['p50_ms']} / {v['p95_ms']} | "
            f"{p['turns_per_s']} | {p['p50_ms']} / {p['p95_ms']} | "
            f"{ratio(p['turns_per_s'], v['turns_per_s'])} |"
        )
    long = single.get("4 Nutzer × 40 Züge", {})
    lp, lv = long.get("project", {}), long.get("vanilla", {})
    lines += [
        "",
        "Turn-Zeit im Verlauf eines Gesprächs (4 Nutzer × 40 Züge, Median): "
        f"Projekt Züge 1–10 {lp.get('median_turns_1_10_ms')} ms, Züge 31–40 "
        f"{lp.get('median_turns_31_40_ms')} ms "
        f"({ratio(lp.get('median_turns_31_40_ms'), lp.get('median_turns_1_10_ms'))}); "
        f"Vanilla {lv.get('median_turns_1_10_ms')} → {lv.get('median_turns_31_40_ms')} ms "
        f"({ratio(lv.get('median_turns_31_40_ms'), lv.get('median_turns_1_10_ms'))}).",
        "",
        "## Cluster (`make run-cluster`) neben Vanilla",
        "",
        "| Szenario | Vanilla Züge/s | Cluster Züge/s | Cluster p50 / p95 ms | "
        "Fehler | Durchsatz Cluster/Vanilla |",
        "|---|---|---|---|---|---|",
    ]
    for row in d.get("cluster", []):
        v, c = row["vanilla"], row["project"]
        lines.append(
            f"| {row['label']} | {v['turns_per_s']} | {c['turns_per_s']} | "
            f"{c['p50_ms']} / {c['p95_ms']} | {unanswered(c)} | "
            f"{ratio(c['turns_per_s'], v['turns_per_s'])} |"
        )
    c100 = d.get("cluster_100", {})
    if c100:
        lines.append(
            f"| 100 gleichzeitige Gespräche × 10 Züge | – | {c100['turns_per_s']} | "
            f"{c100['p50_ms']} / {c100['p95_ms']} | {unanswered(c100)} | – |"
        )
    b = d.get("bookings", {})
    codes = b.get("status_codes", {})
    train_p = d.get("train_project_s")
    lines += [
        "",
        "## Start, Speicher, Training",
        "",
        "| | Vanilla | Projekt |",
        "|---|---|---|",
        f"| Training | {d['train_vanilla_s']:.0f} s (`rasa init` inkl. Training) | "
        + (f"{train_p:.0f} s (`rasa train --force`)" if train_p else "nicht gemessen")
        + " |",
        f"| Start bis zur ersten Antwort | {d['start_vanilla_s']:.0f} s | "
        f"{d['start_project_s']:.0f} s (Cluster komplett: {d.get('start_cluster_s', 0):.0f} s) |",
        f"| RSS des Rasa-Prozesses nach der Last | {d['rss_vanilla_mb']:.0f} MB | "
        f"{(d.get('rss_project_mb') or 0):.0f} MB (Cluster: "
        + ", ".join(f"{x:.0f}" for x in d.get("rss_cluster_rasa_mb", []))
        + " MB) |",
        "",
        f"100 gleichzeitige Buchungen desselben gemeinsamen Termins über den Cluster: "
        f"Antworten {codes} (201 = gebucht, 409 = schon vergeben).",
        "",
        "## Ziele",
        "",
        "| Ziel | gemessen | Ergebnis |",
        "|---|---|---|",
    ]
    c20 = clus.get("20 Nutzer", {})
    s20 = single.get("20 Nutzer", {})
    s1 = single.get("1 Nutzer", {})

    def tp(row: dict, who: str) -> float | None:
        return row.get(who, {}).get("turns_per_s") if row else None

    r_c = (tp(c20, "project") or 0) / (tp(c20, "vanilla") or 1) if c20 else None
    r_s = (tp(s20, "project") or 0) / (tp(s20, "vanilla") or 1) if s20 else None
    p95_c = c20.get("project", {}).get("p95_ms") if c20 else None
    p95_1 = s1.get("project", {}).get("p95_ms") if s1 else None
    growth = (
        lp["median_turns_31_40_ms"] / lp["median_turns_1_10_ms"]
        if lp.get("median_turns_31_40_ms") and lp.get("median_turns_1_10_ms")
        else None
    )
    rss = [d.get("rss_project_mb") or 0, *d.get("rss_cluster_rasa_mb", [])]
    runs = [row["project"] for row in (*d.get("single", []), *d.get("cluster", []))]
    runs += [c100] if c100 else []
    missing = sum(unanswered(r) for r in runs)
    total = sum(r["turns"] + r["errors"] for r in runs)
    targets = [
        ("Cluster ≥ 1,5× Vanilla bei 20 Nutzern", f"{r_c:.2f}×" if r_c else "–",
         r_c >= 1.5 if r_c else None),
        ("Cluster p95 ≤ 600 ms bei 20 Nutzern", f"{p95_c} ms", p95_c <= 600 if p95_c else None),
        ("`make run` ≥ 1,0× Vanilla bei 20 Nutzern", f"{r_s:.2f}×" if r_s else "–",
         r_s >= 1.0 if r_s else None),
        ("1 Nutzer p95 ≤ 100 ms", f"{p95_1} ms", p95_1 <= 100 if p95_1 else None),
        ("Züge 31–40 ≤ 1,2× Züge 1–10 (Median)", f"{growth:.2f}×" if growth else "–",
         growth <= 1.2 if growth else None),
        ("100 gleichzeitige Gespräche ohne Fehler", f"{unanswered(c100)} Züge ohne Antwort",
         unanswered(c100) == 0 if c100 else None),
        ("Jeder Zug des Projekts bekam eine Antwort (alle Szenarien)",
         f"{missing} von {total} ohne Antwort", missing == 0),
        ("Start ≤ 30 s nach dem Training", f"{d['start_project_s']:.0f} s",
         d["start_project_s"] <= 30),
        ("Rasa-RSS ≤ 1,5 GB je Instanz", f"max. {max(rss):.0f} MB", max(rss) <= 1500),
        ("Training ≤ 3 min", f"{train_p:.0f} s" if train_p else "–",
         train_p <= 180 if train_p else None),
        ("100 Buchungen eines Termins: genau eine gelingt", f"{codes.get('201', 0)}× 201",
         codes.get("201") == 1 if codes else None),
    ]  # fmt: skip
    for name, measured, ok in targets:
        lines.append(f"| {name} | {measured} | {verdict(ok)} |")
    lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=1, help="Wiederholungen je Szenario")
    parser.add_argument("--skip-project-training", action="store_true")
    parser.add_argument("--keep", action="store_true", help="Arbeitsordner behalten")
    args = parser.parse_args()
    data = run(args)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.with_suffix(".json").write_text(json.dumps(data, indent=2, ensure_ascii=False))
    REPORT.write_text(write_report(data))
    print(REPORT.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())

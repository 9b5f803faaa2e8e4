"""Run Familienlotse as a small cluster behind nginx (`make run-cluster`).

The public ports are those of `make run` (5005 chat, 8000 API, 8080 demo page); each is
an nginx load balancer in front of several processes:

    :5005  nginx → N Rasa servers (shared PostgreSQL tracker store, Rasa's RedisLockStore)
    :8000  nginx → M API servers, each with several uvicorn workers, on PostgreSQL
    :8080  nginx → 2 demo-page servers
    (internal) nginx → K action servers; every Rasa server calls the action servers here

socket.io goes to one Rasa server per client address (`hash $binary_remote_addr`), so
the long-polling transport works; plain HTTP (REST channel, HTTP API) is spread evenly.
A conversation may move between Rasa servers from one message to the next: the tracker
is in PostgreSQL and the Redis lock keeps two servers from handling it at once.

Everything is configured by environment variables (see `Settings.from_env` and README).
The drill and the benchmark import `Cluster` to start it and to kill single instances.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / ".venv-bot" / "bin"
API = ROOT / ".venv-api" / "bin"
# The action server runs on current Python with the maintained rasa-sdk (SECURITY.md).
ACTIONS = ROOT / ".venv-actions" / "bin"
DEV_TOKEN = "entwicklung-nur-lokal"
sys.path.insert(0, str(ROOT))
from runtime.production_check import DEV_ACTIONS_TOKEN  # noqa: E402 (needs the root on the path)


def _int(env: dict[str, str], key: str, default: int) -> int:
    return int(env.get(key) or default)


@dataclass(frozen=True)
class Settings:
    """Ports, sizes and the shared stores of one cluster."""

    rasa_port: int = 5005
    api_port: int = 8000
    web_port: int = 8080
    internal_base: int = 15600
    rasa_instances: int = 2
    actions_instances: int = 2
    api_instances: int = 2
    api_workers: int = 2
    web_instances: int = 2
    pg_host: str = "127.0.0.1"
    pg_port: int = 5432
    pg_user: str = "postgres"
    pg_password: str = ""
    tracker_db: str = "fl_cluster_tracker"
    appointments_db: str = "fl_cluster_appointments"
    redis_host: str = "127.0.0.1"
    redis_port: int = 6379
    redis_db: int = 1
    redis_prefix: str = "flcluster"
    lock_lifetime: int = 15
    token: str = DEV_TOKEN
    model: str = str(ROOT / "models" / "current.tar.gz")
    work: Path = ROOT / "var" / "cluster"

    def __post_init__(self) -> None:
        for count in (
            self.rasa_instances,
            self.actions_instances,
            self.api_instances,
            self.web_instances,
        ):
            if not 1 <= count <= 10:
                raise ValueError("1 bis 10 Instanzen je Dienst")

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Read FL_RASA_PORT, FL_API_PORT, FL_WEB_PORT and the FL_CLUSTER_* variables."""
        e = dict(os.environ if env is None else env)
        d = cls()
        return cls(
            rasa_port=_int(e, "FL_RASA_PORT", d.rasa_port),
            api_port=_int(e, "FL_API_PORT", d.api_port),
            web_port=_int(e, "FL_WEB_PORT", d.web_port),
            internal_base=_int(e, "FL_CLUSTER_INTERNAL_PORT", d.internal_base),
            rasa_instances=_int(e, "FL_CLUSTER_RASA", d.rasa_instances),
            actions_instances=_int(e, "FL_CLUSTER_ACTIONS", d.actions_instances),
            api_instances=_int(e, "FL_CLUSTER_API", d.api_instances),
            api_workers=_int(e, "FL_CLUSTER_API_WORKERS", d.api_workers),
            web_instances=_int(e, "FL_CLUSTER_WEB", d.web_instances),
            pg_host=e.get("FL_CLUSTER_PG_HOST", d.pg_host),
            pg_port=_int(e, "FL_CLUSTER_PG_PORT", d.pg_port),
            pg_user=e.get("FL_CLUSTER_PG_USER", d.pg_user),
            pg_password=e.get("FL_CLUSTER_PG_PASSWORD", d.pg_password),
            tracker_db=e.get("FL_CLUSTER_TRACKER_DB", d.tracker_db),
            appointments_db=e.get("FL_CLUSTER_APPOINTMENTS_DB", d.appointments_db),
            redis_host=e.get("FL_CLUSTER_REDIS_HOST", d.redis_host),
            redis_port=_int(e, "FL_CLUSTER_REDIS_PORT", d.redis_port),
            redis_db=_int(e, "FL_CLUSTER_REDIS_DB", d.redis_db),
            redis_prefix=e.get("FL_CLUSTER_REDIS_PREFIX", d.redis_prefix),
            lock_lifetime=_int(e, "TICKET_LOCK_LIFETIME", d.lock_lifetime),
            token=e.get("RASA_TOKEN", d.token),
            model=e.get("FL_MODEL", d.model),
            work=Path(e.get("FL_CLUSTER_WORK", str(d.work))),
        )

    # Internal ports (at most 10 instances of a kind): Rasa base+0…, actions base+10…,
    # API base+20…, web base+30…, the internal action-server balancer base+40.
    def rasa_ports(self) -> list[int]:
        return [self.internal_base + i for i in range(self.rasa_instances)]

    def actions_ports(self) -> list[int]:
        return [self.internal_base + 10 + i for i in range(self.actions_instances)]

    def api_ports(self) -> list[int]:
        return [self.internal_base + 20 + i for i in range(self.api_instances)]

    def web_ports(self) -> list[int]:
        return [self.internal_base + 30 + i for i in range(self.web_instances)]

    @property
    def actions_lb_port(self) -> int:
        return self.internal_base + 40

    def redis_url(self) -> str:
        return f"redis://{self.redis_host}:{self.redis_port}/{self.redis_db}"

    def pg_url(self, database: str, driver: str = "postgresql+psycopg") -> str:
        auth = self.pg_user + (f":{self.pg_password}" if self.pg_password else "")
        return f"{driver}://{auth}@{self.pg_host}:{self.pg_port}/{database}"


def nginx_config(s: Settings) -> str:
    """The load balancer: one server block per public port, one for the action servers."""

    def upstream(name: str, ports: list[int], extra: str = "") -> str:
        servers = "".join(
            f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;\n" for p in ports
        )
        return f"  upstream {name} {{\n{extra}{servers}    keepalive 32;\n  }}\n"

    work = s.work.resolve()
    plain = (
        "      proxy_http_version 1.1;\n"
        '      proxy_set_header Connection "";\n'
        "      proxy_set_header Host $host;\n"
        "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
        "      proxy_connect_timeout 2s;\n"
        "      proxy_read_timeout 300s;\n"
    )
    # A dead instance refuses the connection; nginx then tries the next one. A request
    # already sent (POST) is not repeated: the client sends it again if it wants to.
    retry = "      proxy_next_upstream error timeout http_502 http_503;\n"

    def v6(port: int) -> str:
        # Browsers resolve "localhost" to ::1 first where the machine has IPv6.
        return f"    listen [::1]:{port};\n" if Path("/proc/net/if_inet6").exists() else ""

    least = "    least_conn;\n"
    upstreams = "".join([
        upstream("rasa", s.rasa_ports(), least),
        upstream("rasa_sticky", s.rasa_ports(), "    hash $binary_remote_addr consistent;\n"),
        upstream("actions", s.actions_ports(), least),
        upstream("api", s.api_ports(), least),
        upstream("web", s.web_ports()),
    ])  # fmt: skip
    return f"""# Generated by scripts/cluster.py – edit the script, not this file.
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
daemon off;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {work}/nginx-body;
  proxy_temp_path {work}/nginx-proxy;
  fastcgi_temp_path {work}/nginx-fastcgi;
  uwsgi_temp_path {work}/nginx-uwsgi;
  scgi_temp_path {work}/nginx-scgi;
  # Rasa sends the whole tracker to the action server: keep such bodies in memory.
  client_body_buffer_size 1m;
  client_max_body_size 20m;
  map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
{upstreams}  server {{
    listen 127.0.0.1:{s.rasa_port};
{v6(s.rasa_port)}    # socket.io: the same client address always reaches the same Rasa server
    # (polling needs that); WebSocket upgrades pass through.
    location /socket.io/ {{
      proxy_pass http://rasa_sticky;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_next_upstream error timeout;
      proxy_read_timeout 3600s;
    }}
    location / {{
      proxy_pass http://rasa;
{plain}{retry}    }}
  }}
  server {{
    listen 127.0.0.1:{s.actions_lb_port};
    location / {{
      proxy_pass http://actions;
{plain}      # An action call cut off by a crashed action server is sent to the next one: the
      # answers only read, a booking carries an Idempotency-Key, and a repeated hold of a
      # slot is refused (409) so the family is offered other times.
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
    }}
  }}
  server {{
    listen 127.0.0.1:{s.api_port};
{v6(s.api_port)}    location / {{
      proxy_pass http://api;
{plain}{retry}    }}
  }}
  server {{
    listen 127.0.0.1:{s.web_port};
{v6(s.web_port)}    location / {{
      proxy_pass http://web;
{plain}{retry}    }}
  }}
}}
"""


@dataclass
class Instance:
    """One process of the cluster."""

    name: str
    command: list[str]
    health_url: str
    env: dict[str, str]
    process: subprocess.Popen[str] | None = None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


def healthy(url: str, timeout: float = 2) -> bool:
    """True if `url` answers with a status below 400."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status < 400
    except (urllib.error.URLError, OSError):
        return False


def ensure_databases(s: Settings) -> None:
    """Create the cluster's databases if they do not exist yet (PostgreSQL)."""
    import psycopg

    with psycopg.connect(
        host=s.pg_host, port=s.pg_port, user=s.pg_user, password=s.pg_password or None,
        dbname="postgres", autocommit=True,
    ) as connection:  # fmt: skip
        for name in (s.tracker_db, s.appointments_db):
            found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            if found.fetchone() is None:
                connection.execute(f'CREATE DATABASE "{name}"')
                print(f"[cluster ] Datenbank angelegt: {name}", flush=True)


@dataclass
class Cluster:
    """Start, watch and stop all processes of the cluster."""

    settings: Settings
    quiet: bool = False
    instances: dict[str, Instance] = field(default_factory=dict)
    logs: dict[str, Path] = field(default_factory=dict)

    def base_env(self) -> dict[str, str]:
        s = self.settings
        env = dict(os.environ)
        env.update(
            RASA_TELEMETRY_ENABLED="false",
            PYTHONUNBUFFERED="1",
            PYTHONWARNINGS="ignore",
            SANIC_HOST="127.0.0.1",
            RASA_TOKEN=s.token,
            APPOINTMENTS_DATABASE_URL=s.pg_url(s.appointments_db),
            FL_APPOINTMENTS_URL=f"http://127.0.0.1:{s.api_port}",
            FL_ACTIONS_URL=f"http://127.0.0.1:{s.actions_lb_port}/webhook",
            FL_TRACKER_HOST=s.pg_host,
            FL_TRACKER_PORT=str(s.pg_port),
            FL_TRACKER_USER=s.pg_user,
            FL_TRACKER_PASSWORD=s.pg_password,
            FL_TRACKER_DB=s.tracker_db,
            FL_REDIS_HOST=s.redis_host,
            FL_REDIS_PORT=str(s.redis_port),
            FL_REDIS_DB=str(s.redis_db),
            FL_REDIS_PREFIX=s.redis_prefix,
            TICKET_LOCK_LIFETIME=str(s.lock_lifetime),
            # Development values of the secrets between the services (the cluster runs in
            # development mode; production brings its own, see deploy/production.env.example).
            FL_ACTIONS_TOKEN=env.get("FL_ACTIONS_TOKEN", DEV_ACTIONS_TOKEN),
            FL_ACTIONS_HOST="127.0.0.1",
            APPOINTMENTS_SERVICE_TOKEN=env.get(
                "APPOINTMENTS_SERVICE_TOKEN", "entwicklung-dienst-nur-lokal"
            ),
            FL_WIDGET_ORIGINS=env.get(
                "FL_WIDGET_ORIGINS", f"http://localhost:{s.web_port},http://127.0.0.1:{s.web_port}"
            ),
            # Rate-limit counters shared by all instances (chat and API), not per process.
            FL_CHAT_RATE_REDIS_URL=env.get("FL_CHAT_RATE_REDIS_URL", s.redis_url()),
            APPOINTMENTS_RATE_LIMIT_STORAGE=env.get(
                "APPOINTMENTS_RATE_LIMIT_STORAGE", s.redis_url()
            ),
            # Every API instance wakes the one worker through Redis (Huey's RedisHuey).
            APPOINTMENTS_QUEUE_URL=env.get("APPOINTMENTS_QUEUE_URL", s.redis_url()),
        )
        # Each Rasa server is one Sanic worker; more servers, not more workers per server.
        env["SANIC_WORKERS"] = "1"
        return env

    def plan(self) -> list[Instance]:
        """Every process in start order (API first: the action servers call it)."""
        s, env = self.settings, self.base_env()
        origins = [f"http://localhost:{s.web_port}", f"http://127.0.0.1:{s.web_port}"]
        plan: list[Instance] = []
        for i, port in enumerate(s.api_ports(), start=1):
            plan.append(Instance(
                f"api{i}",
                [str(API / "uvicorn"), "appointments.main:app", "--host", "127.0.0.1",
                 "--port", str(port), "--workers", str(s.api_workers), "--no-access-log"],
                f"http://127.0.0.1:{port}/healthz", env,
            ))  # fmt: skip
        # One worker: claims in the outbox would allow more, one is plenty for the mail.
        plan.append(Instance(
            "worker", [str(API / "python"), "-m", "appointments.worker"], "", env,
        ))  # fmt: skip
        for i, port in enumerate(s.actions_ports(), start=1):
            plan.append(Instance(
                f"actions{i}",
                [str(ACTIONS / "python"), "-m", "actions.server", "--port", str(port)],
                f"http://127.0.0.1:{port}/health", env,
            ))  # fmt: skip
        for i, port in enumerate(s.rasa_ports(), start=1):
            plan.append(self.rasa_instance(i, port, origins, env))
        for i, port in enumerate(s.web_ports(), start=1):
            plan.append(Instance(
                f"web{i}",
                [str(API / "python"), "connectors/demo_server.py", "--port", str(port),
                 "--rasa-url", f"http://localhost:{s.rasa_port}"],
                f"http://127.0.0.1:{port}/", env,
            ))  # fmt: skip
        return plan

    def rasa_instance(self, i: int, port: int, origins: list[str], env: dict[str, str]) -> Instance:
        s = self.settings
        return Instance(
            f"rasa{i}",
            [str(BOT / "python"), "-m", "bot.serve", "run", "--model", s.model, "--enable-api",
             "--auth-token", s.token, "--endpoints", "deploy/cluster/endpoints.yml",
             "--credentials", "bot/credentials.yml", "--interface", "127.0.0.1",
             "--port", str(port), "--cors", *origins],
            f"http://127.0.0.1:{port}/status?token={s.token}", env,
        )  # fmt: skip

    def _pump(self, name: str, stream: object) -> None:
        log = self.logs[name].open("a")
        label = f"[{name:<8}] "
        for line in iter(stream.readline, ""):  # type: ignore[attr-defined]
            log.write(line)
            log.flush()
            if not self.quiet:
                sys.stdout.write(label + line)
                sys.stdout.flush()

    def start_instance(self, instance: Instance) -> None:
        self.logs[instance.name] = self.settings.work / f"{instance.name}.log"
        instance.process = subprocess.Popen(
            instance.command, cwd=ROOT, env=instance.env, text=True, start_new_session=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.instances[instance.name] = instance
        threading.Thread(
            target=self._pump, args=(instance.name, instance.process.stdout), daemon=True
        ).start()

    def prepare(self) -> None:
        """Databases, schema and demo data, the nginx configuration."""
        s = self.settings
        s.work.mkdir(parents=True, exist_ok=True)
        ensure_databases(s)
        env = self.base_env()
        for command in ("migrate", "seed"):
            subprocess.run(
                [str(API / "python"), "-m", "appointments.cli", command],
                cwd=ROOT, env=env, check=True, capture_output=self.quiet,
            )  # fmt: skip
        (s.work / "nginx.conf").write_text(nginx_config(s))

    def nginx_binary(self) -> str:
        found = shutil.which("nginx") or (
            "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
        )
        if not found:
            raise SystemExit(
                "nginx fehlt: bitte deploy/cluster/setup.sh ausführen (make run-cluster tut das)."
            )
        return found

    def start(self, timeout: float = 600) -> None:
        """Start everything and wait until every instance and balancer answers."""
        s = self.settings
        self.prepare()
        conf = str((s.work / "nginx.conf").resolve())
        subprocess.run([self.nginx_binary(), "-t", "-q", "-c", conf], check=True)
        for instance in self.plan():
            self.start_instance(instance)
        self.start_instance(
            Instance("nginx", [self.nginx_binary(), "-c", conf], "", self.base_env())
        )
        deadline = time.monotonic() + timeout
        pending = [i for i in self.instances.values() if i.health_url]
        while pending:
            for instance in list(pending):
                if not instance.alive():
                    raise RuntimeError(
                        f"{instance.name} ist beendet, siehe {self.logs[instance.name]}"
                    )
                if healthy(instance.health_url):
                    self.say(f"bereit: {instance.name} ({instance.health_url.split('?')[0]})")
                    pending.remove(instance)
            if not self.instances["nginx"].alive():
                raise RuntimeError(f"nginx ist beendet, siehe {s.work / 'nginx-error.log'}")
            if time.monotonic() > deadline:
                raise RuntimeError("nicht bereit: " + ", ".join(i.name for i in pending))
            time.sleep(1)
        for url in self.public_urls().values():
            while not healthy(url):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Load-Balancer antwortet nicht: {url}")
                time.sleep(0.5)

    def public_urls(self) -> dict[str, str]:
        s = self.settings
        return {
            "chat": f"http://127.0.0.1:{s.rasa_port}/status?token={s.token}",
            "api": f"http://127.0.0.1:{s.api_port}/healthz",
            "web": f"http://127.0.0.1:{s.web_port}/",
        }

    def say(self, text: str) -> None:
        print(f"[cluster ] {text}", flush=True)

    def kill(self, name: str) -> int:
        """Kill one instance hard (SIGKILL to its process group), as a crash would."""
        instance = self.instances[name]
        assert instance.process is not None
        os.killpg(instance.process.pid, signal.SIGKILL)
        instance.process.wait(timeout=10)
        return instance.process.pid

    def stop(self) -> None:
        """Stop every process this cluster started."""
        running = [i for i in self.instances.values() if i.alive()]
        for instance in running:
            assert instance.process is not None
            with contextlib.suppress(ProcessLookupError):
                os.killpg(instance.process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for instance in running:
            assert instance.process is not None
            try:
                instance.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(instance.process.pid, signal.SIGKILL)

    def rss_mb(self, name: str) -> float:
        """Resident memory of one instance (its whole process group), in MB."""
        pid = self.instances[name].pid
        return group_rss_mb(pid) if pid else 0.0


def group_rss_mb(pgid: int) -> float:
    """Resident memory of all processes in process group `pgid`, in MB (Linux /proc)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid:
                total += int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--print-nginx", action="store_true", help="nur die nginx-Konfiguration ausgeben"
    )
    args = parser.parse_args()
    settings = Settings.from_env()
    if args.print_nginx:
        print(nginx_config(settings))
        return 0
    cluster = Cluster(settings)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        cluster.start()
        s = settings
        cluster.say(
            f"{s.rasa_instances}× Rasa, {s.actions_instances}× Actions, "
            f"{s.api_instances}× API (je {s.api_workers} Worker), {s.web_instances}× Demo-Seite"
        )
        url = f"http://localhost:{s.web_port}"
        print(f"\nFamilienlotse (Cluster) läuft: {url}  (Beenden mit Strg+C)\n")
        print("ALLE DIENSTE BEREIT", flush=True)
        while all(i.alive() for i in cluster.instances.values()):
            time.sleep(0.5)
        stopped = [n for n, i in cluster.instances.items() if not i.alive()]
        cluster.say("beendet: " + ", ".join(stopped) + " – alle anderen werden gestoppt.")
        return 1
    except KeyboardInterrupt:
        print("\nStoppe den Cluster …")
        return 0
    except RuntimeError as error:
        cluster.say(f"Fehler: {error}")
        return 1
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())

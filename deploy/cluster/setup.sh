#!/usr/bin/env bash
# Prepare this machine for the cluster profile (`make run-cluster`): nginx as the load
# balancer, a running PostgreSQL and Redis. Installs or starts only what is missing, so it
# is safe to run every time. Databases are created by scripts/cluster.py.
set -euo pipefail

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

if ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
  echo "nginx fehlt – installiere es aus den Debian-Paketen …"
  # Debian starts an installed daemon right away; our nginx runs with its own
  # configuration instead, so keep the system service from starting (policy-rc.d).
  policy=/usr/sbin/policy-rc.d
  added=
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod +x "$policy"
    added=1
  fi
  trap '[[ -n $added ]] && as_root rm -f "$policy"' EXIT
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx
fi

pg_host=${FL_CLUSTER_PG_HOST:-127.0.0.1}
pg_port=${FL_CLUSTER_PG_PORT:-5432}
if ! pg_isready -q -h "$pg_host" -p "$pg_port"; then
  if command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]]; then
    echo "PostgreSQL läuft nicht – starte es …"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
    for _ in $(seq 30); do pg_isready -q -h "$pg_host" -p "$pg_port" && break; sleep 1; done
  fi
  pg_isready -h "$pg_host" -p "$pg_port" || {
    echo "PostgreSQL ist nicht erreichbar ($pg_host:$pg_port). Bitte installieren oder FL_CLUSTER_PG_HOST/FL_CLUSTER_PG_PORT setzen." >&2
    exit 1
  }
fi

redis_host=${FL_CLUSTER_REDIS_HOST:-127.0.0.1}
redis_port=${FL_CLUSTER_REDIS_PORT:-6379}
redis_up() { redis-cli -h "$redis_host" -p "$redis_port" ping 2>/dev/null | grep -q PONG; }
if ! redis_up; then
  if command -v redis-server >/dev/null; then
    echo "Redis läuft nicht – starte es …"
    redis-server --port "$redis_port" --bind "$redis_host" --daemonize yes --save '' >/dev/null
    for _ in $(seq 20); do redis_up && break; sleep 0.5; done
  fi
  redis_up || {
    echo "Redis ist nicht erreichbar ($redis_host:$redis_port). Bitte installieren (redis-server) oder FL_CLUSTER_REDIS_HOST/FL_CLUSTER_REDIS_PORT setzen." >&2
    exit 1
  }
fi
echo "Cluster-Voraussetzungen bereit: nginx, PostgreSQL $pg_host:$pg_port, Redis $redis_host:$redis_port"

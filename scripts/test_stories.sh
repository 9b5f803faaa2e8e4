#!/usr/bin/env bash
# Run the Rasa test stories against a real action server and appointments API, each on
# test ports with a throw-away database, so a running `make run` is not disturbed.
set -euo pipefail
cd "$(dirname "$0")/.."
# Rasa 3.6 and its pinned libraries print pages of deprecation warnings on every start.
export PYTHONWARNINGS=ignore
work=$(mktemp -d)
services=
trap 'if [[ -n $services ]]; then kill $services 2>/dev/null; wait $services 2>/dev/null; fi; rm -rf "$work"' EXIT
# Never talk to services a developer may have configured in this shell.
unset FL_APPOINTMENTS_URL FL_RASA_URL FL_MODEL
off=${FL_TEST_PORT_OFFSET:-0}
export FL_API_PORT=$((18100 + off)) FL_ACTIONS_PORT=$((15155 + off))
export APPOINTMENTS_DATABASE_URL="sqlite:///$work/appointments.db" APPOINTMENTS_MAIL_DIR="$work/mail"
export FL_TRACKER_DIALECT=sqlite FL_TRACKER_DB="$work/tracker.db"
# FL_RECORD_URL: a recording proxy in front of the action server (tests/contract/recordings).
export FL_ACTIONS_URL="${FL_RECORD_URL:-http://127.0.0.1:$FL_ACTIONS_PORT/webhook}"
# The secret Rasa sends to the action server (development value, runtime/production_check.py).
export FL_ACTIONS_TOKEN=${FL_ACTIONS_TOKEN:-entwicklung-nur-lokal-actions-token}
.venv-api/bin/python -m appointments.cli migrate >/dev/null
.venv-api/bin/python -m appointments.cli seed >/dev/null
.venv-api/bin/python scripts/services.py --only api,actions > "$work/services.log" 2>&1 &
services=$!
for _ in $(seq 120); do
  grep -q "ALLE DIENSTE BEREIT" "$work/services.log" && break
  if ! kill -0 $services 2>/dev/null; then cat "$work/services.log"; exit 1; fi
  sleep 1
done
grep -q "ALLE DIENSTE BEREIT" "$work/services.log" || { cat "$work/services.log"; exit 1; }
mkdir -p var/results
RASA_TELEMETRY_ENABLED=false .venv-bot/bin/python -m bot.hot_paths test core --model models/current.tar.gz \
  --stories tests/conversations --endpoints bot/endpoints.yml \
  --fail-on-prediction-errors --out var/results/stories
echo "Teststories bestanden."

#!/usr/bin/env bash
# `rasa data validate --fail-on-warnings`; the warnings the project accepts are listed with
# their reason in bot/accepted_warnings.yml (scripts/validate.py), every other one fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export FL_ACTIONS_URL=${FL_ACTIONS_URL:-http://127.0.0.1:5055/webhook}
export FL_ACTIONS_TOKEN=${FL_ACTIONS_TOKEN:-entwicklung-nur-lokal-actions-token}
export FL_TRACKER_DIALECT=${FL_TRACKER_DIALECT:-sqlite} FL_TRACKER_DB=${FL_TRACKER_DB:-var/tracker.db}
exec .venv-bot/bin/python scripts/validate.py "$@"

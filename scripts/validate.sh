#!/usr/bin/env bash
# `rasa data validate`, failing on errors. Rasa 3.6 reports two kinds of false warnings,
# which are hidden here and only here (README, "Bekannte Warnungen"):
# - responses said by custom actions or by forms (utter_ask_*) "not used in any story";
# - intents that only answer a form question "not used in any story or rule".
# Every other warning is printed.
set -uo pipefail
cd "$(dirname "$0")/.."
# Rasa 3.6 and its pinned libraries print pages of deprecation warnings on every start.
export PYTHONWARNINGS=ignore
export FL_ACTIONS_URL=${FL_ACTIONS_URL:-http://127.0.0.1:5055/webhook}
export FL_ACTIONS_TOKEN=${FL_ACTIONS_TOKEN:-entwicklung-nur-lokal-actions-token}
export FL_TRACKER_DIALECT=${FL_TRACKER_DIALECT:-sqlite} FL_TRACKER_DB=${FL_TRACKER_DB:-var/tracker.db}
form_answer_intents="choose_slot|inform_child_age|inform_contact|inform_situation"
action_responses=$(grep -rhoE "utter_[a-z0-9_]+" actions | sort -u | paste -sd'|')
out=$(RASA_TELEMETRY_ENABLED=false .venv-bot/bin/rasa data validate --config bot/config.yml \
  --domain bot/domain --data data/nlu data/rules data/stories 2>&1)
code=$?
echo "$out" | grep -E "UserWarning|ERROR" \
  | grep -v -E "utterance '(utter_ask_[a-z0-9_]+|${action_responses})' is not used" \
  | grep -v -E "intent '(${form_answer_intents})' is not used in any story or rule" \
  | grep -v -E "declare_namespace|pkg_resources|DeprecationWarning" || true
if [[ $code -ne 0 ]]; then
  echo "$out" | tail -40
  echo "rasa data validate: Fehler gefunden (Code $code)."
  exit $code
fi
echo "rasa data validate: keine Fehler."

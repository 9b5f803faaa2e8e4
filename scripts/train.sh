#!/usr/bin/env bash
# Train the Rasa model only when its inputs changed. The model is named by a hash of
# everything that goes into it and kept in models/ and in a cache outside the clone
# ($FL_MODEL_CACHE), so CI and fresh clones on the same machine train once.
set -euo pipefail
cd "$(dirname "$0")/.."
# Rasa 3.6 and its pinned libraries print pages of deprecation warnings on every start.
export PYTHONWARNINGS=ignore
inputs=$(find bot/config.yml bot/domain bot/components data/nlu data/rules data/stories \
  requirements/bot.lock -type f \( -name '*.yml' -o -name '*.py' -o -name '*.lock' \) | sort)
hash=$(cat $inputs | sha256sum | cut -c1-16)
name="familienlotse-$hash"
cache="${FL_MODEL_CACHE:-$HOME/.cache/familienlotse/models}"
mkdir -p models "$cache"
if [[ -f "models/$name.tar.gz" ]]; then
  echo "Modell ist aktuell: models/$name.tar.gz"
elif [[ -f "$cache/$name.tar.gz" ]]; then
  cp "$cache/$name.tar.gz" "models/$name.tar.gz"
  echo "Modell aus dem Cache: models/$name.tar.gz"
else
  echo "Trainiere models/$name.tar.gz …"
  start=$(date +%s)
  RASA_TELEMETRY_ENABLED=false .venv-bot/bin/rasa train \
    --config bot/config.yml --domain bot/domain --data data/nlu data/rules data/stories \
    --out models --fixed-model-name "$name"
  echo "Training dauerte $(( $(date +%s) - start )) s"
  # Copy under a temporary name first: another run may read the cache at the same time.
  cp "models/$name.tar.gz" "$cache/.$name.$$.tmp" && mv "$cache/.$name.$$.tmp" "$cache/$name.tar.gz"
fi
ln -sf "$name.tar.gz" models/current.tar.gz

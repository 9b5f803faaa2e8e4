# Familienlotse – the one entry point. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

BOT := .venv-bot/bin
API := .venv-api/bin
ACTIONS := .venv-actions/bin
export RASA_TELEMETRY_ENABLED := false
export PYTHONDONTWRITEBYTECODE := 1
# Quiet TensorFlow's start-up chatter; warnings and errors still show.
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: help setup run train db lint format test test-api test-bot test-widget test-nlu nlu-benchmark \
        validate test-stories test-e2e lock purge-conversations clean content translations
.PHONY: cluster-setup run-cluster fault-drill test-fault-drill benchmark

help: ## Diese Hilfe
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# --- set-up: idempotent, keyed on the lock files -------------------------------------
.venv-bot/.installed: requirements/bot.lock
	@[[ -x $(BOT)/python ]] || { py=$$(scripts/find_python310.sh) && $$py -m venv .venv-bot; }
	$(BOT)/python -m pip install -q --disable-pip-version-check "pip<25"
	$(BOT)/python -m pip install -q --disable-pip-version-check -r requirements/bot.lock
	touch $@

.venv-api/.installed: requirements/api.lock
	@[[ -x $(API)/python ]] || python3 -m venv .venv-api
	$(API)/python -m pip install -q --disable-pip-version-check -r requirements/api.lock
	touch $@

# The action server: current Python (3.11+) and the maintained rasa-sdk; it speaks to Rasa
# over HTTP only, so it needs nothing from the Rasa environment (SECURITY.md).
.venv-actions/.installed: requirements/actions.lock
	@[[ -x $(ACTIONS)/python ]] || python3 -m venv .venv-actions
	$(ACTIONS)/python -m pip install -q --disable-pip-version-check -r requirements/actions.lock
	touch $@

connectors/widget/node_modules/.installed: connectors/widget/package-lock.json
	cd connectors/widget && npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: .venv-bot/.installed .venv-api/.installed .venv-actions/.installed connectors/widget/node_modules/.installed ## Die drei Python-Umgebungen und das Widget installieren

lock: ## Exakte Versionen neu festlegen (requirements/*.lock) aus pyproject.toml
	scripts/lock.sh bot
	scripts/lock.sh api
	scripts/lock.sh actions

# --- run -------------------------------------------------------------------------------
db: .venv-api/.installed ## SQLite-Datenbank anlegen/migrieren und Demo-Verfügbarkeit einspielen
	@mkdir -p var
	$(API)/python -m appointments.cli migrate
	$(API)/python -m appointments.cli seed

content: .venv-actions/.installed ## Ortsangaben aus data/content/municipality.yml in die Domain übernehmen
	$(ACTIONS)/python scripts/render_municipality.py

# --- languages: German is the source, translations are data (data/i18n/, README) ------
translations: .venv-bot/.installed .venv-api/.installed ## Fehlende/veraltete Übersetzungen zeigen (Chat, Widget, Mails)
	$(BOT)/python scripts/translations.py
	$(API)/python scripts/family_catalogues.py
	cd connectors/widget && node --test test/translations.test.mjs

train: .venv-bot/.installed ## Rasa-Modell trainieren (nur wenn sich Daten/Konfiguration geändert haben)
	@mkdir -p var; set -o pipefail; scripts/train.sh | tee var/train.log

run: setup train db ## Alles starten: API :8000, Actions :5055, Rasa :5005, Demo-Seite :8080
	$(API)/python scripts/services.py

# --- cluster profile: nginx in front of several instances (scripts/cluster.py) ---------
cluster-setup: ## nginx installieren, PostgreSQL und Redis starten (nur was fehlt)
	deploy/cluster/setup.sh

run-cluster: setup train cluster-setup ## Wie run, aber je Port nginx vor mehreren Instanzen (PostgreSQL, Redis)
	$(API)/python scripts/cluster.py

fault-drill: setup train cluster-setup ## Unter Last je eine Rasa- und Action-Instanz abschießen und prüfen
	$(API)/python scripts/fault_drill.py

test-fault-drill: setup train cluster-setup ## Kurze Form des Fault-Drills (Teil von make test)
	$(API)/python scripts/fault_drill.py --short

benchmark: setup train cluster-setup ## Projekt neben Vanilla-Rasa messen: var/reports/benchmark.md
	$(API)/python scripts/benchmark.py

# --- checks ----------------------------------------------------------------------------
lint: .venv-api/.installed ## ruff, Schichtenregeln (import-linter) und Typen (mypy)
	$(API)/ruff check .
	$(API)/ruff format --check .
	$(API)/lint-imports --no-logo --cache-dir var/.import_linter_cache
	$(API)/mypy

format: .venv-api/.installed ## Code formatieren
	$(API)/ruff check --fix .
	$(API)/ruff format .

test-api: .venv-api/.installed ## API-Tests gegen SQLite und PostgreSQL (TEST_DATABASE_URL)
	$(API)/python -m pytest -q -p no:cacheprovider appointments/tests

# Actions and their recorded-request contract run on the action server's own environment;
# the Rasa side (components, tracker store, limits) on the Rasa environment. The support
# status (SECURITY.md) and the image checks need only PyYAML and run with the actions.
ACTIONS_TESTS := tests/actions tests/contract tests/safety/test_actions_server.py tests/support_status

test-bot: setup ## Komponenten, Actions (gegen die echte API), Vertrag mit Rasa, Gesprächsspeicher, Betriebsmodus und Grenzen
	$(ACTIONS)/python -m pytest -q -p no:cacheprovider -o asyncio_mode=auto $(ACTIONS_TESTS)
	$(BOT)/python -m pytest -q -p no:cacheprovider -o asyncio_mode=auto tests/components tests/connectors tests/privacy tests/safety tests/performance tests/i18n \
	  --ignore=tests/safety/test_actions_server.py

test-widget: connectors/widget/node_modules/.installed ## Widget-Unit-Tests (node:test)
	cd connectors/widget && npm test --silent

validate: .venv-bot/.installed ## rasa data validate
	scripts/validate.sh

# The data checks run before training: a missing test sentence is reported in seconds.
test-nlu: .venv-bot/.installed ## NLU-Daten prüfen, Entwicklungs- und eingefrorenen Testsatz bewerten: var/reports/nlu.md
	$(BOT)/python -m pytest -q -p no:cacheprovider tests/nlu
	@$(MAKE) --no-print-directory train
	$(BOT)/python scripts/nlu_report.py

.PHONY: nlu-try nlu-accept nlu-cv
nlu-try: train ## Einen Satz ausprobieren: make nlu-try TEXT="Wann hat das Familienbüro geöffnet?"
	@PYTHONWARNINGS=ignore $(BOT)/python scripts/nlu_try.py "$(TEXT)"

nlu-accept: ## Den letzten NLU-Bericht als Grundlage annehmen (tests/nlu/baseline.json, danach committen)
	$(BOT)/python scripts/nlu_report.py --accept

nlu-cv: train ## Langsam: 3-fache Kreuzvalidierung der Trainingsdaten (Rauschen der Intents), var/results/nlu-cv/
	RASA_TELEMETRY_ENABLED=false PYTHONWARNINGS=ignore $(BOT)/rasa test nlu --cross-validation --folds 3 \
	  --config bot/config.yml --nlu data/nlu --domain bot/domain --out var/results/nlu-cv
	@echo "Ergebnis: var/results/nlu-cv/intent_report.json (Mittelwert und Streuung je Fold in der Ausgabe oben)"

nlu-benchmark: train ## Trainingszeit und /model/parse-Latenz an var/reports/nlu.md anhängen
	$(BOT)/python scripts/nlu_benchmark.py --append

test-stories: setup train ## Rasa-Teststories (mit API und Action-Server)
	scripts/test_stories.sh

test-e2e: setup train ## Ende-zu-Ende: Dienste, REST, socket.io, Browser (chromium, axe)
	$(API)/python -m pytest -q -p no:cacheprovider tests/e2e

test: lint test-api test-bot test-widget validate test-nlu test-stories test-e2e test-fault-drill ## Alle Tests (wie CI)
	@echo "Alle Prüfungen bestanden."

purge-conversations: .venv-bot/.installed ## Gespräche löschen, die länger als FL_CONVERSATION_RETENTION_HOURS (24) ruhen
	FL_ACTIONS_URL=$${FL_ACTIONS_URL:-http://127.0.0.1:5055/webhook} \
	FL_ACTIONS_TOKEN=$${FL_ACTIONS_TOKEN:-entwicklung-nur-lokal-actions-token} \
	FL_TRACKER_DIALECT=$${FL_TRACKER_DIALECT:-sqlite} FL_TRACKER_DB=$${FL_TRACKER_DB:-var/tracker.db} \
	PYTHONWARNINGS=ignore $(BOT)/python -m bot.privacy.purge

# --- review inbox (appointments/review): maintainers learn from unsure conversations --------
.PHONY: nlu-inbox-export purge-review quality-report
nlu-inbox-export: .venv-api/.installed .venv-bot/.installed ## Annotierte Einträge des Prüfeingangs nach data/nlu/inbox/<Sprache>.yml, dann rasa data validate
	$(API)/python -m appointments.review.export

quality-report: .venv-api/.installed ## Qualität je Woche, Verwechslungen, NLU-Grenze je Modell: var/reports/quality.md
	$(API)/python -m appointments.review.quality

purge-review: .venv-api/.installed ## Einträge des Prüfeingangs nach APPOINTMENTS_REVIEW_RETENTION_DAYS (30) löschen
	$(API)/python -m appointments.cli purge-review

clean: ## Laufzeitdaten und Modelle löschen (nicht die Umgebungen)
	rm -rf var models results

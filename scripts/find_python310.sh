#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 needs 3.8–3.10).
# Order: $PYTHON310, python3.10 on PATH, pyenv's 3.10.x, then common locations.
set -euo pipefail
is310() { [[ -x "$1" ]] && "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; }
candidates=()
[[ -n "${PYTHON310:-}" ]] && candidates+=("$PYTHON310")
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
if command -v pyenv >/dev/null 2>&1; then
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10\.[0-9]+$' | sort -t. -k3 -n -r); do
    candidates+=("$(pyenv root)/versions/$v/bin/python")
  done
fi
candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10 "$HOME"/.pyenv/versions/3.10.*/bin/python)
for c in "${candidates[@]}"; do
  if is310 "$c"; then echo "$c"; exit 0; fi
done
echo "Kein Python 3.10 gefunden (Rasa 3.6 braucht 3.10). Setzen Sie PYTHON310=/pfad/zu/python3.10." >&2
exit 1

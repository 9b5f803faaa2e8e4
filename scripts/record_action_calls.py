"""Record what Rasa sends to the action server, for the contract tests in tests/contract.

Two steps (tests/contract/README.md):

  proxy   Listen between Rasa and the action server, forward every call unchanged and
          append request and answer to a JSON-lines file (development only: the calls
          carry the conversation, so this never runs in production).
  select  Pick a few calls per custom action from such files, replace the contact data in
          them by obviously fake values and write them to tests/contract/recordings/.
  refresh After a change of the actions' own behaviour: answer every recorded request again
          with today's actions on the runtime the recordings came from (rasa-sdk 3.6.2 in the
          bot environment) and store that answer. The requests stay as Rasa 3.6 sent them.

Standard library only, so it runs in any of the project's environments.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import threading
import urllib.error
import urllib.request
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from runtime.production_check import is_production  # noqa: E402 (the root is put on the path first)

RECORDINGS = ROOT / "tests" / "contract" / "recordings"
# Slots whose values are contact data; everything equal to them is replaced.
CONTACT_SLOTS = ("contact_name", "contact_phone", "contact_email", "manage_check")
PER_ACTION = 3
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def serve_proxy(port: int, target: str, out: Path) -> None:
    """Forward POSTs to `target` and log each call as one JSON line in `out`."""
    lock = threading.Lock()
    out.parent.mkdir(parents=True, exist_ok=True)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            body = (
                zlib.decompress(raw) if self.headers.get("Content-Encoding") == "deflate" else raw
            )
            forward = urllib.request.Request(target, data=body, method="POST")
            forward.add_header("Content-Type", "application/json")
            if self.headers.get("Authorization"):
                forward.add_header("Authorization", self.headers["Authorization"])
            try:
                with urllib.request.urlopen(forward, timeout=60) as answer:
                    status, payload = answer.status, answer.read()
            except urllib.error.HTTPError as error:
                status, payload = error.code, error.read()
            line = {"request": json.loads(body), "status": status}
            try:
                line["response"] = json.loads(payload)
            except ValueError:
                line["response"] = payload.decode(errors="replace")
            with lock, out.open("a", encoding="utf-8") as file:
                file.write(json.dumps(line, ensure_ascii=False) + "\n")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *_: Any) -> None:  # the calls hold the conversation
            return

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"Aufzeichnung: 127.0.0.1:{port} → {target}, Datei {out}", flush=True)
    server.serve_forever()


def shape(call: dict[str, Any]) -> str:
    """What kind of answer this was: event kinds, slot names and response names."""
    body = call.get("response")
    if not isinstance(body, dict):
        return f"{call['status']}:{body!r}"
    events = [(e.get("event"), e.get("name")) for e in body.get("events") or []]
    responses = [
        r.get("response") or ("text" if r.get("text") else "?") for r in body.get("responses") or []
    ]
    return json.dumps([call["status"], events, responses])


def kind_of(value: str) -> str:
    """Which contact value this is: e-mail, phone (digits) or name."""
    if "@" in value:
        return "email"
    return "phone" if re.search(r"\d{4}", value) else "name"


class Redactor:
    """Replaces every contact value seen in the calls by a numbered, obviously fake one."""

    def __init__(self) -> None:
        self.mapping: dict[str, str] = {}

    def learn(self, calls: list[dict[str, Any]]) -> None:
        found: dict[str, set[str]] = {"name": set(), "phone": set(), "email": set()}
        for call in calls:
            tracker = call["request"].get("tracker") or {}
            values = [(k, (tracker.get("slots") or {}).get(k)) for k in CONTACT_SLOTS]
            # Contact slots are emptied after a booking; their earlier values stay in events.
            for events in (tracker.get("events"), (call.get("response") or {}).get("events")):
                values += [
                    (e.get("name"), e.get("value"))
                    for e in events or []
                    if e.get("event") == "slot"
                ]
            for key, value in values:
                if key in CONTACT_SLOTS and isinstance(value, str) and value.strip():
                    value = value.strip()
                    if value.isdigit() and len(value) == 4:
                        continue  # last four digits: replaced along with their number
                    found[kind_of(value)].add(value)
            found["email"].update(_EMAIL.findall(json.dumps(call, ensure_ascii=False)))
        # Letters, no digits: the actions refuse names with digits, and replay must not differ.
        for i, value in enumerate(sorted(found["name"])):
            letters = chr(ord("A") + i % 26) * (1 + i // 26)
            self.mapping.setdefault(value, f"Testname {letters}")
        for i, value in enumerate(sorted(found["phone"]), start=1):
            fake = f"0000 0000{i:02d}"
            self.mapping.setdefault(value, fake)
            digits = re.sub(r"\D", "", value)
            if len(digits) >= 4:  # the check when cancelling asks for the last four digits
                self.mapping.setdefault(digits[-4:], fake.replace(" ", "")[-4:])
        for i, value in enumerate(sorted(found["email"]), start=1):
            self.mapping.setdefault(value, f"testperson{i:02d}@example.invalid")

    def apply(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: self.apply(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.apply(v) for v in value]
        if isinstance(value, str):
            # Longest first, so a whole number is replaced before its last four digits.
            for real in sorted(self.mapping, key=len, reverse=True):
                if len(real) == 4 and real.isdigit():
                    if value.strip() == real:
                        value = value.replace(real, self.mapping[real])
                elif real in value:
                    value = value.replace(real, self.mapping[real])
        return value


def select(sources: list[Path], out: Path) -> int:
    """Write up to PER_ACTION calls of distinct answer shapes per action to `out`."""
    calls = [json.loads(line) for path in sources for line in path.read_text().splitlines() if line]
    redactor = Redactor()
    redactor.learn(calls)
    chosen: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple[str, str]] = set()
    for call in calls:
        action = call["request"].get("next_action", "")
        key = (action, shape(call))
        if key in seen or len(chosen.get(action, [])) >= PER_ACTION:
            continue
        seen.add(key)
        chosen.setdefault(action, []).append(call)
    domains: dict[str, Any] = {}
    for old in out.glob("*/*.json"):
        old.unlink()
    for action, picked in sorted(chosen.items()):
        folder = out / action
        folder.mkdir(parents=True, exist_ok=True)
        for i, call in enumerate(picked, start=1):
            call = redactor.apply(call)
            request = dict(call["request"])
            domain = request.pop("domain", None)
            if domain is not None:
                digest = hashlib.sha256(json.dumps(domain, sort_keys=True).encode()).hexdigest()
                domains[digest[:12]] = domain
                request["domain_file"] = f"domain-{digest[:12]}.json"
            record = {"request": request, "status": call["status"], "response": call["response"]}
            text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True)
            (folder / f"{i:02d}.json").write_text(text + "\n", encoding="utf-8")
    for old in out.glob("domain-*.json"):
        old.unlink()
    for digest, domain in domains.items():
        text = json.dumps(domain, ensure_ascii=False, indent=1, sort_keys=True)
        (out / f"domain-{digest}.json").write_text(text + "\n", encoding="utf-8")
    print(f"{sum(len(p) for p in chosen.values())} Aufrufe von {len(chosen)} Aktionen nach {out}")
    return 0


def refresh(out: Path, only: list[str] | None = None) -> int:
    """Store the answers today's actions give on this interpreter's rasa-sdk to the requests.

    `only` names the actions whose recordings are answered again (default: all).
    """
    import asyncio

    from rasa_sdk.executor import ActionExecutor
    from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

    executor = ActionExecutor()
    executor.register_package("actions")

    async def answer(request: dict[str, Any]) -> tuple[int, Any]:
        try:
            response = await executor.run(request)
        except ActionExecutionRejection as error:
            return 400, {"error": error.message, "action_name": error.action_name}
        except ActionNotFoundException as error:
            return 404, {"error": error.message, "action_name": error.action_name}
        return 200, response

    count = 0
    for path in sorted(out.glob("*/*.json")):
        if only and path.parent.name not in only:
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        request = dict(record["request"])
        domain_file = request.get("domain_file")
        if domain_file:
            request["domain"] = json.loads((out / domain_file).read_text(encoding="utf-8"))
            del request["domain_file"]
        status, response = asyncio.run(answer(request))
        record["status"], record["response"] = status, response
        text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True)
        path.write_text(text + "\n", encoding="utf-8")
        count += 1
    print(f"{count} Antworten neu gespeichert (rasa-sdk dieser Umgebung)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    proxy = sub.add_parser("proxy", help="zwischen Rasa und Action-Server aufzeichnen")
    proxy.add_argument("--port", type=int, required=True)
    proxy.add_argument("--target", required=True, help="z. B. http://127.0.0.1:5055/webhook")
    proxy.add_argument("--out", type=Path, required=True, help="JSON-Lines-Datei")
    chooser = sub.add_parser("select", help="Aufrufe auswählen, Kontaktdaten ersetzen")
    chooser.add_argument("sources", type=Path, nargs="+")
    chooser.add_argument("--out", type=Path, default=RECORDINGS)
    renew = sub.add_parser("refresh", help="Antworten mit den heutigen Actions neu speichern")
    renew.add_argument("--out", type=Path, default=RECORDINGS)
    renew.add_argument(
        "--only", nargs="+", metavar="AKTION", help="nur die Aufrufe dieser Aktionen erneuern"
    )
    args = parser.parse_args(argv)
    if args.command == "proxy":
        if is_production():
            print("Im Betrieb wird nichts aufgezeichnet (FL_ENV=production).", file=sys.stderr)
            return 2
        serve_proxy(args.port, args.target, args.out)
        return 0
    if args.command == "refresh":
        return refresh(args.out, args.only)
    return select(args.sources, args.out)


if __name__ == "__main__":
    sys.exit(main())

"""Check or fill the family catalogues of the appointments API (run with .venv-api).

python scripts/family_catalogues.py                     list missing/out-of-date texts
python scripts/family_catalogues.py --import ar f.yml   take `msgid: translation` pairs
                                                        (unreviewed) into the ar catalogue
"""

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from appointments.notify.family_catalogues import (
    family_codes,
    problems,
    write,
)


def main(argv: list[str]) -> int:
    """Command line: check (default) or --import <code> <file>."""
    if argv[:1] == ["--import"] and len(argv) == 3:
        given = yaml.safe_load(Path(argv[2]).read_text(encoding="utf-8")) or {}
        print(f"{write(argv[1], given)} geschrieben.")
        return 0
    if argv:
        print(__doc__)
        return 2
    found = [problem for code in family_codes() for problem in problems(code)]
    for problem in found:
        print(problem)
    print(f"{len(found)} Probleme." if found else "Alle Familientexte übersetzt und aktuell.")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

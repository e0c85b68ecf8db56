"""The child process of :mod:`pathplanner.rules.durable_check`.

``python -m pathplanner.rules._durable_probe RULES.jsonl START`` reads one rule per line
(its durable rules, as :func:`pathplanner.rules.durable_check.jobs` writes them) and, from
line ``START`` on, creates its rulesets exactly as the engine does. It prints ``ready``
once started, then ``ok<TAB>index`` or ``fail<TAB>index<TAB>message`` after each rule.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pathplanner.rules._durable import create
from pathplanner.rules._durable_program import Internal, split


def main(argv: list[str]) -> int:
    path, start = Path(argv[0]), int(argv[1])
    print("ready", flush=True)
    with path.open(encoding="utf-8") as f:
        for index, line in enumerate(f):
            if index < start:
                continue
            internal = [
                Internal(
                    d["target"],
                    d["aux"],
                    d["condition"],
                    d["tests"],
                    frozenset(d["reads"]),
                    d["phase"],
                )
                for d in json.loads(line)
            ]
            try:
                for phase in sorted({i.phase for i in internal}):
                    for chunk in split([i for i in internal if i.phase == phase]):
                        create(chunk)
            except Exception as exc:
                message = " ".join(str(exc).split()) or type(exc).__name__
                print(f"fail\t{index}\t{message}", flush=True)
                continue
            print(f"ok\t{index}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

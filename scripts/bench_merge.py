"""Merge throughput on synthetic event rows (no text): how long linking N reports into stories takes.

Rows imitate the stored event rows: 16 PLOVER types, 30 places around Libya (city/locality/region
precision), 12 sources on two sides, dates over two years with day/week/month precision and 20 % without
a date, 0–3 copies of each underlying event from other documents. Prints reports, stories and seconds.

    python scripts/bench_merge.py [N ...]
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from marsad.doc import PLOVER_TYPES
from marsad.merge import merge_rows

SOURCES = {"lna": None, "haftar": "lna", "lna-air-force": "lna", "karama-ops": "lna", "gna": None,
           "sarraj": "gna", "volcano-of-rage": "gna", "bashagha": "gna", "un": None, "salame": "un",
           "turkey": None, "egypt": None}


def rows(n: int, seed: int = 7) -> list[dict]:
    rnd = random.Random(seed)
    places = [(f"p{i}", 30 + rnd.random() * 3, 10 + rnd.random() * 10, rnd.choice(["city", "locality", "region"]))
              for i in range(30)]
    out: list[dict] = []
    start = date(2019, 1, 1)
    doc = 0
    while len(out) < n:
        typ = rnd.choice(PLOVER_TYPES)
        pid, lat, lon, prec = rnd.choice(places)
        day = start + timedelta(days=rnd.randrange(730))
        src = rnd.choice(list(SOURCES))
        for _ in range(1 + rnd.randrange(4)):
            doc += 1
            dated = rnd.random() > 0.2
            out.append({"event_id": f"d{doc}:0", "doc_id": f"d{doc}", "idx": 0, "type": typ, "mode": None,
                        "source": rnd.choice([src, SOURCES[src] or src, None]), "target": None, "place": pid,
                        "lat": lat, "lon": lon, "place_precision": prec,
                        "date": day.isoformat() if dated else None,
                        "date_precision": rnd.choice(["day", "day", "day", "week", "month"]) if dated else None,
                        "negated": False, "hypothetical": False, "fatalities": None,
                        "published": (day + timedelta(days=rnd.randrange(3))).isoformat(), "outlet": f"o{doc % 9}",
                        "confidence": 0.5})
    return out[:n]


def main(sizes: list[int]) -> None:
    for n in sizes:
        data = rows(n)
        t0 = time.perf_counter()
        stories = merge_rows(data, SOURCES.get)
        dt = time.perf_counter() - t0
        print(f"{n:>7} reports -> {len(stories):>7} stories in {dt:6.2f} s ({n / dt:,.0f} reports/s)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 50000])

"""Latency of the event list (``GET /api/events``) under concurrent clients, on loopback.

    python scripts/bench_api.py [--db marsad.db] [--clients 20] [--requests 2000] [--docs 2000]

Starts ``marsad serve`` in a subprocess on a free 127.0.0.1 port (one uvicorn worker, as `make run`
does), then ``--clients`` asyncio clients with keep-alive send ``--requests`` requests in all (a bounded
run that stops by itself): pages of 50 events with varied filters (none, type, actor, date range, bbox)
and sorts. Prints median, p90, p99 and max latency and the throughput. Without ``--db`` a temporary
store is generated: ``--docs`` synthetic Arabic documents with 5 events each on Libyan places.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from marsad.doc import PLOVER_TYPES, Actor, Document, Event, Place, Source

WORDS = ("قوات حكومة الوفاق الجيش الوطني الليبي قصف مدفعي اشتباكات عنيفة محور جنوب العاصمة طرابلس "
         "مصادر محلية المجلس الرئاسي البعثة الأممية وقف إطلاق النار هدنة مفاوضات الطيران المسير مطار "
         "معيتيقة غريان ترهونة سرت الجفرة الهلال النفطي المرتزقة تعزيزات عسكرية انسحاب تقدم محاور").split()
PLACES = [("ly-tripoli", "طرابلس", "Tripoli", 32.89, 13.19), ("ly-gharyan", "غريان", "Gharyan", 32.17, 13.02),
          ("ly-sirte", "سرت", "Sirte", 31.21, 16.59), ("ly-tarhuna", "ترهونة", "Tarhuna", 32.44, 13.63),
          ("ly-benghazi", "بنغازي", "Benghazi", 32.12, 20.07), ("ly-misrata", "مصراتة", "Misrata", 32.38, 15.09)]
ACTORS = [("gna", "حكومة الوفاق", "Government of National Accord", "GOV"),
          ("lna", "الجيش الوطني الليبي", "Libyan National Army", "MIL"),
          ("haftar", "خليفة حفتر", "Khalifa Haftar", "PER"), ("un", "الأمم المتحدة", "United Nations", "IGO")]
OUTLETS = ["صدى طرابلس", "منبر برقة", "النيل اليوم", "المرصد المغاربي"]


def synthetic_store(path: str, n_docs: int, seed: int = 7) -> int:
    """Fill a store with ``n_docs`` random-word documents (distinct enough to pass near-dup detection)."""
    from marsad.store import Store

    rng = random.Random(seed)
    store = Store(path)
    n_events = 0
    for i in range(n_docs):
        words = [rng.choice(WORDS) for _ in range(60)] + [str(i)]
        text = " ".join(words)
        starts = [0]
        for w in words[:-1]:
            starts.append(starts[-1] + len(w) + 1)
        published = date(2019, 4, 1) + timedelta(days=rng.randrange(600))
        doc = Document(text=text, source=Source(path=f"bench/{i}", outlet=rng.choice(OUTLETS), published=published))
        doc.actors = [Actor(id=a, name_ar=ar, name_en=en, type=t, mentions=[(starts[1], starts[1] + len(words[1]))])
                      for a, ar, en, t in ACTORS]
        doc.places = [Place(id=p, name_ar=ar, name_en=en, country="LY", lat=lat, lon=lon, precision="city",
                            mentions=[(starts[2], starts[2] + len(words[2]))]) for p, ar, en, lat, lon in PLACES]
        for _ in range(5):
            w = rng.randrange(3, 55)
            src, tgt = rng.sample([a[0] for a in ACTORS], 2)
            doc.events.append(Event(type=rng.choice(PLOVER_TYPES), trigger=(starts[w], starts[w] + len(words[w])),
                                    sentence=(0, len(text)), source=src, target=tgt, place=rng.choice(PLACES)[0],
                                    date=published - timedelta(days=rng.randrange(3)), confidence=rng.random()))
        if store.add_document(doc).status == "added":
            store.save_extraction(doc)
            n_events += len(doc.events)
    store.close()
    return n_events


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def queries(rng: random.Random) -> dict:
    q: dict = {"limit": 50, "offset": rng.choice([0, 0, 50, 100]), "sort": rng.choice(["-date", "date", "-confidence"])}
    kind = rng.randrange(5)
    if kind == 1:
        q["type"] = rng.choice(PLOVER_TYPES)
    elif kind == 2:
        q["actor"] = rng.choice(ACTORS)[0]
    elif kind == 3:
        q["since"], q["until"] = "2019-06-01", "2019-12-31"
    elif kind == 4:
        q["bbox"] = "12,31,15,33.5"
    return q


async def client(base: str, n: int, seed: int, lat: list[float], errors: list[str]) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        for _ in range(n):
            t0 = time.perf_counter()
            r = await http.get("/api/events", params=queries(rng))
            lat.append(time.perf_counter() - t0)
            if r.status_code != 200:
                errors.append(f"{r.status_code} {r.text[:200]}")


async def load(base: str, clients: int, requests: int) -> tuple[list[float], list[str], float]:
    lat: list[float] = []
    errors: list[str] = []
    per = [requests // clients + (1 if i < requests % clients else 0) for i in range(clients)]
    t0 = time.perf_counter()
    await asyncio.gather(*(client(base, n, i, lat, errors) for i, n in enumerate(per)))
    return lat, errors, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="an existing store (default: a generated temporary one)")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (marsad serve --workers)")
    ap.add_argument("--url", help="bench a server already running at this base URL instead of starting one")
    args = ap.parse_args()
    if args.url:
        total = httpx.get(f"{args.url}/api/events", params={"limit": 1}, timeout=10).json()["total"]
        asyncio.run(load(args.url, args.clients, min(100, args.requests)))  # warm-up
        report(total, args, *asyncio.run(load(args.url, args.clients, args.requests)))
        return

    tmp = tempfile.TemporaryDirectory()
    db = args.db
    if db is None:
        db = str(Path(tmp.name) / "bench.db")
        t0 = time.perf_counter()
        n = synthetic_store(db, args.docs)
        print(f"generated {args.docs} documents, {n} events in {time.perf_counter() - t0:.1f}s")
    port = free_port()
    marsad = [str(Path(sys.executable).parent / "marsad")]
    workers = ["--workers", str(args.workers)] if args.workers != 1 else []
    proc = subprocess.Popen([*marsad, "--db", db, "serve", "--host", "127.0.0.1", "--port", str(port), *workers],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "MARSAD_API_TOKEN": ""})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                total = httpx.get(f"{base}/api/events", params={"limit": 1}, timeout=2).json()["total"]
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    sys.exit(f"server did not start: {proc.stderr.read().decode() if proc.stderr else ''}")
                time.sleep(0.2)
        asyncio.run(load(base, args.clients, min(100, args.requests)))  # warm-up
        lat, errors, wall = asyncio.run(load(base, args.clients, args.requests))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        tmp.cleanup()
    report(total, args, lat, errors, wall)


def report(total: int, args: argparse.Namespace, lat: list[float], errors: list[str], wall: float) -> None:
    ms = sorted(x * 1000 for x in lat)

    def pct(p: float) -> float:
        return ms[min(len(ms) - 1, int(round(p / 100 * (len(ms) - 1))))]

    server = f"the server at {args.url}" if args.url else (
        "one uvicorn worker" if args.workers == 1 else f"{args.workers} uvicorn workers") + " on 127.0.0.1"
    print(f"store: {total} events; {args.clients} concurrent clients, {len(ms)} requests of GET /api/events "
          f"(limit=50, varied filters and sorts), {server}")
    print(f"latency ms: median {statistics.median(ms):.1f}  p90 {pct(90):.1f}  p99 {pct(99):.1f}  max {ms[-1]:.1f}")
    print(f"throughput: {len(ms) / wall:.0f} requests/s; errors: {len(errors)}")
    if errors:
        print("first error:", errors[0])


if __name__ == "__main__":
    main()

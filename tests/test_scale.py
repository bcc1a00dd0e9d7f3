"""Processing on a Dask cluster (marsad.scale, ``marsad process --workers/--dask``) stores exactly what the
serial path stores, reports a failing document and keeps the others.

One local cluster of two worker processes (one thread each) serves the module; the CLI test starts its
own, as ``--workers 2`` does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="dask/distributed not installed (pip install 'marsad[scale]')")

import sqlalchemy as sa  # noqa: E402

from marsad.doc import Document, Source  # noqa: E402
from marsad.ingest import read_paths  # noqa: E402
from marsad.pipeline import StageError, default_stages, pipeline_version, run  # noqa: E402
from marsad.scale import LOCAL_SCHEDULER, ScaleError, connect, process_on_cluster  # noqa: E402
from marsad.store import Store  # noqa: E402
from marsad.store import schema as T  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
MARKER = "كلمة-تفشل-المرحلة"  # a stage below fails on documents containing it


def fail_on_marker(doc: Document) -> Document:
    """A stage that fails on the crafted document only (module-level, so workers can unpickle it)."""
    if MARKER in doc.text:
        raise ValueError("crafted failure")
    return doc


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                           scheduler_kwargs=LOCAL_SCHEDULER)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def ingested(db: str) -> Store:
    """A store at ``db`` with the samples ingested and nothing processed."""
    store = Store(db)
    for d in read_paths([SAMPLES]):
        if isinstance(d, Document):
            store.add_document(d)
    return store


def dump(store: Store) -> dict:
    """Every extraction row, per table, sorted, without the processing time: a canonical form to compare
    two stores by content, not by counts."""
    out = {}
    with store.engine.connect() as conn:
        for table in T.EXTRACTION_TABLES:
            cols = [c for c in table.c if c.name != "processed_at"]
            rows = [tuple(json.dumps(v, default=str, ensure_ascii=False) for v in r)
                    for r in conn.execute(sa.select(*cols))]
            out[table.name] = sorted(rows)
    return out


@pytest.fixture(scope="module")
def serial_dump(tmp_path_factory) -> dict:
    """The samples processed by the serial path (as ``marsad process`` does), dumped."""
    store = ingested(str(tmp_path_factory.mktemp("serial") / "serial.db"))
    version = pipeline_version()
    for doc_id in store.unprocessed(version):
        store.save_extraction(run(store.get_document(doc_id)), version)
    d = dump(store)
    store.close()
    return d


def test_cluster_stores_exactly_what_the_serial_path_stores(client, serial_dump, tmp_path):
    store = ingested(str(tmp_path / "cluster.db"))
    ids = store.unprocessed(pipeline_version())
    seen: list[str] = []
    summary = process_on_cluster(store, ids, client, pipeline_version(), max_in_flight=3,
                                 on_done=lambda doc: seen.append(doc.doc_id))
    assert summary.done == len(ids) and summary.failed == 0
    assert sorted(seen) == sorted(ids)
    got = dump(store)
    store.close()
    assert len(got["events"]) > 50 and len(got["statements"]) > 20 and len(got["actors"]) > 50
    assert summary.events == len(got["events"]) and summary.statements == len(got["statements"])
    assert got == serial_dump


def test_failing_document_is_reported_and_the_others_saved(client, tmp_path):
    store = ingested(str(tmp_path / "fail.db"))
    bad = Document(text=f"قال المتحدث إن {MARKER} لا تعني شيئا.", source=Source(path="crafted/bad.txt"))
    store.add_document(bad)
    ids = store.unprocessed()[:5] + [bad.doc_id]  # a few documents are enough here
    stages = default_stages() + (("boom", fail_on_marker),)
    failures: list[tuple] = []
    summary = process_on_cluster(store, ids, client, "test-version", stages=stages,
                                 on_failed=lambda *a: failures.append(a))
    assert summary.failed == 1 and summary.done == len(ids) - 1
    (doc_id, path, message), = failures
    assert doc_id == bad.doc_id and path == "crafted/bad.txt"
    assert "stage 'boom' failed on crafted/bad.txt: crafted failure" in message
    # the serial path says the same about the same document
    with pytest.raises(StageError, match="stage 'boom' failed on crafted/bad.txt"):
        run(Document(text=bad.text, source=bad.source), stages)
    assert store.record(bad.doc_id) is None
    assert all(store.record(i) is not None for i in ids if i != bad.doc_id)
    assert bad.doc_id in store.unprocessed("test-version")
    assert not set(ids[:5]) & set(store.unprocessed("test-version"))
    store.close()


def test_worker_on_another_pipeline_version_is_refused(client, tmp_path, monkeypatch):
    store = ingested(str(tmp_path / "version.db"))
    ids = store.unprocessed()
    monkeypatch.setattr("marsad.pipeline.pipeline_version", lambda: "0.0.0+driver")
    with pytest.raises(ScaleError, match=r"runs pipeline .* this machine 0\.0\.0\+driver"):
        process_on_cluster(store, ids, client, "0.0.0+driver", max_in_flight=2)
    assert store.stats()["processed"] == 0  # nothing from the mismatched worker was saved
    store.close()



def test_cli_workers_processes_end_to_end(run, serial_dump):
    assert run("ingest", str(SAMPLES)).exit_code == 0
    res = run("process", "--workers", "2", "--no-progress")
    assert res.exit_code == 0, res.stderr
    n = len(serial_dump["extractions"])
    assert (f"processed {n} documents ({len(serial_dump['events'])} events, "
            f"{len(serial_dump['statements'])} statements)") in res.stderr
    assert "0 failed" in res.stderr
    with Store(run.db) as store:
        assert dump(store) == serial_dump
    again = run("process", "--workers", "2", "--no-progress")
    assert again.exit_code == 0 and "processed 0 documents" in again.stderr


def test_cli_unreachable_scheduler_is_a_clear_error(run, monkeypatch):
    monkeypatch.setattr("marsad.scale.CONNECT_TIMEOUT", 1.0)
    run("ingest", str(SAMPLES / "articles" / "001_offensive-begins.txt"))
    res = run("process", "--dask", "tcp://127.0.0.1:9")
    assert res.exit_code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9 within 1 s" in res.stderr
    with pytest.raises(ScaleError, match="tcp://127.0.0.1:9"):
        connect("tcp://127.0.0.1:9", timeout=0.5)


def test_cli_dask_address_uses_that_cluster(run, client, serial_dump):
    run("ingest", str(SAMPLES))
    res = run("process", "--dask", client.scheduler.address, "--limit", "3", "--no-progress")
    assert res.exit_code == 0, res.stderr
    assert "processed 3 documents" in res.stderr
    with Store(run.db) as store:
        got = dump(store)
    assert len(got["extractions"]) == 3 and set(got["events"]) <= set(serial_dump["events"])
    assert client.status == "running"  # the CLI closed its own client, not the cluster


def test_cli_scheduler_without_workers_is_a_clear_error(run, monkeypatch):
    from distributed import LocalCluster

    monkeypatch.setattr("marsad.scale.CONNECT_TIMEOUT", 1.0)
    run("ingest", str(SAMPLES / "articles" / "001_offensive-begins.txt"))
    with LocalCluster(n_workers=0, processes=False, dashboard_address=None,
                      scheduler_kwargs=LOCAL_SCHEDULER) as empty:
        res = run("process", "--dask", empty.scheduler_address)
    assert res.exit_code == 1
    assert f"the Dask scheduler at {empty.scheduler_address} has no worker" in res.stderr


def test_cli_dask_and_workers_together_is_a_usage_error(run):
    res = run("process", "--dask", "tcp://127.0.0.1:9", "--workers", "2")
    assert res.exit_code == 2 and "not both" in res.stderr

"""Process stored documents on a Dask cluster when one machine is not enough (``docs/scale.md``).

marsad does not schedule work across machines itself: Dask distributed (``pip install 'marsad[scale]'``)
does, whether as a :class:`distributed.LocalCluster` of worker processes on this machine or as a
scheduler with workers on several machines. This module only decides *what* goes where:

- the **driver** (the process that holds the :class:`~marsad.store.Store`) reads documents lazily, a few
  at a time, and submits :func:`marsad.pipeline.run` on each to the workers, keeping a bounded number of
  tasks in flight so neither the driver's memory nor the scheduler's queue grows with the corpus;
- the **workers** run the pipeline and send the annotated document back; they never touch the store,
  so SQLite keeps its single writer and a PostgreSQL store needs no credentials on the workers;
- the driver saves each document with :meth:`Store.save_extraction` as it arrives, one transaction per
  document, exactly as the serial ``marsad process`` does; a document whose stage fails is reported with
  its id and source path and skipped, and what was saved before stays saved.

Knowledge (lexicons, gazetteer, NER model) is loaded once per worker *process*: the stages cache it in
module-level ``functools.cache`` functions (``default_stages`` and the loaders it reaches), and a Dask
worker process lives across tasks, so only its first document pays the load.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from marsad.doc import Document
from marsad.pipeline import Stage

#: Seconds to wait for a scheduler before giving up (``connect``).
CONNECT_TIMEOUT = 10.0


#: Scheduler options of :func:`local_cluster`: no dashboard, the HTTP server on a free local port.
LOCAL_SCHEDULER = {"dashboard": False, "dashboard_address": "127.0.0.1:0"}


class ScaleError(RuntimeError):
    """Dask is missing, the scheduler cannot be reached, or a worker runs another pipeline version."""


@dataclass(slots=True)
class Outcome:
    """What a worker sends back for one document: the annotated document or the failure message.

    ``version`` is the worker's own :func:`~marsad.pipeline.pipeline_version`, so the driver can refuse
    results from a machine that runs other code or data than it records in the store.
    """

    doc_id: str
    doc: Document | None
    error: str | None
    version: str
    worker: str | None = None


@dataclass(slots=True)
class Summary:
    """Totals of :func:`process_on_cluster`, the figures ``marsad process`` prints."""

    done: int = 0
    failed: int = 0
    events: int = 0
    statements: int = 0


def _slim(doc: Document) -> Document:
    """The document without tokens and sentences, for the trip back to the driver.

    They are about two thirds of the pickled document and the store keeps neither (``save_extraction``
    writes actors, places, events, statements, labels, dates and the record), so dropping them makes the
    driver — the one process every result passes through — unpickle a third as much.
    """
    return dataclasses.replace(doc, tokens=[], sentences=[])


def process_document(doc: Document, stages: tuple[tuple[str, Stage], ...] | None = None) -> Outcome:
    """Run on a worker: the pipeline over ``doc``; a stage failure comes back as a message, not an
    exception, so the driver reports it like the serial path and no traceback objects (which may not
    pickle) cross the wire. ``stages`` defaults to the worker's own ``default_stages()``."""
    from marsad.pipeline import StageError, pipeline_version, run

    try:
        from distributed import get_worker

        worker = get_worker().address
    except (ImportError, ValueError):  # called outside a worker (tests, a plain process)
        worker = None
    try:
        out = run(doc, stages)
    except StageError as exc:
        return Outcome(doc.doc_id, None, str(exc), pipeline_version(), worker)
    return Outcome(out.doc_id, _slim(out), None, pipeline_version(), worker)


def iter_documents(store, doc_ids: Iterable[str]) -> Iterator[Document]:
    """Stored documents, read one at a time as the caller asks for them (ids no longer stored are
    skipped, as ``marsad process`` does), so memory holds only the documents in flight."""
    for doc_id in doc_ids:
        doc = store.get_document(doc_id)
        if doc is not None:
            yield doc


def process_on_cluster(store, doc_ids: Iterable[str], client, version: str, *,
                       stages: tuple[tuple[str, Stage], ...] | None = None,
                       max_in_flight: int | None = None,
                       on_done: Callable[[Document], None] | None = None,
                       on_failed: Callable[[str, str | None, str], None] | None = None,
                       check_version: bool = True) -> Summary:
    """Run the pipeline over ``doc_ids`` on the workers of ``client`` and save each result in ``store``.

    ``version`` is recorded with each extraction (``marsad process`` passes ``pipeline_version()``).
    ``max_in_flight`` bounds the documents submitted and not yet saved (default: four per worker
    thread, enough to keep every worker busy while the driver saves). ``on_done(doc)`` is called after
    each document is saved, ``on_failed(doc_id, path, message)`` for each document skipped: a stage
    failed on it, or its worker died (the message says which). With ``check_version`` a result from a
    worker whose pipeline fingerprint differs from the driver's raises :class:`ScaleError` — a worker
    machine with another marsad or other data files would otherwise silently mix two pipelines in one
    store. Documents saved before any error stay saved.
    """
    from distributed import as_completed

    from marsad.pipeline import pipeline_version

    expected = pipeline_version() if check_version else None
    if max_in_flight is None:
        threads = sum(client.nthreads().values()) or 1
        max_in_flight = 4 * threads
    docs = iter_documents(store, doc_ids)
    pending: dict = {}  # future -> (doc_id, path)
    queue = as_completed()
    summary = Summary()

    def submit_next() -> bool:
        doc = next(docs, None)
        if doc is None:
            return False
        fut = client.submit(process_document, doc, stages, pure=False)
        pending[fut] = (doc.doc_id, doc.source.path)
        queue.add(fut)
        return True

    def fail(doc_id: str, path: str | None, message: str) -> None:
        summary.failed += 1
        if on_failed is not None:
            on_failed(doc_id, path, message)

    try:
        for _ in range(max_in_flight):
            if not submit_next():
                break
        for fut in queue:
            doc_id, path = pending.pop(fut)
            try:
                outcome: Outcome = fut.result()
            except Exception as exc:  # the worker died on it (KilledWorker) or could not run it
                fail(doc_id, path, f"worker error on {path or doc_id}: {type(exc).__name__}: {exc}")
            else:
                if expected is not None and outcome.version != expected:
                    raise ScaleError(
                        f"worker {outcome.worker or '?'} runs pipeline {outcome.version}, this machine "
                        f"{expected}: install the same marsad and data files on every worker")
                if outcome.error is not None:
                    fail(doc_id, path, outcome.error)
                else:
                    store.save_extraction(outcome.doc, version)
                    summary.done += 1
                    summary.events += len(outcome.doc.events)
                    summary.statements += len(outcome.doc.statements)
                    if on_done is not None:
                        on_done(outcome.doc)
            fut.release()
            submit_next()
    finally:
        if pending:  # interrupted or refused: drop the rest, keep what was saved
            client.cancel(list(pending))
    return summary


def _require_dask():
    try:
        import distributed
    except ImportError as exc:
        raise ScaleError("processing on a cluster needs dask and distributed: "
                         "pip install 'marsad[scale]'") from exc
    return distributed


def connect(address: str, timeout: float | None = None):
    """A :class:`distributed.Client` on the scheduler at ``address`` (``tcp://host:8786``) with at least
    one worker, or a :class:`ScaleError` naming the address when it does not answer, or has no worker,
    within ``timeout`` seconds (default :data:`CONNECT_TIMEOUT`) — rather than waiting for ever on tasks
    nobody will run."""
    distributed = _require_dask()
    timeout = CONNECT_TIMEOUT if timeout is None else timeout
    try:
        client = distributed.Client(address, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ScaleError(f"cannot reach the Dask scheduler at {address} within {timeout:g} s: {exc}") from exc
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError as exc:
        client.close()
        raise ScaleError(f"the Dask scheduler at {address} has no worker (none joined within {timeout:g} s); "
                         f"start some with: dask worker {address}") from exc
    return client


def local_cluster(n_workers: int):
    """A :class:`distributed.Client` on a new local cluster of ``n_workers`` processes with one thread
    each: the pipeline is pure Python, so threads would share one interpreter lock and only processes
    run in parallel. No dashboard, and the scheduler's small HTTP server (health, metrics) listens on a
    free local port, so nothing is exposed and two clusters on one machine do not fight over 8787."""
    distributed = _require_dask()
    if n_workers < 1:
        raise ScaleError(f"--workers must be at least 1, not {n_workers}")
    cluster = distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, scheduler_kwargs=LOCAL_SCHEDULER)
    return distributed.Client(cluster)


def close(client) -> None:
    """Close ``client`` and, when it made one, its local cluster (a remote scheduler is left running)."""
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()

#!/usr/bin/env python3
"""Parses what a running server's /metrics serves after a small debrief with
Prometheus' own parser (python3-prometheus-client), and checks the families,
their types, and that the figures moved.

Usage: check_metrics.py SCRAPE_PROGRAM (prints the exposition; tests/metrics/scrape_main.cpp)
"""
import subprocess
import sys

from prometheus_client.parser import text_string_to_metric_families

# The parser names a counter's family without its _total suffix.
EXPECTED = {
    "debrief_connections_open": "gauge",
    "debrief_sessions_live": "gauge",
    "debrief_commands": "counter",
    "debrief_commit_seconds": "histogram",
    "debrief_commit_batch_size": "histogram",
    "debrief_fanout_seconds": "histogram",
    "debrief_checkpoint_seconds": "histogram",
    "debrief_wal_bytes": "gauge",
    "debrief_storage_degraded": "gauge",
    "debrief_rate_limited": "counter",
    "debrief_clients_cut_off": "counter",
    "debrief_host_connections": "gauge",
    "debrief_room_summaries_sent": "counter",
    "process_cpu_seconds": "counter",
    "process_resident_memory_bytes": "gauge",
}

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def value(family, name, **labels):
    for s in family.samples:
        if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
            return s.value
    return None


def main():
    text = subprocess.run([sys.argv[1]], check=True, capture_output=True, text=True).stdout
    families = {f.name: f for f in text_string_to_metric_families(text)}
    for name, kind in EXPECTED.items():
        check(name in families, f"no family {name}")
        if name in families:
            check(families[name].type == kind, f"{name} is a {families[name].type}, not a {kind}")
    if failures:
        return report(text)

    commands = families["debrief_commands"]
    check((value(commands, "debrief_commands_total", type="join", result="ok") or 0) >= 2, "two joins counted")
    check((value(commands, "debrief_commands_total", type="start_session", result="ok") or 0) >= 1,
          "the start counted")
    check((value(commands, "debrief_commands_total", type="next_phase", result="forbidden") or 0) >= 1,
          "the refused next_phase counted with its error code")

    commit = families["debrief_commit_seconds"]
    count = value(commit, "debrief_commit_seconds_count")
    check(count is not None and count >= 5, f"commits observed ({count})")
    check(value(commit, "debrief_commit_seconds_bucket", le="+Inf") == count, "+Inf bucket holds every commit")
    check((value(commit, "debrief_commit_seconds_sum") or 0) > 0, "commit time summed")
    batches = families["debrief_commit_batch_size"]
    check(value(batches, "debrief_commit_batch_size_count") == count, "a batch size for every commit")
    fanout = families["debrief_fanout_seconds"]
    check((value(fanout, "debrief_fanout_seconds_count") or 0) >= 1, "fan-out observed")

    check(value(families["debrief_sessions_live"], "debrief_sessions_live") >= 1, "a live session")
    opened = families["debrief_connections_open"]
    check(value(opened, "debrief_connections_open", kind="websocket") >= 2, "two WebSockets open")
    check(value(opened, "debrief_connections_open", kind="http") >= 1, "the scrape's own connection open")
    check(value(families["debrief_storage_degraded"], "debrief_storage_degraded") == 0, "storage healthy")
    check(value(families["debrief_wal_bytes"], "debrief_wal_bytes") > 0, "the WAL has a size")
    limited = families["debrief_rate_limited"]
    check(value(limited, "debrief_rate_limited_total", limit="participant_messages") == 0,
          "no rate-limit refusals in a calm debrief")
    check(value(families["process_resident_memory_bytes"], "process_resident_memory_bytes") > 0, "memory read")
    check(value(families["process_cpu_seconds"], "process_cpu_seconds_total") is not None, "CPU read")
    return report(text)


def report(text):
    if not failures:
        print(f"ok: {len(EXPECTED)} families parsed and checked")
        return 0
    for f in failures:
        print("FAILED:", f)
    print("--- exposition ---")
    print(text)
    return 1


if __name__ == "__main__":
    sys.exit(main())

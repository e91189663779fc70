#!/usr/bin/env python3
"""Figures of one faulted run, from its history in JSON lines.

Usage: isocheck convert run.pb run.jsonl && python3 bench/nemesis_figures.py run.jsonl

Prints: committed txn/s and abort rate (fail / (ok + fail)) over the run,
info count, faults by kind with how long each was held (start to heal
record) and the time from its start to the first commit of a transaction
begun after its heal (median and max) and the longest stretch in between
without any commit (a failover's new primary commits long before the old
one is rewound back in),
and for list-append the acknowledged appends missing from the final read
(lost writes) with the time since the first invocation of the earliest
such commit.
"""
import json
import statistics
import sys


def main(path):
    faults, events = [], []
    with open(path) as f:
        for line in f:
            j = json.loads(line)
            if "header" in j:
                continue
            if "fault" in j:
                faults.append(j["fault"])
            else:
                events.append(j)
    run = [e for e in events if not e.get("final_read")]
    start = min(e["time"] for e in run if e["type"] == "invoke")
    end = max(e["time"] for e in run)
    seconds = (end - start) / 1e9
    ok = [e for e in run if e["type"] == "ok"]
    fail = sum(1 for e in run if e["type"] == "fail")
    info = sum(1 for e in run if e["type"] == "info")
    print(f"run {seconds:.1f} s: {len(ok)} ok ({len(ok) / seconds:.0f}/s), {fail} fail "
          f"(abort rate {100 * fail / max(1, len(ok) + fail):.1f}%), {info} info")

    invoked = {}
    commits = []  # (invoke time, complete time) of committed transactions
    for e in run:
        if e["type"] == "invoke":
            invoked[e["process"]] = e
        elif e["type"] == "ok":
            commits.append((invoked[e["process"]]["time"], e["time"]))
    # Per fault: how long it lasted (start record to heal record) and how long
    # from its start until a transaction begun after the heal committed.
    by_kind = {}
    for n, fault in enumerate(faults):
        if fault["phase"] != "start":
            continue
        heal = next((h for h in faults[n + 1:] if h["phase"] == "heal" and h["kind"] == fault["kind"]),
                    None)
        if heal is None:
            continue
        after = [c for i, c in commits if i >= heal["time"]]
        # A failover's new primary takes writes before the heal (the rewind
        # of the old one): also the first commit begun after the start.
        # Outage: the longest time without any commit completing, from the
        # start record to the first commit begun after the heal.
        back = min(after, default=fault["time"])
        done = sorted([fault["time"]] + [c for _, c in commits if fault["time"] <= c <= back])
        outage = max((b - a for a, b in zip(done, done[1:])), default=0)
        if after:
            by_kind.setdefault(fault["kind"], []).append(
                ((heal["time"] - fault["time"]) / 1e6, (min(after) - fault["time"]) / 1e6,
                 outage / 1e6))
    for kind, spans in sorted(by_kind.items()):
        held = [h for h, _, _ in spans]
        back = [b for _, b, _ in spans]
        gap = [g for _, _, g in spans]
        print(f"{kind}: {len(spans)} faults; start -> heal median {statistics.median(held):.0f} ms; "
              f"start -> first commit begun after the heal: median {statistics.median(back):.0f} ms, "
              f"max {max(back):.0f} ms; longest stretch without a commit: median "
              f"{statistics.median(gap):.0f} ms, max {max(gap):.0f} ms")

    final = [e for e in events if e.get("final_read") and e["type"] == "ok"]
    if not final or not any(m[0] == "append" for e in ok for m in e["value"]):
        return
    present = {}
    for m in final[-1]["value"]:
        present[m[1]] = set(m[2] or [])
    lost = []
    for e in ok:
        for m in e["value"]:
            if m[0] == "append" and m[2] not in present.get(m[1], set()):
                lost.append(e["time"])
    if lost:
        print(f"lost writes: {len(lost)}; earliest lost commit at {(min(lost) - start) / 1e9:.1f} s")
    else:
        print("lost writes: 0")


if __name__ == "__main__":
    main(sys.argv[1])

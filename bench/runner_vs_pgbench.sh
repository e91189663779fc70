#!/usr/bin/env bash
# Committed transactions per second of `isocheck run` (recording its history)
# against pgbench running the same statements with the same client count, on
# one throwaway server this script starts and removes.
#
# (a) single-key append at SERIALIZABLE: one INSERT ... ON CONFLICT DO UPDATE
#     (the runner's list-append statement) on one of 1000 keys per
#     transaction. isocheck: --max-ops 1 --read-ratio 0 --keys 1000.
# (b) reads and appends at SERIALIZABLE: pgbench runs exactly 2 reads then 2
#     appends; isocheck's generator draws 1..N micro-ops, each a read with
#     probability r, so --max-ops 7 --read-ratio 0.5 gives the same average
#     (2 reads + 2 appends) but not the same shape in every transaction.
# Both: 8 clients, 1000 keys never retired (--max-writes-per-key 1000000),
# values unique per key, serialization failures not retried (pgbench
# counts them as failed, isocheck as fail), tps = committed only.
#
# Threads: pgbench -j 2; isocheck --threads N when given (else its default,
# one thread per core: 2 here, as pgbench); --threads equal to --clients runs
# one client per thread, as the runner did before it multiplexed
# connections. Without --threads the script also runs a build from before
# that option (--build-dir of an older tree), for before/after figures.
# --cost: both run under `perf stat`; two more columns each give CPU time
# (user + system, the post-run check included for isocheck) and context
# switches per transaction run (committed, failed and, for isocheck, info).
#
# Server: as isocheck's embedded one (fsync=off, full_page_writes=off,
# synchronous_commit=on, max_connections=200, deadlock_timeout=20ms), on a
# free loopback port, as the `postgres` user when run as root.
#
# usage: bench/runner_vs_pgbench.sh [--build-dir DIR] [--seconds N] [--clients N] [--threads N]
#                                   [--cost]
set -euo pipefail

build_dir=build
seconds=20
clients=8
threads=
cost=0
while (($#)); do
  case "$1" in
    --build-dir) build_dir="${2:?--build-dir needs a directory}"; shift 2 ;;
    --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
    --clients) clients="${2:?--clients needs a number}"; shift 2 ;;
    --threads) threads="${2:?--threads needs a number}"; shift 2 ;;
    --cost) cost=1; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "runner_vs_pgbench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

isocheck="$build_dir/isocheck"
[[ -x "$isocheck" ]] || { echo "runner_vs_pgbench.sh: $isocheck not built (ninja -C $build_dir isocheck)" >&2; exit 2; }
bin_dir=$(pg_config --bindir 2>/dev/null || true)
[[ -x "$bin_dir/initdb" ]] || bin_dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[[ -x "$bin_dir/initdb" ]] || { echo "runner_vs_pgbench.sh: PostgreSQL server binaries not found" >&2; exit 2; }
pgbench="$bin_dir/pgbench"
if ((cost)); then
  command -v perf >/dev/null || { echo "runner_vs_pgbench.sh: --cost needs perf (linux-perf)" >&2; exit 2; }
fi
[[ -x "$pgbench" ]] || pgbench=$(command -v pgbench) ||
  { echo "runner_vs_pgbench.sh: pgbench not found" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/isocheck-vs-pgbench.XXXXXX")
as_server=()
if [[ $(id -u) == 0 ]]; then
  chown postgres: "$work"
  as_server=(runuser -u postgres --)
fi
data="$work/data"
server_started=0
cleanup() {
  if ((server_started)); then
    "${as_server[@]}" "$bin_dir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as_server[@]}" "$bin_dir/initdb" -D "$data" -A trust -U postgres --no-sync >"$work/initdb.log" 2>&1 ||
  { cat "$work/initdb.log" >&2; exit 2; }
cat >>"$data/postgresql.conf" <<EOF
fsync = off
full_page_writes = off
synchronous_commit = on
max_connections = 200
deadlock_timeout = '20ms'
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$work'
EOF
"${as_server[@]}" "$bin_dir/pg_ctl" -D "$data" -l "$work/server.log" -w start >/dev/null ||
  { cat "$work/server.log" >&2; exit 2; }
server_started=1
dsn="host=127.0.0.1 port=$port dbname=postgres user=postgres"
psql=("$bin_dir/psql" -X -q -v ON_ERROR_STOP=1 -d "$dsn")

# Values: random, with the client in the low digits so that two clients never
# write the same one (isocheck's are unique per key).
cat >"$work/append.sql" <<EOF
\set k random(1, 1000)
\set val :client_id + $clients * random(1, 1000000000000)
BEGIN ISOLATION LEVEL SERIALIZABLE;
INSERT INTO bench_list AS t (k, v) VALUES (:k, ARRAY[:val::bigint]) ON CONFLICT (k) DO UPDATE SET v = t.v || EXCLUDED.v;
COMMIT;
EOF
cat >"$work/read2_append2.sql" <<EOF
\set r1 random(1, 1000)
\set r2 random(1, 1000)
\set a1 random(1, 1000)
\set a2 random(1, 1000)
\set v1 :client_id + $clients * random(1, 1000000000000)
\set v2 :client_id + $clients * random(1, 1000000000000)
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT v FROM bench_list WHERE k = :r1;
SELECT v FROM bench_list WHERE k = :r2;
INSERT INTO bench_list AS t (k, v) VALUES (:a1, ARRAY[:v1::bigint]) ON CONFLICT (k) DO UPDATE SET v = t.v || EXCLUDED.v;
INSERT INTO bench_list AS t (k, v) VALUES (:a2, ARRAY[:v2::bigint]) ON CONFLICT (k) DO UPDATE SET v = t.v || EXCLUDED.v;
COMMIT;
EOF

loadavg() { cut -d' ' -f1 /proc/loadavg; }

# measured NAME CMD... runs CMD, under perf stat into $work/perf.NAME with --cost.
measured() {
  local name=$1
  shift
  if ((cost)); then
    perf stat -x, -e task-clock,context-switches -o "$work/perf.$name" -- "$@"
  else
    "$@"
  fi
}

# cost_per_txn NAME TRANSACTIONS -> "CPU-us-per-txn switches-per-txn", or "- -".
cost_per_txn() {
  if ((cost)); then
    awk -F, -v n="$2" '$3 == "task-clock" { ms = $1 } $3 == "context-switches" { cs = $1 }
      END { printf "%.1f %.2f\n", 1000 * ms / n, cs / n }' "$work/perf.$1"
  else
    echo "- -"
  fi
}

# pgbench_tps SCRIPT -> "committed-tps failed-share%" (failed excluded from
# tps). The table is created fresh, as isocheck creates its own per run: an
# emptied-and-analyzed one would plan reads as sequential scans, whose
# relation-wide SIREAD locks make most serializable transactions fail.
pgbench_tps() {
  "${psql[@]}" -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS bench_list" \
    -c "CREATE TABLE bench_list (k bigint PRIMARY KEY, v bigint[] NOT NULL)"
  measured pgbench "$pgbench" -n -M prepared -T "$seconds" -c "$clients" -j 2 -f "$1" "$dsn" \
    >"$work/pgbench.out" 2>&1 || { cat "$work/pgbench.out" >&2; exit 1; }
  local tps failed processed failed_count
  tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' "$work/pgbench.out")
  failed=$(sed -n 's/^number of failed transactions: [0-9]* (\([0-9.]*%\))$/\1/p' "$work/pgbench.out")
  processed=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*$/\1/p' "$work/pgbench.out")
  failed_count=$(sed -n 's/^number of failed transactions: \([0-9]*\) .*$/\1/p' "$work/pgbench.out")
  echo "$tps ${failed:-0%} $(cost_per_txn pgbench $((processed + ${failed_count:-0})))"
}

# isocheck_tps ARGS... -> "committed-txn/s failed-share%" from the run's
# summary line ("N ok, N fail, N info in S s (T committed txn/s)")
isocheck_tps() {
  local out="$work/history.pb"
  measured isocheck "$isocheck" run --dsn "$dsn" --workload list-append --isolation serializable \
    --clients "$clients" ${threads:+--threads "$threads"} --keys 1000 --max-writes-per-key 1000000 \
    --duration "${seconds}s" --out "$out" --quiet "$@" >"$work/isocheck.out" 2>&1 || [[ $? == 1 ]] ||
    { cat "$work/isocheck.out" >&2; exit 1; }
  rm -f "$out"
  local tps ok fail info
  read -r tps ok fail info < <(sed -n 's/^.*: \([0-9]*\) ok, \([0-9]*\) fail, \([0-9]*\) info in .*(\([0-9]*\) committed txn\/s).*$/\4 \1 \2 \3/p' \
    "$work/isocheck.out" | head -n1)
  echo "$tps $(awk -v f="$fail" -v n="$((ok + fail + info))" 'BEGIN { printf "%.3f%%", 100 * f / n }') $(cost_per_txn isocheck $((ok + fail + info)))"
}

printf '| transaction | pgbench tps | pgbench failed | isocheck run tps (--threads %s) | isocheck failed | isocheck / pgbench | load avg (1 min) before each |' "${threads:-default}"
((cost)) && printf ' pgbench CPU µs / txn | pgbench switches / txn | isocheck CPU µs / txn | isocheck switches / txn |'
printf '\n|---|---:|---:|---:|---:|---:|---|'
((cost)) && printf -- '---:|---:|---:|---:|'
printf '\n'
measure() {
  local name=$1 script=$2
  shift 2
  local load_pg load_iso figures pg pg_failed pg_cpu pg_cs iso iso_failed iso_cpu iso_cs
  load_pg=$(loadavg)
  figures=$(pgbench_tps "$script")
  read -r pg pg_failed pg_cpu pg_cs <<<"$figures"
  load_iso=$(loadavg)
  figures=$(isocheck_tps "$@")
  read -r iso iso_failed iso_cpu iso_cs <<<"$figures"
  printf '| %s | %.0f | %s | %.0f | %s | %.0f%% | %s / %s |' "$name" "$pg" "$pg_failed" "$iso" \
    "$iso_failed" "$(awk -v a="$iso" -v b="$pg" 'BEGIN { print 100 * a / b }')" "$load_pg" "$load_iso"
  ((cost)) && printf ' %s | %s | %s | %s |' "$pg_cpu" "$pg_cs" "$iso_cpu" "$iso_cs"
  printf '\n'
}
measure "(a) 1 append, serializable" "$work/append.sql" --max-ops 1 --read-ratio 0
measure "(b) 2 reads + 2 appends (isocheck: 1-7 mops, avg 4), serializable" \
  "$work/read2_append2.sql" --max-ops 7 --read-ratio 0.5

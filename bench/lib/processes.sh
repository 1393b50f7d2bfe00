# Sourced by bench scripts after lib/common.sh: CPU seconds per process of the local instance, and pinning the
# PostgreSQL server and the client side to different cores (the e2e benchmark's production-shaped mode).
# Reads the PID files `arca-local` writes ($ARCA_LOCAL_DIR/pids/<component>.pid, line 1 is the PID).

# Client-side components of the instance: on another machine than the database server in production.
client_components=(backup-worker s3proxy kafka api-service scheduler-service)
component_pid() { sed -n 1p "$ARCA_LOCAL_DIR/pids/$1.pid" 2>/dev/null; }

# Clock ticks a process has used: its own user + system time (all threads) and that of its children it has
# waited for (fields 14-17 of /proc/PID/stat). 0 for a process that is gone. A bash builtin read, no fork:
# called about 40 times per snapshot.
proc_ticks_into() { # variable pid
  local stat_line stat_f
  if ! read -r stat_line 2>/dev/null <"/proc/$2/stat"; then printf -v "$1" 0; return; fi
  stat_line=${stat_line##*) }   # the command name may contain spaces; the fields after it do not
  read -r -a stat_f <<<"$stat_line"   # stat_f[0] is field 3 (state), so field n is stat_f[n-3]
  printf -v "$1" '%s' $((stat_f[11] + stat_f[12] + stat_f[13] + stat_f[14]))
}

# The PostgreSQL server: the postmaster's own and reaped children's time (a backend that exited is added to the
# postmaster's cutime/cstime when it is waited for) plus every live (or zombie) child's time (backends of open
# connections, the checkpointer, walwriter, autovacuum...). A delta of two such sums counts a backend that lives
# across the step boundary for its time inside the step only. A backend reaped while the children are read would be
# missed (read before, gone after) or counted twice (read live, then in cutime): the postmaster is read before and
# after the children, and the snapshot retried when its total moved. Without the retry, the backend of a pg_dump
# that had just returned was missed at the end of about one step in three (4 CPU-seconds reported as 0.4).
postgres_ticks_into() { # variable
  # locals named apart from the callers' variables: bash scopes are dynamic, printf -v would set ours
  local pg_pm pg_before pg_after pg_total pg_child pg_t pg_try
  pg_pm=$(component_pid postgres)
  for pg_try in 1 2 3 4 5 6 7 8 9 10; do
    proc_ticks_into pg_before "$pg_pm"
    pg_total=$pg_before
    for pg_child in $(pgrep -P "$pg_pm"); do proc_ticks_into pg_t "$pg_child"; pg_total=$((pg_total + pg_t)); done
    proc_ticks_into pg_after "$pg_pm"
    ((pg_before == pg_after)) && break
    sleep 0.05
  done
  printf -v "$1" '%s' "$pg_total"
}

# One snapshot, as "postgres worker s3proxy kafka api scheduler client" ticks. The client is this shell
# ($BASHPID: the subshell when a step runs in one) with everything it started and waited for: pg_dump, zstd,
# pg_restore and its -j workers, curl and the status poller.
proc_snapshot_into() { # variable
  local -a snap_v=(); local snap_t snap_c
  postgres_ticks_into snap_t; snap_v+=("$snap_t")
  for snap_c in "${client_components[@]}"; do proc_ticks_into snap_t "$(component_pid "$snap_c")"; snap_v+=("$snap_t"); done
  proc_ticks_into snap_t "$BASHPID"; snap_v+=("$snap_t")
  printf -v "$1" '%s' "${snap_v[*]}"
}
# Ticks of the whole instance (the server and the client-side components, not this shell): settle in
# lib/common.sh waits for these to stop moving.
instance_ticks() {
  local snap_all snap_sum=0 snap_x
  proc_snapshot_into snap_all
  read -r -a snap_all <<<"$snap_all"
  for snap_x in "${snap_all[@]:0:6}"; do snap_sum=$((snap_sum + snap_x)); done
  echo "$snap_sum"
}
# Seconds per process between two snapshots, tab-separated in the same order.
proc_delta() { # before after
  python3 -c "import sys; a, b = (list(map(int, s.split())) for s in sys.argv[1:3]); \
print('\t'.join(f'{(y - x) / $hz:.1f}' for x, y in zip(a, b)))" "$1" "$2"
}

# ---- core pinning ----------------------------------------------------------------------------------------------
all_cpus="0-$(($(nproc) - 1))"
# Every thread of each PID (taskset -a); threads and processes started later inherit their creator's affinity.
set_affinity() { # cpu-list pid...
  local cpus=$1 p; shift
  for p; do
    [[ -n $p ]] || continue   # a component that is not running
    taskset -a -p -c "$cpus" "$p" >/dev/null 2>&1 || echo "could not set affinity of pid $p" >&2
  done
}
# The postmaster (a new backend is forked from it and inherits its mask) and the children already running.
pin_postgres() { # cpu-list
  local pm; pm=$(component_pid postgres)
  [[ -n $pm ]] || return 0
  set_affinity "$1" "$pm" $(pgrep -P "$pm")
}
pin_clients() { # cpu-list: the Arca services, S3Proxy, Kafka, and this shell (so every tool it starts)
  local c
  for c in "${client_components[@]}"; do set_affinity "$1" "$(component_pid "$c")"; done
  set_affinity "$1" "$$"
}
unpin_all() { pin_postgres "$all_cpus"; pin_clients "$all_cpus"; }

# Checks what a step will really get: a new backend's Cpus_allowed_list (read while its connection is open),
# the worker's and a new client process's. Fails the run when the kernel did not apply the pinning.
check_affinity() { # expected-server-cpus expected-client-cpus
  local server worker client
  # the backend reads nothing itself: psql looks up its PID and reads its status while the connection is open
  server=$(psql_ -d postgres <<'SQL'
select pg_backend_pid() as pid \gset
\setenv ARCA_BENCH_BACKEND :pid
\! awk '/^Cpus_allowed_list/ {print $2}' /proc/$ARCA_BENCH_BACKEND/status
SQL
)
  worker=$(awk '/^Cpus_allowed_list/ {print $2}' "/proc/$(component_pid backup-worker)/status")
  client=$(awk '/^Cpus_allowed_list/ {print $2}' /proc/self/status)
  echo "affinity: a new backend $server, backup worker $worker, client tools $client" >&2
  [[ $server == "$1" && $worker == "$2" && $client == "$2" ]] \
    || { echo "affinity not as expected (server $1, client side $2)" >&2; return 1; }
}

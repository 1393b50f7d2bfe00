"""Prints the e2e benchmark's markdown tables from the steps it recorded (bench/e2e-benchmark.sh calls it).

steps file: mode, round, step, wall s, machine CPU s, then CPU s of postgres, worker, S3Proxy, Kafka, API,
scheduler, client tools (tab-separated, one line per timed step); sizes file: mode, round, step, stored, new.
"""
import os
import statistics
import sys

LABELS = {
    "fc": "`pg_dump -Fc`",
    "zstd": "`pg_dump -Fp \\| zstd -3 -T2`",
    "b0": "Arca backup #0 (worker's first large backup: includes JIT warm-up; own tenant)",
    "b1": "Arca backup #1 (zstd 3, encrypted, uploaded)",
    "b2": "Arca backup #2 (unchanged)",
    "b3": "Arca backup #3 (contiguous 1% of pgbench_accounts updated)",
    "restore": "Arca restore (into a new database)",
    "pgr": "`pg_restore -j 2`",
}
MODES = {
    "shared": "shared — PostgreSQL and every client-side process share all cores (no pinning)",
    "production": "production-shaped — the PostgreSQL server on core 0; pg_dump, zstd, pg_restore, the Arca "
                  "worker, API, scheduler, Kafka and S3Proxy on core 1",
}
PROCS = ["postgres", "worker", "S3Proxy", "Kafka", "API", "scheduler", "client tools"]
ROUND_STEPS = ["fc", "zstd", "b1", "restore", "pgr"]
med = statistics.median


def read(path, width):
    rows = {}
    with open(path) as f:
        for line in f:
            mode, rnd, step, *rest = line.rstrip("\n").split("\t")
            rows[(mode, int(rnd), step)] = [float(x) for x in rest[:width]]
    return rows


steps_file, sizes_file = sys.argv[1:3]
env = os.environ
db_mb = int(env["db_bytes"]) / 1048576
modes = env["bench_modes"].split()
rounds = int(env["rounds"])
steps = read(steps_file, 9)
sizes = read(sizes_file, 2)
mbps = lambda wall: f"{db_mb / max(wall, 0.001):.1f}"
pct = lambda a, b: f"{100 * a / max(b, 1):.2f}%"

print(f"Database arca_bench: {env['bench_shape_desc']}; {env['cores']} cores; {env['pg_version']}.")
print(f"Load average (1, 5, 15 min) at the start: {env['load_start']}; at the end: {env['load_end']}.")
for mode in modes:
    print(f"\n#### Mode: {MODES[mode]}\n")
    print("| run | wall time (s) | machine CPU (s) | MB/s (db size) | stored bytes | new bytes |")
    print("|---|---:|---:|---:|---:|---:|")
    b1_stored = sizes.get((mode, 1, "b1"), [0, 0])[0]
    for step, label in LABELS.items():
        if (mode, 1, step) not in steps:
            continue
        wall, machine = steps[(mode, 1, step)][:2]
        stored, new = (f"{int(x)}" for x in sizes[(mode, 1, step)]) if (mode, 1, step) in sizes else ("-", "-")
        if step in ("fc", "zstd"):
            new = "-"
        if step in ("b2", "b3"):
            new += f" ({pct(sizes[(mode, 1, step)][1], b1_stored)} of #1)"
        print(f"| {label} | {wall:.1f} | {machine:.1f} | {mbps(wall)} | {stored} | {new} |")
    print("\nCPU seconds per process, same steps (rest = machine CPU not in these processes: other people's "
          "processes, interrupts):\n")
    print("| run | " + " | ".join(PROCS) + " | rest | machine |")
    print("|---|" + "---:|" * (len(PROCS) + 2))
    for step, label in LABELS.items():
        if (mode, 1, step) not in steps:
            continue
        v = steps[(mode, 1, step)]
        per = v[2:]
        print(f"| {label} | " + " | ".join(f"{x:.1f}" for x in per) + f" | {v[1] - sum(per):.1f} | {v[1]:.1f} |")
    if rounds > 1:
        col = lambda step: [steps[(mode, r, step)][0] for r in range(1, rounds + 1)]
        fc, zstd, b, rs, pgr = (col(s) for s in ROUND_STEPS)
        print(f"\nRounds ({rounds}, interleaved; wall seconds; ratio = Arca / reference, lower is better):\n")
        print("| round | `pg_dump -Fc` | `pg_dump \\| zstd -3 -T2` | Arca first backup | backup / zstd | backup / -Fc "
              "| Arca restore | `pg_restore -j 2` | restore / pg_restore |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        rows = [(str(i + 1), fc[i], zstd[i], b[i], rs[i], pgr[i]) for i in range(rounds)]
        rows.append(("median", med(fc), med(zstd), med(b), med(rs), med(pgr)))
        for name, f, z, bb, r, p in rows:
            print(f"| {name} | {f:.1f} | {z:.1f} | {bb:.1f} | {bb / z:.2f} | {bb / f:.2f} | {r:.1f} | {p:.1f} "
                  f"| {r / p:.2f} |")
        print("\nMedian CPU seconds per process over the rounds:\n")
        print("| run | " + " | ".join(PROCS) + " | machine |")
        print("|---|" + "---:|" * (len(PROCS) + 1))
        for step in ROUND_STEPS:
            per = [med(steps[(mode, r, step)][i] for r in range(1, rounds + 1)) for i in range(1, 9)]
            print(f"| {LABELS[step]} | " + " | ".join(f"{x:.1f}" for x in per[1:]) + f" | {per[0]:.1f} |")

ratio = lambda mode, a, b: med(steps[(mode, r, a)][0] / steps[(mode, r, b)][0] for r in range(1, rounds + 1))
if len(modes) > 1:
    print(f"\n#### Both modes (medians over {rounds} round(s); the modes alternate round by round)\n")
    print("| step | " + " | ".join(f"{m} wall (s)" for m in modes) + " | "
          + " | ".join(f"{m} postgres / client-side CPU (s)" for m in modes) + " |")
    print("|---|" + "---:|" * (2 * len(modes)))
    for step in ROUND_STEPS:
        walls = [med(steps[(m, r, step)][0] for r in range(1, rounds + 1)) for m in modes]
        split = []
        for m in modes:
            pg = med(steps[(m, r, step)][2] for r in range(1, rounds + 1))
            client = med(sum(steps[(m, r, step)][3:9]) for r in range(1, rounds + 1))
            split.append(f"{pg:.1f} / {client:.1f}")
        print(f"| {LABELS[step]} | " + " | ".join(f"{w:.1f}" for w in walls) + " | " + " | ".join(split) + " |")
for mode in modes:
    print(f"\n{mode}: median of the per-round ratios: backup / zstd {ratio(mode, 'b1', 'zstd'):.2f}, "
          f"backup / -Fc {ratio(mode, 'b1', 'fc'):.2f}, restore / pg_restore {ratio(mode, 'restore', 'pgr'):.2f}.")
print(f"\nPeak worker RSS (VmHWM over the worker's life): {env['rss']}. Machine CPU: seconds all processes kept a core "
      "busy during the step (from /proc/stat; cores x wall time is the most the machine can give).")

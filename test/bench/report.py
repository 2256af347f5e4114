#!/usr/bin/env python3
"""Prints test/bench/run's table from the files it wrote into one directory.

  meta.txt   key=value: machine, date, command, sizes, flags
  wall.tsv   <variant> <round> <seconds>, one line per speedtest1 run
  cpu.tsv    the same runs' user+sys CPU seconds
  kv.txt     key=value: callgrind counts, runtime stats, microbenchmarks
  notes.txt  one line per part that was skipped or could not run

Targets are printed next to the measured figures, never checked.
Usage: report.py DIR
"""
import statistics
import sys
from pathlib import Path

VARIANTS = ["plain", "ffipin", "address", "address_ffipin"]


def read_kv(path):
    kv = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if "=" in line:
                k, v = line.split("=", 1)
                kv[k.strip()] = v.strip()
    return kv


def read_wall(path):
    """{round: {variant: seconds}}"""
    rounds = {}
    if path.exists():
        for line in path.read_text().splitlines():
            parts = line.split()
            if len(parts) == 3:
                rounds.setdefault(int(parts[1]), {})[parts[0]] = float(parts[2])
    return rounds


def spread(values, fmt):
    if not values:
        return "n/a"
    return "%s [%s-%s]" % (fmt % statistics.median(values), fmt % min(values),
                           fmt % max(values))


def ratios(rounds, num, den):
    """Per-round ratio num/den, over the rounds where both ran."""
    return [r[num] / r[den] for r in rounds.values() if num in r and den in r]


def fastest_ratio(rounds, num, den):
    a = [r[num] for r in rounds.values() if num in r]
    b = [r[den] for r in rounds.values() if den in r]
    return "%.3f" % (min(a) / min(b)) if a and b else "n/a"


def num(kv, key):
    try:
        return float(kv[key])
    except (KeyError, ValueError):
        return None


def fmt_count(x):
    return "n/a" if x is None else "{:,.0f}".format(x)


def main():
    out = Path(sys.argv[1])
    meta = read_kv(out / "meta.txt")
    kv = read_kv(out / "kv.txt")
    rounds = read_wall(out / "wall.tsv")
    cpu_rounds = read_wall(out / "cpu.tsv")
    notes = (out / "notes.txt").read_text().splitlines() if (out / "notes.txt").exists() else []

    rows = []  # (figure, measured, target, anchor); a 1-tuple is a heading

    def row(figure, measured, target="", anchor=""):
        rows.append((figure, measured, target, anchor))

    size, nrounds = meta.get("size", "?"), len(rounds)
    rows.append(("speedtest1 --memdb --size %s, %d interleaved rounds, wall time: median [min-max]"
                 % (size, nrounds),))
    row("speedtest1 plain (seconds)",
        spread([r["plain"] for r in rounds.values() if "plain" in r], "%.2f"))
    row("speedtest1 ffi-pin / plain", spread(ratios(rounds, "ffipin", "plain"), "%.3f"),
        "<= 1.03", "call per store 1.09; naive inline check 1.05")
    row("speedtest1 address / plain", spread(ratios(rounds, "address", "plain"), "%.3f"),
        "", "ASan 2.32; UBSan 1.91")
    row("speedtest1 address+ffi-pin / plain",
        spread(ratios(rounds, "address_ffipin", "plain"), "%.3f"))
    row("speedtest1 (address+ffi-pin) / address",
        spread(ratios(rounds, "address_ffipin", "address"), "%.3f"), "<= 1.03")
    # A neighbour only ever slows a run down: the fastest run of each
    # variant is the least disturbed, and their ratio a second estimate.
    for num_, den_, label in [("ffipin", "plain", "ffi-pin / plain"),
                              ("address_ffipin", "address", "(address+ffi-pin) / address")]:
        row("speedtest1 %s, fastest run / fastest run" % label, fastest_ratio(rounds, num_, den_))
    if any("ffipin_heap" in r for r in rounds.values()):
        row("speedtest1 ffi-pin, Go-like heap registered / plain",
            spread(ratios(rounds, "ffipin_heap", "plain"), "%.3f"), "", "register_heap.c")
    if cpu_rounds:
        rows.append(("the same runs, user+sys CPU time (less sensitive to a busy neighbour)",))
        row("speedtest1 ffi-pin / plain, CPU", spread(ratios(cpu_rounds, "ffipin", "plain"), "%.3f"),
            "<= 1.03")
        row("speedtest1 address / plain, CPU", spread(ratios(cpu_rounds, "address", "plain"), "%.3f"))
        row("speedtest1 (address+ffi-pin) / address, CPU",
            spread(ratios(cpu_rounds, "address_ffipin", "address"), "%.3f"), "<= 1.03")
        if any("ffipin_heap" in r for r in cpu_rounds.values()):
            row("speedtest1 ffi-pin, Go-like heap registered / plain, CPU",
                spread(ratios(cpu_rounds, "ffipin_heap", "plain"), "%.3f"))

    small = meta.get("small_size", "?")
    rows.append(("speedtest1 --memdb --size %s, valgrind --tool=callgrind, instructions" % small,))
    ir = {v: num(kv, "callgrind_ir_" + v)
          for v in VARIANTS + ["ffipin_heap", "plain_nofp", "ffipin_nofp"]}
    row("instructions plain", fmt_count(ir["plain"]))
    row("instructions plain -O2, no frame pointers", fmt_count(ir["plain_nofp"]),
        "", "as a user builds it")
    for a, b, label, target in [("ffipin", "plain", "ffi-pin / plain", "<= 1.03"),
                                ("ffipin", "plain_nofp", "ffi-pin / plain -O2 as a user builds it", "<= 1.05"),
                                ("plain", "plain_nofp", "plain with frame pointers / plain -O2", ""),
                                ("ffipin_nofp", "plain_nofp", "ffi-pin -fomit-frame-pointer / plain -O2", ""),
                                ("ffipin_heap", "plain", "ffi-pin, Go-like heap registered / plain", ""),
                                ("address", "plain", "address / plain", ""),
                                ("address_ffipin", "address", "(address+ffi-pin) / address", "<= 1.03")]:
        if ir[a] and ir[b]:
            row("instructions " + label, "%.4f" % (ir[a] / ir[b]), target)
        else:
            row("instructions " + label, "n/a (%s)" % kv.get("callgrind_skip_" + (a if not ir[a] else b), "not run"), target)

    rows.append(("speedtest1 --memdb --size %s, pointer stores" % small,))
    row("instrumented pointer stores executed", fmt_count(num(kv, "count_pointer_stores")),
        "", "counting shim (count_stores.c)")
    row("instrumented memcpy/memmove executed", fmt_count(num(kv, "count_memcpy_calls")))
    for v, label in [("ffipin", "ffi-pin"), ("address_ffipin", "address+ffi-pin"),
                     ("ffipin_heap", "ffi-pin, Go-like heap registered")]:
        slow = num(kv, "stats_%s_slow_path_stores" % v)
        row("stores reaching the slow path, " + label,
            fmt_count(slow) if slow is not None else "n/a (%s)" % kv.get("stats_skip", "not run"),
            "", "print_stats=1")
    for v, label in [("ffipin", "ffi-pin"), ("ffipin_heap", "ffi-pin, Go-like heap registered")]:
        held, reports = num(kv, "stats_%s_held_records" % v), num(kv, "stats_%s_reports" % v)
        if held is not None:
            row("held slots recorded / reports, " + label, "%s / %s" % (fmt_count(held), fmt_count(reports)),
                "", "speedtest1 holds no foreign pointer: any report is false")

    stats = [("InstrumentedStores", "pointer stores checked"),
             ("InstrumentedIntStores", "pointer-sized integer stores checked"),
             ("InstrumentedAggregateElts", "pointer parts of aggregate stores checked"),
             ("InstrumentedAtomics", "atomic stores, xchg and cmpxchg checked"),
             ("InstrumentedMemTransfers", "memcpy/memmove checked"),
             ("ChecksShared", "stores covered by a later store's check (same value and object)"),
             ("SkippedNotForeign", "stores skipped: value cannot be foreign"),
             ("SkippedNotForeignOnAnyPath", "pointer parts skipped: no object a phi/select picks can be foreign"),
             ("SkippedLocalAlloca", "stores and copies into non-escaping allocas skipped"),
             ("SkippedNoSanitize", "stores and copies skipped for !nosanitize")]
    if any(k.startswith("pass_") for k in kv):
        rows.append(("the pass on sqlite3.c + speedtest1.c (static counts, -save-stats=obj)",))
        for key, label in stats:  # a counter that never moved is not written
            row(label, fmt_count(num(kv, "pass_Num" + key) or 0), "", "Num" + key)

    rows.append(("microbenchmarks (ffipin-cc -O2; median of 7 runs in each process)",))
    for key, label, target in [("pin_unpin_1t_pairs_per_s", "pin+unpin pairs/s, 1 thread", ">= 10,000,000"),
                               ("pin_unpin_2t_pairs_per_s", "pin+unpin pairs/s, 2 threads (sum)", "")]:
        row(label, fmt_count(num(kv, key)), target)
    for key, label in [("ffipin_store_pinned_ns", "ns/store, pointer into pinned object (tracked)"),
                       ("ffipin_store_cmem_ns", "ns/store, pointer to C memory, ffi-pin"),
                       ("plain_store_cmem_ns", "ns/store, same loop, plain clang")]:
        x = num(kv, key)
        row(label, "n/a" if x is None else "%.2f" % x)
    x = num(kv, "held_slot_bytes")
    row("bytes per held slot (%s slots)" % fmt_count(num(kv, "held_slots")),
        "n/a" if x is None else "%.1f" % x, "<= 64")

    cgo = sorted({k.split("_", 2)[2] for k in kv if k.startswith("cgo_plain_")})
    if cgo or "cgo_skip" in kv:
        rows.append(("cgo calls, go test -bench (median over rounds; ns/op)",))
    if "cgo_skip" in kv:
        row("ns per cgo call", "n/a (%s)" % kv["cgo_skip"], "+<= 20 ns")
    for bench in cgo:
        p, f = num(kv, "cgo_plain_" + bench), num(kv, "cgo_ffipin_" + bench)
        row("%s: plain / ffi-pin ns" % bench,
            "%.1f / %s" % (p, "n/a" if f is None else "%.1f" % f))
        if f is not None:
            row("%s: added ns per call" % bench, "%+.1f" % (f - p), "<= 20")

    gosq = sorted({(k.split("_")[1], k.split("_")[2]) for k in kv
                   if k.startswith("gosq_") and k.endswith("_plain_ns")})
    if gosq or "gosq_skip" in kv:
        rows.append(("go-sqlite3 benchmarks (go test -bench; plain ns/op, then each build's ns/op / plain;"
                     " median of the per-round ratios)",))
    if "gosq_skip" in kv:
        row("go-sqlite3", "n/a (%s)" % kv["gosq_skip"], "ffi-pin <= 1.10")
    for flavour, bench in gosq:
        base = "gosq_%s_%s_" % (flavour, bench)
        parts = ["%s ns" % fmt_count(num(kv, base + "plain_ns"))]
        for variant, label in [("ffipin", "ffi-pin"), ("cgocheck2", "cgocheck2"), ("asan", "asan")]:
            x = num(kv, base + variant + "_ratio")
            parts.append("%s %s" % (label, "n/a" if x is None else "%.2f" % x))
        x = num(kv, base + "ffipin_vs_baseline_ratio")
        if x is not None:
            parts.append("ffi-pin / baseline %.3f" % x)
        row("%s %s" % (flavour, bench), ", ".join(parts), "ffi-pin <= 1.10")
    for flavour in sorted({f for f, _ in gosq}):
        xs = [num(kv, "gosq_%s_%s_ffipin_ratio" % (flavour, b)) for f, b in gosq if f == flavour]
        xs = [x for x in xs if x is not None]
        if xs:
            row("%s: ffi-pin / plain, median over benchmarks" % flavour,
                "%.3f" % statistics.median(xs), "<= 1.10",
                "shipped: SQLite from libsqlite3.so" if flavour == "shipped" else "amal: SQLite compiled in, instrumented")
        ys = [num(kv, "gosq_%s_%s_ffipin_vs_baseline_ratio" % (flavour, b)) for f, b in gosq if f == flavour]
        ys = [y for y in ys if y is not None]
        if ys:
            row("%s: ffi-pin / baseline ffi-pin, median over benchmarks" % flavour,
                "%.3f" % statistics.median(ys), "", "--baseline: the same rounds")

    # Instructions an op under callgrind (test/bench/run: N and 2N ops).
    gosqir = sorted({(k.split("_")[1], k.split("_")[2]) for k in kv
                     if k.startswith("gosqir_") and k.endswith("_plain")})
    if gosqir:
        rows.append(("go-sqlite3 under callgrind: instructions an op (N and 2N ops, GOGC=off; the scan"
                     " apart: under valgrind it runs about ten times as often as natively)",))
    for flavour, bench in gosqir:
        base = "gosqir_%s_%s_" % (flavour, bench)
        p = num(kv, base + "plain")
        row("%s %s instructions an op, plain" % (flavour, bench), fmt_count(p))
        for variant, label in [("ffipin", "ffi-pin"), ("baseline", "baseline ffi-pin")]:
            x, sc = num(kv, base + variant), num(kv, base + variant + "_scan") or 0
            if x is not None:
                row("%s %s instructions, %s / plain" % (flavour, bench, label),
                    "%.3f, without the scan %.3f (%s, scan %s)"
                    % (x / p, (x - sc) / p, fmt_count(x), fmt_count(sc)), "",
                    "exact; the target is the wall time's")
    if "gosqir_skip" in kv:
        row("go-sqlite3 instructions an op", "n/a (%s)" % kv["gosqir_skip"])

    for flavour in sorted({k.split("_")[1] for k in kv if k.startswith("gosqslow_")}):
        ops, *counts = kv["gosqslow_" + flavour].split()
        row("%s Exec: blocks recorded the slow way, %d runs" % (flavour, len(counts)),
            "%s in %s ops each" % (", ".join(fmt_count(int(c)) for c in counts), fmt_count(int(ops))),
            "", "print_stats=1 blocks_recorded_slow; ASLR between runs")
    for flavour in sorted({k.split("_")[1] for k in kv if k.startswith("gosqstart_")}):
        p = num(kv, "gosqstart_%s_plain_ms" % flavour)
        f = num(kv, "gosqstart_%s_ffipin_ms" % flavour)
        if p is not None and f is not None:
            row("%s: start and exit of the test binary, plain / ffi-pin ms" % flavour,
                "%.1f / %.1f" % (p, f), "", "median of ABBA runs with nothing to run")

    print("FFIPinSanitizer benchmarks (test/bench/run)")
    for key in ["command", "date", "machine", "build", "baseline", "flags", "notes"]:
        if key in meta:
            print("%-8s %s" % (key + ":", meta[key]))
    print()
    w0 = max(len(r[0]) for r in rows if len(r) > 1)
    w1 = max(len(r[1]) for r in rows if len(r) > 1)
    w2 = max(len("target"), max(len(r[2]) for r in rows if len(r) > 1))
    print("%-*s  %-*s  %-*s  %s" % (w0, "figure", w1, "measured", w2, "target", "anchor"))
    for r in rows:
        if len(r) == 1:
            print("-- " + r[0])
        else:
            print(("%-*s  %-*s  %-*s  %s" % (w0, r[0], w1, r[1], w2, r[2], r[3])).rstrip())
    if notes:
        print()
        for n in notes:
            print("note: " + n)


if __name__ == "__main__":
    main()

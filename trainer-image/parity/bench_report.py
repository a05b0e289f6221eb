"""Tabulates the RESULT lines of ModelBenchmark (side=djl) and bench_twin.py (side=torch) read from stdin.

For each model and thread count: training tokens/s of each side (min and median over the repeats), the trainer/PyTorch
ratio of the medians, the run-to-run spread ((max - min) / median), model GFLOP/s as a share of the side's measured
sgemm, peak RSS and seconds from process start to the end of the first step (medians).
"""
import statistics
import sys


def parse(line):
    return dict(field.split("=", 1) for field in line.split()[1:])


def main():
    runs = {}
    for line in sys.stdin:
        if line.startswith("RESULT "):
            r = parse(line)
            runs.setdefault((r["preset"], r["threads"]), {}).setdefault(r["side"], []).append(r)
    header = ("model", "threads", "trainer tok/s min/median", "torch tok/s min/median", "ratio", "spread trainer/torch",
              "% of sgemm trainer/torch", "peak RSS MiB trainer/torch", "first step s trainer/torch")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for (preset, threads), sides in runs.items():
        def stat(side, key, f=statistics.median):
            values = [float(r[key]) for r in sides.get(side, [])]
            return f(values) if values else float("nan")

        def spread(side):
            values = [float(r["tokens_per_s"]) for r in sides.get(side, [])]
            return (max(values) - min(values)) / statistics.median(values) if values else float("nan")

        def share(side):
            return 100 * stat(side, "gflops") / stat(side, "sgemm_gflops")

        print("| %s | %s | %.0f / %.0f | %.0f / %.0f | %.2f | %.0f%% / %.0f%% | %.0f%% / %.0f%% | %.0f / %.0f | %.1f / %.1f |" % (
            preset, threads, stat("djl", "tokens_per_s", min), stat("djl", "tokens_per_s"),
            stat("torch", "tokens_per_s", min), stat("torch", "tokens_per_s"),
            stat("djl", "tokens_per_s") / stat("torch", "tokens_per_s"), 100 * spread("djl"), 100 * spread("torch"),
            share("djl"), share("torch"), stat("djl", "peak_rss_kib") / 1024, stat("torch", "peak_rss_kib") / 1024,
            stat("djl", "first_step_s"), stat("torch", "first_step_s")))


if __name__ == "__main__":
    main()

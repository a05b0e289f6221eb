#!/usr/bin/python3
"""Draws a Grafana dashboard of the chart as a PNG, from the same PromQL against a real Prometheus.

Grafana itself is not installable here (no Debian package, nothing on PyPI or npm that runs its server), so this
reads the dashboard JSON (panels, gridPos, targets, legendFormat, units), substitutes its template variables, runs
each target through Prometheus's /api/v1/query_range over the given window and lays the panels out on Grafana's
24-column grid: time series as lines, stat panels as their last values.

  hack/plot-dashboard.py --prometheus http://127.0.0.1:19090 --dashboard charts/alignment-operator/dashboards/alignment-run.json \
      --var namespace=default --var run=quickstart --var reward_model=sentiment-rm --start 1700000000 --out dashboard.png

Needs matplotlib (Debian: python3-matplotlib; hack/prereqs.sh installs it).
"""
import argparse
import json
import math
import re
import sys
import time
import urllib.parse
import urllib.request

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

BACKGROUND = "#111217"
PANEL = "#181b1f"
TEXT = "#ccccdc"
GRID = "#2c3235"
COLORS = ["#73bf69", "#f2cc0c", "#8ab8ff", "#ff780a", "#f2495c", "#5794f2", "#b877d9", "#705da0", "#37872d", "#fade2a"]


def query_range(prometheus, expr, start, end, step):
    params = urllib.parse.urlencode({"query": expr, "start": start, "end": end, "step": step})
    with urllib.request.urlopen(f"{prometheus}/api/v1/query_range?{params}", timeout=30) as response:
        body = json.load(response)
    if body.get("status") != "success":
        raise RuntimeError(f"{expr}: {body}")
    return body["data"]["result"]


def substitute(expr, variables):
    def value(match):
        name = match.group(1) or match.group(2)
        if name not in variables:
            raise KeyError(f"no value for ${name} in {expr}")
        return variables[name]

    return re.sub(r"\$\{(\w+)}|\$(\w+)", value, expr)


def legend(fmt, labels):
    text = re.sub(r"\{\{\s*(\w+)\s*}}", lambda m: labels.get(m.group(1), ""), fmt or "")
    return text.strip() or "{" + ", ".join(f'{k}="{v}"' for k, v in labels.items()) + "}"


def formatter(unit):
    if unit == "percentunit":
        return lambda v: f"{v * 100:.0f}%"
    if unit == "s":
        return lambda v: f"{v:.0f} s" if abs(v) >= 10 else f"{v:.2g} s"
    if unit == "bytes":
        return lambda v: f"{v / 2**20:.0f} MiB"
    return lambda v: f"{v / 1000:.3g}k" if abs(v) >= 1000 else f"{v:.3g}"


def draw(dashboard, prometheus, variables, start, end, out, title_suffix):
    panels = []
    for panel in dashboard["panels"]:
        panels.append(panel)
        panels.extend(panel.get("panels", []))
    rows = max(p["gridPos"]["y"] + p["gridPos"]["h"] for p in panels)
    unit_h = 0.42  # inches per grid row
    header = 0.9
    width, height = 22.0, rows * unit_h + header
    fig = plt.figure(figsize=(width, height), facecolor=BACKGROUND)
    fig.text(0.01, 1 - 0.35 / height, dashboard["title"] + title_suffix, color=TEXT, fontsize=18, weight="bold", va="top")
    step = max(2, math.ceil((end - start) / 400))
    seconds = [0.0]
    for panel in panels:
        g = panel["gridPos"]
        left, w = g["x"] / 24, g["w"] / 24
        top = 1 - (header + g["y"] * unit_h) / height
        h = g["h"] * unit_h / height
        if panel["type"] == "row":
            fig.text(left + 0.005, top - h / 2, panel["title"], color=TEXT, fontsize=13, weight="bold", va="center")
            continue
        pad_x, pad_y = 0.004, 0.18 / height
        ax = fig.add_axes([left + pad_x + 0.022, top - h + pad_y + 0.25 / height, w - 2 * pad_x - 0.026, h - 2 * pad_y - 0.5 / height])
        ax.set_facecolor(PANEL)
        for spine in ax.spines.values():
            spine.set_color(GRID)
        ax.tick_params(colors=TEXT, labelsize=8)
        ax.set_title(panel["title"], color=TEXT, fontsize=11, loc="left")
        defaults = panel.get("fieldConfig", {}).get("defaults", {})
        fmt = formatter(defaults.get("unit"))
        series = []
        for target in panel.get("targets", []):
            t0 = time.time()
            for s in query_range(prometheus, substitute(target["expr"], variables), start, end, step):
                points = [(float(t), float(v)) for t, v in s["values"] if v not in ("NaN", "+Inf", "-Inf")]
                if points:
                    series.append((legend(target.get("legendFormat"), s["metric"]), points))
            seconds[0] += time.time() - t0
        if not series:
            ax.text(0.5, 0.5, "No data", color=TEXT, ha="center", va="center", transform=ax.transAxes, fontsize=12)
            ax.set_xticks([])
            ax.set_yticks([])
            continue
        if panel["type"] in ("stat", "gauge", "bargauge"):
            ax.set_xticks([])
            ax.set_yticks([])
            for i, (name, points) in enumerate(series[:4]):
                x = (i + 0.5) / min(len(series), 4)
                ax.text(x, 0.55, fmt(points[-1][1]) if defaults.get("unit") else f"{points[-1][1]:.{defaults.get('decimals', 2)}f}",
                        color=COLORS[i % len(COLORS)], ha="center", va="center", fontsize=26, weight="bold", transform=ax.transAxes)
                ax.text(x, 0.18, name, color=TEXT, ha="center", va="center", fontsize=9, transform=ax.transAxes)
            continue
        for i, (name, points) in enumerate(series):
            xs, ys = [], []
            for t, v in points:
                if xs and t - xs[-1] > 2 * step:  # a gap (the pod or the series was gone): break the line
                    xs.append(xs[-1] + step)
                    ys.append(float("nan"))
                xs.append(t)
                ys.append(v)
            # Short stages leave few samples; markers keep a lone one visible.
            ax.plot(xs, ys, color=COLORS[i % len(COLORS)], linewidth=1.6, label=name,
                    marker="o" if len(points) < 30 else None, markersize=3)
        if "min" in defaults:
            ax.set_ylim(bottom=defaults["min"])
        if "max" in defaults:
            ax.set_ylim(top=defaults["max"])
        ax.set_xlim(start, end)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt(v)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: time.strftime("%H:%M:%S", time.gmtime(v))))
        ax.set_xlabel("UTC", color=TEXT, fontsize=8, loc="right")
        ax.grid(color=GRID, linewidth=0.6)
        ax.legend(loc="upper left", fontsize=7, facecolor=PANEL, edgecolor=GRID, labelcolor=TEXT, ncol=2 if len(series) > 3 else 1)
    fig.savefig(out, dpi=80, facecolor=BACKGROUND)
    return seconds[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prometheus", required=True)
    parser.add_argument("--dashboard", required=True)
    parser.add_argument("--var", action="append", default=[], help="name=value for a template variable")
    parser.add_argument("--start", type=float, required=True, help="window start, Unix seconds")
    parser.add_argument("--end", type=float, default=None, help="window end, Unix seconds (default now)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    variables = {"__rate_interval": "10s", "__interval": "2s"}
    variables.update(dict(v.split("=", 1) for v in args.var))
    end = args.end or time.time()
    variables.setdefault("__range", f"{int(end - args.start)}s")
    with open(args.dashboard) as f:
        dashboard = json.load(f)
    suffix = "  —  " + ", ".join(args.var)
    draw(dashboard, args.prometheus.rstrip("/"), variables, args.start, end, args.out, suffix)
    print(args.out)


if __name__ == "__main__":
    sys.exit(main())

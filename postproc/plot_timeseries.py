#!/usr/bin/python3
"""Plot an afsim run's scalar time series.

    postproc/plot_timeseries.py RUN_DIR [-o out.png] [--columns COL ...] [--x time_s|step|...]

Reads RUN_DIR/timeseries.csv (one row per output step; header names carry SI units, e.g. ``time_s``,
``V_e_V``, ``c_surface_min_mol_m3``) and draws one panel per quantity against time: by default the
electrode potential (``V_e_V``) and the minimum surface concentration (``c_surface_min_mol_m3``);
``--columns`` adds panels (e.g. ``V_cell_V current_density_A_m2``), ``--only`` drops the default ones.
Saves a PNG (default RUN_DIR/timeseries.png). Needs Debian's python3-numpy and python3-matplotlib.
"""

import argparse
import csv
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

# Trailing unit tokens of column names -> how to print them. Longest first (matched greedily).
UNITS = [
    ("mol_m3", "mol/m³"), ("mol_m2", "mol/m²"), ("A_m2", "A/m²"), ("C_m2", "C/m²"), ("J_m2", "J/m²"),
    ("mAh_cm2", "mAh/cm²"), ("m2", "m²"), ("m3", "m³"), ("rel", "relative"), ("s", "s"), ("V", "V"),
    ("A", "A"), ("m", "m"), ("K", "K"), ("Pa", "Pa"), ("C", "C"), ("J", "J"),
]

DEFAULT_PANELS = [["V_e_V"], ["c_surface_min_mol_m3"]]


def split_unit(column):
    """'c_surface_min_mol_m3' -> ('c surface min', 'mol/m³'); 'step' -> ('step', '')."""
    for token, pretty in UNITS:
        suffix = "_" + token
        if column.endswith(suffix) and len(column) > len(suffix):
            return column[: -len(suffix)].replace("_", " "), pretty
    return column.replace("_", " "), ""


def read_csv(path):
    """Returns (header, {column: float array}); non-numeric cells become NaN, text columns are dropped."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        raise SystemExit(f"{path}: empty file")
    header = [h.strip() for h in rows[0]]
    body = [r for r in rows[1:] if r and any(cell.strip() for cell in r)]
    data = {}
    for j, name in enumerate(header):
        values, numeric = [], 0
        for r in body:
            try:
                values.append(float(r[j]))
                numeric += 1
            except (ValueError, IndexError):
                values.append(math.nan)
        if numeric or not body:
            data[name] = np.asarray(values, dtype=float)
    return header, data


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("run_dir", help="run output folder (holds timeseries.csv), or the CSV file itself")
    ap.add_argument("-o", "--output", help="PNG to write (default RUN_DIR/timeseries.png)")
    ap.add_argument("--columns", nargs="+", default=[], metavar="COL",
                    help="more numeric columns to plot, one panel each (see --list)")
    ap.add_argument("--only", action="store_true", help="plot only --columns, not the default panels")
    ap.add_argument("--x", default="time_s", help="x-axis column (default time_s; plotted in hours "
                    "when the run is longer than 3 h, in minutes when longer than 3 min)")
    ap.add_argument("--list", action="store_true", help="print the numeric columns and exit")
    ap.add_argument("--dpi", type=int, default=150)
    args = ap.parse_args(argv)

    csv_path = args.run_dir
    if os.path.isdir(csv_path):
        csv_path = os.path.join(csv_path, "timeseries.csv")
    if not os.path.isfile(csv_path):
        raise SystemExit(f"error: {csv_path} not found (is {args.run_dir} an afsim run folder?)")
    header, data = read_csv(csv_path)

    if args.list:
        for name in header:
            if name in data:
                label, unit = split_unit(name)
                print(f"{name:32s} {label}" + (f" [{unit}]" if unit else ""))
        return 0

    unknown = [c for c in args.columns + [args.x] if c not in data]
    if unknown:
        raise SystemExit(f"error: no numeric column(s) {', '.join(unknown)} in {csv_path}; "
                         f"numeric columns: {', '.join(n for n in header if n in data)}")

    panels = [] if args.only else [[c for c in p if c in data] for p in DEFAULT_PANELS]
    panels = [p for p in panels if p]
    panels += [[c] for c in args.columns if not any(c in p for p in panels)]
    if not panels:
        raise SystemExit(f"error: none of the default columns ({', '.join(sum(DEFAULT_PANELS, []))}) is in "
                         f"{csv_path}; choose some with --columns (see --list)")

    x = data[args.x]
    xlabel, xunit = split_unit(args.x)
    if args.x == "time_s" and x.size and np.nanmax(x) > 3 * 3600:
        x, xlabel, xunit = x / 3600.0, "time", "h"
    elif args.x == "time_s" and x.size and np.nanmax(x) > 180:
        x, xlabel, xunit = x / 60.0, "time", "min"

    fig, axes = plt.subplots(len(panels), 1, sharex=True, squeeze=False,
                             figsize=(7.0, 2.4 * len(panels) + 0.8))
    for ax, cols in zip(axes[:, 0], panels):
        for c in cols:
            ax.plot(x, data[c], marker="." if x.size < 60 else None, label=split_unit(c)[0])
        units = {split_unit(c)[1] for c in cols}
        unit = units.pop() if len(units) == 1 else ""
        ax.set_ylabel(" / ".join(split_unit(c)[0] for c in cols) + (f" [{unit}]" if unit else ""))
        if len(cols) > 1:
            ax.legend(loc="best", fontsize="small")
        ax.grid(True, alpha=0.3)
    axes[-1, 0].set_xlabel(xlabel + (f" [{xunit}]" if xunit else ""))
    run_name = os.path.basename(os.path.abspath(os.path.dirname(csv_path)))
    fig.suptitle(f"afsim run: {run_name}", fontsize="medium")
    fig.tight_layout()

    out = args.output or os.path.join(os.path.dirname(csv_path), "timeseries.png")
    fig.savefig(out, dpi=args.dpi)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

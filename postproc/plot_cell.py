#!/usr/bin/python3
"""Plots of `afsim cell --sweep` tables in the layout of the seed review's Figures 2 and 3.

  afsim cell --sweep loading=2..10mAh/cm2 inputs/cells/case*.yaml -o out/cell_loading
  afsim cell --sweep loading=3..6:2mAh/cm2 --sweep foil=0..100:11um inputs/cells/case*.yaml -o out/cell_foil
  /usr/bin/python3 postproc/plot_cell.py --loading out/cell_loading/cell_sweep.csv \
      --thickness out/cell_foil/cell_sweep.csv --out out/cell_plots

Writes fig2_b-e_vs_li_thickness.png (Wh/kg and Wh/L against Li foil thickness at each loading in the
thickness table; decks without a foil are drawn as horizontal lines), fig2_f-g_vs_loading.png (both
densities against cathode loading for every deck) and fig3_breakdown.png (mass and volume shares of each
component against Li foil thickness for the foil decks, at the lowest loading of the thickness table).
Only numpy and matplotlib (Debian's python3-numpy, python3-matplotlib).
"""
import argparse
import csv
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

COMPONENTS = ["positive_collector", "cathode", "separator", "graphite", "metal_foil", "plated_metal",
              "interlayer", "negative_collector", "electrolyte"]


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def column(rows, prefix):
    """The first column whose name starts with `prefix` (sweep columns carry their unit)."""
    for key in rows[0]:
        if key.startswith(prefix):
            return key
    raise SystemExit(f"no column starting with {prefix!r} in the table")


def by_case(rows):
    cases = {}
    for r in rows:
        cases.setdefault(r["case"], []).append(r)
    return dict(sorted(cases.items()))


def plot_vs_loading(rows, out):
    lcol = column(rows, "loading")
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    for case, rs in by_case(rows).items():
        x = [float(r[lcol]) for r in rs]
        axes[0].plot(x, [float(r["gravimetric_Wh_kg"]) for r in rs], "o-", label=case)
        axes[1].plot(x, [float(r["volumetric_Wh_L"]) for r in rs], "o-", label=case)
    for ax, y, tag in zip(axes, ["Wh/kg", "Wh/L"], "fg"):
        ax.set_xlabel("cathode loading (mAh/cm$^2$)")
        ax.set_ylabel(f"energy density ({y})")
        ax.set_title(f"({tag})")
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "fig2_f-g_vs_loading.png"), dpi=150)
    plt.close(fig)


def plot_vs_thickness(rows, out):
    lcol, fcol = column(rows, "loading"), column(rows, "foil")
    loadings = sorted({float(r[lcol]) for r in rows})
    fig, axes = plt.subplots(len(loadings), 2, figsize=(10, 3.6 * len(loadings)), squeeze=False)
    tags = iter("bcdefghijk")
    for i, load in enumerate(loadings):
        sub = [r for r in rows if float(r[lcol]) == load]
        for case, rs in by_case(sub).items():
            for j, key in enumerate(["gravimetric_Wh_kg", "volumetric_Wh_L"]):
                ax = axes[i][j]
                if rs[0]["anode"] == "foil":
                    ax.plot([float(r[fcol]) for r in rs], [float(r[key]) for r in rs], "o-", label=case)
                else:
                    ax.axhline(float(rs[0][key]), ls="--", lw=1, label=f"{case} ({rs[0]['anode']})",
                               color=f"C{list(by_case(sub)).index(case)}")
        for j, y in enumerate(["Wh/kg", "Wh/L"]):
            axes[i][j].set_title(f"({next(tags)}) {load:g} mAh/cm$^2$")
            axes[i][j].set_xlabel("Li foil thickness (µm)")
            axes[i][j].set_ylabel(f"energy density ({y})")
            axes[i][j].grid(alpha=0.3)
    axes[0][0].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "fig2_b-e_vs_li_thickness.png"), dpi=150)
    plt.close(fig)


def plot_breakdown(rows, out):
    lcol, fcol = column(rows, "loading"), column(rows, "foil")
    load = min(float(r[lcol]) for r in rows)
    foil_cases = {c: rs for c, rs in by_case(rows).items() if rs[0]["anode"] == "foil"}
    if not foil_cases:
        return
    fig, axes = plt.subplots(len(foil_cases), 2, figsize=(10, 3.6 * len(foil_cases)), squeeze=False)
    for i, (case, rs) in enumerate(foil_cases.items()):
        rs = [r for r in rs if float(r[lcol]) == load]
        x = [float(r[fcol]) for r in rs]
        for j, kind in enumerate(["mass", "volume"]):
            ax = axes[i][j]
            bottom = [0.0] * len(x)
            for comp in COMPONENTS:
                if kind == "volume" and comp == "electrolyte":
                    continue  # inside the pores of the layers: already part of their volume
                y = [100 * float(r[f"{comp}_{kind}_fraction"]) for r in rs]
                if max(y) == 0:
                    continue
                ax.bar(x, y, bottom=bottom, width=0.8 * (x[1] - x[0]) if len(x) > 1 else 5, label=comp)
                bottom = [b + v for b, v in zip(bottom, y)]
            ax.set_title(f"{case}: {kind} share, {load:g} mAh/cm$^2$")
            ax.set_xlabel("Li foil thickness (µm)")
            ax.set_ylabel(f"{kind} %")
        axes[i][0].legend(fontsize=7, loc="lower left")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "fig3_breakdown.png"), dpi=150)
    plt.close(fig)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--loading", help="cell_sweep.csv of a loading sweep (Fig. 2f,g)")
    p.add_argument("--thickness", help="cell_sweep.csv of a loading x foil sweep (Fig. 2b-e, Fig. 3)")
    p.add_argument("--out", default=".", help="folder for the PNGs")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    if a.loading:
        plot_vs_loading(read(a.loading), a.out)
    if a.thickness:
        rows = read(a.thickness)
        plot_vs_thickness(rows, a.out)
        plot_breakdown(rows, a.out)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Screenshot of an afsim run's current distribution: |current_density| (or reaction_current) with the
deposit outline (metal_fraction = 0.5 contour), at the last (or a chosen) output time.

With ParaView (Debian: apt-get install paraview; needs a display, or xvfb-run on a headless machine):
    pvpython postproc/paraview_current_distribution.py RUN_DIR [-o shot.png] [--field reaction_current]
    xvfb-run -a pvpython postproc/paraview_current_distribution.py RUN_DIR

Without ParaView the same picture is drawn headless with VTK's reader and matplotlib (Debian's
python3-vtk9, python3-matplotlib; 2-D runs, or the middle z-slice of 3-D runs):
    /usr/bin/python3 postproc/paraview_current_distribution.py RUN_DIR

Options: --time T (seconds; default: last output), --field NAME (default: current_density, falling back to
reaction_current), --contour-field NAME (default metal_fraction), --level V (default 0.5), --log (log
colour scale), --size W H (pixels), --backend auto|paraview|matplotlib (auto: ParaView when it can be
imported and DISPLAY is set, else matplotlib).
"""

import argparse
import os
import sys
import xml.etree.ElementTree as ET

DEFAULT_FIELDS = ["current_density", "reaction_current"]


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("run_dir", help="afsim run folder holding run.pvd (or the .pvd file itself)")
    ap.add_argument("-o", "--output", help="PNG to write (default RUN_DIR/current_distribution.png)")
    ap.add_argument("--field", help="cell field to colour by (default: current_density, else reaction_current)")
    ap.add_argument("--contour-field", default="metal_fraction")
    ap.add_argument("--level", type=float, default=0.5, help="contour value (default 0.5)")
    ap.add_argument("--time", type=float, help="output time in s (default: the last one)")
    ap.add_argument("--log", action="store_true", help="logarithmic colour scale")
    ap.add_argument("--size", type=int, nargs=2, default=[1400, 800], metavar=("W", "H"))
    ap.add_argument("--backend", choices=["auto", "paraview", "matplotlib"], default="auto")
    return ap.parse_args(argv)


def pvd_datasets(pvd):
    """[(time, absolute path)] from a .pvd collection, sorted by time."""
    root = ET.parse(pvd).getroot()
    out = []
    for ds in root.iter("DataSet"):
        out.append((float(ds.get("timestep", "0")), os.path.join(os.path.dirname(pvd), ds.get("file"))))
    if not out:
        raise SystemExit(f"error: {pvd} lists no data sets")
    return sorted(out)


def pick_time(datasets, want):
    if want is None:
        return datasets[-1]
    return min(datasets, key=lambda d: abs(d[0] - want))


# ---------------------------------------------------------------------------------------------------------
# ParaView (pvpython)
# ---------------------------------------------------------------------------------------------------------
def render_paraview(args, pvd, out):
    import paraview.simple as pv  # noqa: F401 (import fails outside pvpython)

    reader = pv.PVDReader(registrationName="run.pvd", FileName=pvd)
    reader.UpdatePipelineInformation()
    times = list(reader.TimestepValues) if reader.TimestepValues else [0.0]
    t = times[-1] if args.time is None else min(times, key=lambda x: abs(x - args.time))

    cell_arrays = list(reader.CellData.keys())
    point_arrays = list(reader.PointData.keys())
    field = choose_field(args.field, cell_arrays + point_arrays)
    # VTI fields are cell data: convert to point data for a smooth contour; colour the cells as written.
    c2p = pv.CellDatatoPointData(registrationName="point_data", Input=reader)
    view = pv.GetActiveViewOrCreate("RenderView")
    view.ViewSize = list(args.size)
    view.ViewTime = t
    view.OrientationAxesVisibility = 0
    view.Background = [1, 1, 1]
    try:
        view.UseColorPaletteForBackground = 0
    except AttributeError:
        pass

    display = pv.Show(reader, view)
    display.Representation = "Surface"
    assoc = "CELLS" if field in cell_arrays else "POINTS"
    n_comp = (reader.CellData if assoc == "CELLS" else reader.PointData)[field].GetNumberOfComponents()
    pv.ColorBy(display, (assoc, field, "Magnitude") if n_comp > 1 else (assoc, field))
    lut = pv.GetColorTransferFunction(field)
    lut.ApplyPreset("Inferno (matplotlib)", True)
    display.RescaleTransferFunctionToDataRange(False, True)
    if args.log:
        hi = max(abs(v) for v in lut.RGBPoints[0::4])
        lut.RescaleTransferFunction(hi * 1e-3, hi)  # three decades below the maximum
        lut.UseLogScale = 1
    display.SetScalarBarVisibility(view, True)
    bar = pv.GetScalarBar(lut, view)
    bar.Title = field + (" magnitude [A/m²]" if field == "current_density" else "")
    bar.ComponentTitle = ""
    bar.TitleColor = bar.LabelColor = [0, 0, 0]

    if args.contour_field in cell_arrays + point_arrays:
        contour = pv.Contour(registrationName="deposit_outline", Input=c2p)
        contour.ContourBy = ["POINTS", args.contour_field]
        contour.Isosurfaces = [args.level]
        cdisp = pv.Show(contour, view)
        pv.ColorBy(cdisp, None)
        cdisp.AmbientColor = cdisp.DiffuseColor = [0.1, 0.8, 1.0]
        cdisp.LineWidth = 3.0
    else:
        print(f"note: no '{args.contour_field}' field in {pvd}: no contour drawn")

    text = pv.Text(registrationName="time")
    text.Text = f"t = {t:.4g} s"
    tdisp = pv.Show(text, view)
    tdisp.Color = [0, 0, 0]
    tdisp.WindowLocation = "Upper Left Corner"

    # Fit the domain: 2-D parallel projection looking down z, scaled to the taller of height and
    # width/aspect, with room for the colour bar on the right.
    pv.Render(view)  # the first render resets the camera; set ours after it
    x0, x1, y0, y1, _, _ = reader.GetDataInformation().GetBounds()
    view.InteractionMode = "2D"
    view.CameraParallelProjection = 1
    cx, cy = 0.5 * (x0 + x1), 0.5 * (y0 + y1)
    view.CameraFocalPoint = [cx + 0.06 * (x1 - x0), cy, 0.0]
    view.CameraPosition = [cx + 0.06 * (x1 - x0), cy, 1.0]
    view.CameraViewUp = [0.0, 1.0, 0.0]
    aspect = args.size[0] / float(args.size[1])
    view.CameraParallelScale = 0.55 * max(y1 - y0, (x1 - x0) * 1.15 / aspect)
    pv.Render(view)
    pv.SaveScreenshot(out, view, ImageResolution=list(args.size), TransparentBackground=0)
    return t, field


def choose_field(requested, available):
    if requested:
        if requested not in available:
            raise SystemExit(f"error: no field '{requested}' in the run; fields: {', '.join(available)}")
        return requested
    for name in DEFAULT_FIELDS:
        if name in available:
            return name
    raise SystemExit(f"error: none of {', '.join(DEFAULT_FIELDS)} in the run (fields: {', '.join(available)}); "
                     "add current_density to output.fields in the deck, or pass --field")


# ---------------------------------------------------------------------------------------------------------
# VTK reader + matplotlib (headless fallback)
# ---------------------------------------------------------------------------------------------------------
def render_matplotlib(args, pvd, out):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.colors as mcolors
    import matplotlib.pyplot as plt
    import numpy as np
    from vtkmodules.util.numpy_support import vtk_to_numpy
    from vtkmodules.vtkIOXML import vtkXMLImageDataReader

    t, path = pick_time(pvd_datasets(pvd), args.time)
    reader = vtkXMLImageDataReader()
    reader.SetFileName(path)
    reader.Update()
    img = reader.GetOutput()
    cd, pd = img.GetCellData(), img.GetPointData()
    names = [cd.GetArrayName(i) for i in range(cd.GetNumberOfArrays())]
    pnames = [pd.GetArrayName(i) for i in range(pd.GetNumberOfArrays())]
    field = choose_field(args.field, names + pnames)

    dims = img.GetDimensions()  # points
    spacing, origin = img.GetSpacing(), img.GetOrigin()

    def grid_of(name):
        on_cells = name in names
        arr = vtk_to_numpy((cd if on_cells else pd).GetArray(name))
        n = [max(d - 1, 1) for d in dims] if on_cells else list(dims)
        arr = arr.reshape(n[2], n[1], n[0], -1)  # VTK order: x fastest
        if arr.shape[-1] > 1:
            arr = np.linalg.norm(arr, axis=-1)
        else:
            arr = arr[..., 0]
        return arr[arr.shape[0] // 2], on_cells  # 2-D: the only slice; 3-D: the middle z-slice

    values, on_cells = grid_of(field)
    ny, nx = values.shape
    um = 1e6  # axes in micrometres
    if on_cells:
        x = origin[0] + spacing[0] * np.arange(nx + 1)
        y = origin[1] + spacing[1] * np.arange(ny + 1)
    else:
        x = origin[0] + spacing[0] * (np.arange(nx + 1) - 0.5)
        y = origin[1] + spacing[1] * (np.arange(ny + 1) - 0.5)

    w, h = args.size
    fig, ax = plt.subplots(figsize=(w / 150, h / 150), dpi=150)
    positive = values[values > 0]
    norm = None
    if args.log and positive.size:
        norm = mcolors.LogNorm(vmin=max(positive.min(), positive.max() * 1e-6), vmax=positive.max())
    mesh = ax.pcolormesh(x * um, y * um, values, cmap="inferno", norm=norm, shading="flat")
    label = field + (" magnitude [A/m²]" if field == "current_density" else "")
    fig.colorbar(mesh, ax=ax, label=label, shrink=0.9)

    if args.contour_field in names + pnames:
        phi, phi_cells = grid_of(args.contour_field)
        cx = origin[0] + spacing[0] * (np.arange(phi.shape[1]) + (0.5 if phi_cells else 0.0))
        cy = origin[1] + spacing[1] * (np.arange(phi.shape[0]) + (0.5 if phi_cells else 0.0))
        if np.nanmin(phi) < args.level < np.nanmax(phi):
            ax.contour(cx * um, cy * um, phi, levels=[args.level], colors=["#19ccff"], linewidths=1.5)
    else:
        print(f"note: no '{args.contour_field}' field in {path}: no contour drawn")

    ax.set_aspect("equal")
    ax.set_xlabel("x [µm]")
    ax.set_ylabel("y [µm]")
    ax.set_title(f"{os.path.basename(os.path.dirname(os.path.abspath(pvd)))}   t = {t:.4g} s", fontsize="medium")
    fig.tight_layout()
    fig.savefig(out)
    return t, field


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    pvd = args.run_dir if args.run_dir.endswith(".pvd") else os.path.join(args.run_dir, "run.pvd")
    if not os.path.isfile(pvd):
        raise SystemExit(f"error: {pvd} not found (is {args.run_dir} an afsim run folder?)")
    out = args.output or os.path.join(os.path.dirname(pvd), "current_distribution.png")

    backend = args.backend
    if backend == "auto":
        # ParaView when it is importable and can open a display (Debian's build renders through X; under
        # xvfb-run DISPLAY is set); otherwise the headless VTK + matplotlib drawing.
        backend = "matplotlib"
        if os.environ.get("DISPLAY"):
            try:
                import paraview.simple  # noqa: F401
                backend = "paraview"
            except ImportError:
                pass
    render = render_paraview if backend == "paraview" else render_matplotlib
    t, field = render(args, pvd, out)
    print(f"wrote {out} ({field} at t = {t:.6g} s, {backend})")
    if backend == "paraview":
        # Debian's ParaView under xvfb-run can die in its GL context teardown (GLXBadContext) after the
        # screenshot is safely written; leave without running that teardown.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    return 0


if __name__ == "__main__":
    sys.exit(main())

# shellcheck shell=bash
# Shared by scripts/setup and scripts/test (source it; do not run it).
#
#   afsim_use_cuda_toolkit       put /usr/local/cuda/bin on PATH when it exists; sets AFSIM_HAVE_NVCC=0|1
#   afsim_required_packages      the Debian packages afsim needs (one per line)
#   afsim_missing_packages       those not installed (dpkg-query); empty output = nothing to do
#   afsim_install_missing        apt-get install the missing ones (as root, or via sudo); no-op when none
#   afsim_configure_build P      cmake --preset P && cmake --build --preset P (CI=1 adds -Werror)
#
# Environment knobs: AFSIM_JOBS (parallel build jobs, default 2), CI (warnings are errors when set).

AFSIM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export AFSIM_ROOT

afsim_log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
afsim_note() { printf '    %s\n' "$*"; }
afsim_die() {
  printf '\033[1;31merror:\033[0m %s\n' "$*" >&2
  exit 1
}

# Seconds since $1 (an earlier `date +%s`), as "1m23s".
afsim_elapsed() {
  local s=$(($(date +%s) - $1))
  printf '%dm%02ds' $((s / 60)) $((s % 60))
}

afsim_use_cuda_toolkit() {
  AFSIM_HAVE_NVCC=0
  if [[ -x /usr/local/cuda/bin/nvcc ]]; then
    case ":$PATH:" in
      *:/usr/local/cuda/bin:*) ;;
      *) export PATH="/usr/local/cuda/bin:$PATH" ;;
    esac
  fi
  if command -v nvcc >/dev/null 2>&1; then
    AFSIM_HAVE_NVCC=1
  fi
  export AFSIM_HAVE_NVCC
}

afsim_required_packages() {
  # Build tools and libraries (DESIGN.md §4).
  printf '%s\n' cmake ninja-build g++ pkg-config \
    libyaml-cpp-dev libvtk9-dev libhdf5-dev libgtest-dev libcli11-dev nlohmann-json3-dev zlib1g-dev
  # Post-processing (postproc/): Debian's python3 with its numpy/matplotlib/h5py/vtk.
  printf '%s\n' python3 python3-numpy python3-matplotlib python3-h5py python3-vtk9
  # Thrust ships with the CUDA toolkit (include/cccl); Debian's copy only when there is no toolkit.
  if [[ "${AFSIM_HAVE_NVCC:-0}" != 1 ]]; then
    printf '%s\n' libthrust-dev
  fi
}

afsim_missing_packages() {
  local pkg status
  while read -r pkg; do
    status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
    if [[ "$status" != installed ]]; then
      printf '%s\n' "$pkg"
    fi
  done < <(afsim_required_packages)
}

afsim_install_missing() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    afsim_note "dpkg-query not found (not Debian?): skipping package installation;"
    afsim_note "install the equivalents of: $(afsim_required_packages | tr '\n' ' ')"
    return 0
  fi
  local missing
  missing="$(afsim_missing_packages | tr '\n' ' ')"
  missing="${missing% }"
  if [[ -z "$missing" ]]; then
    afsim_note "all required Debian packages are installed"
    return 0
  fi
  afsim_note "missing Debian packages: $missing"
  local -a as_root=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      as_root=(sudo)
    else
      afsim_die "not root and no sudo: install them yourself: apt-get install $missing"
    fi
  fi
  # shellcheck disable=SC2086  # word splitting of the package list is intended
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  # shellcheck disable=SC2086
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
  missing="$(afsim_missing_packages | tr '\n' ' ')"
  [[ -z "${missing// /}" ]] || afsim_die "still missing after apt-get install: ${missing% }"
}

# Configure and build one CMake preset (CMakePresets.json); warnings are errors when CI is set.
afsim_configure_build() {
  local preset="$1"
  local werror=ON
  case "${CI:-}" in "" | 0 | false | FALSE | no) werror=OFF ;; esac
  local jobs="${AFSIM_JOBS:-2}"
  local t0
  t0="$(date +%s)"
  cd "$AFSIM_ROOT" || return 1
  afsim_log "configure preset '$preset' (build/$preset, warnings as errors: $werror)"
  local log
  log="$(mktemp "${TMPDIR:-/tmp}/afsim-configure.XXXXXX")"
  if ! nice cmake --preset "$preset" -DAFSIM_WARNINGS_AS_ERRORS="$werror" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    afsim_die "cmake --preset $preset failed"
  fi
  grep -E '^-- afsim:' "$log" | sed 's/^-- /    /' || true
  mv -f "$log" "build/$preset/configure.log"
  afsim_log "build preset '$preset' (-j$jobs)"
  nice cmake --build --preset "$preset" -j "$jobs" || afsim_die "build of preset '$preset' failed"
  afsim_note "built build/$preset in $(afsim_elapsed "$t0")"
}

# The output folder a deck names in run.output (flow `run: {output: X}` or block style); falls back to
# out/<deck name>. A small awk reader, not a YAML parser: enough for the shipped decks.
afsim_deck_output() {
  local deck="$1" out
  out="$(awk '
    /^[A-Za-z_]/ { in_run = ($0 ~ /^run:/) }
    in_run && match($0, /output:[ \t]*[^,}# \t]+/) {
      v = substr($0, RSTART, RLENGTH); sub(/^output:[ \t]*/, "", v); gsub(/["\047]/, "", v); print v; exit
    }' "$deck")"
  [[ -n "$out" ]] || out="out/$(basename "$deck" .yaml)"
  printf '%s\n' "${out%/}"
}

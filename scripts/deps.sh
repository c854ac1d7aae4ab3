#!/bin/sh
# scripts/deps.sh - install the Debian packages rotaplan needs, if missing.
# Build: compiler, make, pkg-config, GLib, GSL, libcsv, GLPK (the roster's
# lower bound; the tests solve small exported models with it) and
# libxlsxwriter (the rota workbook, rota.xlsx).  Run time: tzdata
# (Europe/London rules), gnuplot (charts).
# Tests: chromium (the report is opened in a headless browser and printed
# to PDF), poppler-utils (pdfinfo counts the printed pages, pdftotext
# reads them), python3-openpyxl (the workbook is read back); clang and its runtime (the
# libFuzzer harnesses of tests/fuzz/, built by make check).
# Benchmarks: coinor-cbc (the roster's MIP model solved by CBC).
set -e
pkgs="build-essential pkg-config libglib2.0-dev libgsl-dev libcsv-dev libglpk-dev"
pkgs="$pkgs libxlsxwriter-dev tzdata gnuplot-nox chromium poppler-utils"
pkgs="$pkgs python3-openpyxl coinor-cbc clang libclang-rt-14-dev"
pkgs="$pkgs ${RP_EXTRA_PKGS:-}"
missing=""
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "rotaplan: missing packages:$missing (no apt-get here: install them by hand)" >&2
    exit 1
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y --no-install-recommends $missing >/dev/null; then
    $sudo apt-get update >/dev/null
    $sudo apt-get install -y --no-install-recommends $missing >/dev/null
fi

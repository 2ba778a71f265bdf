#!/bin/sh
# Installs what irisize needs to build and test on Debian 12 (bookworm), from Debian's
# archive only. Run as root (or with sudo available). Safe to run again: apt skips what is
# already installed. With --packaging, also what building and checking the Debian package
# needs (dpkg-dev for dpkg-shlibdeps, lintian). With --fuzzing, also clang 14 and libFuzzer
# for the `fuzz` preset and tests/fuzz/run.sh. (make is for GCC's link-time optimisation of
# the release build: without it each program's link generates its code on one core.)
set -eu

packages="g++ cmake ninja-build make pkg-config
  libboost-dev libeigen3-dev nlohmann-json3-dev libcli11-dev libfmt-dev catch2 libcsv-dev libxlsxwriter-dev zlib1g-dev libgoogle-perftools-dev
  qt6-base-dev libqt6opengl6-dev qt6-svg-dev qt6-charts-dev
  poppler-utils"

if [ "${1:-}" = "--packaging" ]; then
  packages="$packages dpkg-dev lintian file"
fi
if [ "${1:-}" = "--fuzzing" ]; then
  packages="$packages clang-14 libclang-rt-14-dev libfuzzer-14-dev"
fi

if [ "$(id -u)" -ne 0 ]; then
  exec sudo "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! dpkg-query -W -f='${Status}\n' $packages 2>/dev/null | grep -qv 'install ok installed' &&
   [ "$(dpkg-query -W -f='${Status}\n' $packages 2>/dev/null | wc -l)" -eq "$(echo $packages | wc -w)" ]; then
  echo "setup-debian: all build dependencies are installed"
  exit 0
fi
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $packages >/dev/null
echo "setup-debian: installed $(echo $packages | wc -w) packages"

#!/bin/sh
# Builds the Debian package and the tarball, checks them, installs the package into a
# scratch root (dpkg -x) and runs what was installed: irisize size on a bundled example and
# irisize-gui --screenshot offscreen. Needs dpkg-dev (dpkg-shlibdeps) and lintian.
set -eu
cd "$(dirname "$0")/../.."

cmake --preset release >/dev/null
cmake --build --preset release
(cd build/release && cpack -G "DEB;TGZ" >/dev/null)

deb=$(ls build/release/irisize_*.deb)
tgz=$(ls build/release/irisize-*.tar.gz)
echo "== $deb"
dpkg-deb -I "$deb"
dpkg-deb -I "$deb" | grep -q '^ Depends: .*libqt6' || { echo "install test: no Qt dependency found by shlibdeps" >&2; exit 1; }
dpkg-deb -I "$deb" | grep -q '^ Depends: .*libtcmalloc-minimal4' ||
  { echo "install test: the command line's allocator (libtcmalloc-minimal4) is not a dependency" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
for f in usr/bin/irisize usr/bin/irisize-gui usr/share/irisize/sizing.json usr/share/irisize/rules/aws-2025.json \
         usr/share/man/man1/irisize.1.gz usr/share/man/man1/irisize-gui.1.gz \
         usr/share/bash-completion/completions/irisize usr/share/applications/irisize-gui.desktop \
         usr/share/icons/hicolor/scalable/apps/irisize.svg usr/share/doc/irisize/copyright \
         usr/share/doc/irisize/changelog.Debian.gz usr/share/doc/irisize/examples/trakcare-regional-hospital.json; do
  test -e "$root/$f" || { echo "install test: $f is missing from the package" >&2; exit 1; }
done

# The installed programs find their installed data (no IRISIZE_DATA, no source tree).
unset IRISIZE_DATA
example="$root/usr/share/doc/irisize/examples/trakcare-regional-hospital.json"
"$root/usr/bin/irisize" --version
"$root/usr/bin/irisize" size "$example" > "$root/plan.txt"
grep -q 'Monthly cost \$' "$root/plan.txt" || { echo "install test: no plan from the installed irisize" >&2; exit 1; }
head -4 "$root/plan.txt"
# The customer report, headless (no display, no QT_QPA_PLATFORM): a PDF, an XLSX, Terraform.
env -u DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/irisize" size "$example" --format pdf -o "$root/plan.pdf"
head -c 5 "$root/plan.pdf" | grep -q '%PDF-' || { echo "install test: the installed irisize made no PDF" >&2; exit 1; }
"$root/usr/bin/irisize" size "$example" --format xlsx -o "$root/plan.xlsx"
"$root/usr/bin/irisize" size "$example" --format terraform -o "$root/terraform"
test -s "$root/terraform/storage.tf" || { echo "install test: no Terraform from the installed irisize" >&2; exit 1; }
echo "installed irisize wrote a $(stat -c %s "$root/plan.pdf")-byte PDF, an XLSX and $(ls "$root/terraform" | wc -l) Terraform files"
QT_QPA_PLATFORM=offscreen "$root/usr/bin/irisize-gui" --screenshot "$root/shot.png" --tab architecture "$example" 2>/dev/null
test -s "$root/shot.png" || { echo "install test: the installed irisize-gui made no screenshot" >&2; exit 1; }
echo "installed irisize-gui rendered $(stat -c %s "$root/shot.png") bytes of PNG"

echo "== $tgz"
tar -tzf "$tgz" | grep -q 'bin/irisize$' || { echo "install test: the tarball lacks bin/irisize" >&2; exit 1; }

echo "== lintian"
lintian --tag-display-limit 0 "$deb" > "$root/lintian.txt" 2>&1 || true
cat "$root/lintian.txt"
if grep -q '^E:' "$root/lintian.txt"; then
  echo "install test: lintian reports errors" >&2
  exit 1
fi
echo "install test: passed"

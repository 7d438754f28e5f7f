#!/usr/bin/env bash
# Unpacks every .deb file of a folder into a prefix and nothing more: no dpkg database, no
# maintainer scripts, nothing written outside the prefix. The packages' CMake
# configurations compute their paths from where they lie, so CMAKE_PREFIX_PATH=PREFIX/usr
# finds them there (scripts/gpu-check.sh --deps-from).
#
#   scripts/unpack-debs.sh DIR PREFIX
set -euo pipefail

case ${1:-} in
  -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
if (($# != 2)); then
  echo "unpack-debs.sh: needs DIR and PREFIX (see --help)" >&2
  exit 2
fi
dir=$1 prefix=$2
shopt -s nullglob
debs=("$dir"/*.deb)
if ((${#debs[@]} == 0)); then
  echo "unpack-debs.sh: no .deb files in '$dir'" >&2
  exit 2
fi
mkdir -p "$prefix"
for deb in "${debs[@]}"; do
  if command -v dpkg-deb >/dev/null; then
    dpkg-deb -x "$deb" "$prefix"
  else
    # A .deb is an ar archive whose data.tar.* member holds the files.
    member=$(ar t "$deb" | grep '^data\.tar') || {
      echo "unpack-debs.sh: '$deb' has no data.tar member" >&2
      exit 1
    }
    case $member in
      *.xz) z=-J ;; *.gz) z=-z ;; *.zst) z=--zstd ;; *.bz2) z=-j ;; *) z= ;;
    esac
    ar p "$deb" "$member" | tar -x $z -f - -C "$prefix" ||
      { echo "unpack-debs.sh: cannot unpack '$deb'" >&2; exit 1; }
  fi
  echo "unpack-debs.sh: $(basename "$deb")"
done
echo "unpack-debs.sh: ${#debs[@]} packages in $prefix; CMAKE_PREFIX_PATH=$prefix/usr"

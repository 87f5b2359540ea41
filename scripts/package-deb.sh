#!/usr/bin/env bash
# Builds govbuy for Linux amd64 and arm64 against glibc 2.28 (zig cc, see
# scripts/zig.sh), checks each binary, and writes dist/govbuy_VERSION_ARCH.deb:
# /opt/govbuy/govbuy, /usr/bin/govbuy, a desktop entry and the icon.
# Checks: no glibc symbol version above 2.28; `file` names the architecture;
# version, demo and report --pdf run (arm64 under qemu-aarch64-static) and
# the two PDFs hold the same text.
#   scripts/package-deb.sh VERSION [LDFLAGS] [TAGS]
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?version, e.g. 0.1.0}
ldflags=${2:-}
tags=${3:-migrated_fynedo,no_emoji}
zig=$(scripts/zig.sh)
glibc_floor=2.28
maintainer=${DEB_MAINTAINER:-"$(git config user.name || echo govbuy) <$(git config user.email || echo govbuy@localhost)>"}

declare -A triple=([amd64]=x86_64-linux-gnu [arm64]=aarch64-linux-gnu)
declare -A filesays=([amd64]="x86-64" [arm64]="ARM aarch64")

# Libraries the binary names (ELF NEEDED) → the Debian package holding them.
declare -A package_of=(
  [libc.so.6]="libc6 (>= $glibc_floor)" [libm.so.6]="libc6 (>= $glibc_floor)"
  [libpthread.so.0]="libc6 (>= $glibc_floor)" [libdl.so.2]="libc6 (>= $glibc_floor)"
  [librt.so.1]="libc6 (>= $glibc_floor)" [libresolv.so.2]="libc6 (>= $glibc_floor)"
  [ld-linux-x86-64.so.2]="libc6 (>= $glibc_floor)" [ld-linux-aarch64.so.1]="libc6 (>= $glibc_floor)"
  [libGL.so.1]=libgl1 [libGLESv2.so.2]=libgles2 [libEGL.so.1]=libegl1 [libX11.so.6]=libx11-6
  [libXcursor.so.1]=libxcursor1 [libXrandr.so.2]=libxrandr2 [libXinerama.so.1]=libxinerama1
  [libXi.so.6]=libxi6 [libXxf86vm.so.1]=libxxf86vm1 [libXext.so.6]=libxext6
)
# GLFW opens these with dlopen, so no NEEDED entry names them.
dlopened="libx11-6, libx11-xcb1, libxcursor1, libxrandr2, libxinerama1, libxi6, libxxf86vm1, libxrender1, libxext6, libgl1, libegl1"

build() { # arch → build/linux-ARCH/govbuy
  local arch=$1 t=${triple[$1]}
  mkdir -p "build/linux-$arch"
  CGO_ENABLED=1 GOOS=linux GOARCH=$arch \
    CC="$zig cc -target $t.$glibc_floor -idirafter /usr/include -idirafter /usr/include/$t -L/usr/lib/$t" \
    go build -trimpath -tags "$tags" -ldflags "$ldflags" -o "build/linux-$arch/govbuy" ./cmd/govbuy
}

check_binary() { # arch bin
  local arch=$1 bin=$2 newest
  file -b "$bin" | grep -q "${filesays[$arch]}" || { echo "$bin: $(file -b "$bin")" >&2; return 1; }
  newest=$(readelf -W --dyn-syms "$bin" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n1)
  if [ "$(printf '%s\n%s\n' "$newest" "$glibc_floor" | sort -V | tail -n1)" != "$glibc_floor" ]; then
    echo "$bin needs GLIBC_$newest, above the floor $glibc_floor" >&2
    return 1
  fi
  echo "$arch: $(file -b "$bin" | cut -d, -f1-2); newest glibc symbol GLIBC_$newest"
}

depends() { # bin → the Depends line
  local lib deps=()
  for lib in $(readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    [ -n "${package_of[$lib]:-}" ] || { echo "$1 needs $lib: add its package to package-deb.sh" >&2; return 1; }
    deps+=("${package_of[$lib]}")
  done
  printf '%s\n' "${deps[@]}" ${dlopened//, / } | sort -u | paste -sd, | sed 's/,/, /g'
}

run_checks() { # arch bin work → the report's text in work/ARCH.txt
  local arch=$1 bin=$2 work=$3 runner=()
  [ "$arch" = arm64 ] && runner=(env QEMU_LD_PREFIX=/ qemu-aarch64-static)
  "${runner[@]}" "$bin" version
  "${runner[@]}" "$bin" --db "$work/$arch.db" demo
  "${runner[@]}" "$bin" --db "$work/$arch.db" report --year 2024 --pdf "$work/$arch.pdf"
  pdftotext -layout "$work/$arch.pdf" "$work/$arch.txt"
}

assemble() { # arch bin
  local arch=$1 bin=$2 root
  root=$(mktemp -d)
  install -D -m 0755 "$bin" "$root/opt/govbuy/govbuy"
  mkdir -p "$root/usr/bin"
  ln -s ../../opt/govbuy/govbuy "$root/usr/bin/govbuy"
  install -D -m 0644 packaging/linux/govbuy.desktop "$root/usr/share/applications/govbuy.desktop"
  install -D -m 0644 assets/icon.png "$root/usr/share/icons/hicolor/256x256/apps/govbuy.png"
  install -D -m 0644 assets/fonts/OFL.txt "$root/usr/share/doc/govbuy/copyright"
  mkdir -p "$root/DEBIAN"
  sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$maintainer|" \
    -e "s|@SIZE@|$(du -sk --exclude=DEBIAN "$root" | cut -f1)|" -e "s|@DEPENDS@|$(depends "$bin")|" \
    packaging/linux/control.in >"$root/DEBIAN/control"
  chmod -R u=rwX,go=rX "$root"
  mkdir -p dist
  dpkg-deb --root-owner-group -Zxz --build "$root" "dist/govbuy_${version}_${arch}.deb" >/dev/null
  rm -rf "$root"
  echo "dist/govbuy_${version}_${arch}.deb"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for arch in amd64 arm64; do
  build "$arch"
  check_binary "$arch" "build/linux-$arch/govbuy"
  run_checks "$arch" "build/linux-$arch/govbuy" "$work"
done
if ! diff -q "$work/amd64.txt" "$work/arm64.txt" >/dev/null; then
  echo "the arm64 report's text differs from the amd64 one:" >&2
  diff "$work/amd64.txt" "$work/arm64.txt" | head -20 >&2
  exit 1
fi
echo "report --year 2024 --pdf: same text on amd64 and arm64 ($(wc -l <"$work/amd64.txt") lines)"
for arch in amd64 arm64; do
  assemble "$arch" "build/linux-$arch/govbuy"
done

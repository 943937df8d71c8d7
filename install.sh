#!/bin/sh
# Installs kots (and the kubectl plugin link kubectl-kots):
#
#   curl -fsSL https://kots-tui.dev/install.sh | bash
#
# It picks the binary for this OS and CPU (linux or darwin, amd64 or arm64), downloads it and
# SHA256SUMS from the release location, checks the checksum before anything is written to the
# install directory, and installs into /usr/local/bin as root or ~/.local/bin otherwise.
#
# Environment:
#   KOTS_INSTALL_BASE_URL  where kots-<os>-<arch> and SHA256SUMS are (a mirror, a test server);
#                          default https://kots-tui.dev/releases/latest
#   KOTS_INSTALL_DIR       install here instead of /usr/local/bin or ~/.local/bin
#
# POSIX sh; needs curl or wget, and sha256sum or shasum. Never reads stdin (under `curl | bash`
# stdin is this script). Any failure: one line on stderr, exit 1, nothing left behind.
set -eu

DEFAULT_BASE_URL="https://kots-tui.dev/releases/latest"
BASE_URL="${KOTS_INSTALL_BASE_URL:-$DEFAULT_BASE_URL}"
BASE_URL="${BASE_URL%/}"

fail() {
  printf 'kots install: %s\n' "$1" >&2
  exit 1
}

# --- platform -------------------------------------------------------------------------------
os=$(uname -s 2>/dev/null || echo unknown)
arch=$(uname -m 2>/dev/null || echo unknown)
case "$os" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) fail "unsupported platform: $os $arch (kots is built for linux and darwin on amd64 and arm64)" ;;
esac
case "$arch" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) fail "unsupported platform: $os $arch (kots is built for linux and darwin on amd64 and arm64)" ;;
esac
# An x64 shell under Rosetta on Apple silicon: the native build runs better.
if [ "$os" = darwin ] && [ "$arch" = x64 ] && [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || echo 0)" = 1 ]; then
  arch=arm64
fi
asset="kots-$os-$arch"

# --- a temporary directory for the downloads, removed on every exit ------------------------------
tmp=$(mktemp -d 2>/dev/null || mktemp -d -t kots-install) || fail "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- tools ----------------------------------------------------------------------------------
if command -v curl >/dev/null 2>&1; then
  fetch() { curl -fsSL --proto '=https,http' --retry 2 -o "$2" "$1" </dev/null 2>"$tmp/fetch.err"; }
elif command -v wget >/dev/null 2>&1; then
  fetch() { wget -nv -O "$2" "$1" </dev/null 2>"$tmp/fetch.err"; }
else
  fail "neither curl nor wget is installed: install one of them and run this again"
fi
if command -v sha256sum >/dev/null 2>&1; then
  sha256() { sha256sum "$1" | cut -d' ' -f1; }
elif command -v shasum >/dev/null 2>&1; then
  sha256() { shasum -a 256 "$1" | cut -d' ' -f1; }
else
  fail "neither sha256sum nor shasum is installed: install one of them (coreutils or perl) and run this again"
fi

# --- where ----------------------------------------------------------------------------------
if [ -n "${KOTS_INSTALL_DIR:-}" ]; then
  dir=$KOTS_INSTALL_DIR
  why="KOTS_INSTALL_DIR"
elif [ "$(id -u)" = 0 ]; then
  dir=/usr/local/bin
  why="running as root"
else
  [ -n "${HOME:-}" ] || fail "HOME is not set: set KOTS_INSTALL_DIR to the directory to install into"
  dir=$HOME/.local/bin
  why="not root"
fi

# --- download and verify ----------------------------------------------------------------------

# why a download failed: curl's or wget's own last line, if it said anything
reason() { r=$(tail -n 1 "$tmp/fetch.err" 2>/dev/null | sed 's/^curl: ([0-9]*) //'); [ -z "$r" ] || printf ': %s' "$r"; }
fetch "$BASE_URL/SHA256SUMS" "$tmp/SHA256SUMS" || fail "cannot download $BASE_URL/SHA256SUMS$(reason) (check the address and the network, or set KOTS_INSTALL_BASE_URL)"
want=$(awk -v f="$asset" '$2 == f || $2 == "*" f { print $1 }' "$tmp/SHA256SUMS")
[ -n "$want" ] || fail "SHA256SUMS at $BASE_URL has no entry for $asset: this release has no build for $os/$arch"
[ "$(printf '%s\n' "$want" | wc -l | tr -d ' ')" = 1 ] || fail "SHA256SUMS at $BASE_URL lists $asset more than once: refusing to guess"
fetch "$BASE_URL/$asset" "$tmp/kots" || fail "cannot download $BASE_URL/$asset$(reason) (check the address and the network, or set KOTS_INSTALL_BASE_URL)"
got=$(sha256 "$tmp/kots")
[ "$got" = "$want" ] || fail "checksum mismatch for $asset (SHA256SUMS says $want, the download is $got): nothing was installed"

# --- install: the binary next to its final place, then renamed over it (atomic) ----------------
mkdir -p "$dir" 2>/dev/null || fail "cannot create $dir: set KOTS_INSTALL_DIR to a directory you can write"
[ -w "$dir" ] || fail "cannot write to $dir: run as root, or set KOTS_INSTALL_DIR"
chmod 0755 "$tmp/kots"
cp "$tmp/kots" "$dir/.kots.new.$$" || fail "cannot write to $dir: run as root, or set KOTS_INSTALL_DIR"
mv -f "$dir/.kots.new.$$" "$dir/kots" || { rm -f "$dir/.kots.new.$$"; fail "cannot replace $dir/kots"; }
ln -sf kots "$dir/kubectl-kots" || fail "cannot create the link $dir/kubectl-kots"

printf 'installed kots into %s (%s): %s/kots and the kubectl plugin %s/kubectl-kots\n' "$dir" "$why" "$dir" "$dir"
# `kubectl kots` runs the first kubectl-kots on PATH: use kubectl only when that is this one.
first=$(command -v kubectl-kots 2>/dev/null || true)
if [ "$first" = "$dir/kubectl-kots" ] && command -v kubectl >/dev/null 2>&1; then
  printf '$ kubectl kots version\n'
  kubectl kots version </dev/null || fail "the installed kots does not run: kubectl kots version failed"
else
  printf '$ %s/kubectl-kots version\n' "$dir"
  "$dir/kubectl-kots" version </dev/null || fail "the installed kots does not run: $dir/kubectl-kots version failed"
  case ":${PATH:-}:" in
    *":$dir:"*) [ "$first" = "$dir/kubectl-kots" ] || printf 'note: another kubectl-kots comes first on your PATH (%s)\n' "$first" ;;
    *) printf 'note: %s is not on your PATH; add it (export PATH="%s:$PATH") to run kots and kubectl kots\n' "$dir" "$dir" ;;
  esac
fi

#!/usr/bin/env bash
# Installs what the end-to-end tests (test/e2e/) need beyond the project's own devDependencies,
# on a Debian 12 machine, as root. Safe to run again: each step is skipped when already done.
#
#   apt:  chromium (the browser that drives code-server), neovim (a second LSP client),
#         libkrb5-dev (kerberos headers for one of code-server's native modules),
#         ripgrep (stands in for the binary @vscode/ripgrep would download from GitHub)
#   npm:  code-server@4.100.3 (= VS Code 1.100.3, the newest release that runs on Node 20),
#         into $E2E_CACHE/code-server, outside the work tree and outside package.json
#
# Env: E2E_CACHE (default $HOME/.cache/kexec-layout-e2e), E2E_CODE_SERVER_VERSION (default 4.100.3).
# Prints the code-server binary's path on its last line as `code-server: PATH`.
# Any failed install exits non-zero.
set -euo pipefail

CACHE=${E2E_CACHE:-$HOME/.cache/kexec-layout-e2e}
CS_VERSION=${E2E_CODE_SERVER_VERSION:-4.100.3}
CS_PREFIX=$CACHE/code-server
CS_BIN=$CS_PREFIX/node_modules/.bin/code-server
APT_PACKAGES=(chromium neovim libkrb5-dev ripgrep)
LOGS=$CACHE/logs
T_START=$(date +%s)
mkdir -p "$LOGS"

say() { printf 'e2e-setup: %s\n' "$*"; }
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }
die() { say "FAILED: $*"; exit 1; }

# ---- Debian packages -----------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  say "apt: ${APT_PACKAGES[*]} already installed"
else
  [ "$(id -u)" = 0 ] || die "apt: need root to install ${missing[*]}"
  t=$(date +%s)
  say "apt: installing ${missing[*]} (log: $LOGS/apt.log)"
  apt-get update >"$LOGS/apt.log" 2>&1 || { tail -20 "$LOGS/apt.log"; die "apt-get update"; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${APT_PACKAGES[@]}" >>"$LOGS/apt.log" 2>&1 \
    || { tail -20 "$LOGS/apt.log"; die "apt-get install ${APT_PACKAGES[*]}"; }
  say "apt: done in $(elapsed "$t")"
fi
for tool in /usr/bin/chromium nvim rg; do command -v "$tool" >/dev/null || die "$tool not found after apt-get install"; done

# ---- code-server -----------------------------------------------------------------------------
installed_version() {
  node -p "require('$CS_PREFIX/node_modules/code-server/package.json').version" 2>/dev/null || true
}
if [ "$(installed_version)" = "$CS_VERSION" ] && [ -x "$CS_BIN" ]; then
  say "code-server $CS_VERSION already installed in $CS_PREFIX"
else
  # code-server's postinstall accepts exactly one Node major (4.100.x: Node 20).
  want=$(npm view "code-server@$CS_VERSION" engines.node 2>/dev/null || true)
  have=$(node -p 'process.versions.node.split(".")[0]')
  [ -z "$want" ] || [ "$want" = "$have" ] || die "code-server $CS_VERSION needs Node $want, this is $(node -v)"

  # @vscode/ripgrep@1.15.11 downloads rg from GitHub in its postinstall, unless the release asset
  # is already in its cache folder under the temp dir: put Debian's rg (also 13.0.0) there.
  rg_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  rg_asset="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -s "$rg_asset" ]; then
    rg_dir=$(mktemp -d)
    cp "$(command -v rg)" "$rg_dir/rg"
    mkdir -p "$rg_cache"
    tar czf "$rg_asset" -C "$rg_dir" rg
    rm -rf "$rg_dir"
    say "ripgrep: seeded $rg_asset from $(command -v rg)"
  fi

  t=$(date +%s)
  say "npm: installing code-server@$CS_VERSION into $CS_PREFIX (log: $LOGS/code-server-install.log)"
  rm -rf "$CS_PREFIX"
  mkdir -p "$CS_PREFIX"
  echo '{"private":true}' >"$CS_PREFIX/package.json"
  # npm_config_yes: node-pty's post-install runs `npx node-gyp`, which aborts without a TTY otherwise.
  # --unsafe-perm: code-server's postinstall refuses to run as root without it.
  if ! npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false \
      npm install --prefix "$CS_PREFIX" "code-server@$CS_VERSION" --unsafe-perm >"$LOGS/code-server-install.log" 2>&1; then
    tail -30 "$LOGS/code-server-install.log"
    die "npm install code-server@$CS_VERSION"
  fi
  say "npm: code-server installed in $(elapsed "$t") ($(du -sh "$CS_PREFIX" | cut -f1))"
fi

# --version with a throw-away config and data folder: code-server writes both even for --version.
scratch=$(mktemp -d) && : >"$scratch/config.yaml"
version_line=$(HOME=$scratch XDG_DATA_HOME=$scratch/data XDG_CONFIG_HOME=$scratch/config \
  "$CS_BIN" --config "$scratch/config.yaml" --version 2>/dev/null | head -1) || true
rm -rf "$scratch"
case "$version_line" in
  "$CS_VERSION "*) say "code-server --version: $version_line" ;;
  *) die "code-server does not run: '$version_line'" ;;
esac

say "done in $(elapsed "$T_START")"
echo "code-server: $CS_BIN"

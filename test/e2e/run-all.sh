#!/usr/bin/env bash
# Every end-to-end suite, in order: setup (tools installed), package (.vsix), extension-host
# (mocha inside VS Code's extension host), extension-host-restricted (the same host with the
# workspace untrusted: Restricted Mode's import confinement), ui (code-server in chromium), web (the
# extension's browser entry in code-server's web worker extension host), neovim (LSP over stdio).
# Prints `SUITE: N passed, M failed (T s)` per suite and a closing `N passed, M failed` line;
# exits non-zero when anything failed, including a missing tool.
#
#   bash test/e2e/run-all.sh            # from the repository root, after npm ci
#   E2E_SUITES="ui neovim" bash test/e2e/run-all.sh
#
# Logs: test-output/e2e/logs/<suite>.log; screenshots: test-output/e2e/*.png.
# Env: E2E_SUITES (subset, space-separated), E2E_CACHE (tool cache, see .ci/e2e-setup.sh),
#      E2E_EXTENSION_PATH (another build of the extension to test).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
cd "$REPO" || exit 2
LOGS=$REPO/test-output/e2e/logs
mkdir -p "$LOGS"
SUITES=${E2E_SUITES:-setup package extension-host extension-host-restricted ui web neovim}
SUITE_TIMEOUT=${E2E_SUITE_TIMEOUT:-300}
TOTAL_PASS=0 TOTAL_FAIL=0
SUMMARY=()

setup_checks() {
  local pass=0 fail=0
  check() { if "${@:2}" >/dev/null 2>&1; then pass=$((pass+1)); echo "PASS setup: $1"; else fail=$((fail+1)); echo "FAIL setup: $1"; fi; }
  local cs
  if out=$(bash "$REPO/.ci/e2e-setup.sh" 2>&1); then
    echo "$out"; pass=$((pass+1)); echo "PASS setup: .ci/e2e-setup.sh"
    cs=$(echo "$out" | sed -n 's/^code-server: //p' | tail -1)
  else
    echo "$out"; fail=$((fail+1)); echo "FAIL setup: .ci/e2e-setup.sh"
  fi
  check "code-server installed" test -x "${cs:-/nonexistent}"
  check "chromium installed" test -x "${E2E_CHROMIUM:-/usr/bin/chromium}"
  check "neovim installed" command -v nvim
  for m in playwright-core mocha @vscode/test-electron @vscode/vsce; do
    check "node_modules/$m (npm ci)" test -f "$REPO/node_modules/$m/package.json"
  done
  echo "setup: $pass passed, $fail failed"
}

run_suite() {
  local name=$1; shift
  local log=$LOGS/$name.log t0=$SECONDS line pass fail
  echo
  echo "######## $name"
  "$@" 2>&1 | tee "$log"
  line=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed" "$log" | tail -1)
  if [ -n "$line" ]; then
    pass=$(sed -E 's/^[^:]+: ([0-9]+) passed.*/\1/' <<<"$line")
    fail=$(sed -E 's/^[^:]+: [0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$line")
  else
    pass=0 fail=1 # crashed or timed out before its summary line
  fi
  [ "$pass" -gt 0 ] || [ "$fail" -gt 0 ] || fail=1 # a suite that ran nothing has failed
  TOTAL_PASS=$((TOTAL_PASS + pass)) TOTAL_FAIL=$((TOTAL_FAIL + fail))
  SUMMARY+=("$(printf '%s: %d passed, %d failed (%d s)' "${name^^}" "$pass" "$fail" $((SECONDS - t0)))")
}

for suite in $SUITES; do
  case $suite in
    setup) run_suite setup setup_checks ;;
    package) run_suite package timeout "$SUITE_TIMEOUT" node "$HERE/package.js" ;;
    extension-host) run_suite extension-host timeout "$SUITE_TIMEOUT" node "$HERE/runExtensionTests.js" ;;
    extension-host-restricted) run_suite extension-host-restricted env E2E_WORKSPACE_TRUST=1 timeout "$SUITE_TIMEOUT" node "$HERE/runExtensionTests.js" ;;
    ui) run_suite ui timeout "$SUITE_TIMEOUT" node "$HERE/ui.js" ;;
    web) run_suite web timeout "$SUITE_TIMEOUT" node "$HERE/web.js" ;;
    neovim) run_suite neovim timeout "$SUITE_TIMEOUT" node "$HERE/nvim.js" ;;
    *) echo "unknown suite $suite"; TOTAL_FAIL=$((TOTAL_FAIL + 1)) ;;
  esac
done

echo
echo "######## end-to-end summary ($SECONDS s)"
printf '%s\n' "${SUMMARY[@]}"
echo "$TOTAL_PASS passed, $TOTAL_FAIL failed"
[ "$TOTAL_FAIL" -eq 0 ] && [ "$TOTAL_PASS" -gt 0 ]

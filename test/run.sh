#!/usr/bin/env bash
# npm test: build, then every suite — unit, LSP and webview (node:test), layer lint (ESLint), grammar
# (vscode-tmgrammar-test), end to end (VS Code via code-server, Neovim). Prints each suite's
# counts and a closing `N passed, M failed` line; exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
OUT=test-output
mkdir -p "$OUT"
PASS=0 FAIL=0
LINES=()

count() { # suite name, pass, fail, seconds
  PASS=$((PASS + $2)) FAIL=$((FAIL + $3))
  LINES+=("$(printf '%s: %d passed, %d failed (%d s)' "$1" "$2" "$3" "$4")")
}

t0=$SECONDS
if ! { node esbuild.mjs && npx tsc -p . && npx tsc -p common; }; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi
count BUILD 1 0 $((SECONDS - t0))

t0=$SECONDS
node --test --test-reporter=spec out/test/unit/ out/test/lsp/ out/test/webview/ 2>&1 | tee "$OUT/node-test.log"
p=$(grep -E '^ℹ pass [0-9]+' "$OUT/node-test.log" | tail -1 | grep -oE '[0-9]+$')
f=$(grep -E '^ℹ fail [0-9]+' "$OUT/node-test.log" | tail -1 | grep -oE '[0-9]+$')
[ -n "$p" ] || { p=0; f=1; }
count "UNIT+LSP+WEBVIEW" "$p" "${f:-1}" $((SECONDS - t0))

t0=$SECONDS
# Layer rules (eslint.config.mjs): one pass per file without an error, one failure per file with.
npx eslint -f json . > "$OUT/eslint.json" 2> "$OUT/eslint.err"
npx eslint . 2>&1 | tail -40
read -r p f < <(node -e 'try { const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const bad = r.filter((x) => x.errorCount > 0).length; console.log(r.length - bad, bad); } catch { console.log(0, 1); }' "$OUT/eslint.json")
count LINT "${p:-0}" "${f:-1}" $((SECONDS - t0))

t0=$SECONDS
npx vscode-tmgrammar-test -g syntaxes/kexec-layout.tmLanguage.json 'test/grammar/*.kexec' 2>&1 | tee "$OUT/grammar.log"
rc=${PIPESTATUS[0]}
p=$(grep -c 'run successfuly' "$OUT/grammar.log")
f=$(( $(grep -c '\.kexec' "$OUT/grammar.log") - p ))
[ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || f=1
count GRAMMAR "$p" "$f" $((SECONDS - t0))

t0=$SECONDS
bash test/e2e/run-all.sh 2>&1 | tee "$OUT/e2e.log"
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$OUT/e2e.log" | tail -1)
if [ -n "$line" ]; then count E2E "${line%% *}" "$(sed -E 's/.* ([0-9]+) failed/\1/' <<<"$line")" $((SECONDS - t0)); else count E2E 0 1 $((SECONDS - t0)); fi

echo
echo "######## npm test summary"
printf '%s\n' "${LINES[@]}"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]

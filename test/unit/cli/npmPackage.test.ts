// The npm package: `npm pack` (its prepack build) on a copy of the tree, the tarball installed
// into a temporary prefix with no network, then `kexec-layout` and `kexec-layout-server --stdio`
// run from that prefix, as a user of another editor or a CI job would.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers';
import { sarifJson } from './validate';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kexec-npm-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;

// npm run by `npm test` passes its own settings down; the child npm must use only ours.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const npm = (args: string[], cwd: string) => spawnSync('npm', args, { cwd, env, encoding: 'utf8', timeout: 180_000 });

/** Packs a copy (so the shared dist/ is not rebuilt under other runs) and installs it. */
function install(): { prefix: string; bin: string; pkgDir: string; tarball: string } {
  const copy = path.join(tmp, 'src');
  const skip = new Set(['node_modules', 'out', 'dist', '.git', 'test-output']);
  const options = {
    recursive: true,
    force: true,
    filter: (src: string) => {
      const rel = path.relative(ROOT, src);
      return !skip.has(rel.split(path.sep)[0]) && !/\.(vsix|tgz)$/.test(rel);
    },
  };
  // In a working tree that other processes edit, a file can vanish mid-copy: try once more.
  try { fs.cpSync(ROOT, copy, options); } catch { fs.rmSync(copy, { recursive: true, force: true }); fs.cpSync(ROOT, copy, options); }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  const packed = npm(['pack', '--silent', '--pack-destination', tmp], copy);
  assert.equal(packed.status, 0, packed.stderr);
  const tarball = path.join(tmp, packed.stdout.trim().split('\n').pop()!);
  assert.ok(fs.existsSync(tarball), packed.stdout);
  const prefix = path.join(tmp, 'prefix');
  const inst = npm(['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--cache', path.join(tmp, 'cache'), tarball], tmp);
  assert.equal(inst.status, 0, inst.stderr);
  return { prefix, bin: path.join(prefix, 'bin'), pkgDir: path.join(prefix, 'lib', 'node_modules', 'kexec-layout'), tarball };
}

function lspMessage(body: object): string {
  const json = JSON.stringify(body);
  return `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`;
}

/** Starts the server, sends initialize, resolves with the first framed answer's body. */
function initialize(server: string): Promise<{ id: number; result?: { capabilities?: Record<string, unknown>; serverInfo?: { name: string } } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(server, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => { child.kill(); reject(new Error('no answer to initialize in 20 s')); }, 20_000);
    child.on('error', reject);
    child.stdout.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const head = buf.indexOf('\r\n\r\n');
      if (head < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString())?.[1]);
      if (buf.length < head + 4 + len) return;
      clearTimeout(timer);
      const msg = JSON.parse(buf.subarray(head + 4, head + 4 + len).toString('utf8'));
      child.stdin.write(lspMessage({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
      child.stdin.end(lspMessage({ jsonrpc: '2.0', method: 'exit' }));
      child.on('exit', () => resolve(msg));
    });
    child.stdin.write(lspMessage({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } }));
  });
}

test('npm pack → install -g into a clean prefix → kexec-layout and kexec-layout-server run', async () => {
  const { bin, pkgDir, tarball } = install();
  // the tarball holds the bundles and data, not sources, tests or source maps
  const listed = spawnSync('tar', ['tzf', tarball], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  for (const f of ['package/dist/server/cli.js', 'package/dist/server/server.js', 'package/dist/webview/memoryMap.js', 'package/schemas/check-output.schema.json', 'package/docs/diagnostics.md', 'package/LICENSE']) {
    assert.ok(listed.includes(f), `${f} missing from the tarball`);
  }
  assert.deepEqual(listed.filter((f) => /\.(ts|map)$|^package\/(test|server|client|common|bench|node_modules)\//.test(f)), []);
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  assert.equal(pkg.private, undefined);

  const cli = path.join(bin, 'kexec-layout');
  const run = (args: string[]) => spawnSync(cli, args, { cwd: pkgDir, encoding: 'utf8', env });
  assert.equal(run(['--version']).stdout, `kexec-layout ${VERSION}\n`);
  const text = run(['check', 'examples/acpi-and-overlap.kexec']);
  assert.equal(text.status, 1, text.stderr);
  assert.match(text.stdout, /^examples\/acpi-and-overlap\.kexec:18:9: error: .*\[kexec\/overlap\]$/m);
  assert.equal(run(['check', 'examples/kdump-crashkernel.kexec']).status, 0);
  const sarif = sarifJson(run(['check', '--format', 'sarif', 'examples/acpi-and-overlap.kexec']).stdout);
  assert.equal(sarif.runs[0].tool.driver.version, VERSION);
  const html = path.join(tmp, 'map.html');
  const map = run(['map', 'examples/kdump-crashkernel.kexec', '--out', html]);
  assert.equal(map.status, 0, map.stderr);
  assert.match(fs.readFileSync(html, 'utf8'), /<svg|<script/);

  const init = await initialize(path.join(bin, 'kexec-layout-server'));
  assert.equal(init.id, 1);
  assert.ok(init.result?.capabilities?.textDocumentSync !== undefined, JSON.stringify(init));
});

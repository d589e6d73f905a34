// `kexec-layout plan`: a real bzImage header, a 64 MiB initrd and the TDX example map, both
// syscalls side by side: both placements and both outcomes are printed, in text and JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../../server/src/node/cli';
import { ROOT } from '../helpers';
import { sarifJson } from '../cli/validate';

async function run(argv: string[]) {
  let out = '', err = '';
  const code = await main(argv, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}
const HDR = path.join(ROOT, 'test/fixtures/bzimage/debian-6.1.0-50-cloud-amd64.hdr');

test('plan --syscall both on the TDX 6.13 map: both loaders, the initrd in unaccepted memory, fatal on 6.13', async () => {
  const r = await run(['plan', '--kernel-image', HDR, '--initrd-size', '64M', '--map', path.join(ROOT, 'examples/tdx-6.13-kexec-l-initrd.kexec'), '--syscall', 'both', '--format', 'json']);
  assert.equal(r.err, '');
  const j = JSON.parse(r.out);
  assert.deepEqual(j.plans.map((p: { syscall: string }) => p.syscall), ['kexec_load', 'kexec_file_load']);
  for (const p of j.plans) {
    const initrd = p.segments.find((s: { name: string }) => s.name === 'initrd');
    assert.ok(initrd.mem, 'initrd placed');
    assert.match(initrd.loader, /initrd/);
    assert.equal(initrd.constraints.direction, 'top-down');
    assert.equal(p.outcome.load, 'ok');
    assert.equal(p.outcome.jump, 'fatal');
    assert.ok(p.diagnostics.some((d: { code: string; segment?: string }) => d.code === 'accept/unaccepted-destination' && d.segment === 'initrd'));
  }
  assert.equal(r.code, 1);
  const text = await run(['plan', '--kernel-image', HDR, '--initrd-size', '64M', '--map', path.join(ROOT, 'examples/tdx-6.13-kexec-l-initrd.kexec'), '--syscall', 'both']);
  assert.match(text.out, /^kexec_load \(kexec-tools/m);
  assert.match(text.out, /^kexec_file_load \(the kernel/m);
  assert.equal((text.out.match(/outcome:/g) ?? []).length, 2);
});

test('plan on the 6.15 map: the same placement is accepted at load', async () => {
  const r = await run(['plan', '--kernel-image', HDR, '--initrd-size', '64M', '--map', path.join(ROOT, 'examples/tdx-6.15-kexec-l-initrd.kexec'), '--syscall', 'kexec_load', '--format', 'json']);
  const j = JSON.parse(r.out);
  assert.equal(j.plans[0].outcome.jump, 'ok');
  assert.equal(r.code, 0);
});

test('plan: usage errors name the option', async () => {
  const r = await run(['plan', '--initrd-size', 'lots', '--init-size', '4M', '--map', 'x.kexec']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--initrd-size/);
  const none = await run(["plan", "--map", "x.kexec"]);
  assert.equal(none.code, 2);
  assert.match(none.err, /--kernel-image/);
});

test('plan --format sarif: valid SARIF 2.1.0, each finding a result located in the map and tagged with its syscall, both outcomes as run properties', async () => {
  const map = path.join(ROOT, 'examples/tdx-6.13-kexec-l-initrd.kexec');
  const r = await run(['plan', '--kernel-image', HDR, '--initrd-size', '64M', '--map', map, '--syscall', 'both', '--format', 'sarif']);
  assert.equal(r.code, 1, r.err);
  const sarif = sarifJson(r.out);
  const run0 = sarif.runs[0];
  const json = JSON.parse((await run(['plan', '--kernel-image', HDR, '--initrd-size', '64M', '--map', map, '--syscall', 'both', '--format', 'json'])).out);
  const want = json.plans.flatMap((p: { syscall: string; diagnostics: { code: string }[] }) => p.diagnostics.map((d) => `${p.syscall} ${d.code}`));
  assert.deepEqual(run0.results.map((x: { ruleId: string; properties: { syscall: string } }) => `${x.properties.syscall} ${x.ruleId}`), want);
  const initrd = run0.results.find((x: { ruleId: string; properties: { segment?: string } }) => x.ruleId === 'accept/unaccepted-destination' && x.properties.segment === 'initrd');
  assert.equal(initrd.level, 'error');
  assert.match(initrd.locations[0].physicalLocation.artifactLocation.uri, /tdx-6\.13-kexec-l-initrd\.kexec$/);
  assert.deepEqual(run0.properties.outcomes.map((o: { syscall: string; load: string; jump: string }) => `${o.syscall} ${o.load} ${o.jump}`), ['kexec_load ok fatal', 'kexec_file_load ok fatal']);
});

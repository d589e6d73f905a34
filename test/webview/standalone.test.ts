import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonForScript, makeNonce, scriptText, toStandaloneHtml, toStandaloneSvg } from '../../common/src/render/standalone';
import { decodeCompactModel } from '../../common/src/render/compactModel';
import { loadFixtures, manyRegions } from './fixtures';

const xss = loadFixtures().find((f) => f.name === 'xss-overlap')!.model;

test('the page has a nonce CSP and embeds the model as inert JSON', () => {
  const html = toStandaloneHtml(xss, 'console.log("x")', 'abc123');
  assert.ok(html.includes(`content="default-src 'none'; script-src 'nonce-abc123'; style-src 'nonce-abc123'"`));
  assert.ok(html.includes('<style nonce="abc123">'));
  assert.ok(html.includes('<script nonce="abc123">console.log("x")</script>'));
  const m = /<script type="application\/json" id="model">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m, 'model block present');
  assert.ok(!m[1].includes('<'), 'no < inside the JSON block');
  assert.deepEqual(decodeCompactModel(JSON.parse(m[1])), xss, 'round-trips (compact form)');
  // The hostile label's </script> never appears raw: exactly the page's own two closing tags.
  assert.equal(html.split('</script>').length - 1, 2);
  assert.ok(html.includes('<title>Memory Map: xss-overlap.kexec</title>'));
});

test('JSON and script text cannot close their element', () => {
  assert.equal(jsonForScript({ a: '</script><!--' }), '{"a":"\\u003c/script>\\u003c!--"}');
  assert.equal(JSON.parse(jsonForScript({ a: '</script>\u2028' })).a, '</script>\u2028');
  assert.equal(scriptText('var s = "</script>"; // <!--'), 'var s = "<\\/script>"; // <\\!--');
});

test('nonces are fresh and safe for the CSP', () => {
  const a = makeNonce();
  assert.match(a, /^[0-9a-f]{32}$/);
  assert.notEqual(a, makeNonce());
  assert.throws(() => toStandaloneHtml(xss, '', "x' 'unsafe-inline"));
});

test('the standalone SVG is an XML document with escaped document text', () => {
  const svg = toStandaloneSvg(xss);
  assert.ok(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.ok(!svg.includes('<img') && !svg.includes('<script'));
  assert.ok(svg.includes('&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;'));
});

test('the page embeds the model once, compactly, and no per-item markup', () => {
  const model = manyRegions(10_000);
  const html = toStandaloneHtml(model, '/* script */\n//# sourceMappingURL=memoryMap.js.map\n', 'abc123');
  const raw = JSON.stringify(model.regions.map((r) => ({ start: r.start, end: r.end, type: r.type, ...(r.label !== undefined ? { label: r.label } : {}) })));
  assert.ok(html.length < raw.length, `page ${html.length} bytes, raw region JSON ${raw.length}`);
  assert.ok(!/<(svg|rect|g|tr|td|table)[\s>]/.test(html), 'no pre-rendered picture or table');
  assert.equal(html.split('block 4321').length - 1, 1, 'a label appears once');
  assert.ok(!html.includes('sourceMappingURL'), 'no source-map comment naming a file beside the bundle');
});

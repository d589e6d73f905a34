import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXml, serialize } from '../../common/src/render/serialize';
import { h } from '../../common/src/render/vnode';

test('text and attribute values escape all five XML specials', () => {
  const s = serialize(h('g', { 'data-name': `a<b>&"c'` }, [h('text', {}, [], `<img src=x onerror="alert('1')">&amp;`)]));
  assert.equal(s, '<g data-name="a&lt;b&gt;&amp;&quot;c&apos;"><text>&lt;img src=x onerror=&quot;alert(&apos;1&apos;)&quot;&gt;&amp;amp;</text></g>');
});

test('characters XML cannot hold are replaced, others kept', () => {
  assert.equal(escapeXml('a\u0000b\u0007c\td\ne\u00e9\u{1F600}'), 'a\uFFFDb\uFFFDc\td\ne\u00e9\u{1F600}');
  assert.equal(escapeXml('x\uD800y'), 'x\uFFFDy', 'a lone surrogate');
});

test('empty elements self-close; text comes before children', () => {
  assert.equal(serialize(h('svg', { width: 10 }, [h('rect', { x: 1.234 })])), '<svg width="10"><rect x="1.23"/></svg>');
  assert.equal(serialize(h('text', {}, [h('tspan', {}, [], 'b')], 'a')), '<text>a<tspan>b</tspan></text>');
  assert.equal(serialize(h('text', {}, [], '')), '<text></text>');
});

test('invalid tag or attribute names are refused, not written', () => {
  assert.throws(() => serialize(h('g onload=alert(1)')));
  assert.throws(() => serialize(h('g', { 'x"y': '1' })));
  assert.throws(() => serialize(h('g', { '': '1' })));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { minifyLitTemplates } from '../../../packages/elements/tools/lit-templates.mjs';

test('markup: a run of whitespace with a line break becomes one space; bindings and quoted text are kept', () => {
  const source = [
    'const view = html`',
    '  <div class="row">',
    '    <span title="two  spaces',
    '  kept">${name}</span>',
    '    <!-- a note for developers -->',
    '    ${value}',
    '  </div>',
    '`;',
  ].join('\n');
  assert.equal(
    minifyLitTemplates(source, 'x.ts'),
    'const view = html` <div class="row"> <span title="two  spaces\n  kept">${name}</span> ${value} </div> `;',
  );
});

test('css: comments go, whitespace goes where CSS ignores it, descendant combinators and strings stay', () => {
  const source = [
    'const styles = css`',
    '  /* tiles wrap on a narrow portal frame */',
    '  :host .tile > span :is(.a, .b) {',
    '    color: var(--stride-ink, #222);',
    "    content: ' > ';",
    '    margin: 0 ${gap}px;',
    '  }',
    '  @media (max-width: 480px) { .tile { padding: 4px; } }',
    '`;',
  ].join('\n');
  assert.equal(
    minifyLitTemplates(source, 'x.ts'),
    "const styles = css`:host .tile>span :is(.a,.b){color:var(--stride-ink,#222);content:' > ';margin:0 ${gap}px}@media (max-width:480px){.tile{padding:4px}}`;",
  );
});

test('leaves other template literals and files without templates alone', () => {
  assert.equal(minifyLitTemplates('const a = `x\n   y`;', 'x.ts'), null);
  const source = 'const a = sql`select\n   1`; const b = html`<p>\n  ok</p>`;';
  assert.equal(minifyLitTemplates(source, 'x.ts'), 'const a = sql`select\n   1`; const b = html`<p> ok</p>`;');
});

test('non-ASCII template text becomes escapes Lit reads back as the same characters, so a GBK host page cannot garble it', () => {
  const source = 'const view = html`<span title="名单 › ⚠">\\›${n}🔥\\\\›</span>`;';
  const out = minifyLitTemplates(source, 'x.ts');
  assert.ok(out !== null);
  assert.ok(
    [...out].every((char) => char.charCodeAt(0) < 0x80),
    'only ASCII is left',
  );
  // What a tag function receives (the cooked strings) is unchanged, emoji and an already-escaped character included.
  const cooked = (code: string): string[] =>
    runInNewContext(code.replace('const view = ', ''), { html: (s: TemplateStringsArray) => [...s], n: 1 }) as string[];
  assert.deepEqual(cooked(out), cooked(source));
  assert.deepEqual(cooked(out), ['<span title="名单 › ⚠">›', '🔥\\›</span>']);
});

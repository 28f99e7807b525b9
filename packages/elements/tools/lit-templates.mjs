// Minifies the static text of Lit's html``, svg`` and css`` templates at build time. esbuild and Rollup minify code,
// not the text inside template literals, so without this every widget ships its indentation and CSS comments.
// Only changes that keep the meaning: in markup, a run of whitespace containing a line break becomes one space (the
// browser collapses it to one space anyway; no template uses white-space: pre); in CSS, comments go and whitespace
// goes where the grammar ignores it. Quoted strings are left exactly as written.
// Every non-ASCII character of the template text becomes a JavaScript escape (the same character once the template is
// read), so the built files are pure ASCII: see `escapeNonAscii`.
import ts from 'typescript';

const QUOTED = /("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/;

function eachUnquoted(text, change) {
  return text
    .split(QUOTED)
    .map((piece, index) => (index % 2 === 1 ? piece : change(piece)))
    .join('');
}

function minifyMarkup(text) {
  return eachUnquoted(text.replace(/<!--(?!\s*lit)[\s\S]*?-->/g, ''), (piece) => piece.replace(/\s*\n\s*/g, ' '));
}

function minifyCss(text) {
  return eachUnquoted(text.replace(/\/\*[\s\S]*?\*\//g, ''), (piece) =>
    piece
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,>]) ?/g, '$1')
      .replace(/: /g, ':')
      .replace(/;}/g, '}'),
  );
}

/**
 * Writes each non-ASCII character as a `\u` escape. A classic `<script src>` is decoded in the host page's encoding
 * unless the server names a charset, and bank intranet pages are often GBK: UTF-8 labels and symbols (›, ⚠, emoji) would
 * turn into mojibake there. esbuild escapes ordinary strings itself (`charset: 'ascii'`) but must keep a tagged
 * template's raw text, so the templates are escaped here; Lit reads the cooked strings, which are unchanged.
 */
export function escapeNonAscii(text) {
  return text.replace(/(\\*)([\u0080-\u{10ffff}])/gu, (_, slashes, char) => {
    // `\›` already escapes the character (as itself): drop that backslash, keep any escaped backslashes before it.
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    const code = char.codePointAt(0);
    return `${kept}\\u${code > 0xffff ? `{${code.toString(16)}}` : code.toString(16).padStart(4, '0')}`;
  });
}

const MINIFIERS = { html: minifyMarkup, svg: minifyMarkup, css: minifyCss };

/** Returns the source with its Lit templates minified, or null when it has none. */
export function minifyLitTemplates(source, fileName) {
  if (!/\b(?:html|svg|css)`/.test(source)) return null;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text in MINIFIERS) {
      const minify = MINIFIERS[node.tag.text];
      const template = node.template;
      const literals = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      literals.forEach((literal, index) => {
        const closesWithBacktick = index === literals.length - 1;
        const start = literal.getStart(file) + 1;
        const end = literal.getEnd() - (closesWithBacktick ? 1 : 2);
        let text = escapeNonAscii(minify(source.slice(start, end)));
        if (node.tag.text === 'css') {
          if (index === 0) text = text.trimStart();
          if (closesWithBacktick) text = text.trimEnd();
        }
        edits.push({ start, end, text });
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (edits.length === 0) return null;
  let out = '';
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    out += source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + source.slice(at);
}

const SOURCE = /[\\/]packages[\\/](?:core|elements)[\\/]src[\\/].*\.ts$/;

/** Vite / Rollup plugin: runs before esbuild strips the types. */
export function litTemplatesPlugin() {
  return {
    name: 'stride-lit-templates',
    enforce: 'pre',
    transform(code, id) {
      if (!SOURCE.test(id)) return null;
      const out = minifyLitTemplates(code, id);
      return out === null ? null : { code: out, map: null };
    },
  };
}

/** esbuild plugin for the size report, so it measures what the build ships. */
export function litTemplatesEsbuildPlugin() {
  return {
    name: 'stride-lit-templates',
    setup(build) {
      build.onLoad({ filter: SOURCE }, async ({ path }) => {
        const { readFile } = await import('node:fs/promises');
        const source = await readFile(path, 'utf8');
        return { contents: minifyLitTemplates(source, path) ?? source, loader: 'ts' };
      });
    },
  };
}

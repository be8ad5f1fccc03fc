// Keeps the stylesheets as the split left them: each sheet beside the view that
// imports it, every selector defined in one place, no rule for a class nothing
// uses, and no literal colour where a token of app.css has that value.
// Runs from client-web/ (npm run test:unit).

import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { test } from 'node:test';

const src = join(process.cwd(), 'src');
if (!existsSync(join(src, 'app.css'))) throw new Error(`run from client-web/: no ${join(src, 'app.css')}`);

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}
const sheets = files(src, /\.css$/);
const sources = files(src, /\.tsx?$/).filter((f) => !f.includes(`${join('src', 'generated')}`));
const name = (f: string) => relative(src, f);

interface Rule {
  media: string;
  prelude: string;
  body: string;
}

/** Top-level rules of a sheet; the rules inside @media come with their query. */
function rules(text: string, media = ''): Rule[] {
  const out: Rule[] = [];
  const css = text.replace(/\/\*[\s\S]*?\*\//g, '');
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) break;
    let depth = 0;
    let j = open;
    for (; j < css.length; j++) {
      if (css[j] === '{') depth++;
      else if (css[j] === '}' && --depth === 0) break;
    }
    const prelude = css.slice(i, open).trim().replace(/\s+/g, ' ');
    const body = css.slice(open + 1, j);
    if (prelude.startsWith('@media')) out.push(...rules(body, prelude));
    else out.push({ media, prelude, body });
    i = j + 1;
  }
  return out;
}
const parsed = sheets.map((f) => ({ file: f, rules: rules(readFileSync(f, 'utf8')) }));

test('every sheet is imported by the module beside it (app.css and controls.css by main.tsx)', () => {
  for (const sheet of sheets) {
    const line = `import './${basename(sheet)}';`;
    const shared = ['app.css', 'controls.css'].includes(name(sheet));
    const module = shared ? join(src, 'main.tsx') : join(dirname(sheet), basename(sheet, '.css') + '.tsx');
    assert.ok(existsSync(module), `${name(sheet)}: no ${name(module)} beside it`);
    assert.ok(readFileSync(module, 'utf8').includes(line), `${name(module)} does not ${line}`);
  }
});

test('every selector is defined in one sheet, in one rule of its own', () => {
  const where = new Map<string, string[]>();
  for (const { file, rules: list } of parsed) {
    for (const r of list) {
      if (r.prelude.startsWith('@')) continue;
      for (const selector of r.prelude.split(',').map((s) => s.trim())) {
        const key = `${r.media} ${selector}`.trim();
        where.set(key, [...new Set([...(where.get(key) ?? []), name(file)])]);
      }
    }
    // A selector standing alone is opened once per query: its declarations are in one place.
    const alone = list
      .filter((r) => !r.prelude.includes(',') && !r.prelude.startsWith('@'))
      .map((r) => `${r.media} ${r.prelude}`);
    assert.deepEqual(
      alone.filter((k, n) => alone.indexOf(k) !== n),
      [],
      `${name(file)} opens these twice`,
    );
  }
  assert.deepEqual(
    [...where].filter(([, in_]) => in_.length > 1).map(([k, in_]) => `${k}: ${in_.join(', ')}`),
    [],
  );
});

test('every class a sheet styles is used by the app', () => {
  const code = sources.map((f) => readFileSync(f, 'utf8')).join('\n');
  const classes = new Set(
    parsed.flatMap((p) => p.rules.flatMap((r) => [...r.prelude.matchAll(/\.([a-zA-Z_][\w-]*)/g)].map((m) => m[1]))),
  );
  const used = (c: string) => {
    if (new RegExp(`[\\s'"\`]${c}[\\s'"\`]`).test(code)) return true;
    // Built from a prefix: class={`status status-${item.status}`}.
    for (let at = c.indexOf('-'); at > 0; at = c.indexOf('-', at + 1)) {
      if (code.includes(`${c.slice(0, at + 1)}\${`)) return true;
    }
    return false;
  };
  assert.deepEqual(
    [...classes].filter((c) => !used(c)),
    [],
  );
});

test('no literal colour where a token has that value', () => {
  const long = (hex: string) =>
    (hex.length === 4 ? '#' + [...hex.slice(1)].map((d) => d + d).join('') : hex).toLowerCase();
  const tokens = new Map<string, string[]>();
  for (const r of parsed.find((p) => name(p.file) === 'app.css')!.rules.filter((r) => r.prelude === ':root')) {
    for (const m of r.body.matchAll(/(--[\w-]+):\s*(#[0-9a-fA-F]{3,6})\s*;/g)) {
      tokens.set(long(m[2]), [...(tokens.get(long(m[2])) ?? []), `var(${m[1]})`]);
    }
  }
  const found: string[] = [];
  for (const { file, rules: list } of parsed) {
    for (const r of list.filter((r) => r.prelude !== ':root')) {
      for (const m of r.body.matchAll(/#[0-9a-fA-F]{3,6}\b/g)) {
        const names = tokens.get(long(m[0]));
        if (names) found.push(`${name(file)} ${r.prelude}: ${m[0]} is ${names.join(' or ')}`);
      }
    }
  }
  assert.deepEqual(found, []);
});

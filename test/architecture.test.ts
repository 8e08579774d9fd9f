// The "may import" table of docs/architecture.md, made mechanical: every relative import in src/ goes in a
// direction the table allows ("(types)": `import type` only); errors.ts and util/ are open to everyone; nothing
// imports the adapters (cli/, action/); @actions/* is imported only under src/action/.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/cli.js';

const SRC = path.join(REPO_ROOT, 'src');
const OPEN_TO_ALL = ['errors', 'util'];

/** `src/engine/leaf.ts` -> `engine`; `src/index.ts` -> `index`. */
function areaOf(file: string): string {
  const first = path.relative(SRC, file).split(path.sep)[0];
  return first.replace(/\.[jt]s$/, '');
}

interface Allowed {
  any: Set<string>;
  typesOnly: Set<string>;
}

/** The table's rows: area -> what it may import. */
function readTable(): Map<string, Allowed> {
  const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/architecture.md'), 'utf8');
  const rows = new Map<string, Allowed>();
  for (const line of doc.split('\n')) {
    const m = /^\| `src\/([a-z-]+)(?:\/|\.ts)` \|.*\| ([^|]*) \|$/.exec(line);
    if (!m) continue;
    const allowed: Allowed = { any: new Set(), typesOnly: new Set() };
    for (const entry of m[2].split(',').map((e) => e.trim())) {
      if (!entry || entry === '—') continue;
      const [, name, note] = /^([a-z-]+)(?: \((.*)\))?$/.exec(entry) ?? [];
      if (!name) throw new Error(`docs/architecture.md: cannot read "${entry}" in the row of src/${m[1]}`);
      (note === 'types' ? allowed.typesOnly : allowed.any).add(name);
    }
    rows.set(m[1], allowed);
  }
  return rows;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.ts$/.test(e.name) ? [p] : [];
  });
}

/** Relative imports and re-exports of a file, with whether they are type-only. */
function importsOf(file: string): { target: string; typeOnly: boolean }[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: { target: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gms)) {
    out.push({ target: path.resolve(path.dirname(file), m[3]), typeOnly: !!m[2] });
  }
  return out;
}

describe('docs/architecture.md "may import" table', () => {
  const table = readTable();
  const files = sourceFiles(SRC);

  it('names every folder and top-level file of src/', () => {
    const areas = new Set(files.map(areaOf));
    expect([...areas].filter((a) => !table.has(a)).sort()).toEqual([]);
  });

  it('allows every relative import in src/', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const from = areaOf(file);
      const allowed = table.get(from);
      for (const { target, typeOnly } of importsOf(file)) {
        const to = areaOf(target);
        if (to === from || OPEN_TO_ALL.includes(to)) continue;
        if (allowed?.any.has(to) || (typeOnly && allowed?.typesOnly.has(to))) continue;
        offenders.push(`${path.relative(REPO_ROOT, file)} imports ${to}${typeOnly ? ' (types)' : ''}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('has no row that lets anything import the adapters', () => {
    for (const [area, allowed] of table) {
      for (const adapter of ['cli', 'action']) {
        if (area !== adapter)
          expect(allowed.any.has(adapter) || allowed.typesOnly.has(adapter), `${area} may import ${adapter}`).toBe(false);
      }
    }
  });

  it('leaves @actions/* to src/action: the core never imports it', () => {
    const offenders = files.filter((f) => areaOf(f) !== 'action' && fs.readFileSync(f, 'utf8').includes('@actions/'));
    expect(offenders.map((f) => path.relative(REPO_ROOT, f))).toEqual([]);
  });
});

/** Every `switch (...) {...}` block of a source text, with what it switches on. */
function switchesOf(text: string): { on: string; body: string }[] {
  const out: { on: string; body: string }[] = [];
  for (const m of text.matchAll(/switch \(([^)]*)\) \{/g)) {
    let depth = 0;
    let end = m.index + m[0].length - 1;
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) break;
    }
    out.push({ on: m[1], body: text.slice(m.index, end + 1) });
  }
  return out;
}

// Switches whose default is meant: reporters show some engine events and let the others pass; colours of the
// statuses that are neither success nor failure.
const DELIBERATE_DEFAULTS = [
  'src/action/github-reporter.ts: e.type',
  'src/report/console-reporter.ts: e.type',
  'src/report/format.ts: status',
];

describe('exhaustive switches (house rule)', () => {
  it('end every switch over a union in unreachable() from src/util/unreachable.ts, never a local never-helper', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const s of switchesOf(text)) {
        const where = `${path.relative(REPO_ROOT, file)}: ${s.on}`;
        if (!/default:\s*(return )?unreachable\(/.test(s.body) && !DELIBERATE_DEFAULTS.includes(where)) offenders.push(where);
      }
      if (/function (assertNever|unreachable)\(/.test(text) && !file.endsWith(path.join('util', 'unreachable.ts'))) {
        offenders.push(`${path.relative(REPO_ROOT, file)}: a local never-helper`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

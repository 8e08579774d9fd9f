// File matching as the actions do it (@actions/glob): one pattern a line, `!` to exclude, `*` `?` `[...]`
// within a segment (read as the catalog's pathlib glob reads a segment: src/services/catalog/glob.ts) and `**`
// across segments; a matched folder brings every file under it; hidden files and
// folders (a name starting with ".") left out unless asked for. Also hashFiles() and the file list of a
// checkout (what git tracks plus untracked files it does not ignore — the working tree, not HEAD, so tests run
// the files as they are being edited).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { segmentSource } from '../../../src/services/catalog/glob.js';

/** A regex for an absolute pattern: `**` is zero or more segments. */
export function globRegex(pattern: string): RegExp {
  const segs = pattern.split('/');
  let re = '';
  segs.forEach((seg, i) => {
    if (seg === '**') re += i === segs.length - 1 ? '(?:/.*)?' : '(?:/[^/]+)*';
    else re += (i === 0 ? '' : '/') + segmentSource(seg);
  });
  return new RegExp(`^${re.replace(/^\/\//, '/')}$`);
}

const hasMagic = (seg: string) => /[*?[]/.test(seg);

/** The literal folder or file a pattern starts from (its segments before the first wildcard). */
export function searchRoot(absPattern: string): string {
  const segs = absPattern.split('/');
  const i = segs.findIndex(hasMagic);
  return i < 0 ? absPattern : segs.slice(0, i).join('/') || '/';
}

function walk(root: string, includeHidden: boolean, visit: (p: string, isDir: boolean) => void): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(root);
  } catch {
    return;
  }
  if (!includeHidden && path.basename(root).startsWith('.') && root !== '/') return;
  visit(root, st.isDirectory());
  if (!st.isDirectory()) return;
  for (const name of fs.readdirSync(root).sort()) walk(path.join(root, name), includeHidden, visit);
}

function filesUnder(p: string, includeHidden: boolean): string[] {
  const out: string[] = [];
  walk(p, includeHidden, (f, isDir) => {
    if (!isDir) out.push(f);
  });
  return out;
}

/** What a multi-line `path:` input matches. */
export interface Matched {
  files: string[];
  /** The literal starting points of the include patterns (upload-artifact roots the artifact at them). */
  searchPaths: string[];
}

/** Files matching the patterns (one a line, `!` excludes, relative to `cwd`), sorted, without duplicates. */
export function matchFiles(patternLines: string, cwd: string, opts: { includeHidden?: boolean } = {}): Matched {
  const includeHidden = opts.includeHidden ?? false;
  const lines = patternLines
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const abs = (p: string) => path.resolve(cwd, p.replace(/^~(?=\/|$)/, process.env.HOME ?? '~')).replace(/\/+$/, '') || '/';
  const includes = lines.filter((l) => !l.startsWith('!')).map(abs);
  const excludes = lines.filter((l) => l.startsWith('!')).map((l) => globRegex(abs(l.slice(1))));
  const found = new Set<string>();
  for (const pattern of includes) {
    const re = globRegex(pattern);
    walk(searchRoot(pattern), includeHidden, (p, isDir) => {
      if (!re.test(p)) return;
      if (isDir) for (const f of filesUnder(p, includeHidden)) found.add(f);
      else found.add(p);
    });
  }
  const excluded = (f: string) =>
    excludes.some((re) => re.test(f) || f.split('/').some((_s, i, all) => re.test(all.slice(0, i + 1).join('/'))));
  return { files: [...found].filter((f) => !excluded(f)).sort(), searchPaths: includes.map(searchRoot) };
}

/** Every file under a folder (hidden ones too), relative to it, sorted. */
export function listFiles(dir: string): string[] {
  return filesUnder(dir, true)
    .map((f) => path.relative(dir, f))
    .sort();
}

/** hashFiles(): SHA-256 over the SHA-256 of each matching file under the workspace, '' when none match. */
export function hashFiles(workspace: string, patterns: string[]): string {
  const { files } = matchFiles(patterns.join('\n'), workspace, { includeHidden: true });
  const inWorkspace = files.filter((f) => f.startsWith(workspace + path.sep));
  if (!inWorkspace.length) return '';
  const outer = createHash('sha256');
  for (const f of inWorkspace) outer.update(createHash('sha256').update(fs.readFileSync(f)).digest());
  return outer.digest('hex');
}

/** The files of a checkout of `repoDir`, relative: git's tracked and untracked-not-ignored; else all but .git and node_modules. */
export function checkoutFiles(repoDir: string): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: repoDir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return [...new Set(out.split('\0').filter(Boolean))].filter((f) => fs.existsSync(path.join(repoDir, f)));
  } catch {
    return filesUnder(repoDir, true)
      .map((f) => path.relative(repoDir, f))
      .filter((f) => !/^(\.git|node_modules)(\/|$)/.test(f));
  }
}

/** Copies listed files (relative to `from`) into `to`, keeping modes and symbolic links. */
export function copyFiles(from: string, to: string, files: string[]): void {
  const made = new Set<string>();
  for (const rel of files) {
    const dst = path.join(to, rel);
    const dir = path.dirname(dst);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    const src = path.join(from, rel);
    const st = fs.lstatSync(src);
    if (st.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(src), dst);
    else if (st.isFile()) fs.copyFileSync(src, dst);
  }
}

// Python pathlib glob semantics (what runnable's catalog uses): "*" and "?" and "[...]" within one path segment,
// "**" for zero or more folders; folders themselves never match. Walks only where the pattern can match.
import fs from 'node:fs';
import path from 'node:path';

/**
 * One path segment's pattern as regex source: `*` and `?` within the segment, `[...]` (`[!...]` negated), the rest
 * literal. GitHub's glob toolkit package reads a segment the same way (the workflow test harness uses this too).
 */
export function segmentSource(seg: string): string {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let body = seg.slice(i + 1, end);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return re;
}

const segmentRegex = (seg: string) => new RegExp(`^${segmentSource(seg)}$`);

const hasMagic = (seg: string) => /[*?[]/.test(seg);

/** Files under `root` matching `pattern`, as posix paths relative to root, sorted. */
export function globFiles(root: string, pattern: string, opts: { skip?: (rel: string) => boolean } = {}): string[] {
  const segs = pattern.split('/').filter((s) => s !== '' && s !== '.');
  const found = new Set<string>();
  const walk = (rel: string, i: number) => {
    const abs = path.join(root, rel);
    if (i === segs.length) {
      let st: fs.Stats;
      try {
        st = fs.statSync(abs);
      } catch {
        return;
      }
      if (st.isFile() && !opts.skip?.(rel)) found.add(rel);
      return;
    }
    const seg = segs[i];
    if (seg === '**') {
      walk(rel, i + 1); // zero folders
      for (const e of readDirs(abs)) walk(rel ? `${rel}/${e}` : e, i); // one more folder
      return;
    }
    if (!hasMagic(seg)) {
      walk(rel ? `${rel}/${seg}` : seg, i + 1);
      return;
    }
    const re = segmentRegex(seg);
    let entries: string[];
    try {
      entries = fs.readdirSync(abs);
    } catch {
      return;
    }
    for (const e of entries) {
      // like pathlib (and unlike a shell), "*" matches names starting with "."
      if (re.test(e)) walk(rel ? `${rel}/${e}` : e, i + 1);
    }
  };
  walk('', 0);
  return [...found].sort();
}

function readDirs(abs: string): string[] {
  try {
    return fs
      .readdirSync(abs, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

// A throwaway project folder for one test: the files a user would have (pipeline.yaml, functions.py,
// config.yaml, ...) written into a fresh temp dir, and read-back helpers for what a run leaves there
// (.run_log_store, .catalog). Removed when the test ends, unless KEEP_WORKSPACES=1 (the path is then printed).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import type { RunLog } from '../../src/services/run-log/model.js';

export interface Workspace {
  dir: string;
  /** Absolute path of a file in the workspace. */
  path(rel: string): string;
  write(rel: string, text: string): void;
  read(rel: string): string;
  readJson<T = any>(rel: string): T;
  exists(rel: string): boolean;
  /** File names (not recursive) of a folder of the workspace; [] when it does not exist. */
  list(rel?: string): string[];
  /** Every file under a folder, as paths relative to it, sorted. */
  walk(rel?: string): string[];
  /** The file-system store's run log, parsed from `.run_log_store/<runId>.json`. */
  runLog(runId: string): RunLog;
  remove(): void;
}

/** Dedents a template literal so fixtures can be indented with the test code. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** A new workspace that the caller removes (for beforeAll/afterAll). */
export function createWorkspace(files: Record<string, string> = {}): Workspace {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'runnable-test-')));
  const abs = (rel: string) => path.join(dir, rel);
  const ws: Workspace = {
    dir,
    path: abs,
    write(rel, text) {
      fs.mkdirSync(path.dirname(abs(rel)), { recursive: true });
      fs.writeFileSync(abs(rel), text);
    },
    read: (rel) => fs.readFileSync(abs(rel), 'utf8'),
    readJson: (rel) => JSON.parse(fs.readFileSync(abs(rel), 'utf8')),
    exists: (rel) => fs.existsSync(abs(rel)),
    list: (rel = '.') => (fs.existsSync(abs(rel)) ? fs.readdirSync(abs(rel)).sort() : []),
    walk(rel = '.') {
      const root = abs(rel);
      const out: string[] = [];
      const visit = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, e.name);
          if (e.isDirectory()) visit(p);
          else out.push(path.relative(root, p));
        }
      };
      if (fs.existsSync(root)) visit(root);
      return out.sort();
    },
    runLog: (runId) => JSON.parse(fs.readFileSync(abs(`.run_log_store/${runId}.json`), 'utf8')) as RunLog,
    remove() {
      if (process.env.KEEP_WORKSPACES) {
        console.log(`workspace kept: ${dir}`);
        return;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  for (const [rel, text] of Object.entries(files)) ws.write(rel, text);
  return ws;
}

/** A new workspace removed when the current test finishes. Call it inside a test. */
export function workspace(files: Record<string, string> = {}): Workspace {
  const ws = createWorkspace(files);
  onTestFinished(() => ws.remove());
  return ws;
}

/** 1-based line and column of the first occurrence of `needle` in `text` (after `after`, when given). */
export function lineColOf(text: string, needle: string, after?: string): { line: number; col: number } {
  const start = after === undefined ? 0 : text.indexOf(after);
  if (start < 0) throw new Error(`fixture does not contain ${JSON.stringify(after)}`);
  const at = text.indexOf(needle, start);
  if (at < 0) throw new Error(`fixture does not contain ${JSON.stringify(needle)}`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

// Every example in examples/ runs with the built CLI on the configuration it names (the default one needs no
// service), and ends as it is meant to.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import { EXAMPLES, runExample } from '../scripts/run-examples.mjs';
import { REPO_ROOT, builtCli } from './helpers/cli.js';
import { createWorkspace } from './helpers/workspace.js';

type Example = { pipeline: string; args?: string[]; exit?: number };

describe('examples', () => {
  builtCli(); // fails with the fix when dist/ was not built
  const ws = createWorkspace();
  fs.cpSync(path.join(REPO_ROOT, 'examples'), ws.path('examples'), { recursive: true });
  afterAll(() => ws.remove());

  it('covers every example pipeline file', () => {
    const files = fs.readdirSync(path.join(REPO_ROOT, 'examples'), { recursive: true }) as string[];
    const pipelines = files
      .filter((f) => /^\d\d-/.test(f) && f.endsWith('.yaml') && !f.endsWith('params.yaml'))
      .map((f) => `examples/${f}`);
    const run = new Set((EXAMPLES as Example[]).map((e) => e.pipeline));
    expect(pipelines.filter((p) => !run.has(p))).toEqual([]);
  });

  for (const ex of EXAMPLES as Example[]) {
    it(`${ex.pipeline} ${(ex.args ?? []).join(' ')}`, () => {
      const r = runExample(ex, ws.dir);
      expect(r.code, r.output).toBe(ex.exit ?? 0);
      expect(r.output).toMatch(/Run \S+ SUCCESS/);
    });
  }
});

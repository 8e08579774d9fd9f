// examples/10-sdk: the TypeScript twin run through vitest from the source, and the JavaScript example run by node
// against the built library (dist/lib), as a user runs it; both are the same pipeline (same dag hash).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipeline, run } from '../examples/10-sdk/pipeline.js';
import { REPO_ROOT, cliEnv } from './helpers/cli.js';
import { workspace, type Workspace } from './helpers/workspace.js';

const DIST_LIB = path.join(REPO_ROOT, 'dist/lib');

/** A scratch copy of examples/ (the python functions the example imports). */
function examplesWorkspace(): Workspace {
  const ws = workspace();
  fs.cpSync(path.join(REPO_ROOT, 'examples'), ws.path('examples'), { recursive: true });
  return ws;
}

describe('examples/10-sdk', () => {
  it('pipeline.ts runs to success: map, python, shell, catalog and in-process checks', async () => {
    const ws = examplesWorkspace();
    const saved = process.cwd();
    process.chdir(ws.dir);
    const r = await run({ runId: 'example', env: cliEnv(ws.dir) }).finally(() => process.chdir(saved));
    expect(r.status).toBe('SUCCESS');
    const log = ws.runLog('example');
    expect(Object.keys(log.steps)).toEqual(['numbers', 'squares', 'add up', 'report', 'check', 'tidy up', 'success']);
    expect(log.parameters.squared.value).toEqual([1, 4, 9, 16]);
    expect(log.parameters.sum_of_squares).toMatchObject({ kind: 'metric', value: 30 });
    expect(ws.read('.catalog/example/data/squares.txt')).toBe('the sum of the squares of 1..4 is 30\n');
    expect(ws.exists('data')).toBe(false);
  });

  it('pipeline.mjs runs with node against the built library, and is the same pipeline', () => {
    if (!fs.existsSync(path.join(DIST_LIB, 'index.js'))) throw new Error(`${DIST_LIB}/index.js is missing: run \`npm run build\` first.`);
    const ws = examplesWorkspace();
    // a private copy: someone rebuilding dist/ while the test runs must not pull it away
    // (dist/lib re-exports dist/cli/lib.js: the library is built beside the CLI and shares its chunks)
    fs.cpSync(DIST_LIB, ws.path('dist/lib'), { recursive: true });
    fs.cpSync(path.join(REPO_ROOT, 'dist/cli'), ws.path('dist/cli'), { recursive: true });
    const r = spawnSync(process.execPath, ['examples/10-sdk/pipeline.mjs'], {
      cwd: ws.dir,
      env: cliEnv(ws.dir),
      encoding: 'utf8',
      timeout: 60_000,
    });
    const output = `${r.stdout}${r.stderr}`;
    expect(r.status, output).toBe(0);
    expect(output).toMatch(/Run \S+ SUCCESS/); // console: true prints as the CLI does
    const [file] = ws.list('.run_log_store');
    const log = ws.readJson(`.run_log_store/${file}`);
    expect(log.status).toBe('SUCCESS');
    expect(log.dag_hash).toBe(pipeline.dagHash);
    expect(log.run_config.pipeline_definition_file).toBe('sdk:examples/10-sdk/pipeline.mjs');
  });
});

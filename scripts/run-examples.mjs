#!/usr/bin/env node
// Runs every example pipeline with the built CLI on the default configuration (local executor, file-system run
// log and catalog: no service needed), in a scratch copy of examples/, and says which passed.
//   node scripts/run-examples.mjs [--keep]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/cli/index.js');

/** Every example: the pipeline, its extra arguments and environment, and the exit code it is meant to have. */
export const EXAMPLES = [
  { pipeline: 'examples/01-tasks/shell.yaml' },
  { pipeline: 'examples/01-tasks/python.yaml' },
  { pipeline: 'examples/01-tasks/stub.yaml' },
  { pipeline: 'examples/02-sequential/traversal.yaml' },
  { pipeline: 'examples/02-sequential/on_failure.yaml' },
  {
    pipeline: 'examples/03-parameters/parameters.yaml',
    args: ['-p', 'examples/03-parameters/params.yaml'],
    env: { RUNNABLE_PRM_name: 'runnable' },
  },
  { pipeline: 'examples/04-catalog/catalog.yaml' },
  { pipeline: 'examples/05-parallel/parallel.yaml', args: ['-p', 'examples/05-parallel/params.yaml'] },
  {
    pipeline: 'examples/05-parallel/parallel.yaml',
    args: ['-p', 'examples/05-parallel/params.yaml', '-c', 'examples/configs/parallel.yaml'],
  },
  { pipeline: 'examples/06-map/map.yaml', args: ['-p', 'examples/06-map/params.yaml'] },
  { pipeline: 'examples/07-conditional/conditional.yaml' },
  { pipeline: 'examples/11-artifacts/two-jobs.yaml', env: { RUNNABLE_PRM_stage: 'produce' } },
  { pipeline: 'examples/08-loop/loop.yaml', args: ['-p', 'examples/08-loop/params.yaml'] },
  { pipeline: 'examples/09-mocking/mocked.yaml', args: ['-c', 'examples/configs/mocked.yaml'] },
  { pipeline: 'examples/01-tasks/shell.yaml', args: ['-c', 'examples/configs/in-memory.yaml'] },
  {
    pipeline: 'examples/03-parameters/parameters.yaml',
    args: ['-p', 'examples/03-parameters/params.yaml', '-c', 'examples/configs/chunked-fs.yaml'],
  },
];

export function runExample(ex, cwd) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [cli, 'execute', ex.pipeline, ...(ex.args ?? [])], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...ex.env, PYTHONPATH: cwd },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, output: `${r.stdout}${r.stderr}`, secs: (Date.now() - started) / 1000 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!fs.existsSync(cli)) {
    console.error('dist/cli/index.js is missing: run `npm run build` first.');
    process.exit(2);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'runnable-examples-'));
  fs.cpSync(path.join(root, 'examples'), path.join(work, 'examples'), { recursive: true });
  let failed = 0;
  for (const ex of EXAMPLES) {
    const r = runExample(ex, work);
    const ok = r.code === (ex.exit ?? 0);
    if (!ok) failed++;
    console.log(`${ok ? 'PASS' : 'FAIL'} ${ex.pipeline} ${(ex.args ?? []).join(' ')} (${r.secs.toFixed(1)}s)`);
    if (!ok || process.argv.includes('--verbose')) console.log(r.output.replace(/^/gm, '    | '));
  }
  console.log(`runs: ${work}/.run_log_store, catalog: ${work}/.catalog`);
  if (!process.argv.includes('--keep')) fs.rmSync(work, { recursive: true, force: true });
  console.log(`${EXAMPLES.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

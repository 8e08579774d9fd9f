// The shared conformance suite (../shared/conformance): our built CLI must behave like runnable on every case,
// run log included. Runs the suite exactly as documented, from the repo root, against dist/cli/index.js.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { DIST_CLI, REPO_ROOT } from './helpers/cli.js';

const RUNNER = path.resolve(REPO_ROOT, '../shared/conformance/run.mjs');

function runSuite(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNNER, '--cli', 'node dist/cli/index.js'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

it('passes every case of the conformance suite', { timeout: 400_000 }, async () => {
  expect(fs.existsSync(RUNNER), `${RUNNER} is missing`).toBe(true);
  if (!fs.existsSync(DIST_CLI)) throw new Error(`${DIST_CLI} is missing: run \`npm run build\` before the tests.`);
  const { code, output } = await runSuite();
  const last = output.trim().split('\n').at(-1) ?? '';
  const m = /^(\d+) passed, (\d+) failed$/.exec(last);
  expect(m, `unexpected last line ${JSON.stringify(last)}:\n${output}`).not.toBeNull();
  const [passed, failed] = [Number(m![1]), Number(m![2])];
  const failures = output.split('\n').filter((l) => l.startsWith('FAIL'));
  expect(failed, `${failures.join('\n')}\n\n${output}`).toBe(0);
  expect(passed).toBeGreaterThanOrEqual(22);
  expect(code).toBe(0);
});

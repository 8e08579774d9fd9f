// The emulator runs every task and stub through `runnable execute-single-node` in a fresh process, the path
// containers and Argo pods take. Every conformance case without a configuration of its own must give the same
// run log under it as under the local executor.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, builtCli } from './helpers/cli.js';
import { CONFORMANCE_CASES as CASES, HAS_SHARED, skippedWithoutShared } from './helpers/shared.js';

skippedWithoutShared('conformance under the emulator');

describe.skipIf(!HAS_SHARED)('conformance under the emulator', () => {
  it('passes every case that brings no configuration of its own', () => {
    const cli = builtCli();
    const cases = fs
      .readdirSync(CASES)
      .filter((c) => fs.existsSync(path.join(CASES, c, 'case.json')) && !fs.existsSync(path.join(CASES, c, 'config.yaml')));
    expect(cases.length).toBeGreaterThanOrEqual(19);
    const config = path.join(REPO_ROOT, 'test/fixtures/emulator.yaml');
    const r = spawnSync(
      process.execPath,
      [
        path.join(CASES, '../run.mjs'),
        '--cli',
        `RUNNABLE_CONFIGURATION_FILE=${config} ${process.execPath} ${cli}`,
        '--case',
        cases.join(','),
      ],
      { encoding: 'utf8', timeout: 600_000 },
    );
    const last = r.stdout.trim().split('\n').at(-1);
    expect(last, r.stdout).toBe(`${cases.length} passed, 0 failed`);
  }, 600_000);
});

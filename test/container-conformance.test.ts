// The conformance suite under the local-container executor (scripts/container-conformance.mjs): every case
// without its own config.yaml, each step in a container of the test image. Needs a real engine and the test
// images (scripts/ci/docker-up.sh, scripts/ci/build-test-images.sh) and a built CLI; RUNNABLE_TEST_NO_DOCKER=1
// skips it. It takes minutes (a container start per step): about 140 s with 2 shards on a 2-core runner.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DockerClient } from '../src/executors/container/docker-client.js';
import { REPO_ROOT, builtCli } from './helpers/cli.js';
import { HAS_SHARED, SHARED_CONFORMANCE, skippedWithoutShared } from './helpers/shared.js';

const skip = process.env.RUNNABLE_TEST_NO_DOCKER === '1';
const CONFORMANCE = SHARED_CONFORMANCE;

skippedWithoutShared('the conformance suite under local-container');

describe.skipIf(skip || !HAS_SHARED)('conformance suite under local-container (real engine)', () => {
  it('passes every case that does not bring its own configuration', async () => {
    try {
      await new DockerClient().ping();
    } catch (err) {
      throw new Error(
        `${(err as Error).message}\nThis test needs a real engine: run \`bash scripts/ci/docker-up.sh\` then ` +
          '`bash scripts/ci/build-test-images.sh` (as root), or set RUNNABLE_TEST_NO_DOCKER=1 to skip it.',
        { cause: err },
      );
    }
    expect(fs.existsSync(path.join(CONFORMANCE, 'run.mjs')), `no conformance suite at ${CONFORMANCE}`).toBe(true);
    const expected = fs
      .readdirSync(path.join(CONFORMANCE, 'cases'))
      .filter(
        (d) =>
          fs.existsSync(path.join(CONFORMANCE, 'cases', d, 'case.json')) &&
          !fs.existsSync(path.join(CONFORMANCE, 'cases', d, 'config.yaml')),
      );
    const script = path.join(REPO_ROOT, 'scripts/container-conformance.mjs');
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [script, '--cli-entry', builtCli(), '--conformance', CONFORMANCE], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, output: out }));
    });
    expect(code, output).toBe(0);
    expect(output).toMatch(new RegExp(`^${expected.length} passed, 0 failed`, 'm'));
    for (const name of expected) expect(output).toMatch(new RegExp(`^PASS ${name} `, 'm'));
  }, 420_000);
});

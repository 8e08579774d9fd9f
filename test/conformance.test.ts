// The shared conformance suite (../shared/conformance): our built CLI must behave like runnable on every case,
// run log included. The suite runs once, exactly as documented (from the repo root, against dist/cli/index.js,
// which test/global-setup.ts builds from this source), and each case is reported as its own test, so that the
// count of passed tests includes every case (.ci/run does not run the suite a second time).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/cli.js';
import {
  CONFORMANCE_CASES,
  divergenceLines,
  HAS_SHARED,
  OUR_DIVERGENCES,
  SHARED_CONFORMANCE,
  skippedWithoutShared,
} from './helpers/shared.js';

function runSuite(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(SHARED_CONFORMANCE, 'run.mjs'), '--cli', 'node dist/cli/index.js'], {
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

/** Each case's PASS or FAIL line with the lines that explain a failure, by case name. */
function resultsByCase(output: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | undefined;
  for (const line of output.split('\n')) {
    const m = /^(PASS|FAIL) (\S+)/.exec(line);
    if (m) out.set((current = m[2]), line);
    else if (current && line.startsWith('    ')) out.set(current, `${out.get(current)}\n${line}`);
    else current = undefined;
  }
  return out;
}

/** The difference lines of a FAIL result (`    .path: expected …, got …`). */
const differences = (result: string) =>
  result
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('.'));

skippedWithoutShared('the conformance suite');

describe.skipIf(!HAS_SHARED)('conformance suite (../shared/conformance) against the built CLI', () => {
  const cases = HAS_SHARED
    ? fs.readdirSync(CONFORMANCE_CASES).filter((c) => fs.existsSync(path.join(CONFORMANCE_CASES, c, 'case.json')))
    : [];
  let run: { code: number | null; output: string; results: Map<string, string> };

  beforeAll(async () => {
    const r = await runSuite();
    run = { ...r, results: resultsByCase(r.output) };
  }, 400_000);

  it('runs every case and ends with "N passed, 0 failed" (our declared divergences aside)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(22);
    const last = run.output.trim().split('\n').at(-1) ?? '';
    const diverging = cases.filter((c) => c in OUR_DIVERGENCES).length;
    expect(last, run.output).toBe(`${cases.length - diverging} passed, ${diverging} failed`);
    expect(run.code).toBe(diverging ? 1 : 0);
  });

  for (const name of cases) {
    it(`case ${name}`, () => {
      const result = run.results.get(name);
      expect(result, `the suite printed nothing for ${name}:\n${run.output}`).toBeDefined();
      // a difference we declare (helpers/shared.ts OUR_DIVERGENCES) must be the only one the suite reports
      if (OUR_DIVERGENCES[name]) expect(differences(result!), result).toEqual(divergenceLines(name));
      else expect(result!.startsWith('PASS'), result).toBe(true);
    });
  }
});

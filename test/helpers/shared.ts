// The material beside the repository (../shared: the conformance suite and its run-log normaliser), which the
// repository's own GitHub workflow does not have. Suites that need it skip with the reason in the test's name.
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';
import { REPO_ROOT } from './cli.js';

export const SHARED_CONFORMANCE = path.resolve(REPO_ROOT, '../shared/conformance');
export const CONFORMANCE_CASES = path.join(SHARED_CONFORMANCE, 'cases');
export const NORMALISE_FILE = path.join(SHARED_CONFORMANCE, 'normalise.mjs');

/** True when ../shared/conformance (runner, cases, normaliser) is beside this checkout (RUNNABLE_TEST_NO_SHARED=1: as if not). */
export const HAS_SHARED =
  process.env.RUNNABLE_TEST_NO_SHARED !== '1' &&
  fs.existsSync(path.join(SHARED_CONFORMANCE, 'run.mjs')) &&
  fs.existsSync(CONFORMANCE_CASES);

/** Registers a skipped test whose name says why `what` did not run, when ../shared is absent. */
export function skippedWithoutShared(what: string): void {
  if (!HAS_SHARED) it.skip(`${what}: not run: ${SHARED_CONFORMANCE} is absent (../shared is not beside this checkout)`, () => {});
}

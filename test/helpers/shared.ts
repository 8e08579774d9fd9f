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

/** A place where we differ from runnable HEAD on purpose that the shared suite (read-only here) does not declare yet. */
export interface OurDivergence {
  /** Keys into the normalised run log (normalise.mjs). */
  path: string[];
  runnable: unknown;
  ours: unknown;
}

/**
 * By case. dotenv_secrets: a returned value that holds a declared secret is recorded masked (issues 11 and 12,
 * docs/reliability.md "Secrets"); runnable records it in clear.
 */
export const OUR_DIVERGENCES: Record<string, OurDivergence[]> = {
  dotenv_secrets: [
    { path: ['parameters', 'joined', 'value'], runnable: 'tok-12345+hush', ours: '***+***' },
    { path: ['steps', 'python_secret', 'output_parameters', 'joined', 'value'], runnable: 'tok-12345+hush', ours: '***+***' },
  ],
};

/** The lines the conformance runner prints for our divergences of `name` (`.a.b: expected X, got Y`). */
export function divergenceLines(name: string): string[] {
  return (OUR_DIVERGENCES[name] ?? []).map(
    (d) => `.${d.path.join('.')}: expected ${JSON.stringify(d.runnable)}, got ${JSON.stringify(d.ours)}`,
  );
}

/** `expected` (a case's normalised expected.json) with our divergences of `name` applied. */
export function withOurDivergences(name: string, expected: Record<string, unknown>): Record<string, unknown> {
  for (const d of OUR_DIVERGENCES[name] ?? []) {
    let at = expected as Record<string, unknown>;
    for (const k of d.path.slice(0, -1)) at = at[k] as Record<string, unknown>;
    at[d.path.at(-1)!] = d.ours;
  }
  return expected;
}

// The one builder of attempt records (src/engine/attempt.ts): numbering, end time, metrics and the retry
// indicator derived the same way for every kind of attempt, and no other place in src/ writes one by hand.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordAttempt } from '../src/engine/attempt.js';
import { newStepLog, parseTimestamp } from '../src/services/run-log/model.js';
import { REPO_ROOT } from './helpers/cli.js';

describe('recordAttempt', () => {
  it('numbers attempts from 1 on the step, appends them, and ends them now', () => {
    const step = newStepLog('a', 'a', 'task');
    const first = recordAttempt({}, step, { status: 'FAIL', message: 'boom', start: '2020-01-01 00:00:00.000000' });
    const second = recordAttempt({ retry: { indicator: 'r2' } }, step, { status: 'SUCCESS' });
    expect(step.attempts).toEqual([first, second]);
    expect([first.attempt_number, second.attempt_number]).toEqual([1, 2]);
    expect(first).toMatchObject({ status: 'FAIL', message: 'boom', start_time: '2020-01-01 00:00:00.000000', retry_indicator: '' });
    expect(parseTimestamp(first.end_time)).toBeGreaterThan(parseTimestamp(first.start_time));
    // without a start, the attempt took no time (a success/fail node, a mocked step)
    expect(second.start_time).toBe(second.end_time);
    expect(second.retry_indicator).toBe('r2');
    expect(second).toMatchObject({ input_parameters: {}, output_parameters: {}, user_defined_metrics: {}, code_identities: [] });
  });

  it('records the metrics among the outputs as user_defined_metrics', () => {
    const step = newStepLog('a', 'a', 'task');
    const outputs = { x: { kind: 'json' as const, value: 1 }, acc: { kind: 'metric' as const, value: 0.9 } };
    const a = recordAttempt({}, step, { status: 'SUCCESS', output_parameters: outputs });
    expect(a.output_parameters).toBe(outputs);
    expect(a.user_defined_metrics).toEqual({ acc: { kind: 'metric', value: 0.9 } });
  });

  it('is the only place in src/ that writes an attempt record', () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
      });
    const writers = files(path.join(REPO_ROOT, 'src'))
      .filter((f) => /\battempt_number\s*:/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(REPO_ROOT, f));
    expect(writers.sort()).toEqual(['src/engine/attempt.ts', 'src/services/run-log/model.ts']);
  });
});

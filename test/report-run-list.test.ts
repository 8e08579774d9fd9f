import { describe, expect, it } from 'vitest';
import { renderRunList, summariseRun } from '../src/report/run-list.js';
import type { RunListRow } from '../src/report/run-list.js';
import { RUN_START_MS, failedRunWithRetriedStep, successfulRunWithParallelAndMap } from './helpers/run-logs.js';
import { stripAnsi } from './helpers/ansi.js';

describe('summariseRun', () => {
  it('takes start/end from the earliest/latest attempt at any depth and counts steps at every depth', () => {
    expect(summariseRun(successfulRunWithParallelAndMap())).toEqual({
      run_id: 'happy-run-0001',
      status: 'SUCCESS',
      start: RUN_START_MS,
      end: RUN_START_MS + 7000,
      tag: 'nightly',
      // prepare, par, par.left.{a,success}, par.right.{c,success}, map_state, map_state.{1,2}.{execute,success}, success
      steps: 12,
    });
    expect(summariseRun(failedRunWithRetriedStep())).toMatchObject({ status: 'FAIL', end: RUN_START_MS + 10_000, steps: 4 });
  });

  it('leaves start and end undefined when nothing ran', () => {
    const row = summariseRun({ ...failedRunWithRetriedStep(), steps: {} });
    expect(row.start).toBeUndefined();
    expect(row.end).toBeUndefined();
    expect(row.steps).toBe(0);
  });
});

describe('renderRunList', () => {
  const rows: RunListRow[] = [
    summariseRun(successfulRunWithParallelAndMap()),
    summariseRun(failedRunWithRetriedStep()),
    { run_id: 'an-extremely-long-run-identifier-that-goes-on-and-on', status: 'PROCESSING', tag: 'a-long-tag-too', steps: 0 },
  ];

  it('prints a heading and one line per run, in the given order', () => {
    const lines = renderRunList(rows, { width: 140, color: false }).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RUN ID\s+STATUS\s+STARTED\s+DURATION\s+STEPS\s+TAG$/);
    expect(lines[1]).toMatch(/^happy-run-0001\s+SUCCESS\s+2026-01-02 10:00:00\s+7\.0s\s+12\s+nightly$/);
    expect(lines[2]).toMatch(/^sad-run-0002\s+FAIL\s+2026-01-02 10:00:00\s+10\.0s\s+4$/);
    expect(lines[3]).toMatch(/^an-extremely-long-run-identifier-that-goes-on-and-on\s+PROCESSING\s+-\s+-\s+0\s+a-long-tag-too$/);
    expect(lines).toHaveLength(4);
  });

  it('fits the width, cutting long run ids with "…"', () => {
    for (const width of [30, 60, 80, 100]) {
      const text = renderRunList(rows, { width, color: false });
      for (const line of text.split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(width);
    }
    expect(renderRunList(rows, { width: 80, color: false })).toContain('an-extremely-long-run…  PROCESSING');
  });

  it('colours the status column only when asked', () => {
    const colored = renderRunList(rows, { width: 100, color: true });
    expect(colored).toContain('\x1b[32mSUCCESS\x1b[0m');
    expect(colored).toContain('\x1b[31mFAIL\x1b[0m');
    expect(stripAnsi(colored)).toBe(renderRunList(rows, { width: 100, color: false }));
  });

  it('says so when there are no runs', () => {
    expect(renderRunList([], { width: 80, color: false })).toBe('No runs found.\n');
  });
});

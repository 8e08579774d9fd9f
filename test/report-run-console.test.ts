import { describe, expect, it } from 'vitest';
import { renderRunConsole } from '../src/report/run-console.js';
import { allStepNames, attempt, failedRunWithRetriedStep, leaf, successfulRunWithParallelAndMap } from './helpers/run-logs.js';
import { stripAnsi } from './helpers/ansi.js';

const lineOf = (text: string, start: string) => text.split('\n').find((l) => l.trimStart().startsWith(start)) ?? '';

describe('renderRunConsole', () => {
  it('prints the header: run id, status, tag, start and duration', () => {
    const text = renderRunConsole(successfulRunWithParallelAndMap(), { width: 120, color: false });
    const [first, second] = text.split('\n');
    expect(first).toMatch(/^Run happy-run-0001\s+SUCCESS$/);
    expect(second).toContain('tag: nightly');
    expect(second).toContain('started: 2026-01-02 10:00:00');
    expect(second).toContain('duration: 7.0s');
  });

  it('lists every step at every depth by internal name, indented under its branch', () => {
    const log = successfulRunWithParallelAndMap();
    const text = renderRunConsole(log, { width: 120, color: false });
    for (const name of allStepNames(log)) expect(text).toMatch(new RegExp(`^\\s*${name.replace(/\./g, '\\.')}\\s`, 'm'));
    expect(lineOf(text, 'par ')).toMatch(/^par /);
    expect(lineOf(text, 'branch par.left')).toMatch(/^ {2}branch par\.left/);
    expect(lineOf(text, 'par.left.a')).toMatch(/^ {4}par\.left\.a/);
    expect(lineOf(text, 'map_state.2.execute')).toMatch(/^ {4}map_state\.2\.execute/);
    // Steps appear in log order.
    const order = ['prepare', 'par ', 'par.left.a', 'par.right.c', 'map_state ', 'map_state.1.execute', 'map_state.2.execute'];
    const positions = order.map((n) => (text.indexOf(`\n${n}`) >= 0 ? text.indexOf(`\n${n}`) : text.indexOf(` ${n}`)));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('shows status, attempts, last-attempt duration and outputs; composites get the span of their children', () => {
    const ok = renderRunConsole(successfulRunWithParallelAndMap(), { width: 120, color: false });
    expect(lineOf(ok, 'prepare')).toMatch(/^prepare\s+SUCCESS\s+1\s+1\.0s\s+chunks=\[1,2\]$/);
    expect(lineOf(ok, 'map_state.1.execute')).toMatch(/SUCCESS\s+1\s+2\.0s\s+processed=10$/);
    expect(lineOf(ok, 'par ')).toMatch(/^par\s+SUCCESS\s+2\.0s$/); // 1s..3s, no attempts column
    expect(lineOf(ok, 'map_state ')).toMatch(/^map_state\s+SUCCESS\s+4\.0s$/); // 3s..7s

    const bad = renderRunConsole(failedRunWithRetriedStep(), { width: 120, color: false });
    expect(lineOf(bad, 'Run ')).toMatch(/FAIL$/);
    expect(lineOf(bad, 'transform')).toMatch(/^transform\s+FAIL\s+2\s+5\.0s$/); // the last attempt: 4s..9s
    expect(bad).toContain('└ KeyError: <"column"> & friends');
    expect(bad).toContain('tag: -');
  });

  it('ends with the root parameters', () => {
    const text = renderRunConsole(successfulRunWithParallelAndMap(), { width: 120, color: false });
    const params = text.slice(text.indexOf('PARAMETERS'));
    expect(params).toMatch(/^ {2}chunks\s+= \[1,2\]$/m);
    expect(params).toMatch(/^ {2}processed\s+= \[10,20\]$/m);
    expect(params).toMatch(/^ {2}df\s+= <object df>$/m);
  });

  it('fits the width: no line is longer, long values end with "…"', () => {
    for (const log of [successfulRunWithParallelAndMap(), failedRunWithRetriedStep()]) {
      for (const width of [20, 40, 60, 80, 100]) {
        const text = renderRunConsole(log, { width, color: false });
        for (const line of text.split('\n')) expect(Array.from(line).length, `${width}: ${line}`).toBeLessThanOrEqual(width);
      }
    }
    const narrow = renderRunConsole(successfulRunWithParallelAndMap(), { width: 60, color: false });
    expect(narrow).toMatch(/note\s+= "a rather .*…$/m);
    // Deep names are cut at the start, keeping the informative end.
    expect(narrow).toContain('…ate.2.execute');
  });

  it('colours statuses only when color is on, without changing the visible width', () => {
    const log = failedRunWithRetriedStep();
    const plain = renderRunConsole(log, { width: 60, color: false });
    const colored = renderRunConsole(log, { width: 60, color: true });
    expect(plain).not.toContain('\x1b[');
    expect(colored).toContain('\x1b[31mFAIL\x1b[0m');
    expect(colored).toContain('\x1b[32mSUCCESS\x1b[0m');
    expect(stripAnsi(colored)).toBe(plain);
  });

  it('copes with a run that has no steps or parameters yet', () => {
    const log = { ...failedRunWithRetriedStep(), steps: {}, parameters: {}, status: 'PROCESSING' as const };
    const text = renderRunConsole(log, { width: 50, color: false });
    expect(text).toContain('(no steps recorded)');
    expect(text).toContain('duration: -');
    expect(text).toContain('(none)');
  });
});

describe('renderRunConsole on a run still in progress', () => {
  it('says "running" for an attempt without an end yet', () => {
    const log = failedRunWithRetriedStep();
    log.status = 'PROCESSING';
    log.steps.notify = leaf('notify', 'task', [{ ...attempt(1, 9, 10, 'PROCESSING'), end_time: '' }]);
    const text = renderRunConsole(log, { width: 80, color: false });
    expect(lineOf(text, 'notify')).toMatch(/^notify\s+PROCESSING\s+1\s+running$/);
  });
});

// The job summary stays readable for big runs (issue 11): a map's branches collapse into a `<details>` whose
// summary counts them by status instead of one row each; a reached `fail` node is drawn as a failure in the
// Mermaid DAG and the table; mocked steps are marked as mocked; every duration (summary, the action's log, the
// CLI's console and `show`) has the one format of src/report/format.ts. Real runs, through the action in-process
// and the built CLI.
import { describe, expect, it } from 'vitest';
import { renderSummary } from '../src/action/summary.js';
import type { BranchLog, RunLog, StepLog } from '../src/services/run-log/model.js';
import { runActionIn } from './helpers/action.js';
import { runCli } from './helpers/cli.js';
import { dedent, workspace } from './helpers/workspace.js';

/** formatDuration's shapes: 850ms, 1.2s, 3m 04s, 2h 05m. */
const DURATION = /^(\d+ms|\d+\.\ds|\d+m \d\ds|\d+h \d\dm)$/;

const MAP_PIPELINE = dedent(`
  dag:
    start_at: map_step
    steps:
      map_step:
        type: map
        iterate_on: items
        iterate_as: i
        next: success
        branch:
          start_at: check
          steps:
            check:
              type: task
              command_type: shell
              command: test "$i" -ne 7 && test "$i" -ne 42
              next: success
`);
const ITEMS = JSON.stringify({ items: Array.from({ length: 120 }, (_, i) => i) });

/** The table rows of a Markdown text (`| a | b |` lines, header and separator left out). */
const rows = (text: string) => text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| step |') && !l.startsWith('| ---'));

describe('the job summary of a big run', () => {
  it("collapses a map's 120 branches into a <details> counted by status, and draws the reached fail node as a failure", async () => {
    const ws = workspace({ 'pipeline.yaml': MAP_PIPELINE, 'params.json': ITEMS });
    const r = await runActionIn(ws.dir, { pipeline: 'pipeline.yaml', parameters: 'params.json', 'run-id': 'big-map' });
    expect(r.code, r.stdout).toBe(1);
    const [main, section] = r.summary.split('<details>');
    expect(section, r.summary).toBeDefined();

    // the run's table: the map is one row saying what is below, and the fail node is a failure
    expect(rows(main)).toEqual([
      expect.stringMatching(/^\| map_step \| ❌ FAIL \| {2}\| [^|]+ \| 120 branches — 118 ✓, 2 ✗ \(below\) \|$/),
      '| fail | ❌ FAIL |  |  |  |',
    ]);
    // one closed section, its summary counting the branches, its table one row per branch and per step in it
    expect(section).toMatch(/^\n<summary><code>map_step<\/code>: 120 branches — 118 ✓, 2 ✗<\/summary>\n/);
    expect(section).toContain('</details>');
    const branchRows = rows(section).filter((l) => l.includes('↳'));
    expect(branchRows).toHaveLength(120);
    expect(branchRows.filter((l) => l.includes('❌ FAIL')).map((l) => l.split('|')[1].trim())).toEqual(['↳ 7', '↳ 42']);
    expect(rows(section).filter((l) => l.includes('check'))).toHaveLength(120);
    // the graph: the fail node is drawn (nothing routes to it, but the run ended there), reached from the map
    expect(r.summary).toContain('    n_fail((("fail")))');
    expect(r.summary).toContain('    n_map_step -.->|failed| n_fail');
    expect(r.summary).toContain('    n_map_step__map_variable_placeholder__check -.->|failed| n_map_step__map_variable_placeholder__fail');
    const failClass = r.summary.split('\n').find((l) => /^ {4}class .* fail$/.test(l));
    expect(failClass?.split(' ')[5]?.split(',')).toEqual(expect.arrayContaining(['n_fail', 'n_map_step']));
    // one duration format in the summary and the action's log
    for (const row of rows(r.summary)) {
      const duration = row.split('|')[4].trim();
      if (duration) expect(duration).toMatch(DURATION);
    }
    const logged = [...r.stdout.matchAll(/ (?:SUCCESS|FAIL) (\S+(?: \d\d[sm])?)(?: after|$|:)/gm)].map((m) => m[1]);
    expect(logged.length).toBeGreaterThan(0);
    for (const d of logged) expect(d).toMatch(DURATION);
  });

  it('marks mocked steps as mocked in the table and the graph', async () => {
    const ws = workspace({
      'config.yaml': 'pipeline-executor:\n  type: mocked\n',
      'pipeline.yaml': dedent(`
        dag:
          start_at: compute
          steps:
            compute:
              type: task
              command_type: shell
              command: exit 1
              next: success
      `),
    });
    const r = await runActionIn(ws.dir, { pipeline: 'pipeline.yaml', config: 'config.yaml', 'run-id': 'mocked-run' });
    expect(r.code, r.stdout).toBe(0);
    expect(rows(r.summary)).toEqual([expect.stringMatching(/^\| compute \(mocked\) \| ✅ SUCCESS \| 1 \| /)]);
    expect(r.summary).toContain('n_compute["compute #40;mocked#41;"]'); // Mermaid shows "compute (mocked)"
    expect(r.summary).toMatch(/^ {4}classDef mocked stroke-dasharray/m);
    expect(r.summary).toMatch(/^ {4}class n_compute mocked$/m);
  });
});

describe('renderSummary within its limits', () => {
  it('cuts a map section that is too big, closes its <details>, and says what was left out', () => {
    const step = (name: string, internal: string, type: string, branches: Record<string, BranchLog> = {}): StepLog => ({
      name,
      internal_name: internal,
      status: 'SUCCESS',
      step_type: type,
      message: '',
      mock: false,
      attempts: [],
      branches,
      data_catalog: [],
    });
    const map = (name: string, n: number): StepLog => {
      const branches: Record<string, BranchLog> = {};
      for (let i = 0; i < n; i++) {
        const b = `${name}.${i}`;
        branches[b] = { internal_name: b, status: 'SUCCESS', parameters: {}, steps: { [`${b}.t`]: step('t', `${b}.t`, 'task') } };
      }
      return step(name, name, 'map', branches);
    };
    const runLog = {
      run_id: 'big',
      dag_hash: '',
      tag: '',
      status: 'SUCCESS',
      steps: { first: map('first', 5000), second: map('second', 3) },
      job: null,
      parameters: {},
      run_config: {},
    } as RunLog;
    const text = renderSummary({ outcome: 'SUCCESS', runId: 'big', runLog }, { maxBytes: 20_000, maxMermaidChars: 50_000, maxDetails: 20 });
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(20_000);
    expect(rows(text.split('<details>')[0])).toEqual([
      '| first | ✅ SUCCESS |  | - | 5000 branches — 5000 ✓ (below) |',
      '| second | ✅ SUCCESS |  | - | 3 branches — 3 ✓ (below) |',
    ]);
    expect(text).toContain('<summary><code>first</code>: 5000 branches — 5000 ✓</summary>');
    expect(text.split('<details>')).toHaveLength(2);
    expect(text.split('</details>')).toHaveLength(2);
    expect(text).toMatch(/\| … \d+ more rows not shown, to keep the summary under GitHub's 1 MiB/);
    expect(text).toContain("> 1 more map not shown, to keep the summary under GitHub's 1 MiB.");
  });
});

describe('one duration format on the console', () => {
  it('execute and show print durations as formatDuration does', async () => {
    const ws = workspace({
      'pipeline.yaml': dedent(`
        dag:
          start_at: a
          steps:
            a:
              type: task
              command_type: shell
              command: echo hi
              next: success
      `),
    });
    const run = await runCli(['execute', 'pipeline.yaml', 'durations'], { cwd: ws.dir });
    expect(run.code, run.output).toBe(0);
    const step = /✔ a SUCCESS (.+)$/m.exec(run.stdout);
    const total = /Run durations SUCCESS in (.+)$/m.exec(run.stdout);
    expect(step?.[1], run.stdout).toMatch(DURATION);
    expect(total?.[1], run.stdout).toMatch(DURATION);
    const show = await runCli(['show', 'durations'], { cwd: ws.dir });
    expect(show.code, show.output).toBe(0);
    const shown = /duration: (\S+(?: \d\d[sm])?)/.exec(show.stdout);
    expect(shown?.[1], show.stdout).toMatch(DURATION);
  });
});

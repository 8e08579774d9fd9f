// Two runs in one process (two SDK `execute` calls at once) share no state: each has its own buffered store,
// run log, events and parameters, even with the same run id. Module-level state (a store's map of every run of
// the process) would refuse the second run ("run id exists") or mix the two logs.
import { describe, expect, it } from 'vitest';
import { Pipeline, ShellTask, Stub, TypeScriptTask, type EngineEvent, type ExecuteResult, type RunLog } from '../src/index.js';
import { cliEnv } from './helpers/cli.js';
import { workspace, type Workspace } from './helpers/workspace.js';

const BUFFERED = 'run-log-store:\n  type: buffered\n';

/** A pipeline whose first task waits until `release` resolves, so the other run happens while it is in flight. */
function heldPipeline(release: Promise<void>): Pipeline {
  return new Pipeline({
    name: 'held',
    steps: [
      new TypeScriptTask({
        name: 'hold',
        fn: async () => {
          await release;
          return 'a';
        },
        returns: ['who'],
      }),
      new Stub({ name: 'a done' }),
    ],
  });
}

function quickPipeline(): Pipeline {
  return new Pipeline({
    name: 'quick',
    steps: [new ShellTask({ name: 'quick', command: 'export who=b', returns: ['who'] }), new Stub({ name: 'b done' })],
  });
}

const stepNames = (log: RunLog | undefined) => Object.keys(log?.steps ?? {}).sort();

/** Starts `run` with the workspace as the current folder (restored when it settles). */
function inside<T>(ws: Workspace, run: () => Promise<T>): Promise<T> {
  const saved = process.cwd();
  process.chdir(ws.dir);
  return run().finally(() => process.chdir(saved));
}

describe('two SDK runs in one process', () => {
  it('with buffered stores and the same run id, concurrently: each run keeps its own log and events', async () => {
    const ws = workspace({ 'config.yaml': BUFFERED });
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    const eventsA: EngineEvent[] = [];
    const eventsB: EngineEvent[] = [];
    const opts = (events: EngineEvent[]) => ({
      runId: 'same-id',
      configurationFile: 'config.yaml',
      env: cliEnv(ws.dir),
      onEvent: (e: EngineEvent) => {
        events.push(e);
        if (e.type === 'step-started' && e.name === 'hold') holding();
      },
    });
    const saved = process.cwd();
    process.chdir(ws.dir);
    let a: Promise<ExecuteResult>;
    let b: ExecuteResult;
    try {
      a = heldPipeline(released).execute(opts(eventsA));
      await held; // run A has created its run log and is inside its first step
      b = await quickPipeline().execute(opts(eventsB));
    } finally {
      release();
      process.chdir(saved);
    }
    const ra = await a;

    expect(b.status).toBe('SUCCESS');
    expect(stepNames(b.runLog)).toEqual(['b done', 'quick', 'success']);
    expect(b.runLog?.parameters.who?.value).toBe('b');
    expect(ra.status).toBe('SUCCESS');
    expect(stepNames(ra.runLog)).toEqual(['a done', 'hold', 'success']);
    expect(ra.runLog?.parameters.who?.value).toBe('a');
    expect(ra.runLog).not.toBe(b.runLog);
    // each listener heard its own run only
    const stepsHeard = (events: EngineEvent[]) => [...new Set(events.flatMap((e) => (e.type === 'step-finished' ? [e.name] : [])))].sort();
    expect(stepsHeard(eventsA)).toEqual(['a done', 'hold', 'success']);
    expect(stepsHeard(eventsB)).toEqual(['b done', 'quick', 'success']);
    expect(ws.exists('.run_log_store')).toBe(false);
  });

  it('with buffered stores and different run ids, at once: both succeed, neither log holds the other', async () => {
    const ws = workspace({ 'config.yaml': BUFFERED });
    const [ra, rb] = await inside(ws, () => {
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      const a = heldPipeline(released).execute({ runId: 'run-a', configurationFile: 'config.yaml', env: cliEnv(ws.dir) });
      const b = quickPipeline()
        .execute({ runId: 'run-b', configurationFile: 'config.yaml', env: cliEnv(ws.dir) })
        .finally(release);
      return Promise.all([a, b]);
    });
    expect([ra.runId, ra.status, stepNames(ra.runLog)]).toEqual(['run-a', 'SUCCESS', ['a done', 'hold', 'success']]);
    expect([rb.runId, rb.status, stepNames(rb.runLog)]).toEqual(['run-b', 'SUCCESS', ['b done', 'quick', 'success']]);
    expect(ra.runLog?.run_config.pipeline_definition_file).toBe('sdk:held');
    expect(rb.runLog?.run_config.pipeline_definition_file).toBe('sdk:quick');
  });
});

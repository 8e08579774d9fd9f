// The jobs of a workflow run in `needs` order, as many at once as `maxParallelJobs` allows: a job's `if:`
// (default success(), which is false when any job it depends on, directly or not, did not succeed) sees
// `needs.<id>.result` / `.outputs`; its `strategy.matrix` (which may be `fromJSON(needs...)`) is expanded into
// instances that run up to `max-parallel` at a time; with `fail-fast` (the default) the first failed instance
// cancels the others. A matrix job's result is failure if any instance failed; its outputs are merged in the
// order instances finished (the last one wins, as on GitHub).
import type { Annotation } from './commands.js';
import type { Conclusion, RunContext, StepResult } from './context.js';
import type { ExprValue, ExpressionScope } from './expressions.js';
import { evaluateCondition, evaluateTemplate, toText, truthy } from './expressions.js';
import type { InstanceSpec, JobInstanceResult } from './job.js';
import { runJobInstance } from './job.js';
import { expandMatrix, matrixJobName } from './matrix.js';

/** What one job (all its matrix instances) did. */
export interface JobResult {
  id: string;
  name: string;
  /** `needs.<id>.result`: success, failure, cancelled or skipped. */
  conclusion: Conclusion;
  outputs: Record<string, string>;
  /** One per matrix combination (one for a job without a matrix; none when skipped). */
  instances: JobInstanceResult[];
  /** Every instance's steps in order, main steps then post steps. */
  steps: StepResult[];
  /** Every instance's log, joined. */
  log: string;
  annotations: Annotation[];
}

/** A counting semaphore. */
class Lanes {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}
  async take(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

function ancestors(run: RunContext, id: string, seen = new Set<string>()): Set<string> {
  for (const n of run.workflow.jobs[id].needs) {
    if (!seen.has(n)) {
      seen.add(n);
      ancestors(run, n, seen);
    }
  }
  return seen;
}

function jobLevelScope(run: RunContext, id: string, results: Map<string, JobResult>): ExpressionScope {
  const needs: Record<string, ExprValue> = {};
  for (const n of run.workflow.jobs[id].needs) needs[n] = { result: results.get(n)!.conclusion, outputs: results.get(n)!.outputs };
  const upstream = [...ancestors(run, id)].map((a) => results.get(a)!.conclusion);
  return {
    contexts: { github: run.github, needs, vars: run.vars, inputs: run.inputs },
    functions: {
      success: () => upstream.every((c) => c === 'success'),
      failure: () => upstream.some((c) => c === 'failure'),
      cancelled: () => upstream.some((c) => c === 'cancelled'),
      always: () => true,
    },
  };
}

function skipped(id: string, name: string, annotations: Annotation[] = []): JobResult {
  return { id, name, conclusion: 'skipped', outputs: {}, instances: [], steps: [], log: '', annotations };
}

async function runJob(
  run: RunContext,
  id: string,
  results: Map<string, JobResult>,
  lanes: Lanes,
  counter: { n: number },
): Promise<JobResult> {
  const job = run.workflow.jobs[id];
  const scope = jobLevelScope(run, id, results);
  let baseName = id;
  let combos: Record<string, ExprValue>[];
  let failFast = true;
  let maxParallel = Infinity;
  try {
    if (!evaluateCondition(job.if, scope)) return skipped(id, job.name ?? id);
    if (job.uses) throw new Error(`job '${id}' calls a reusable workflow (${job.uses}), which the workflow harness does not run`);
    const strategy = (evaluateTemplate(job.strategy ?? {}, scope) ?? {}) as Record<string, ExprValue>;
    combos = expandMatrix(strategy.matrix ?? undefined);
    if (strategy['fail-fast'] !== undefined) failFast = truthy(strategy['fail-fast']);
    if (strategy['max-parallel'] !== undefined) maxParallel = Number(strategy['max-parallel']);
    if (job.name !== undefined) baseName = toText(evaluateTemplate(job.name, { contexts: { ...scope.contexts, matrix: combos[0] ?? {} } }));
  } catch (e) {
    const message = `job '${id}': ${(e as Error).message}`;
    return { ...skipped(id, job.name ?? id, [{ level: 'error', message }]), conclusion: 'failure', log: `##[error]${message}` };
  }
  const needs = scope.contexts.needs as Record<string, ExprValue>;
  const fanOut = new AbortController();
  const matrixLanes = new Lanes(Math.max(1, maxParallel));
  const finished: JobInstanceResult[] = [];
  const instances = await Promise.all(
    combos.map(async (matrix, index) => {
      await matrixLanes.take();
      await lanes.take();
      try {
        const name =
          job.name !== undefined && combos.length > 1
            ? toText(evaluateTemplate(job.name, { contexts: { ...scope.contexts, matrix } }))
            : matrixJobName(baseName, job.strategy?.matrix !== undefined ? matrix : {});
        const spec: InstanceSpec = {
          jobId: id,
          name,
          job,
          matrix,
          strategy: {
            'fail-fast': failFast,
            'job-index': index,
            'job-total': combos.length,
            'max-parallel': Number.isFinite(maxParallel) ? maxParallel : combos.length,
          },
          needs,
          number: ++counter.n,
          key: `${String(counter.n).padStart(3, '0')}-${id}${combos.length > 1 ? `-${index}` : ''}`,
          signal: fanOut.signal,
        };
        const result = await runJobInstance(run, spec);
        if (failFast && result.conclusion === 'failure') fanOut.abort();
        finished.push(result);
        return result;
      } finally {
        lanes.give();
        matrixLanes.give();
      }
    }),
  );
  const conclusions = instances.map((i) => i.conclusion);
  const conclusion: Conclusion = conclusions.includes('failure') ? 'failure' : conclusions.includes('cancelled') ? 'cancelled' : 'success';
  return {
    id,
    name: baseName,
    conclusion: combos.length ? conclusion : 'skipped',
    outputs: Object.assign({}, ...finished.map((i) => i.outputs)),
    instances,
    steps: instances.flatMap((i) => i.steps),
    log: instances.map((i) => (instances.length > 1 ? `### ${i.name}\n${i.log}` : i.log)).join('\n'),
    annotations: instances.flatMap((i) => i.annotations),
  };
}

/** Runs every job of the run's workflow; returns their results by job id. */
export async function runJobs(run: RunContext, maxParallelJobs: number): Promise<Map<string, JobResult>> {
  const results = new Map<string, JobResult>();
  const started = new Set<string>();
  const running = new Map<string, Promise<void>>();
  const lanes = new Lanes(maxParallelJobs);
  const counter = { n: 0 };
  const ids = Object.keys(run.workflow.jobs);
  while (results.size < ids.length) {
    for (const id of ids) {
      if (started.has(id) || !run.workflow.jobs[id].needs.every((n) => results.has(n))) continue;
      started.add(id);
      running.set(
        id,
        runJob(run, id, results, lanes, counter).then((r) => {
          results.set(id, r);
          running.delete(id);
        }),
      );
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  return results;
}

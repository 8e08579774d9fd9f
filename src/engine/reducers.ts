// Map reducers: built-in names evaluated here, else code (runnable's python lambda or dotted path) evaluated by
// the task runner that declares `reduce` (the python runner; runnable's own dotted-path reducers crash: we
// support them).
import type { RunContext } from './run-context.js';
import { taskRunners } from './task-runner.js';

const sum = (v: unknown[]) => v.reduce<number>((a, b) => a + Number(b), 0);
// numbers numerically, anything else by its text (python's max/min compare like types alike)
const cmp = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;

export const BUILTIN_REDUCERS: Record<string, (values: unknown[]) => unknown> = {
  max: (v) => [...v].sort(cmp).at(-1),
  min: (v) => [...v].sort(cmp)[0],
  sum,
  first: (v) => v[0],
  last: (v) => v.at(-1),
  concat: (v) => v.flatMap((x) => (Array.isArray(x) ? x : [x])),
};

/** The reduced value, or undefined when there is nothing to reduce (no branch returned it) and no default applies. */
export async function applyReducer(run: RunContext, reducer: string | undefined, values: unknown[], step: string): Promise<unknown> {
  if (!reducer) return values; // runnable's default: the list in item order
  if (!values.length) return undefined;
  const builtin = BUILTIN_REDUCERS[reducer];
  if (builtin) return builtin(values);
  const evaluator = taskRunners.reducerEvaluator();
  if (!evaluator?.reduce) throw new Error(`internal: no task runner evaluates the reducer "${reducer}"`);
  // what a reducer prints is the map step's output, like any task's (masked, prefixed, in its log group)
  const output = (stream: 'stdout' | 'stderr', line: string) =>
    run.events.emit({ type: 'step-output', step, stream, line: run.masker.mask(line) });
  return evaluator.reduce({ reducer, values, output, resources: run.resources });
}

// Map reducers: built-in names that need no Python, else runnable's python lambda or dotted path, evaluated by
// the python worker (runnable's own dotted-path reducers crash: we support them).
import { LineSplitter } from '../tasks/line-splitter.js';
import type { RunContext } from './run-context.js';

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
  // what a python reducer prints is the map step's output, like any task's (masked, prefixed, in its log group)
  const lines = {
    stdout: new LineSplitter((line) => run.events.emit({ type: 'step-output', step, stream: 'stdout', line: run.masker.mask(line) })),
    stderr: new LineSplitter((line) => run.events.emit({ type: 'step-output', step, stream: 'stderr', line: run.masker.mask(line) })),
  };
  try {
    return await run.python().reduce(reducer, values, (stream, text) => lines[stream].push(text));
  } finally {
    lines.stdout.end();
    lines.stderr.end();
  }
}

// The SDK example of pipeline.mjs with types, importing the library's source: run by test/sdk-example.test.ts.
// Keep the two files the same pipeline.
import { pathToFileURL } from 'node:url';
import {
  Map,
  Pipeline,
  PythonTask,
  ShellTask,
  Stub,
  TypeScriptTask,
  metric,
  type ExecuteOptions,
  type ExecuteResult,
} from '../../src/index.js';

export const pipeline = new Pipeline({
  description: 'Square 1..count in a map, add the squares up in python, report and check the sum.',
  steps: [
    new TypeScriptTask({
      name: 'numbers',
      fn: ({ count }: { count: number }) => Array.from({ length: count }, (_, i) => i + 1),
      returns: ['numbers'],
    }),
    new Map({
      name: 'squares',
      iterateOn: 'numbers',
      iterateAs: 'x',
      branch: new Pipeline({
        steps: [new PythonTask({ name: 'square', function: 'examples.common.functions.square', returns: ['squared'] })],
      }),
    }),
    // `squared` arrives reduced: the list of every item's value, in item order
    new PythonTask({ name: 'add up', function: 'examples.common.functions.total', returns: [metric('sum_of_squares')] }),
    new ShellTask({
      name: 'report',
      command: 'mkdir -p data\necho "the sum of the squares of 1..$count is $sum_of_squares" > data/squares.txt',
      catalog: { put: ['data/squares.txt'] },
    }),
    new TypeScriptTask({
      name: 'check',
      fn: ({ count, sum_of_squares }: { count: number; sum_of_squares: number }) => {
        const expected = (count * (count + 1) * (2 * count + 1)) / 6;
        if (sum_of_squares !== expected) throw new Error(`expected ${expected}, got ${sum_of_squares}`);
        return true;
      },
      returns: ['checked'],
      // runs only when the check fails; the run then ends failed
      onFailure: new Pipeline({ steps: [new Stub({ name: 'investigate', terminateWithFailure: true })] }),
    }),
    new ShellTask({ name: 'tidy up', command: 'rm -rf data' }),
  ],
});

export function run(options: ExecuteOptions = {}): Promise<ExecuteResult> {
  return pipeline.execute({ parameters: { count: 4 }, ...options });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { runId, status } = await run({ console: true });
  console.log(`${runId}: ${status}`);
  process.exitCode = status === 'SUCCESS' ? 0 : 1;
}

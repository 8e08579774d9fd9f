// The SDK: a pipeline written in JavaScript/TypeScript instead of YAML, checked and run exactly like one.
// Steps run in list order; TypeScriptTask functions run in this process, python and shell tasks as in YAML.
// Run from the repository root after `npm run build` (python tasks import examples.common.functions):
//   node examples/10-sdk/pipeline.mjs
// pipeline.ts beside it is the same pipeline with types, run by test/sdk-example.test.ts.
import { pathToFileURL } from 'node:url';
import { Map, Pipeline, PythonTask, ShellTask, Stub, TypeScriptTask, metric } from '../../dist/lib/index.js';

export const pipeline = new Pipeline({
  description: 'Square 1..count in a map, add the squares up in python, report and check the sum.',
  steps: [
    new TypeScriptTask({
      name: 'numbers',
      fn: ({ count }) => Array.from({ length: count }, (_, i) => i + 1),
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
      fn: ({ count, sum_of_squares }) => {
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

export function run(options = {}) {
  return pipeline.execute({ parameters: { count: 4 }, ...options });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { runId, status } = await run({ console: true });
  console.log(`${runId}: ${status}`);
  process.exitCode = status === 'SUCCESS' ? 0 : 1;
}

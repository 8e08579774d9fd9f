// The workflow harness's expression evaluator and matrix expansion against GitHub's documented behaviour:
// operators and their coercions, case-insensitive names, the `*` filter, the functions, `if:` conditions with
// the implicit success(), templates that keep a value's type, and matrix include / exclude rules (the example
// of GitHub's "Using a matrix" page).
import { describe, expect, it } from 'vitest';
import type { ExprValue, ExpressionScope } from './harness/workflow/expressions.js';
import { ExpressionError, evaluate, evaluateCondition, evaluateTemplate, interpolate } from './harness/workflow/expressions.js';
import { MAX_MATRIX_JOBS, expandMatrix, matrixJobName } from './harness/workflow/matrix.js';

const scope = (contexts: Record<string, ExprValue> = {}, status = { success: true, failure: false }): ExpressionScope => ({
  contexts: {
    github: { event_name: 'push', ref: 'refs/heads/main', event: { commits: [{ message: 'a' }, { message: 'b' }] } },
    needs: { build: { result: 'success', outputs: { list: '[1,2]' } }, test: { result: 'failure', outputs: {} } },
    steps: { 'my-step': { outputs: { 'run-id': 'r1' }, outcome: 'failure', conclusion: 'success' } },
    env: { NAME: 'World' },
    ...contexts,
  },
  functions: { success: () => status.success, failure: () => status.failure, always: () => true, cancelled: () => false },
});
const ev = (src: string, s = scope()) => evaluate(src, s);

describe('expressions', () => {
  it('reads contexts with dashes in names, case-insensitively, and gives null for what is missing', () => {
    expect(ev('steps.my-step.outputs.run-id')).toBe('r1');
    expect(ev('GITHUB.Event_Name')).toBe('push');
    expect(ev("github['ref']")).toBe('refs/heads/main');
    expect(ev('steps.nope.outputs.x')).toBeNull();
    expect(() => ev('nope.x')).toThrow(ExpressionError);
  });

  it('filters with * over objects and arrays', () => {
    expect(ev('needs.*.result')).toEqual(['success', 'failure']);
    expect(ev('github.event.commits.*.message')).toEqual(['a', 'b']);
    expect(ev("contains(needs.*.result, 'failure')")).toBe(true);
  });

  it('compares loosely: strings ignoring case, mismatched kinds as numbers', () => {
    expect(ev("'ABC' == 'abc'")).toBe(true);
    expect(ev("'1' == 1")).toBe(true);
    expect(ev('null == 0')).toBe(true);
    expect(ev('true == 1')).toBe(true);
    expect(ev("'' == 0")).toBe(true);
    expect(ev("'x' == 0")).toBe(false);
    expect(ev("'b' > 'A'")).toBe(true);
    expect(ev('2 >= 10')).toBe(false);
    expect(ev('0x10 == 16 && -1.5e1 < -10')).toBe(true);
    expect(ev('github == github')).toBe(true);
    expect(ev('github == needs')).toBe(false);
  });

  it('returns an operand from && and ||, and applies GitHub truthiness', () => {
    expect(ev("'' || 'fallback'")).toBe('fallback');
    expect(ev("'a' && 'b'")).toBe('b');
    expect(ev("0 && 'x'")).toBe(0);
    expect(ev("!''")).toBe(true);
    expect(ev('!github')).toBe(false);
    expect(ev("github.event_name == 'push' && 'yes' || 'no'")).toBe('yes');
  });

  it('has the functions', () => {
    expect(ev("contains('Hello World', 'WORLD')")).toBe(true);
    expect(ev('contains(fromJSON(\'["a","b"]\'), \'B\')')).toBe(true);
    expect(ev("startsWith(github.ref, 'refs/HEADS/')")).toBe(true);
    expect(ev("endsWith('file.yml', '.YML')")).toBe(true);
    expect(ev("format('{0}-{1} {{literal}}', 'a', 2)")).toBe('a-2 {literal}');
    expect(() => ev("format('{1}', 'a')")).toThrow(ExpressionError);
    expect(ev("join(fromJSON('[1,true,\"x\"]'), '+')")).toBe('1+true+x');
    expect(ev("join('single')")).toBe('single');
    expect(ev('toJSON(fromJSON(\'{"a":[1]}\'))')).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(ev('fromJSON(needs.build.outputs.list)[1]')).toBe(2);
    expect(() => ev("fromJSON('')")).toThrow(/fromJSON/);
    expect(() => ev('nosuch(1)')).toThrow(/Unrecognized function/);
  });

  it("interpolates text the way GitHub prints values: '' for null, Object / Array for structures", () => {
    const s = scope();
    expect(interpolate('Hello ${{ env.NAME }}! ${{ steps.x.outputs.y }}|${{ 1 == 1 }}|${{ github.event }}|${{ needs.*.result }}', s)).toBe(
      'Hello World! |true|Object|Array',
    );
    expect(interpolate("${{ '}}' }} and ${{ 'a''b' }}", s)).toBe("}} and a'b");
  });

  it('keeps the type of a value that is one whole expression, so matrices can come from fromJSON', () => {
    const s = scope();
    expect(evaluateTemplate({ matrix: '${{ fromJSON(\'{"x":[1,2]}\') }}', name: 'n-${{ 1 }}', n: 3 }, s)).toEqual({
      matrix: { x: [1, 2] },
      name: 'n-1',
      n: 3,
    });
  });

  it('evaluates if: conditions with an implicit success() unless a status function is named', () => {
    const failing = scope({}, { success: false, failure: true });
    expect(evaluateCondition(undefined, scope())).toBe(true);
    expect(evaluateCondition(undefined, failing)).toBe(false);
    expect(evaluateCondition("github.event_name == 'push'", scope())).toBe(true);
    expect(evaluateCondition("github.event_name == 'push'", failing)).toBe(false);
    expect(evaluateCondition("${{ github.event_name == 'pull_request' }}", scope())).toBe(false);
    expect(evaluateCondition('failure()', failing)).toBe(true);
    expect(evaluateCondition("always() && env.NAME == 'world'", failing)).toBe(true);
    expect(evaluateCondition("failure() && steps.my-step.outputs.run-id != ''", failing)).toBe(true);
    expect(evaluateCondition('${{ !cancelled() }}', failing)).toBe(true);
    expect(evaluateCondition(false, scope())).toBe(false);
  });

  it('rejects bad syntax', () => {
    expect(() => ev("github.ref == 'x")).toThrow(/Unterminated/);
    expect(() => ev('(1 == 1')).toThrow(ExpressionError);
    expect(() => ev('1 = 1')).toThrow(ExpressionError);
    expect(() => interpolate('${{ github.ref', scope())).toThrow(/Unclosed/);
  });
});

describe('matrix expansion', () => {
  it('is the product of the keys in order', () => {
    expect(expandMatrix({ os: ['a', 'b'], node: [20, 22] })).toEqual([
      { os: 'a', node: 20 },
      { os: 'a', node: 22 },
      { os: 'b', node: 20 },
      { os: 'b', node: 22 },
    ]);
    expect(expandMatrix(undefined)).toEqual([{}]);
  });

  it("merges include entries as GitHub's documented example says", () => {
    const combos = expandMatrix({
      fruit: ['apple', 'pear'],
      animal: ['cat', 'dog'],
      include: [
        { color: 'green' },
        { color: 'pink', animal: 'cat' },
        { fruit: 'apple', shape: 'circle' },
        { fruit: 'banana' },
        { fruit: 'banana', animal: 'cat' },
      ],
    });
    expect(combos).toEqual([
      { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
      { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
      { fruit: 'pear', animal: 'cat', color: 'pink' },
      { fruit: 'pear', animal: 'dog', color: 'green' },
      { fruit: 'banana' },
      { fruit: 'banana', animal: 'cat' },
    ]);
  });

  it('removes combinations an exclude entry matches, even partly', () => {
    const combos = expandMatrix({ os: ['linux', 'windows'], node: [20, 22], exclude: [{ os: 'windows' }, { os: 'linux', node: 22 }] });
    expect(combos).toEqual([{ os: 'linux', node: 20 }]);
  });

  it('takes a matrix of include entries only, and objects as values', () => {
    expect(expandMatrix({ include: [{ slice: 0 }, { slice: 1 }] })).toEqual([{ slice: 0 }, { slice: 1 }]);
    expect(expandMatrix({ cfg: [{ a: 1 }], exclude: [{ cfg: { a: 1 } }] })).toEqual([]);
  });

  it("refuses more than GitHub's 256 jobs and values that are not lists", () => {
    expect(expandMatrix({ i: [...Array(MAX_MATRIX_JOBS).keys()] })).toHaveLength(MAX_MATRIX_JOBS);
    expect(() => expandMatrix({ i: [...Array(MAX_MATRIX_JOBS + 1).keys()] })).toThrow(/at most 256/);
    expect(() => expandMatrix({ i: 'x' })).toThrow(/must be a list/);
  });

  it('names instances with their values', () => {
    expect(matrixJobName('build', { os: 'linux', node: 20 })).toBe('build (linux, 20)');
    expect(matrixJobName('build', {})).toBe('build');
  });
});

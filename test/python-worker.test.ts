// The Python worker pool against a real python3: real processes, real task modules in a temp directory.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReturnSpec } from '../src/pipeline/model.js';
import type { Parameters } from '../src/services/run-log/model.js';
import {
  PythonNotFoundError,
  PythonWorkerPool,
  pythonExecutable,
  type OutputSink,
  type PythonCall,
} from '../src/tasks/python/worker-pool.js';

const FUNCTIONS = `
import argparse
import os
import subprocess
import sys
import time

CALLS = 0


def greet(count, name, greeting="hello"):
    return f"{greeting} {name} x{count}"


def leftovers(ratio, **others):
    return sorted(others), ratio * 2


def cast(count: str, settings: dict):
    return count + "!", settings["depth"] + 1


def bad_cast(count: int):
    return count


def number_types(count, ratio):
    return type(count).__name__, type(ratio).__name__, count


def with_namespace(x, args: argparse.Namespace):
    return x, sorted(vars(args))


def needs(a):
    return a


class Basket:
    def __init__(self, items):
        self.items = items


def produce():
    return 3, {"colour": "red", "sizes": [1, 2]}, 0.75, Basket(["apple", "pear"])


def consume(basket, count, info, accuracy):
    total = count + len(basket.items) + sum(info["sizes"])
    return total, f"{info['colour']}-{basket.items[0]}-{accuracy}"


def two():
    return 1, 2


def not_json():
    return {1, 2}


def explode(value):
    raise ValueError(f"cannot handle {value}")


def chatty():
    for i in range(300):
        print(f"line {i}")
    print("ünïcødé ✓")
    sys.stderr.write("to stderr")
    subprocess.run([sys.executable, "-c", "print('from a subprocess')"], check=True)
    # Looks like the start of the end-of-output marker: must be passed on, not swallowed.
    print("last <<runnable-end-of-output:", end="")
    return "done"


def flood(lines):
    # Far more than a pipe holds, on both streams: the end of it is still in flight when the reply is sent.
    for i in range(lines):
        print(f"out {i}")
        sys.stderr.write(f"err {i}\\n")
    return lines


def read_env():
    return os.environ.get("API_TOKEN"), os.environ.get("OUTER")


def env_state():
    return "API_TOKEN" in os.environ, os.environ.get("OUTER")


def counter():
    global CALLS
    CALLS += 1
    return CALLS, os.getpid()


def slow_pid():
    time.sleep(0.5)
    return os.getpid()


def quits():
    sys.exit(3)


def die():
    print("about to die")
    os.kill(os.getpid(), 9)
`;

const MODELS = `
from pydantic import BaseModel


class Settings(BaseModel):
    depth: int
    name: str = "unnamed"


class Depth(BaseModel):
    depth: int


def deepen(settings: Settings):
    return Settings(depth=settings.depth + 1, name=settings.name)


def scalar(depth: Depth):
    return depth.depth * 2
`;

const REDUCERS = `
def longest(*values):
    return max(values, key=len)
`;

const hasPydantic = (() => {
  try {
    execFileSync(pythonExecutable(), ['-c', 'import pydantic'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const dir = mkdtempSync(join(tmpdir(), 'runnable-python-worker-'));
let pool: PythonWorkerPool;

beforeAll(() => {
  writeFileSync(join(dir, 'functions.py'), FUNCTIONS);
  writeFileSync(join(dir, 'models.py'), MODELS);
  mkdirSync(join(dir, 'pkg'));
  writeFileSync(join(dir, 'pkg', '__init__.py'), '');
  writeFileSync(join(dir, 'pkg', 'reducers.py'), REDUCERS);
  pool = new PythonWorkerPool({ cwd: dir, env: { ...process.env, OUTER: 'outer value' } });
});

afterAll(async () => {
  await pool?.close();
  rmSync(dir, { recursive: true, force: true });
});

function json(values: Record<string, unknown>): Parameters {
  return Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { kind: 'json', value }]));
}

function returns(...names: string[]): ReturnSpec[] {
  return names.map((spec) => {
    const [name, kind = 'json'] = spec.split(':');
    return { name, kind } as ReturnSpec;
  });
}

function pythonCall(command: string, overrides: Partial<PythonCall> = {}): PythonCall {
  return {
    command,
    parameters: {},
    iterVariables: {},
    returns: [],
    env: {},
    objectPaths: {},
    objectOutDir: join(dir, 'objects'),
    ...overrides,
  };
}

function recorder(): { sink: OutputSink; stdout: () => string; stderr: () => string } {
  const seen = { stdout: '', stderr: '' };
  return {
    sink: (stream, text) => (seen[stream] += text),
    stdout: () => seen.stdout,
    stderr: () => seen.stderr,
  };
}

const quiet: OutputSink = () => {};

describe('binding parameters by name', () => {
  it('binds in any order, uses defaults and ignores parameters nobody asked for', async () => {
    const result = await pool.call(
      pythonCall('functions.greet', {
        parameters: json({ unused: true, name: 'world', count: 3 }),
        returns: returns('message'),
      }),
      quiet,
    );
    expect(result).toEqual({
      ok: true,
      message: '',
      outputs: { message: { kind: 'json', value: 'hello world x3', description: 'hello worl...' } },
    });
  });

  it('gives every unconsumed parameter, iteration variables included, to **kwargs', async () => {
    const result = await pool.call(
      pythonCall('functions.leftovers', {
        parameters: json({ b: 1, ratio: 0.25, a: 'x' }),
        iterVariables: { chunk: 7 },
        returns: returns('names', 'double'),
      }),
      quiet,
    );
    expect(result.ok).toBe(true);
    expect(result.outputs.names.value).toEqual(['a', 'b', 'chunk']);
    expect(result.outputs.double.value).toBe(0.5);
  });

  it('gives unconsumed parameters to an argparse.Namespace argument', async () => {
    const result = await pool.call(
      pythonCall('functions.with_namespace', {
        parameters: json({ x: 1, y: 2, z: 3 }),
        returns: returns('x', 'names'),
      }),
      quiet,
    );
    expect(result.outputs.names.value).toEqual(['y', 'z']);
  });

  it('casts to the annotated type: the json int 4 arrives as the str "4"', async () => {
    const result = await pool.call(
      pythonCall('functions.cast', {
        parameters: json({ count: 4, settings: { depth: 2 } }),
        returns: returns('shout', 'depth'),
      }),
      quiet,
    );
    expect(result.outputs.shout.value).toBe('4!');
    expect(result.outputs.depth.value).toBe(3);
  });

  it('fails the call when a cast fails', async () => {
    const result = await pool.call(pythonCall('functions.bad_cast', { parameters: json({ count: 'many' }) }), quiet);
    expect(result.ok).toBe(false);
    expect(result.message).toContain("Cannot cast parameter 'count' to int");
  });

  it('keeps json integers as integers both ways', async () => {
    const result = await pool.call(
      pythonCall('functions.number_types', {
        parameters: json({ count: 4, ratio: 0.5 }),
        returns: returns('count_type', 'ratio_type', 'count'),
      }),
      quiet,
    );
    expect(result.outputs.count_type.value).toBe('int');
    expect(result.outputs.ratio_type.value).toBe('float');
    expect(result.outputs.count.value).toBe(4);
  });

  it('fails when a required argument has no parameter', async () => {
    const result = await pool.call(pythonCall('functions.needs', { parameters: json({ b: 1 }) }), quiet);
    expect(result.ok).toBe(false);
    expect(result.message).toContain("Function needs has required parameter 'a' that is not present");
  });

  it('does not unpickle object parameters no argument asks for', async () => {
    const result = await pool.call(
      pythonCall('functions.greet', {
        parameters: { ...json({ name: 'n', count: 1 }), df: { kind: 'object', value: 'df' } },
        objectPaths: { df: join(dir, 'does-not-exist.dill') },
      }),
      quiet,
    );
    expect(result.ok).toBe(true);
  });

  it.skipIf(!hasPydantic)('validates into a pydantic model and returns its dump', async () => {
    const deepened = await pool.call(
      pythonCall('models.deepen', {
        parameters: json({ settings: { depth: 2, ignored: true } }),
        returns: returns('settings'),
      }),
      quiet,
    );
    expect(deepened.outputs.settings.value).toEqual({ depth: 3, name: 'unnamed' });

    // A value that is not a dict is wrapped as {argname: value}.
    const scalar = await pool.call(pythonCall('models.scalar', { parameters: json({ depth: 5 }), returns: returns('doubled') }), quiet);
    expect(scalar.outputs.doubled.value).toBe(10);
  });

  it('reports a module that cannot be imported', async () => {
    const result = await pool.call(pythonCall('no_such_module.func'), quiet);
    expect(result.ok).toBe(false);
    expect(result.message).toContain("Could not import module 'no_such_module'");
  });
});

describe('returns', () => {
  it('records json, metric and object returns; a later call reads the object back', async () => {
    const produced = await pool.call(
      pythonCall('functions.produce', { returns: returns('count', 'info', 'accuracy:metric', 'basket:object') }),
      quiet,
    );
    expect(produced.ok).toBe(true);
    expect(produced.outputs).toEqual({
      count: { kind: 'json', value: 3, description: 3 },
      info: {
        kind: 'json',
        value: { colour: 'red', sizes: [1, 2] },
        description: { colour: 'red', sizes: [1, 2] },
      },
      accuracy: { kind: 'metric', value: 0.75, description: 0.75 },
      basket: { kind: 'object', value: 'basket' },
    });
    const pickle = join(dir, 'objects', 'basket.dill');
    expect(existsSync(pickle)).toBe(true);

    const consumed = await pool.call(
      pythonCall('functions.consume', {
        parameters: { ...produced.outputs },
        objectPaths: { basket: pickle },
        returns: returns('total', 'label'),
      }),
      quiet,
    );
    expect(consumed.outputs.total.value).toBe(8);
    expect(consumed.outputs.label.value).toBe('red-apple-0.75');
  });

  it('fails when the number of values differs from the declared returns', async () => {
    const result = await pool.call(pythonCall('functions.two', { returns: returns('only') }), quiet);
    expect(result.ok).toBe(false);
    expect(result.message).toContain('The function returned 2 value(s) but 1 are declared in returns (only)');
  });

  it('ignores the result when nothing is declared', async () => {
    const result = await pool.call(pythonCall('functions.not_json'), quiet);
    expect(result).toEqual({ ok: true, outputs: {}, message: '' });
  });

  it('names a json return that cannot be serialised', async () => {
    const result = await pool.call(pythonCall('functions.not_json', { returns: returns('numbers') }), quiet);
    expect(result.ok).toBe(false);
    expect(result.message).toContain("Return 'numbers' of kind json is not JSON-serialisable");
  });
});

describe('failures and output', () => {
  it('reports an exception with its traceback, also on the stderr sink', async () => {
    const out = recorder();
    const result = await pool.call(pythonCall('functions.explode', { parameters: json({ value: 41 }) }), out.sink);
    expect(result.ok).toBe(false);
    expect(result.outputs).toEqual({});
    expect(result.message).toMatch(/^Call to the function functions\.explode did not succeed\.\n/);
    expect(result.message).toContain('ValueError: cannot handle 41');
    expect(out.stderr()).toContain('Traceback (most recent call last)');
    expect(out.stderr()).toContain('ValueError: cannot handle 41');
  });

  it("delivers all printed output, a subprocess's included, in order before call() resolves", async () => {
    const out = recorder();
    const result = await pool.call(pythonCall('functions.chatty'), out.sink);
    const expected =
      Array.from({ length: 300 }, (_, i) => `line ${i}\n`).join('') + 'ünïcødé ✓\nfrom a subprocess\nlast <<runnable-end-of-output:';
    expect(result.ok).toBe(true);
    expect(out.stdout()).toBe(expected);
    expect(out.stderr()).toBe('to stderr');
  });

  it('has every line of a flood of output before call() resolves', async () => {
    const lines = 50_000;
    const out = recorder();
    const result = await pool.call(pythonCall('functions.flood', { parameters: json({ lines }) }), out.sink);
    expect(result.ok).toBe(true);
    expect(out.stdout().endsWith(`out ${lines - 1}\n`)).toBe(true);
    expect(out.stderr().endsWith(`err ${lines - 1}\n`)).toBe(true);
    expect(out.stdout().split('\n')).toHaveLength(lines + 1);
  });

  it('sets the call env for the call only and restores what was there', async () => {
    const during = await pool.call(
      pythonCall('functions.read_env', {
        env: { API_TOKEN: 's3cret', OUTER: 'inner value' },
        returns: returns('token', 'outer'),
      }),
      quiet,
    );
    expect(during.outputs.token.value).toBe('s3cret');
    expect(during.outputs.outer.value).toBe('inner value');

    const after = await pool.call(pythonCall('functions.env_state', { returns: returns('has_token', 'outer') }), quiet);
    expect(after.outputs.has_token.value).toBe(false);
    expect(after.outputs.outer.value).toBe('outer value');
  });
});

describe('workers', () => {
  const counter = pythonCall('functions.counter', { returns: returns('calls', 'pid') });

  it('reuses one worker across calls, keeping its imported modules', async () => {
    const first = await pool.call(counter, quiet);
    const second = await pool.call(counter, quiet);
    expect(second.outputs.pid.value).toBe(first.outputs.pid.value);
    expect(second.outputs.calls.value).toBe((first.outputs.calls.value as number) + 1);
  });

  it('keeps serving after failing calls, sys.exit() included', async () => {
    const before = await pool.call(counter, quiet);
    const exploded = await pool.call(pythonCall('functions.explode', { parameters: json({ value: 1 }) }), quiet);
    const quit = await pool.call(pythonCall('functions.quits'), quiet);
    const after = await pool.call(counter, quiet);
    expect(exploded.ok).toBe(false);
    expect(quit.ok).toBe(false);
    expect(quit.message).toContain('SystemExit: 3');
    expect(after.outputs.pid.value).toBe(before.outputs.pid.value);
    expect(after.outputs.calls.value).toBe((before.outputs.calls.value as number) + 1);
  });

  it("uses a fresh interpreter per call with isolation 'process'", async () => {
    const isolated = new PythonWorkerPool({ cwd: dir, isolation: 'process' });
    try {
      const first = await isolated.call(counter, quiet);
      const second = await isolated.call(counter, quiet);
      expect(first.outputs.calls.value).toBe(1);
      expect(second.outputs.calls.value).toBe(1);
      expect(second.outputs.pid.value).not.toBe(first.outputs.pid.value);
    } finally {
      await isolated.close();
    }
  });

  it('runs concurrent calls in separate workers', async () => {
    const slow = pythonCall('functions.slow_pid', { returns: returns('pid') });
    const [a, b] = await Promise.all([pool.call(slow, quiet), pool.call(slow, quiet)]);
    expect(a.ok && b.ok).toBe(true);
    expect(a.outputs.pid.value).not.toBe(b.outputs.pid.value);
  });

  it('reports a worker killed mid-call and replaces it', async () => {
    const own = new PythonWorkerPool({ cwd: dir });
    try {
      const before = await own.call(counter, quiet);
      const out = recorder();
      const killed = await own.call(pythonCall('functions.die'), out.sink);
      expect(killed.ok).toBe(false);
      expect(killed.message).toMatch(/Python interpreter \(pid \d+\) exited \(signal SIGKILL\)/);
      expect(killed.message).toContain('functions.die');
      expect(out.stdout()).toBe('about to die\n');

      const next = await own.call(counter, quiet);
      expect(next.ok).toBe(true);
      expect(next.outputs.pid.value).not.toBe(before.outputs.pid.value);
      expect(next.outputs.calls.value).toBe(1);
    } finally {
      await own.close();
    }
  });

  it('throws PythonNotFoundError for a missing interpreter', async () => {
    const missing = new PythonWorkerPool({ cwd: dir, python: '/nonexistent/python3' });
    try {
      const attempt = missing.call(pythonCall('functions.greet'), quiet);
      await expect(attempt).rejects.toBeInstanceOf(PythonNotFoundError);
      await expect(attempt).rejects.toThrow(/RUNNABLE_PYTHON/);
    } finally {
      await missing.close();
    }
  });

  it('refuses calls once closed; closing twice is fine', async () => {
    const own = new PythonWorkerPool({ cwd: dir });
    await own.call(counter, quiet);
    await own.close();
    await own.close();
    await expect(own.call(counter, quiet)).rejects.toThrow(/closed/);
  });
});

describe('reduce', () => {
  it('applies a lambda reducer to the values', async () => {
    expect(await pool.reduce('lambda *x: max(x)', [1, 5, 3])).toBe(5);
    expect(await pool.reduce('lambda *x: [type(v).__name__ for v in x]', [4, 0.5])).toEqual(['int', 'float']);
  });

  it('imports a reducer given as a dotted path', async () => {
    expect(await pool.reduce('pkg.reducers.longest', ['a', 'abc', 'ab'])).toBe('abc');
  });

  it('rejects when the reducer fails', async () => {
    await expect(pool.reduce('lambda *x: 1 / 0', [1], quiet)).rejects.toThrow(/ZeroDivisionError/);
  });
});

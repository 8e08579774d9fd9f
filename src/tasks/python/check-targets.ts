// Checks that python task commands can be imported and name a function, in one interpreter start for all of
// them (used by `runnable validate`).
import { spawn } from 'node:child_process';
import { pythonExecutable } from './worker-pool.js';

const SCRIPT = `
import importlib, json, sys
sys.path.insert(0, '')
out = []
for dotted in json.load(sys.stdin):
    mod, _, fn = dotted.rpartition('.')
    try:
        m = importlib.import_module(mod)
        f = getattr(m, fn, None)
        out.append('' if callable(f) else 'module %s has no function %s' % (mod, fn))
    except BaseException as e:
        out.append('cannot import %s: %s: %s' % (mod, type(e).__name__, e))
print(json.dumps(out))
`;

/** For each dotted path, '' when it resolves to a callable, else why not. Undefined when python cannot start. */
export function checkPythonTargets(commands: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string[] | undefined> {
  if (!commands.length) return Promise.resolve([]);
  return new Promise((resolve) => {
    const child = spawn(pythonExecutable(env), ['-c', SCRIPT], { cwd, env, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.on('error', () => resolve(undefined));
    child.on('close', () => {
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1) ?? ''));
      } catch {
        resolve(undefined);
      }
    });
    child.stdin.end(JSON.stringify(commands));
  });
}

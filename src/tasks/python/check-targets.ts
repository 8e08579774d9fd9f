// Checks that python task commands can be imported and name a function, in one interpreter start for all of
// them (used by `runnable validate`), and the arguments each function requires (the static parameter flow).
import { spawn } from 'node:child_process';
import { pythonExecutable } from './worker-pool.js';

const SCRIPT = `
import importlib, inspect, json, sys
sys.path.insert(0, '')
out = []
for dotted in json.load(sys.stdin):
    mod, _, fn = dotted.rpartition('.')
    try:
        m = importlib.import_module(mod)
        f = getattr(m, fn, None)
        if not callable(f):
            out.append({'error': 'module %s has no function %s' % (mod, fn), 'required': []})
            continue
        required = []
        try:
            for p in inspect.signature(f).parameters.values():
                if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY):
                    required.append(p.name)
        except (TypeError, ValueError):
            pass
        out.append({'error': '', 'required': required})
    except BaseException as e:
        out.append({'error': 'cannot import %s: %s: %s' % (mod, type(e).__name__, e), 'required': []})
print(json.dumps(out))
`;

/** What python says of one dotted path: '' or why it does not resolve to a callable, and its arguments without a default. */
export interface PythonTarget {
  error: string;
  required: string[];
}

/** For each dotted path, '' when it resolves to a callable, else why not. Undefined when python cannot start. */
export async function checkPythonTargets(
  commands: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[] | undefined> {
  return (await inspectPythonTargets(commands, cwd, env))?.map((t) => t.error);
}

/** Each dotted path resolved and its signature read, in one interpreter start. Undefined when python cannot start. */
export function inspectPythonTargets(
  commands: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PythonTarget[] | undefined> {
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

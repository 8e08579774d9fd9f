// Which interpreter runs python tasks: RUNNABLE_PYTHON, else python3 from PATH — looking through a pyenv shim to
// the interpreter it would pick. A pyenv shim is a bash script that costs ~0.5 s per start, more than a whole
// pipeline of ours; choosing its version the way pyenv does (PYENV_VERSION, .python-version up from the working
// directory, the global version file) takes a few file reads.
import fs from 'node:fs';
import path from 'node:path';

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

function firstVersion(file: string): string | undefined {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .split(/\s+/)
      .find((v) => v && !v.startsWith('#'));
  } catch {
    return undefined;
  }
}

function pyenvVersion(env: NodeJS.ProcessEnv, cwd: string, root: string): string | undefined {
  if (env.PYENV_VERSION) return env.PYENV_VERSION.split(':')[0];
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const v = firstVersion(path.join(dir, '.python-version'));
    if (v) return v;
    if (path.dirname(dir) === dir) break;
  }
  return firstVersion(path.join(root, 'version'));
}

export function resolvePython(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  if (env.RUNNABLE_PYTHON) return env.RUNNABLE_PYTHON;
  const found = onPath('python3', env);
  if (!found) return 'python3';
  const shims = path.dirname(found);
  if (path.basename(shims) !== 'shims') return found;
  const root = env.PYENV_ROOT ?? path.dirname(shims);
  if (!fs.existsSync(path.join(root, 'versions'))) return found;
  const version = pyenvVersion(env, cwd, root) ?? (env.HOME ? firstVersion(path.join(env.HOME, '.pyenv', 'version')) : undefined);
  if (!version || version === 'system') return found;
  const real = path.join(root, 'versions', version, 'bin', 'python3');
  return fs.existsSync(real) ? real : found;
}

// Looking through a pyenv shim: the interpreter pyenv would run, without paying for its bash shim.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePython } from '../src/tasks/python/resolve-python.js';
import { workspace } from './helpers/workspace.js';

function fakePyenv() {
  const ws = workspace({
    'pyenv/shims/python3': '#!/bin/sh\n',
    'pyenv/versions/3.11.7/bin/python3': '#!/bin/sh\n',
    'pyenv/versions/3.12.1/bin/python3': '#!/bin/sh\n',
    'pyenv/version': '3.11.7\n',
    'project/sub/.keep': '',
  });
  fs.chmodSync(ws.path('pyenv/shims/python3'), 0o755);
  return ws;
}

describe('resolvePython', () => {
  it('uses RUNNABLE_PYTHON as it is', () => {
    expect(resolvePython({ RUNNABLE_PYTHON: '/opt/py/bin/python3', PATH: '/nowhere' })).toBe('/opt/py/bin/python3');
  });
  it('takes the global pyenv version behind a shim', () => {
    const ws = fakePyenv();
    const env = { PATH: ws.path('pyenv/shims') };
    expect(resolvePython(env, ws.path('project'))).toBe(ws.path('pyenv/versions/3.11.7/bin/python3'));
  });
  it('prefers .python-version up from the working directory, and PYENV_VERSION over both', () => {
    const ws = fakePyenv();
    ws.write('project/.python-version', '3.12.1\n');
    const env = { PATH: ws.path('pyenv/shims') };
    expect(resolvePython(env, ws.path('project/sub'))).toBe(ws.path('pyenv/versions/3.12.1/bin/python3'));
    expect(resolvePython({ ...env, PYENV_VERSION: '3.11.7' }, ws.path('project/sub'))).toBe(ws.path('pyenv/versions/3.11.7/bin/python3'));
  });
  it('keeps the shim for "system" or an unknown version, and a python3 that is not a shim', () => {
    const ws = fakePyenv();
    const env = { PATH: ws.path('pyenv/shims') };
    expect(resolvePython({ ...env, PYENV_VERSION: 'system' }, ws.dir)).toBe(ws.path('pyenv/shims/python3'));
    expect(resolvePython({ ...env, PYENV_VERSION: '2.7.0' }, ws.dir)).toBe(ws.path('pyenv/shims/python3'));
    const plain = workspace({ 'bin/python3': '' });
    fs.chmodSync(plain.path('bin/python3'), 0o755);
    expect(resolvePython({ PATH: plain.path('bin') }, plain.dir)).toBe(path.join(plain.dir, 'bin/python3'));
  });
});

// Shell tasks (runnable §2.4): /bin/sh -c with parameters as env vars; `export name=value` returns a declared value.
// Better than runnable: the environment is inherited (PATH, HOME...), and exports are collected by an EXIT trap
// into a file as NUL-separated `env -0` output, so task output cannot forge them, multi-line values survive, and
// they are collected even when the last command fails.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jsonParameter, type Parameters } from '../services/run-log/model.js';
import { parseLikePython, shellValue } from '../engine/parameters.js';
import { LineSplitter } from './line-splitter.js';
import type { TaskInvocation, TaskResult } from './task.js';

const ENV_OUT = '__RUNNABLE_ENV_OUT';

export function shellScript(command: string): string {
  return `trap '__runnable_rc=$?; env -0 > "$${ENV_OUT}" 2>/dev/null; exit $__runnable_rc' EXIT\n${command.trim()}\n`;
}

export function shellEnv(inv: TaskInvocation): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...inv.baseEnv, ...inv.env };
  for (const [k, p] of Object.entries(inv.params)) if (p.kind !== 'object') env[k] = shellValue(p);
  for (const [k, v] of Object.entries(inv.iterVariables)) env[k] = shellValue({ value: v });
  return env;
}

export function parseEnvDump(dump: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of dump.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) out.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return out;
}

export async function runShellTask(inv: TaskInvocation): Promise<TaskResult> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'runnable-sh-'));
  const envFile = path.join(dir, 'env');
  try {
    const env = { ...shellEnv(inv), [ENV_OUT]: envFile };
    const code = await new Promise<number | string>((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', shellScript(inv.task.command)], { cwd: inv.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const out = new LineSplitter((l) => inv.output('stdout', l));
      const err = new LineSplitter((l) => inv.output('stderr', l));
      child.stdout.setEncoding('utf8').on('data', (c: string) => out.push(c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => err.push(c));
      // Stop the whole process group: a task's own children must not outlive a cancelled run.
      const onAbort = () => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
      };
      inv.signal.addEventListener('abort', onAbort, { once: true });
      child.on('error', reject);
      child.on('close', (c, sig) => {
        inv.signal.removeEventListener('abort', onAbort);
        out.end();
        err.end();
        resolve(c ?? `signal ${sig}`);
      });
    });
    const outputs: Parameters = {};
    let dump = '';
    try {
      dump = await fs.promises.readFile(envFile, 'utf8');
    } catch {
      /* killed before the trap ran: no exports */
    }
    const vars = parseEnvDump(dump);
    for (const r of inv.task.returns) {
      const v = vars.get(r.name);
      if (v !== undefined && r.kind !== 'object') outputs[r.name] = jsonParameter(parseLikePython(v), r.kind);
    }
    // runnable leaves the message of a failed shell attempt empty; the exit code is in the execution log.
    if (code !== 0) inv.output('stderr', `[runnable] the command exited with ${typeof code === 'number' ? `code ${code}` : code}`);
    return { status: code === 0 ? 'SUCCESS' : 'FAIL', outputs, message: '' };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

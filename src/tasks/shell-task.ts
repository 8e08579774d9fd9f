// Shell tasks (runnable §2.4): /bin/sh -c with parameters as env vars; `export name=value` returns a declared value.
// Better than runnable: the environment is inherited (PATH, HOME...), and the declared returns are collected by an
// EXIT trap that writes them NUL-separated to a file with the shell's own printf — task output cannot forge them,
// multi-line values survive, they are collected even when the last command fails, and no extra process (runnable
// runs `env`) is started per step.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IDENTIFIER } from '../pipeline/schema.js';
import { jsonParameter, type Parameters } from '../services/run-log/model.js';
import { parseLikePython, shellValue } from '../util/python-values.js';
import { LineSplitter } from '../util/line-splitter.js';
import { STOP_GRACE_MS, stopProcessGroup } from '../util/process-group.js';
import type { TaskInvocation, TaskResult, TaskRunner } from '../engine/task-runner.js';

const RETURNS_OUT = '__RUNNABLE_RETURNS_OUT';

/**
 * The script run by /bin/sh: the command, preceded (when it declares returns) by a trap that writes
 * `name=value\0` for every declared return that is set. `${x+x=$x}` is empty for an unset variable.
 */
export function shellScript(command: string, returns: string[] = []): string {
  const names = returns.filter((n) => IDENTIFIER.test(n)); // embedded in the script: identifiers only
  if (!names.length) return command.trim();
  const fields = names.map((n) => `"\${${n}+${n}=$${n}}"`).join(' ');
  return `trap '__runnable_rc=$?; printf "%s\\0" ${fields} > "$${RETURNS_OUT}" 2>/dev/null; exit $__runnable_rc' EXIT\n${command.trim()}\n`;
}

export function shellEnv(inv: TaskInvocation): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...inv.baseEnv, ...inv.env };
  for (const [k, p] of Object.entries(inv.params)) if (p.kind !== 'object') env[k] = shellValue(p);
  for (const [k, v] of Object.entries(inv.iterVariables)) env[k] = shellValue({ value: v });
  return env;
}

export function parseReturnsDump(dump: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of dump.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) out.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return out;
}

// One folder per process for the returns files (a folder per step would cost two more system calls a step).
let scratch: string | undefined;
let counter = 0;
function returnsFile(): string {
  if (!scratch) {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'runnable-sh-'));
    const dir = scratch;
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return path.join(scratch, `returns-${++counter}-${crypto.randomBytes(3).toString('hex')}`);
}

export async function runShellTask(inv: TaskInvocation): Promise<TaskResult> {
  const returns = inv.task.returns.filter((r) => r.kind !== 'object');
  const file = returns.length ? returnsFile() : undefined;
  try {
    const env = shellEnv(inv);
    if (file) env[RETURNS_OUT] = file;
    const script = shellScript(
      inv.task.command,
      returns.map((r) => r.name),
    );
    const code = await runInGroup(script, env, inv);
    const outputs: Parameters = {};
    if (file) {
      let dump = '';
      try {
        dump = await fs.promises.readFile(file, 'utf8');
      } catch {
        /* killed before the trap ran: no returns */
      }
      const values = parseReturnsDump(dump);
      for (const r of returns) {
        const v = values.get(r.name);
        if (v !== undefined) outputs[r.name] = jsonParameter(parseLikePython(v), r.kind as 'json' | 'metric');
      }
    }
    // runnable leaves the message of a failed shell attempt empty; the exit code is in the execution log.
    if (code !== 0) inv.output('stderr', `[runnable] the command exited with ${typeof code === 'number' ? `code ${code}` : code}`);
    return { status: code === 0 ? 'SUCCESS' : 'FAIL', outputs, message: '' };
  } finally {
    if (file) await fs.promises.rm(file, { force: true });
  }
}

/** After the shell exits, how long its output may still take (a leftover that ignores SIGTERM holds the pipes). */
const DRAIN_MS = STOP_GRACE_MS + 1_000;

/**
 * /bin/sh in its own process group. When the shell exits (or the task is stopped: timeout, cancel), whatever it
 * left in the group is stopped (SIGTERM, then SIGKILL) and not waited for: the exit code is the shell's.
 */
function runInGroup(script: string, env: NodeJS.ProcessEnv, inv: TaskInvocation): Promise<number | string> {
  return new Promise<number | string>((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', script], { cwd: inv.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const out = new LineSplitter((l) => inv.output('stdout', l));
    const err = new LineSplitter((l) => inv.output('stderr', l));
    child.stdout.setEncoding('utf8').on('data', (c: string) => out.push(c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => err.push(c));
    const stop = () => {
      if (child.pid) stopProcessGroup(child.pid);
    };
    inv.signal.addEventListener('abort', stop, { once: true });
    if (inv.signal.aborted) stop();
    let exit: number | string | undefined;
    let drain: NodeJS.Timeout | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(drain);
      inv.signal.removeEventListener('abort', stop);
      out.end();
      err.end();
      resolve(exit ?? 'an unknown end');
    };
    child.on('error', reject);
    child.once('exit', (c, sig) => {
      exit = c ?? `signal ${sig}`;
      stop(); // what the task left running
      drain = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish();
      }, DRAIN_MS);
    });
    child.once('close', finish);
  });
}

/** The runner of `command_type: shell`. */
export const shellRunner: TaskRunner = { run: runShellTask };

// Stopping what a task leaves behind. Tasks run in their own process group (spawned detached: a new session), so
// everything they start — `cmd &` in shell, `subprocess.Popen` in python — can be found and stopped when the task
// ends, times out or is cancelled: SIGTERM first, SIGKILL after a grace period, and nothing ever waits for it
// (the grace period runs on an unref'd timer; when this process exits first, what is still pending is killed
// then). runnable leaves such processes running and, for shell tasks, waits for them.
// Not covered: a process that starts its own session (setsid, daemons double-forking into a new session) leaves
// the group and is not stopped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** How long a stopped process gets between SIGTERM and SIGKILL. */
export const STOP_GRACE_MS = 2_000;

/** Kills still pending when this process exits: pid (negative for a group) -> check that it is still ours. */
const pending = new Map<number, () => boolean>();
let exitHookInstalled = false;

function signal(target: number, sig: NodeJS.Signals | 0): boolean {
  try {
    process.kill(target, sig);
    return true;
  } catch {
    return false; // gone (ESRCH) or not ours (EPERM)
  }
}

function later(target: number, stillOurs: () => boolean, graceMs: number): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const [t, ours] of pending) if (ours()) signal(t, 'SIGKILL');
    });
  }
  pending.set(target, stillOurs);
  setTimeout(() => {
    pending.delete(target);
    if (stillOurs()) signal(target, 'SIGKILL');
  }, graceMs).unref();
}

/**
 * Stops every process of the group `pgid` (a task spawned detached has its pid as group id): SIGTERM now, SIGKILL
 * after `graceMs` to whatever is left. Returns at once. False when the group had no process left.
 */
export function stopProcessGroup(pgid: number, graceMs = STOP_GRACE_MS): boolean {
  if (!(pgid > 1)) return false;
  if (!signal(-pgid, 'SIGTERM')) return false;
  // a group id cannot be given to a new process while a member of the group lives, so the id is still this group
  later(-pgid, () => signal(-pgid, 0), graceMs);
  return true;
}

/** Stops the given processes: SIGTERM now, SIGKILL after `graceMs` to those still running (the same process). */
export function stopProcesses(pids: number[], graceMs = STOP_GRACE_MS): void {
  for (const pid of pids) {
    const started = startTime(pid);
    if (!signal(pid, 'SIGTERM')) continue;
    later(pid, () => started !== undefined && startTime(pid) === started, graceMs);
  }
}

/**
 * Every process below `pid` (children, their children...). For a python worker, which is made a child subreaper
 * (shim.py), this includes what its calls started and orphaned. Linux reads /proc/<pid>/task/<tid>/children; other
 * systems (and kernels without that file) ask `ps`.
 */
export function descendants(pid: number): number[] {
  return below(pid, childrenOf) ?? below(pid, psChildren())!;
}

/** Every process below `pid` by `kidsOf`; undefined when `kidsOf` cannot tell (no /proc children file). */
function below(pid: number, kidsOf: (p: number) => number[] | undefined): number[] | undefined {
  const out: number[] = [];
  const pending = [pid];
  for (let p = pending.pop(); p !== undefined; p = pending.pop()) {
    const kids = kidsOf(p);
    if (kids === undefined) return undefined;
    out.push(...kids);
    pending.push(...kids);
  }
  return out;
}

function childrenOf(pid: number): number[] | undefined {
  if (process.platform !== 'linux') return undefined;
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return []; // gone
  }
  const kids: number[] = [];
  for (const tid of tasks) {
    let text: string;
    try {
      text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && fs.existsSync(`/proc/${pid}/task/${tid}`)) return undefined; // no such file here
      continue;
    }
    for (const k of text.trim().split(/\s+/)) if (k) kids.push(Number(k));
  }
  return kids;
}

/** The children of every process, as `ps` lists them. */
function psChildren(): (p: number) => number[] {
  const r = spawnSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const children = new Map<number, number[]>();
  for (const line of (r.stdout ?? '').split('\n')) {
    const [p, parent] = line.trim().split(/\s+/).map(Number);
    if (!Number.isInteger(p) || !Number.isInteger(parent)) continue;
    children.set(parent, [...(children.get(parent) ?? []), p]);
  }
  return (p) => children.get(p) ?? [];
}

/** When `pid` started (Linux: field 22 of /proc/<pid>/stat; elsewhere `ps -o lstart`), to tell it from a reused pid. */
function startTime(pid: number): string | undefined {
  if (process.platform === 'linux') {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // after the command name (which may hold spaces and parentheses): state is field 3, starttime field 22
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    } catch {
      return undefined;
    }
  }
  const r = spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' });
  return r.stdout?.trim() || undefined;
}

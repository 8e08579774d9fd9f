// One run, one writer: a run that is PROCESSING is locked by the process running it. The lock is a file beside the
// run logs, `<folder>/<run_id>.lock`, created atomically (a complete file hard-linked into place, so a reader never
// sees it half written) and holding the holder's pid and host. A lock whose holder is gone (same host, dead pid)
// is taken over; a take-over is itself serialised by an exclusive `mkdir`, so two processes that find the same
// stale lock cannot both win. runnable has no lock: two runs with one id both run and overwrite each other's log.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The lock of one run; `release` removes it (only if it is still ours). */
export interface RunLock {
  readonly file: string;
  release(): void;
}

/** Who holds a lock, as written in it. */
export interface LockHolder {
  pid: number;
  host: string;
  started: string;
}

/** Thrown when another live process holds the run. */
export class RunLockedError extends Error {
  constructor(
    readonly runId: string,
    readonly file: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(`run "${runId}" is locked by ${describeHolder(holder)} (${file})`);
    this.name = 'RunLockedError';
  }
}

/** "process 123 on host h since ..." or "a process that is still writing its lock". */
export function describeHolder(holder: LockHolder | undefined): string {
  if (!holder) return 'a process that is still writing its lock';
  return `process ${holder.pid} on ${holder.host === os.hostname() ? 'this machine' : `host ${holder.host}`} (since ${holder.started})`;
}

/** The lock file of a run in a run-log folder. */
export const lockFile = (folder: string, runId: string) => path.join(folder, `${runId}.lock`);

// A lock file that cannot be parsed is being written (never, with link-into-place) or was cut by a full disk:
// older than this, it is stale.
const UNREADABLE_STALE_MS = 10_000;

/** Takes the lock of `runId` in `folder`, or throws RunLockedError naming its live holder. */
export function acquireRunLock(folder: string, runId: string): RunLock {
  fs.mkdirSync(folder, { recursive: true });
  const file = lockFile(folder, runId);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
  const mine = JSON.stringify(me);
  for (let tries = 0; tries < 3; tries++) {
    if (linkInto(file, mine)) return ownLock(file, mine);
    const holder = readHolder(file);
    if (!isStale(file, holder)) throw new RunLockedError(runId, file, holder);
    takeOver(file, holder);
  }
  throw new RunLockedError(runId, file, readHolder(file));
}

/** The holder of a run's lock when a live process holds it, else undefined. */
export function liveHolder(folder: string, runId: string): LockHolder | undefined {
  const file = lockFile(folder, runId);
  if (!fs.existsSync(file)) return undefined;
  const holder = readHolder(file);
  return isStale(file, holder) ? undefined : holder;
}

function ownLock(file: string, mine: string): RunLock {
  return {
    file,
    release() {
      try {
        if (fs.readFileSync(file, 'utf8') === mine) fs.rmSync(file, { force: true });
      } catch {
        // already gone
      }
    },
  };
}

// Write the whole content to a private file, then hard-link it to the lock's name: link fails if the name exists.
function linkInto(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, content);
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const h = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
    return Number.isInteger(h.pid) && typeof h.host === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

function isStale(file: string, holder: LockHolder | undefined): boolean {
  if (!holder) {
    try {
      return Date.now() - fs.statSync(file).mtimeMs > UNREADABLE_STALE_MS;
    } catch {
      return true; // removed meanwhile: try again
    }
  }
  // a lock written on another host cannot be checked from here: it holds until removed by hand
  if (holder.host !== os.hostname()) return false;
  return !isAlive(holder.pid);
}

/** True when a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Only one process removes a given stale lock: the one that makes the take-over folder. It checks, under that
// guard, that the lock is still the stale one it saw before removing it.
function takeOver(file: string, seen: LockHolder | undefined): void {
  const guard = `${file}.takeover`;
  try {
    fs.mkdirSync(guard);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // a take-over left behind by a process killed in the middle of one
    if (Date.now() - fs.statSync(guard).mtimeMs > UNREADABLE_STALE_MS) fs.rmSync(guard, { recursive: true, force: true });
    return;
  }
  try {
    const now = readHolder(file);
    if (JSON.stringify(now) === JSON.stringify(seen) && isStale(file, now)) fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(guard, { recursive: true, force: true });
  }
}

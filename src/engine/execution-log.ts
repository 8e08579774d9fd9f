// A task attempt's execution log: its output lines (already masked) written to a scratch file as they come, in
// 64 KB batches, then stored in the run's catalog. runnable (and we, before) kept the whole output in memory:
// 200 MB of output cost 1.2 GB of RSS. The name is runnable's `<alnum(step)><3 random chars>.execution.log`,
// drawn again when the catalog already holds it (3 characters collide, and runnable overwrites the older log),
// and shortened with a hash when the step name would make it longer than a file name may be.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Catalog } from '../services/catalog/catalog.js';
import { fitFileName } from '../util/file-names.js';

const BATCH = 64 * 1024;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Output lines of one attempt, on disk. */
export class ExecutionLog {
  private fd: number | undefined;
  private pending: string[] = [];
  private pendingSize = 0;
  private readonly file = path.join(os.tmpdir(), `runnable-output-${process.pid}-${crypto.randomBytes(6).toString('hex')}.log`);

  line(text: string): void {
    this.pending.push(text, '\n');
    this.pendingSize += text.length + 1;
    if (this.pendingSize >= BATCH) this.drain();
  }

  /** Everything written so far is in the scratch file, whose path this returns. */
  finish(): string {
    this.drain();
    if (this.fd === undefined) fs.writeFileSync(this.file, '');
    else fs.closeSync(this.fd);
    this.fd = undefined;
    return this.file;
  }

  /** Removes the scratch file (after the catalog copied it, or when the attempt broke). */
  dispose(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    fs.rmSync(this.file, { force: true });
  }

  private drain(): void {
    if (!this.pending.length) return;
    this.fd ??= fs.openSync(this.file, 'w');
    fs.writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingSize = 0;
  }
}

/** A name for an attempt's execution log that no file in the run's catalog has yet. */
export function executionLogName(catalog: Catalog, runId: string, internalName: string): string {
  const stem = internalName.replace(/[^A-Za-z0-9]/g, '');
  for (let length = 3; ; length++) {
    for (let tries = 0; tries < 8; tries++) {
      const name = fitFileName('', stem, `${randomChars(length)}.execution.log`);
      if (!catalog.storedPath(runId, name)) return name;
    }
  }
}

function randomChars(n: number): string {
  let out = '';
  for (const b of crypto.randomBytes(n)) out += ALPHABET[b % ALPHABET.length];
  return out;
}

// Persists documents without ever rewriting one more often than needed: a file marked dirty several times before
// its turn is rendered and written once, with its latest content. Each write is atomic. `flush` waits for all.
import { InfrastructureError } from '../../errors.js';
import { atomicWriteSync } from '../../util/atomic-write.js';

const CHUNK = 64;

export class CoalescingWriter {
  private readonly dirty = new Map<string, () => string>();
  private draining: Promise<void> | undefined;
  private lastWrite = 0;
  private urgent = false;
  private failure: unknown;

  private lastCost = 0;

  /**
   * `minIntervalMs` spaces out rewrites of big single-file logs, and `costFactor` stretches that to that many times
   * what the last batch took to write, so the share of time spent rewriting stays bounded as the log grows.
   * flush() bypasses both.
   */
  constructor(
    private readonly minIntervalMs = 0,
    private readonly costFactor = 0,
  ) {}

  mark(file: string, render: () => string): void {
    this.dirty.set(file, render);
    this.draining ??= this.drain();
  }

  async flush(): Promise<void> {
    this.urgent = true;
    try {
      while (this.draining) await this.draining;
      if (this.failure) {
        const f = this.failure as NodeJS.ErrnoException;
        this.failure = undefined;
        throw new InfrastructureError(
          'disk',
          `the run log could not be written: ${f.message}. Check that the run-log folder is writable and the disk has space.`,
          { cause: f },
        );
      }
    } finally {
      this.urgent = false;
    }
  }

  /**
   * A step ended: write now (and wait) when a rewrite costs at most a tenth of the time since the last one, so that
   * a retry after `kill -9` does not run finished steps again; otherwise leave the write to the coalesced drain
   * (steps faster than ten rewrites: stubs, mocked tasks on a big log), which bounds the time spent rewriting.
   */
  async checkpoint(): Promise<void> {
    if (!this.dirty.size && !this.draining) return;
    if (this.lastCost * 10 > Date.now() - this.lastWrite) return;
    await this.flush();
  }

  private async drain(): Promise<void> {
    try {
      while (this.dirty.size) {
        const wait = this.lastWrite + Math.max(this.minIntervalMs, this.costFactor * this.lastCost) - Date.now();
        if (wait > 0 && !this.urgent) await sleepUnlessUrgent(wait, () => this.urgent);
        else await new Promise((r) => setImmediate(r));
        const started = Date.now();
        const batch = [...this.dirty];
        this.dirty.clear();
        // Synchronous writes: a run-log document is written in well under a millisecond, and thousands of them
        // (a map's branch files) go several times faster without a thread-pool round trip per system call.
        // Every CHUNK files the loop yields, so that task output and child processes are not held up.
        for (let i = 0; i < batch.length; i++) {
          const [file, render] = batch[i];
          atomicWriteSync(file, render());
          if (i % CHUNK === CHUNK - 1) await new Promise((r) => setImmediate(r));
        }
        this.lastWrite = Date.now();
        this.lastCost = this.lastWrite - started;
      }
    } catch (e) {
      // kept for flush() to throw: nobody awaits a background drain
      this.failure ??= e;
    } finally {
      this.draining = undefined;
    }
  }
}

async function sleepUnlessUrgent(ms: number, urgent: () => boolean): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && !urgent()) await new Promise((r) => setTimeout(r, Math.min(10, end - Date.now())));
}

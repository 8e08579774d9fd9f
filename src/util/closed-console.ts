// Losing the console never loses the run: when stdout or stderr is closed under us (`runnable execute … | head`,
// a cancelled log stream), writes to it fail with EPIPE as an 'error' event that would otherwise crash the process
// and leave the run log PROCESSING. Here those errors are swallowed and later writes to that stream dropped; the
// run goes on and its run log ends SUCCESS or FAIL. runnable (Python) dies with BrokenPipeError in the same case.
// A slow reader is waited for instead: Node writes to a pipe without blocking and queues what the reader has not
// taken in memory (200 MB of task output piped into a slow reader cost 1.1 GB of RSS), so console pipes are made
// blocking, as Python's are: a task's output then waits for the reader, and memory stays flat.
import type { Writable } from 'node:stream';

const CLOSED_CODES = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END', 'ECONNRESET']);

/** Whether an error says the other end of a console stream went away. */
export function isClosedStreamError(e: unknown): boolean {
  return CLOSED_CODES.has((e as NodeJS.ErrnoException)?.code ?? '');
}

/** Makes a console stream drop writes once its reader is gone, instead of crashing the process. Idempotent. */
export function tolerateClosedStream(stream: Writable & { __runnableTolerant?: boolean }): void {
  if (stream.__runnableTolerant) return;
  stream.__runnableTolerant = true;
  let closed = false;
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.on('error', (e) => {
    if (!isClosedStreamError(e)) throw e;
    closed = true;
  });
  stream.write = ((...args: unknown[]) => {
    if (closed || stream.destroyed) return true;
    return write(...args);
  }) as typeof stream.write;
}

/** Both console streams of this process: a closed reader tolerated, a slow one waited for. */
export function tolerateClosedConsole(): void {
  for (const stream of [process.stdout, process.stderr]) {
    tolerateClosedStream(stream);
    blockOnSlowReader(stream);
  }
}

/** Makes writes to a console pipe wait for its reader instead of queueing in memory (files and TTYs already do). */
export function blockOnSlowReader(stream: Writable): void {
  const s = stream as Writable & { _type?: string; _handle?: { setBlocking?: (on: boolean) => unknown } };
  if (s._type === 'pipe') s._handle?.setBlocking?.(true);
}

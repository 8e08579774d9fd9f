// One Python interpreter running shim.py (shipped beside this file; its docstring describes the protocol):
// started, asked one request at a time over a private channel on fd 3, its stdout and stderr relayed to the
// caller of the current request, and closed with a grace period. The pool (worker-pool.ts) decides how many.
import { bundleDir } from '../../util/bundle-dir.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { descendants, stopProcesses, stopProcessGroup } from '../../util/process-group.js';

export const SHIM_FILE_NAME = 'shim.py';
// Next to the module both in src/ (tests, dev) and in the bundle (the build copies it to dist/cli/).
const SHIM_PATH = join(bundleDir(import.meta.url), SHIM_FILE_NAME);

/** How long a worker gets to exit on its own once its channel is closed before it is killed. */
const EXIT_GRACE_MS = 2_000;
/** After the interpreter exits, how long to wait for the rest of its output (a grandchild may hold the pipes). */
const OUTPUT_DRAIN_MS = 1_000;

/** The interpreter could not be started: a missing python is the machine's fault, not the task's. */
export class PythonNotFoundError extends Error {
  constructor(readonly python: string) {
    super(
      `The Python interpreter "${python}" was not found, so python tasks cannot run. ` +
        'Install Python 3.8 or later so that "python3" is on the PATH, or set the RUNNABLE_PYTHON ' +
        'environment variable to the interpreter to use (for example RUNNABLE_PYTHON=.venv/bin/python, ' +
        'the virtual environment where your task code and its dependencies are installed).',
    );
    this.name = 'PythonNotFoundError';
  }
}

/** Where a request's output goes, as it arrives. */
export type OutputSink = (stream: 'stdout' | 'stderr', text: string) => void;

/** What the shim answers to a request (see shim.py). */
export interface ShimReply {
  ok: boolean;
  message: string;
  outputs?: Record<string, { kind: string; value: unknown }>;
  value?: unknown;
}

/** The interpreter went away during a request: reported as a failed call, not thrown. */
export class WorkerExitedError extends Error {}

/** One Python interpreter running shim.py. */
export class PythonWorker {
  private readonly stdout: OutputRelay;
  private readonly stderr: OutputRelay;
  private readonly channel: Socket;
  /** Resolves once the interpreter has exited and its output is drained, with how it ended. */
  private readonly gone: Promise<string>;
  private readonly nonce = randomBytes(12).toString('hex');
  private sequence = 0;
  private exited = false;
  private replyWaiter: ((reply: ShimReply) => void) | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly pid: number,
    ready: () => void,
  ) {
    this.stdout = new OutputRelay('stdout', child.stdout as Readable);
    this.stderr = new OutputRelay('stderr', child.stderr as Readable);
    this.channel = child.stdio[3] as Socket;
    // Death is detected through 'exit'; these only stop EPIPE and friends from being unhandled.
    this.channel.on('error', () => {});
    child.on('error', () => {});

    let firstMessage = true;
    readLines(this.channel, (line) => {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return; // only the shim writes to the channel; anything else is not ours to interpret
      }
      if (firstMessage) {
        firstMessage = false;
        ready(); // the shim's first message says it is up
        return;
      }
      const waiter = this.replyWaiter;
      this.replyWaiter = undefined;
      waiter?.(message as unknown as ShimReply);
    });

    this.gone = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exited = true;
        const how = signal ? `signal ${signal}` : `exit code ${code}`;
        const timer = setTimeout(() => finish(), OUTPUT_DRAIN_MS);
        const finish = () => {
          clearTimeout(timer);
          this.stdout.flush();
          this.stderr.flush();
          resolve(how);
        };
        child.once('close', finish);
      });
    });
  }

  /** Spawns the interpreter and waits for the shim's "ready" message. */
  static start(python: string, cwd: string, env: NodeJS.ProcessEnv): Promise<PythonWorker> {
    return new Promise((resolve, reject) => {
      // Output is decoded as UTF-8 here, so Python must write UTF-8 whatever the locale says.
      const childEnv = { ...env, PYTHONIOENCODING: env.PYTHONIOENCODING || 'utf-8' };
      // stdin is /dev/null: a task reading input() gets EOF instead of hanging the worker.
      const child = spawn(python, ['-u', SHIM_PATH], {
        cwd,
        env: childEnv,
        stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
        // its own session and process group: what its calls start can be told from this process's other children
        detached: true,
      });
      child.once('error', (error: NodeJS.ErrnoException) => {
        // 'error' before 'spawn' means the interpreter could not be started at all.
        if (error.code === 'ENOENT' && existsSync(cwd)) reject(new PythonNotFoundError(python));
        else reject(new Error(`Could not start the Python interpreter "${python}" in ${cwd}: ${error.message}`));
      });
      child.once('spawn', () => {
        let startupOutput = '';
        const worker = new PythonWorker(child, child.pid ?? 0, () => {
          worker.setBusy(true);
          resolve(worker);
        });
        // Until "ready", output is only kept to explain a failed start (wrong Python version, broken shim...).
        worker.stdout.route((_stream, text) => (startupOutput += text));
        worker.stderr.route((_stream, text) => (startupOutput += text));
        void worker.gone.then((how) =>
          reject(
            new Error(
              `The Python interpreter "${python}" exited (${how}) before the runnable worker started` +
                (startupOutput.trim() ? `:\n${startupOutput.trim()}` : '.'),
            ),
          ),
        );
      });
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Sends one request; resolves after its reply and all of its output have arrived. */
  async request(message: Record<string, unknown>, sink: OutputSink): Promise<ShimReply | WorkerExitedError> {
    if (this.exited) return new WorkerExitedError(`The Python interpreter (pid ${this.pid}) had exited`);
    // The nonce keeps a function's own output from ending the call early by printing a marker-like line.
    const marker = `<<runnable-end-of-output:${this.nonce}:${++this.sequence}>>\n`;
    const outputDone = Promise.all([this.stdout.expect(marker, sink), this.stderr.expect(marker, sink)]);
    const reply = new Promise<ShimReply>((resolve) => (this.replyWaiter = resolve));
    const done = Promise.all([reply, outputDone]).then(([r]) => r);
    this.channel.write(`${JSON.stringify({ ...message, id: this.sequence, marker })}\n`);
    return Promise.race([done, this.gone.then((how) => new WorkerExitedError(`The Python interpreter (pid ${this.pid}) exited (${how})`))]);
  }

  /** An idle worker must not keep Node's event loop alive; a busy one must. */
  setBusy(busy: boolean): void {
    for (const handle of [this.child, this.channel, this.child.stdout, this.child.stderr] as unknown as {
      ref(): void;
      unref(): void;
    }[]) {
      if (busy) handle.ref();
      else handle.unref();
    }
  }

  /**
   * Stops what the last call left running (its processes: the worker is their subreaper on Linux, so orphans are
   * found too): SIGTERM, then SIGKILL after a grace period; returns at once.
   */
  stopLeftovers(): void {
    if (!this.exited) stopProcesses(descendants(this.pid));
  }

  /** Stops the worker and everything it started (a call that timed out or was cancelled); returns at once. */
  terminate(): void {
    if (this.exited) return;
    const started = descendants(this.pid);
    stopProcessGroup(this.pid);
    stopProcesses(started);
  }

  /** Closing the channel asks the shim to exit; it is killed if it has not done so within EXIT_GRACE_MS. */
  async close(): Promise<void> {
    if (this.exited) {
      await this.gone;
      return;
    }
    this.setBusy(true);
    this.stopLeftovers();
    this.channel.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), EXIT_GRACE_MS);
    await this.gone;
    clearTimeout(timer);
  }
}

/**
 * Forwards one output stream of a worker, live, to the sink of the current request, cutting out the
 * request's end-of-output marker. Output that arrives between requests goes to the last sink.
 */
class OutputRelay {
  private sink: OutputSink | undefined;
  private marker = '';
  private onMarker: (() => void) | undefined;
  /** The end of the text seen so far when it could be the start of the marker. */
  private heldBack = '';

  constructor(
    private readonly stream: 'stdout' | 'stderr',
    source: Readable,
  ) {
    source.setEncoding('utf8');
    source.on('data', (text: string) => this.push(text));
    source.on('error', () => {});
  }

  route(sink: OutputSink): void {
    this.sink = sink;
  }

  /** Routes output to `sink` and resolves once `marker` has come through. */
  expect(marker: string, sink: OutputSink): Promise<void> {
    this.flush();
    this.sink = sink;
    this.marker = marker;
    return new Promise((resolve) => (this.onMarker = resolve));
  }

  /** Hands over anything held back (the worker is gone, the marker will never come). */
  flush(): void {
    const text = this.heldBack;
    this.heldBack = '';
    this.emit(text);
  }

  private push(chunk: string): void {
    const text = this.heldBack + chunk;
    this.heldBack = '';
    if (!this.marker) {
      this.emit(text);
      return;
    }
    const at = text.indexOf(this.marker);
    if (at >= 0) {
      this.emit(text.slice(0, at));
      const rest = text.slice(at + this.marker.length);
      const done = this.onMarker;
      this.marker = '';
      this.onMarker = undefined;
      done?.();
      this.emit(rest);
      return;
    }
    const keep = partialMarkerLength(text, this.marker);
    this.emit(text.slice(0, text.length - keep));
    this.heldBack = text.slice(text.length - keep);
  }

  private emit(text: string): void {
    if (text && this.sink) this.sink(this.stream, text);
  }
}

/** Length of the longest end of `text` that is a beginning of `marker` (a marker split across chunks). */
function partialMarkerLength(text: string, marker: string): number {
  for (let length = Math.min(marker.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(marker.slice(0, length))) return length;
  }
  return 0;
}

/** Calls `onLine` for every newline-terminated line read from `source`. */
function readLines(source: Readable, onLine: (line: string) => void): void {
  let buffered = '';
  source.setEncoding('utf8');
  source.on('data', (chunk: string) => {
    buffered += chunk;
    let end = buffered.indexOf('\n');
    while (end >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      if (line.trim()) onLine(line);
      end = buffered.indexOf('\n');
    }
  });
}

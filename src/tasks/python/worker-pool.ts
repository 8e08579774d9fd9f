// Runs Python task functions (runnable §2.3) in long-lived Python workers, so that a pipeline pays the
// interpreter start-up and the imports of the task modules once per lane instead of once per step.
// The Python half is `shim.py`, shipped beside this file; its docstring describes the protocol.

import type { ReturnSpec } from '../../pipeline/model.js';
import { jsonParameter, type Parameters } from '../../services/run-log/model.js';
import { resolvePython } from './resolve-python.js';
import { PythonWorker, WorkerExitedError, type OutputSink, type ShimReply } from './worker.js';

export { PythonNotFoundError, SHIM_FILE_NAME, type OutputSink } from './worker.js';

export interface PythonCall {
  /** Dotted path "pkg.module.func"; the pool's cwd is on sys.path. */
  command: string;
  /** The scope's parameters ({kind:'json'|'metric', value} or {kind:'object', value:<name>}). */
  parameters: Parameters;
  /** Map iterate_as values: offered as extra json parameters. */
  iterVariables: Record<string, unknown>;
  returns: ReturnSpec[];
  /** Set in os.environ for the call only (secrets, index_as, RUNNABLE_STEP_ATTEMPT...), then restored. */
  env: Record<string, string>;
  /** Object parameter name -> absolute path of its pickle; loaded only if an argument needs it. */
  objectPaths: Record<string, string>;
  /** Returned objects are dumped here as `<name>.dill`. */
  objectOutDir: string;
}

/** A notebook run by the worker (runnable's notebook task): its code cells in order, parameters injected. */
export interface NotebookCall extends Omit<PythonCall, 'command'> {
  /** Absolute path of the notebook to run. */
  notebook: string;
  /** How messages name it (the task's command). */
  label: string;
  /** Where the executed notebook is written (absolute). */
  outPath: string;
}

export interface PythonResult {
  ok: boolean;
  /** The declared returns: json/metric with their value, object with its name (file in objectOutDir). */
  outputs: Parameters;
  /** '' on success; otherwise what went wrong, with the Python traceback when there is one. */
  message: string;
}

export interface PythonWorkerPoolOptions {
  /** The interpreter; defaults to pythonExecutable(env). */
  python?: string;
  /** Working directory of the workers; task modules are imported from it. */
  cwd: string;
  /** 'worker' (default): long-lived workers reused across calls. 'process': a fresh interpreter per call. */
  isolation?: 'worker' | 'process';
  env?: NodeJS.ProcessEnv;
}

/** The interpreter to run Python tasks with: RUNNABLE_PYTHON, else python3 (seen through a pyenv shim). */
export function pythonExecutable(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return resolvePython(env, cwd);
}

/** One lane of work: a worker serves one call at a time. */
export class PythonWorkerPool {
  private readonly python: string;
  private readonly isolation: 'worker' | 'process';
  private readonly idle: PythonWorker[] = [];
  private readonly all = new Set<PythonWorker>();
  private readonly starting = new Set<Promise<PythonWorker>>();
  private closed = false;

  constructor(private readonly opts: PythonWorkerPoolOptions) {
    this.python = opts.python ?? pythonExecutable(opts.env ?? process.env, opts.cwd);
    this.isolation = opts.isolation ?? 'worker';
  }

  /** Calls the function; an abort of `signal` (time limit, cancellation) stops the worker and the call fails. */
  async call(call: PythonCall, sink: OutputSink, signal?: AbortSignal): Promise<PythonResult> {
    const reply = await this.withWorker(signal, (worker) =>
      worker.request(
        {
          type: 'call',
          command: call.command,
          parameters: call.parameters,
          iter_variables: call.iterVariables,
          returns: call.returns,
          env: call.env,
          object_paths: call.objectPaths,
          object_out_dir: call.objectOutDir,
        },
        sink,
      ),
    );
    if (reply instanceof WorkerExitedError) {
      return { ok: false, outputs: {}, message: `${reply.message} while running ${call.command}.` };
    }
    if (!reply.ok) return { ok: false, outputs: {}, message: reply.message };
    return { ok: true, outputs: toParameters(call.returns, reply.outputs ?? {}), message: '' };
  }

  /** Runs a notebook's cells; the returns are read from its final namespace by name. */
  async notebook(call: NotebookCall, sink: OutputSink, signal?: AbortSignal): Promise<PythonResult> {
    const reply = await this.withWorker(signal, (worker) =>
      worker.request(
        {
          type: 'notebook',
          notebook: call.notebook,
          label: call.label,
          out_path: call.outPath,
          parameters: call.parameters,
          iter_variables: call.iterVariables,
          returns: call.returns,
          env: call.env,
          object_out_dir: call.objectOutDir,
        },
        sink,
      ),
    );
    if (reply instanceof WorkerExitedError) {
      return { ok: false, outputs: {}, message: `${reply.message} while running the notebook ${call.notebook}.` };
    }
    if (!reply.ok) return { ok: false, outputs: {}, message: reply.message };
    return { ok: true, outputs: toParameters(call.returns, reply.outputs ?? {}), message: '' };
  }

  /**
   * Applies a map reducer: `reducer(*values)`, where reducer is a "lambda ..." string or a dotted path.
   * Anything the reducer prints goes to `sink` (by default this process's own stdout and stderr).
   */
  async reduce(reducer: string, values: unknown[], sink: OutputSink = processSink): Promise<unknown> {
    const reply = await this.withWorker(undefined, (worker) => worker.request({ type: 'reduce', reducer, values }, sink));
    if (reply instanceof WorkerExitedError) throw new Error(`${reply.message} while applying the reducer ${reducer}.`);
    if (!reply.ok) throw new Error(reply.message);
    return reply.value;
  }

  /** Ends every worker (a running call is given EXIT_GRACE_MS to finish). Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    const started = await Promise.allSettled([...this.starting]);
    for (const s of started) if (s.status === 'fulfilled') this.all.add(s.value);
    this.idle.length = 0;
    await Promise.all([...this.all].map((worker) => worker.close()));
    this.all.clear();
  }

  private async withWorker(
    signal: AbortSignal | undefined,
    use: (worker: PythonWorker) => Promise<ShimReply | WorkerExitedError>,
  ): Promise<ShimReply | WorkerExitedError> {
    const worker = await this.acquire();
    // a call cannot be interrupted inside the interpreter: the worker goes, and the pool starts another when needed
    const stop = () => worker.terminate();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      if (signal?.aborted) stop();
      return await use(worker);
    } finally {
      signal?.removeEventListener('abort', stop);
      await this.release(worker);
    }
  }

  private async acquire(): Promise<PythonWorker> {
    if (this.closed) throw new Error('The Python worker pool is closed.');
    for (let worker = this.idle.pop(); worker; worker = this.idle.pop()) {
      if (worker.alive) {
        worker.setBusy(true);
        return worker;
      }
      this.all.delete(worker);
    }
    const start = PythonWorker.start(this.python, this.opts.cwd, this.opts.env ?? process.env);
    this.starting.add(start);
    try {
      const worker = await start;
      if (this.closed) {
        await worker.close();
        throw new Error('The Python worker pool is closed.');
      }
      this.all.add(worker);
      return worker;
    } finally {
      this.starting.delete(start);
    }
  }

  private async release(worker: PythonWorker): Promise<void> {
    if (!worker.alive || this.closed || this.isolation === 'process') {
      this.all.delete(worker);
      await worker.close();
      return;
    }
    worker.stopLeftovers();
    worker.setBusy(false);
    this.idle.push(worker);
  }
}

function toParameters(returns: ReturnSpec[], outputs: NonNullable<ShimReply['outputs']>): Parameters {
  const parameters: Parameters = {};
  for (const { name, kind } of returns) {
    const output = outputs[name];
    if (!output) continue;
    parameters[name] = kind === 'object' ? { kind: 'object', value: name } : jsonParameter(output.value, kind);
  }
  return parameters;
}

function processSink(stream: 'stdout' | 'stderr', text: string): void {
  (stream === 'stdout' ? process.stdout : process.stderr).write(text);
}

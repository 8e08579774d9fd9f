export declare const SHIM_FILE_NAME = "shim.py";
/** The interpreter could not be started: a missing python is the machine's fault, not the task's. */
export declare class PythonNotFoundError extends Error {
    readonly python: string;
    constructor(python: string);
}
/** Where a request's output goes, as it arrives. */
export type OutputSink = (stream: 'stdout' | 'stderr', text: string) => void;
/** What the shim answers to a request (see shim.py). */
export interface ShimReply {
    ok: boolean;
    message: string;
    outputs?: Record<string, {
        kind: string;
        value: unknown;
    }>;
    value?: unknown;
}
/** The interpreter went away during a request: reported as a failed call, not thrown. */
export declare class WorkerExitedError extends Error {
}
/** One Python interpreter running shim.py. */
export declare class PythonWorker {
    private readonly child;
    readonly pid: number;
    private readonly stdout;
    private readonly stderr;
    private readonly channel;
    /** Resolves once the interpreter has exited and its output is drained, with how it ended. */
    private readonly gone;
    private readonly nonce;
    private sequence;
    private exited;
    private replyWaiter;
    private constructor();
    /** Spawns the interpreter and waits for the shim's "ready" message. */
    static start(python: string, cwd: string, env: NodeJS.ProcessEnv): Promise<PythonWorker>;
    get alive(): boolean;
    /** Sends one request; resolves after its reply and all of its output have arrived. */
    request(message: Record<string, unknown>, sink: OutputSink): Promise<ShimReply | WorkerExitedError>;
    /** An idle worker must not keep Node's event loop alive; a busy one must. */
    setBusy(busy: boolean): void;
    /**
     * Stops what the last call left running (its processes: the worker is their subreaper on Linux, so orphans are
     * found too): SIGTERM, then SIGKILL after a grace period; returns at once.
     */
    stopLeftovers(): void;
    /** Stops the worker and everything it started (a call that timed out or was cancelled); returns at once. */
    terminate(): void;
    /** Closing the channel asks the shim to exit; it is killed if it has not done so within EXIT_GRACE_MS. */
    close(): Promise<void>;
}

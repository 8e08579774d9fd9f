import type { TaskSpec } from '../pipeline/model.js';
import type { Parameters } from '../services/run-log/model.js';
import type { RunResources } from './run-resources.js';
/** Everything one run of one task gets. */
export interface TaskInvocation {
    task: TaskSpec;
    /** The step's own name (a key of `steps`). */
    stepName: string;
    /** The scope's parameters at the start of the task (shared objects: never change them in place). */
    params: Parameters;
    /** Map iteration variables, by iterate_as name. */
    iterVariables: Record<string, unknown>;
    /** The environment tasks of the run start from (inherited, minus other tasks' secrets). */
    baseEnv: NodeJS.ProcessEnv;
    /** What this task adds to it: RUNNABLE_* values, its secrets, loop indexes, the attempt number. */
    env: Record<string, string>;
    cwd: string;
    /** One whole line of output at a time (the caller masks secrets and records it in the execution log). */
    output: (stream: 'stdout' | 'stderr', line: string) => void;
    signal: AbortSignal;
    /** For object parameters and returns: where stored objects are, and the folder new ones are written to. */
    objects: {
        paths: Record<string, string>;
        outDir: string;
    };
    /** A function given in code (an SDK TypeScript task), unless a mocked executor's patch replaced the command. */
    inlineFunction?: (params: Record<string, unknown>) => unknown;
    /** What the run starts once and shares between its tasks (python workers). */
    resources: RunResources;
}
/** What one run of a task gives back. */
export interface TaskResult {
    status: 'SUCCESS' | 'FAIL';
    /** Declared returns that the task produced; the engine records and merges them only from a successful attempt (as runnable). */
    outputs: Parameters;
    message: string;
    /** Files the task made that go to the run's catalog without being listed in the step's data_catalog. */
    catalogFiles?: {
        name: string;
        file: string;
    }[];
}
/** Evaluates a map reducer that is code (runnable's `lambda *x: ...` or a dotted path). */
export interface ReducerCall {
    reducer: string;
    values: unknown[];
    output: (stream: 'stdout' | 'stderr', line: string) => void;
    resources: RunResources;
}
/** Runs the tasks of one command_type. */
export interface TaskRunner {
    /**
     * Runs one task. A failing task resolves FAIL; throw StepError to fail the step with a message, and
     * InfrastructureError when the machine, not the task, failed (a missing interpreter).
     */
    run(inv: TaskInvocation): Promise<TaskResult>;
    /** Checks of this runner's settings in the environment (RUNNABLE_PYTHON_ISOLATION), before anything is written. */
    checkEnvironment?(env: NodeJS.ProcessEnv): void;
    /** Present when the runner evaluates map reducers written as code (the python runner: runnable's reducers are python). */
    reduce?(call: ReducerCall): Promise<unknown>;
}
/** Task runners by command_type. */
export declare class TaskRunnerRegistry {
    private readonly runners;
    /** Registers (or replaces) the runner of a command_type. */
    register(commandType: string, runner: TaskRunner): void;
    get(commandType: string): TaskRunner | undefined;
    /** The registered command types, in registration order. */
    commandTypes(): string[];
    /** The runner that evaluates reducers written as code, if one is registered. */
    reducerEvaluator(): TaskRunner | undefined;
    /** Every runner's check of its settings; throws the first InvalidInputError. */
    checkEnvironment(env: NodeJS.ProcessEnv): void;
}
/** The process-wide registry (like the service registry): built-ins and plugins register here. */
export declare const taskRunners: TaskRunnerRegistry;

// What running one task takes and gives, whatever its command_type.
import type { TaskSpec } from '../pipeline/model.js';
import type { Parameters } from '../services/run-log/model.js';

export interface TaskInvocation {
  task: TaskSpec;
  /** The scope's parameters at the start of the task. */
  params: Parameters;
  /** Map iteration variables, by iterate_as name. */
  iterVariables: Record<string, unknown>;
  /** The environment tasks of the run start from (inherited, minus other tasks' secrets). */
  baseEnv: NodeJS.ProcessEnv;
  /** What this task adds to it: RUNNABLE_* values, its secrets, loop indexes, the attempt number. */
  env: Record<string, string>;
  cwd: string;
  /** One whole line of output at a time (the caller masks secrets and prefixes the step name). */
  output: (stream: 'stdout' | 'stderr', line: string) => void;
  signal: AbortSignal;
  /** For object parameters and returns (python). */
  objects: { paths: Record<string, string>; outDir: string };
}

export interface TaskResult {
  status: 'SUCCESS' | 'FAIL';
  /** Declared returns that the task produced (on a failure too, for diagnosis; the engine merges them only on success). */
  outputs: Parameters;
  message: string;
}

import type { TaskSpec } from '../pipeline/model.js';
import type { Parameters } from '../services/run-log/model.js';
import type { SecretMasker } from '../services/secrets/masker.js';
import type { RunResources } from './run-resources.js';
import type { TaskResult } from './task-runner.js';
/**
 * The task's result with every returned value that contains a secret masked, the clear value kept for tasks that
 * declare the secrets, and a warning naming the parameters and secrets (the attempt's message, and `warn`).
 */
export declare function maskReturnedSecrets(masker: SecretMasker, resources: RunResources, result: TaskResult, warn: (message: string) => void): TaskResult;
/** The parameters a task is given: clear values of masked parameters only when it declares every secret they hold. */
export declare function parametersForTask(resources: RunResources, params: Parameters, task: TaskSpec): Parameters;

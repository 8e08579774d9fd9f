import type { Pipeline } from '../pipeline/model.js';
/** `env` without the secrets any task of the pipeline declares. */
export declare function taskBaseEnv(pipeline: Pipeline, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;

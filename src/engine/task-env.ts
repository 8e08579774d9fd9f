// The environment tasks start from. runnable builds it from scratch (no PATH, no HOME); we inherit the
// runnable process's environment, minus the secrets that some task of the pipeline declares: those reach only
// the tasks that list them.
import type { Pipeline } from '../pipeline/model.js';
import { declaredSecrets } from '../pipeline/walk.js';

/** `env` without the secrets any task of the pipeline declares. */
export function taskBaseEnv(pipeline: Pipeline, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const secrets = declaredSecrets(pipeline.graph);
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!secrets.has(k)) out[k] = v;
  return out;
}

// Parameters that carry a secret. A task that returns a value containing a declared secret's value (an API token in
// a URL, a key it read) would put the secret in the run log, `show`, the timeline and the job summary, and hand it to
// every later task. Instead the returned parameter is masked (each occurrence replaced by ***) before it reaches the
// scope, so the run log holds only the masked value and everything that reads it shows that; a warning is recorded
// on the attempt that returned it. The clear value stays in this process's memory, with the names of the secrets
// it holds: a later task that declares all of them gets it, any other task gets the masked value.
// Limits: the clear value never leaves this process — a step run in another process (emulator, containers, Argo)
// or a retry reads the masked value from the run log. runnable records and passes such values in clear.
import type { TaskSpec } from '../pipeline/model.js';
import type { Parameter, Parameters } from '../services/run-log/model.js';
import { jsonParameter } from '../services/run-log/model.js';
import type { SecretMasker } from '../services/secrets/masker.js';
import type { RunResource, RunResources } from './run-resources.js';
import type { TaskResult } from './task-runner.js';

interface Clear {
  parameter: Parameter;
  secrets: string[];
}

/** The clear values of the run's masked parameters, by the (shared, never changed) masked Parameter object. */
class ClearValues implements RunResource {
  readonly byMasked = new WeakMap<Parameter, Clear>();
  async close(): Promise<void> {}
}

const clearValues = (resources: RunResources) => resources.get('secret-parameters', () => new ClearValues());

/** A JSON value with every secret masked in its strings (keys included) and numbers; `found` collects the names. */
function maskValue(value: unknown, masker: SecretMasker, found: Set<string>, hit: { any: boolean }): unknown {
  const text = (s: string) => {
    const masked = masker.mask(s);
    if (masked === s) return s;
    hit.any = true;
    for (const n of masker.secretsIn(s)) found.add(n);
    return masked;
  };
  if (typeof value === 'string') return text(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const s = String(value);
    const masked = text(s);
    return masked === s ? value : masked;
  }
  if (Array.isArray(value)) return value.map((v) => maskValue(v, masker, found, hit));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [text(k), maskValue(v, masker, found, hit)]));
  }
  return value;
}

/**
 * The task's result with every returned value that contains a secret masked, the clear value kept for tasks that
 * declare the secrets, and a warning naming the parameters and secrets (the attempt's message, and `warn`).
 */
export function maskReturnedSecrets(
  masker: SecretMasker,
  resources: RunResources,
  result: TaskResult,
  warn: (message: string) => void,
): TaskResult {
  if (result.status !== 'SUCCESS' || !masker.size) return result;
  const outputs: Parameters = { ...result.outputs };
  const notes: string[] = [];
  for (const [name, p] of Object.entries(result.outputs)) {
    if (p.kind === 'object') continue;
    const found = new Set<string>();
    const hit = { any: false };
    const value = maskValue(p.value, masker, found, hit);
    if (!hit.any) continue;
    const masked = jsonParameter(value, p.kind === 'metric' ? 'metric' : 'json');
    clearValues(resources).byMasked.set(masked, { parameter: p, secrets: [...found].sort() });
    outputs[name] = masked;
    notes.push(
      `"${name}" holds the value of the secret${found.size === 1 ? '' : 's'} ${[...found].map((s) => `"${s}"`).join(', ') || '(unnamed)'}`,
    );
  }
  if (!notes.length) return result;
  const text =
    `returned parameter ${notes.join('; ')}: it is recorded masked (***), and a later task gets the clear value only ` +
    'if it declares the same secrets (`secrets: [...]`); every other task gets the masked value.';
  warn(text);
  const message = `warning: ${text}`;
  return { ...result, outputs, message: result.message ? `${result.message}\n${message}` : message };
}

/** The parameters a task is given: clear values of masked parameters only when it declares every secret they hold. */
export function parametersForTask(resources: RunResources, params: Parameters, task: TaskSpec): Parameters {
  const clear = clearValues(resources).byMasked;
  let out: Parameters | undefined;
  for (const [name, p] of Object.entries(params)) {
    const c = clear.get(p);
    if (!c || !c.secrets.length || !c.secrets.every((s) => task.secrets.includes(s))) continue;
    out ??= { ...params };
    out[name] = c.parameter;
  }
  return out ?? params;
}

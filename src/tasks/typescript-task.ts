// TypeScript/JavaScript tasks: a function called in-process with the parameters it names. From the SDK the
// function itself; from YAML `command: path/to/module.mjs:exportName` (compiled JavaScript, loaded with import()).
// process.env, while the function runs, is the task's own view (typescript-env.ts), never the process-wide one.
// At a time limit the attempt fails and the function is left to itself: a function in this process cannot be stopped.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StepError } from '../errors.js';
import { jsonParameter, type Parameters } from '../services/run-log/model.js';
import type { TaskInvocation, TaskResult, TaskRunner } from '../engine/task-runner.js';
import { withEnvironment } from './typescript-env.js';

type TaskFunction = (params: Record<string, unknown>) => unknown;

async function resolveFunction(command: string, cwd: string): Promise<TaskFunction> {
  const colon = command.lastIndexOf(':');
  const file = colon > 0 ? command.slice(0, colon) : command;
  const name = colon > 0 ? command.slice(colon + 1) : 'default';
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path.resolve(cwd, file)).href)) as Record<string, unknown>;
  } catch (e) {
    throw new StepError(`cannot import ${file}: ${(e as Error).message}`);
  }
  const fn = mod[name];
  if (typeof fn !== 'function') throw new StepError(`${file} has no exported function "${name}"`);
  return fn as TaskFunction;
}

export async function runTypescriptTask(inv: TaskInvocation, fn?: TaskFunction): Promise<TaskResult> {
  const f = fn ?? (await resolveFunction(inv.task.command, inv.cwd));
  const args: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(inv.params)) if (p.kind !== 'object') args[k] = p.value;
  Object.assign(args, inv.iterVariables);
  // the function gets its own copies: parameter values are shared between scopes and must not change in place
  const own = structuredClone(args);
  try {
    // the task's own environment (the run's, minus other tasks' secrets, plus its own): parallel branches differ
    let value = await withEnvironment({ ...inv.baseEnv, ...inv.env }, () => f(own));
    const outputs: Parameters = {};
    const returns = inv.task.returns;
    if (returns.length) {
      // one return: the value itself; several: an array in order, or an object keyed by name
      if (returns.length === 1) value = [value];
      const pick = (i: number, name: string) =>
        Array.isArray(value) ? value[i] : value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
      returns.forEach((r, i) => {
        if (r.kind === 'object') throw new StepError(`a TypeScript task cannot return an object parameter ("${r.name}"): return JSON`);
        outputs[r.name] = jsonParameter(pick(i, r.name), r.kind);
      });
    }
    return { status: 'SUCCESS', outputs, message: '' };
  } catch (e) {
    const err = e as Error;
    inv.output('stderr', err.stack ?? String(err));
    return { status: 'FAIL', outputs: {}, message: `${err.name ?? 'Error'}: ${err.message}` };
  }
}

/** The runner of `command_type: typescript`: the SDK task's own function, else the module's export. */
export const typescriptRunner: TaskRunner = { run: (inv) => runTypescriptTask(inv, inv.inlineFunction) };

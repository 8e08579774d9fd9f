// JavaScript actions from a folder (`uses: ./`, `uses: ./path`, and runnable/action@... which resolves to
// this repository's own action): action.yml read for inputs (defaults may hold expressions), `runs.main` run
// with this machine's node whatever `using: nodeNN` says, inputs as INPUT_<NAME> (upper case, spaces to `_`,
// hyphens kept), and `runs.post` registered to run at job end (`post-if`, default always()) with the state the
// main step saved as STATE_<name>. Composite, Docker actions and `runs.pre` are not supported (the step fails
// saying so).
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { JobContext, StepResult } from './context.js';
import { jobScope } from './context.js';
import { evaluateCondition, interpolate } from './expressions.js';
import type { WorkflowStep } from './loader.js';
import { runStepProcess } from './step-process.js';
import type { StepCall, StepRun } from './step-runner.js';
import { failedRun, processEnv } from './step-runner.js';

/** Where an action's files are, and how it was named in `uses:`. */
export interface ActionLocation {
  dir: string;
  /** `owner/repo` for GITHUB_ACTION_REPOSITORY ('' for a local `./` action). */
  repository: string;
  ref: string;
}

interface ActionYaml {
  inputs?: Record<string, { default?: unknown; required?: boolean } | null>;
  runs?: { using?: string; main?: string; post?: string; pre?: string; 'post-if'?: string };
}

/** INPUT_ variable name of an input, as the runner makes it. */
export const inputVariable = (name: string) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

function readActionYaml(dir: string): ActionYaml | undefined {
  for (const name of ['action.yml', 'action.yaml']) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return YAML.parse(fs.readFileSync(file, 'utf8')) as ActionYaml;
  }
  return undefined;
}

/** Runs a JavaScript action's main step and registers its post step with the job. */
export async function runNodeAction(job: JobContext, step: WorkflowStep, call: StepCall, where: ActionLocation): Promise<StepRun> {
  const action = readActionYaml(where.dir);
  if (!action)
    return failedRun(
      `Can't find 'action.yml' or 'action.yaml' under '${where.dir}'. Did you forget to run actions/checkout before running your local action?`,
    );
  const using = action.runs?.using ?? '';
  if (!/^node\d+$/.test(using) || !action.runs?.main)
    return failedRun(`${step.uses}: 'runs.using: ${using}' actions are not supported by the workflow harness (JavaScript actions only)`);
  const inputEnv: Record<string, string> = {};
  const declared = action.inputs ?? {};
  for (const [name, spec] of Object.entries(declared)) {
    const fallback = spec?.default === undefined ? '' : interpolate(String(spec.default), call.scope);
    inputEnv[inputVariable(name)] = call.with[name] ?? fallback;
  }
  const unexpected = Object.keys(call.with).filter((k) => !(k in declared));
  for (const k of unexpected) inputEnv[inputVariable(k)] = call.with[k];
  const actionEnv = (stepEnv: Record<string, string>): Record<string, string> => ({
    ...processEnv(job, stepEnv, { action: true }),
    ...inputEnv,
    GITHUB_ACTION: call.id,
    GITHUB_ACTION_PATH: where.dir,
    GITHUB_ACTION_REPOSITORY: where.repository,
    GITHUB_ACTION_REF: where.ref,
  });
  const main = path.join(where.dir, action.runs.main);
  const p = await runStepProcess(job, {
    argv: [process.execPath, main],
    cwd: job.workspace,
    env: actionEnv(call.stepEnv),
    timeoutMs: call.timeoutMs,
  });
  if (unexpected.length) p.effects.annotations.push({ level: 'warning', message: `Unexpected input(s) '${unexpected.join("', '")}'` });
  if (action.runs.post) {
    const post = path.join(where.dir, action.runs.post);
    const postIf = action.runs['post-if'] ?? 'always()';
    const state = { ...p.effects.state };
    job.posts.push({ run: () => runPost(job, step, call, post, postIf, state, actionEnv) });
  }
  if (p.fileCommandError) return failedRun(p.fileCommandError, p.effects);
  if (p.timedOut) return failedRun(`The action '${call.name}' has timed out after ${call.timeoutMs! / 60_000} minutes.`, p.effects);
  if (p.cancelled) return { outcome: 'cancelled', exitCode: p.exitCode, effects: p.effects, summary: p.summary };
  return { outcome: p.exitCode === 0 ? 'success' : 'failure', exitCode: p.exitCode, effects: p.effects, summary: p.summary };
}

async function runPost(
  job: JobContext,
  step: WorkflowStep,
  call: StepCall,
  script: string,
  postIf: string,
  state: Record<string, string>,
  actionEnv: (stepEnv: Record<string, string>) => Record<string, string>,
): Promise<StepResult | undefined> {
  if (!evaluateCondition(postIf, jobScope(job, call.stepEnv))) return undefined;
  const started = Date.now();
  const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]));
  const p = await runStepProcess(job, {
    argv: [process.execPath, script],
    cwd: job.workspace,
    env: { ...actionEnv(call.stepEnv), ...stateEnv },
  });
  const outcome = p.exitCode === 0 && !p.fileCommandError ? 'success' : 'failure';
  if (outcome === 'failure') job.failed = true;
  return {
    id: call.id,
    name: `Post ${call.name}`,
    phase: 'post',
    uses: step.uses,
    outcome,
    conclusion: outcome,
    exitCode: p.exitCode,
    outputs: {},
    annotations: p.effects.annotations,
    summary: p.summary,
    log: p.effects.log.join('\n'),
    durationMs: Date.now() - started,
  };
}

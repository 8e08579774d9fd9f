// `run:` steps with GitHub's shells on Linux: no `shell:` means `bash -e {0}` (`sh -e {0}` where bash is
// missing) — no pipefail; `shell: bash` is `bash --noprofile --norc -eo pipefail {0}`; `sh` is `sh -e {0}`;
// `python` is `python {0}`; `pwsh` runs the script with `pwsh -command ". '{0}'"`; anything else with `{0}`
// in it is a custom shell. The script, `${{ }}` already replaced, is written to RUNNER_TEMP first. The
// working directory (step, then `defaults.run` of the job, then of the workflow) is relative to the workspace
// and must exist.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JobContext } from './context.js';
import { interpolate } from './expressions.js';
import type { WorkflowStep } from './loader.js';
import { runStepProcess } from './step-process.js';
import type { StepCall, StepRun } from './step-runner.js';
import { failedRun, processEnv } from './step-runner.js';

/** Whether a program is on a PATH. */
export function onPath(program: string, pathVar: string): boolean {
  return pathVar.split(':').some((d) => d && fs.existsSync(path.join(d, program)));
}

/**
 * The command line of a shell for a script file, and the script file's extension; throws for unusable shells.
 * `hasBash` says whether bash is there when the step runs in a job container (else the PATH is searched).
 */
export function shellCommand(shell: string | undefined, file: string, pathVar: string, hasBash?: boolean): string[] {
  switch (shell ?? '') {
    case '':
      return (hasBash ?? onPath('bash', pathVar)) ? ['bash', '-e', file] : ['sh', '-e', file];
    case 'bash':
      return ['bash', '--noprofile', '--norc', '-eo', 'pipefail', file];
    case 'sh':
      return ['sh', '-e', file];
    case 'python':
      return ['python', file];
    case 'pwsh':
      if (!onPath('pwsh', pathVar)) throw new Error("shell 'pwsh' is not installed on this runner");
      return ['pwsh', '-command', `. '${file}'`];
    case 'cmd':
    case 'powershell':
      throw new Error(`shell '${shell}' exists only on Windows runners`);
    default: {
      if (!shell!.includes('{0}')) throw new Error(`custom shell '${shell}' must contain '{0}' (the script file)`);
      return shell!
        .trim()
        .split(/\s+/)
        .map((part) => part.replace('{0}', file));
    }
  }
}

const extension = (shell: string | undefined) =>
  shell === 'python' ? '.py' : shell === 'pwsh' ? '.ps1' : shell === undefined || shell === 'bash' || shell === 'sh' ? '.sh' : '';

/** Runs a `run:` step. */
export async function runScript(job: JobContext, step: WorkflowStep, call: StepCall): Promise<StepRun> {
  const defaults = { ...job.run.workflow.defaults?.run, ...job.job.defaults?.run };
  const shell = step.shell !== undefined ? interpolate(String(step.shell), call.scope) : defaults.shell;
  const dir = step['working-directory'] ?? defaults['working-directory'];
  const cwd = path.resolve(job.workspace, dir === undefined ? '.' : interpolate(String(dir), call.scope));
  if (!fs.existsSync(cwd))
    return failedRun(`working-directory '${path.relative(job.workspace, cwd) || '.'}' does not exist in the workspace (${cwd})`);
  const script = interpolate(String(step.run), call.scope);
  const file = path.join(job.temp, `${randomUUID()}${extension(shell)}`);
  fs.writeFileSync(file, script);
  const env = processEnv(job, call.stepEnv);
  let argv: string[];
  try {
    argv = shellCommand(shell, file, env.PATH, job.containers?.id ? job.containers.hasBash : undefined);
  } catch (e) {
    return failedRun((e as Error).message);
  }
  const p = await runStepProcess(job, { argv, cwd, env, timeoutMs: call.timeoutMs });
  if (p.fileCommandError) return failedRun(p.fileCommandError, p.effects);
  if (p.timedOut)
    return {
      ...failedRun(`The action '${call.name}' has timed out after ${call.timeoutMs! / 60_000} minutes.`, p.effects),
      exitCode: p.exitCode,
    };
  if (p.cancelled) return { outcome: 'cancelled', exitCode: p.exitCode, effects: p.effects, summary: p.summary };
  if (p.exitCode !== 0) {
    p.effects.log.push(`##[error]Process completed with exit code ${p.exitCode}.`);
    p.effects.annotations.push({ level: 'error', message: `Process completed with exit code ${p.exitCode}.` });
    return { outcome: 'failure', exitCode: p.exitCode, effects: p.effects, summary: p.summary };
  }
  return { outcome: 'success', exitCode: 0, effects: p.effects, summary: p.summary };
}

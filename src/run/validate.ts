// Every check a run makes before it starts, and the static ones it cannot make until it is too late, without
// running or writing anything: the pipeline, the configuration, the parameters, python targets (importable, and
// the arguments they require), typescript modules, notebooks (present, and JSON with cells), mocked patches, and the parameter flow (src/pipeline/
// parameter-flow.ts). Shared by `runnable validate` and the action's `mode: validate`. Needs no secrets.
import fs from 'node:fs';
import path from 'node:path';
import { findConfigFile, loadConfig, type RunnableConfig } from '../config/config-file.js';
import { initialParameters } from '../engine/parameters.js';
import { InvalidInputError, type InputIssue } from '../errors.js';
import { unknownPatchIssues } from '../executors/mocked-executor.js';
import { loadPipelineFile } from '../pipeline/load.js';
import { childGraphs, type Graph, type Pipeline, type TaskNode } from '../pipeline/model.js';
import { checkParameterFlow, type PythonSignature } from '../pipeline/parameter-flow.js';
import { inspectPythonTargets } from '../tasks/python/check-targets.js';

export interface ValidationInput {
  pipelineFile: string;
  configFile?: string;
  parametersFile?: string;
}

export interface ValidationReport {
  pipeline?: Pipeline;
  config?: RunnableConfig;
  /** Problems a run would stop at (exit 2). */
  issues: InputIssue[];
  /** Likely problems (a shell `$name` nothing provides, python not startable). */
  warnings: InputIssue[];
}

function tasks(graph: Graph, out: TaskNode[] = []): TaskNode[] {
  for (const n of Object.values(graph.nodes)) {
    if (n.type === 'task') out.push(n);
    for (const g of Object.values(childGraphs(n))) tasks(g, out);
  }
  return out;
}

function collect<T>(issues: InputIssue[], f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof InvalidInputError) {
      issues.push(...e.issues);
      return undefined;
    }
    throw e;
  }
}

/** TypeScript modules and notebooks the tasks name that are missing (or, for a notebook, not a notebook). */
function fileTargetIssues(all: TaskNode[], cwd: string): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const t of all) {
    const at = { location: t.location, step: t.internalName };
    if (t.task.command_type === 'typescript' && !t.fn) {
      const target = t.task.command.replace(/:[^:/\\]*$/, '');
      if (!fs.existsSync(path.resolve(cwd, target)))
        issues.push({
          ...at,
          message: `the module ${target} does not exist.`,
          fix: 'write `command: path/to/module.mjs:exportedFunction`.',
        });
    } else if (t.task.command_type === 'notebook') {
      const problem = notebookProblem(path.resolve(cwd, t.task.command));
      if (problem)
        issues.push({
          ...at,
          message: `the notebook ${t.task.command} ${problem}.`,
          fix: 'write `command: path/to/notebook.ipynb`, relative to the directory runnable runs in.',
        });
    }
  }
  return issues;
}

/** Why a file is not a notebook the notebook runner can read, or undefined. */
function notebookProblem(file: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return 'does not exist';
  }
  try {
    const cells = (JSON.parse(text) as { cells?: unknown }).cells;
    return Array.isArray(cells) ? undefined : 'has no `cells` list (not a Jupyter notebook)';
  } catch {
    return 'is not JSON (not a Jupyter notebook)';
  }
}

/** Runs every check; never throws for bad input (it is in `issues`). */
export async function validatePipeline(input: ValidationInput, env: NodeJS.ProcessEnv, cwd: string): Promise<ValidationReport> {
  const issues: InputIssue[] = [];
  const warnings: InputIssue[] = [];
  const pipeline = collect(issues, () => loadPipelineFile(input.pipelineFile));
  const config = collect(issues, () => loadConfig(findConfigFile(input.configFile, env, cwd), env));
  const params = collect(issues, () => initialParameters(env.RUNNABLE_PARAMETERS_FILE || input.parametersFile, env));
  if (!pipeline) return { pipeline, config, issues, warnings };

  const all = tasks(pipeline.graph);
  const py = all.filter((t) => t.task.command_type === 'python');
  const targets = await inspectPythonTargets(
    py.map((t) => t.task.command),
    cwd,
    env,
  );
  if (!targets && py.length) {
    warnings.push({
      message: 'python could not be started, so python task commands and their arguments were not checked.',
      fix: 'set RUNNABLE_PYTHON to an interpreter.',
    });
  }
  const signatures = new Map<string, PythonSignature>();
  py.forEach((t, i) => {
    const target = targets?.[i];
    if (target?.error) {
      issues.push({
        location: t.location,
        step: t.internalName,
        message: target.error,
        fix: 'check `command` (a dotted path from the current directory) and that the module imports.',
      });
    } else if (target) signatures.set(t.internalName, { required: target.required });
  });
  issues.push(...fileTargetIssues(all, cwd));
  if (config) issues.push(...unknownPatchIssues(config.services['pipeline-executor'], pipeline));
  if (params) {
    const flow = checkParameterFlow(pipeline.graph, new Set(Object.keys(params)), signatures);
    issues.push(...flow.errors);
    warnings.push(...flow.warnings);
  }
  return { pipeline, config, issues, warnings };
}

// `runnable validate PIPELINE [-c CONFIG] [-p PARAMETERS] [--format text|json]`: every check a run would make
// before it starts, all problems at once, nothing run and nothing written. Exit 2 when anything is wrong.
import fs from 'node:fs';
import path from 'node:path';
import { findConfigFile, loadConfig } from '../../config/config-file.js';
import { initialParameters } from '../../engine/parameters.js';
import { InvalidInputError, formatIssue, type InputIssue } from '../../errors.js';
import { loadPipelineFile } from '../../pipeline/load.js';
import { childGraphs, type Graph, type Pipeline, type TaskNode } from '../../pipeline/model.js';
import { checkParameterReferences } from '../../pipeline/parameter-references.js';
import { unknownPatchIssues } from '../../executors/mocked-executor.js';
import { checkPythonTargets } from '../../tasks/python/check-targets.js';
import { parseArgs, str } from '../args.js';
import type { CliIO } from '../io.js';
import { CONFIG_FLAG, FORMAT_FLAG, PARAMETERS_FLAG } from '../options.js';

export const VALIDATE_USAGE = 'runnable validate PIPELINE.yaml [-c CONFIG] [-p PARAMETERS] [--format text|json]';

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

export async function validateCommand(argv: string[], io: CliIO): Promise<number> {
  const a = parseArgs('validate', argv, [CONFIG_FLAG, PARAMETERS_FLAG, FORMAT_FLAG], VALIDATE_USAGE);
  const format = str(a.flags.format) ?? 'text';
  if (!['text', 'json'].includes(format) || a.positionals.length !== 1) {
    throw new InvalidInputError('invalid arguments', [
      {
        message: a.positionals.length !== 1 ? 'validate takes one pipeline file.' : `--format ${format} is not known.`,
        fix: `usage: ${VALIDATE_USAGE}`,
      },
    ]);
  }
  const file = a.positionals[0];
  const issues: InputIssue[] = [];
  const pipeline: Pipeline | undefined = collect(issues, () => loadPipelineFile(file));
  const config = collect(issues, () => loadConfig(findConfigFile(str(a.flags.config), io.env, io.cwd), io.env));
  const params = collect(issues, () => initialParameters(io.env.RUNNABLE_PARAMETERS_FILE || str(a.flags.parameters), io.env));
  const warnings: string[] = [];
  if (pipeline) {
    if (params) issues.push(...checkParameterReferences(pipeline.graph, new Set(Object.keys(params))));
    const all = tasks(pipeline.graph);
    const py = all.filter((t) => t.task.command_type === 'python');
    const results = await checkPythonTargets(
      py.map((t) => t.task.command),
      io.cwd,
      io.env,
    );
    if (!results && py.length)
      warnings.push('python could not be started, so python task commands were not checked (set RUNNABLE_PYTHON).');
    py.forEach((t, i) => {
      if (results?.[i])
        issues.push({
          location: t.location,
          step: t.internalName,
          message: results[i],
          fix: 'check `command` (a dotted path from the current directory) and that the module imports.',
        });
    });
    for (const t of all.filter((x) => x.task.command_type === 'typescript' && !x.fn)) {
      const target = t.task.command.replace(/:[^:/\\]*$/, '');
      if (!fs.existsSync(path.resolve(io.cwd, target))) {
        issues.push({
          location: t.location,
          step: t.internalName,
          message: `the module ${target} does not exist.`,
          fix: 'write `command: path/to/module.mjs:exportedFunction`.',
        });
      }
    }
    if (config) issues.push(...unknownPatchIssues(config.services['pipeline-executor'], pipeline));
  }
  if (format === 'json') {
    io.out(
      JSON.stringify(
        {
          valid: issues.length === 0,
          issues: issues.map((i) => ({ ...i.location, step: i.step, message: i.message, fix: i.fix })),
          warnings,
        },
        null,
        2,
      ),
    );
  } else {
    for (const w of warnings) io.err(`warning: ${w}`);
    if (issues.length)
      io.err(
        `error: ${file} is not valid (${issues.length} problem${issues.length > 1 ? 's' : ''}):\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`,
      );
    else io.out(`${file} is valid.`);
  }
  return issues.length ? 2 : 0;
}

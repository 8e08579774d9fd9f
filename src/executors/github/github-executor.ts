// The `github` executor: a whole-graph executor that turns a pipeline into a GitHub Actions workflow, so the
// pipeline fans out over GitHub's own runners with no cluster to run. It writes the workflow file (for
// `runnable transpile` and for `runnable execute` alike: starting a workflow run needs GitHub, which this
// process does not talk to) and runs nothing; each job later comes back to this code through the action's
// `mode: step` (stages.ts). runnable has no such executor; its argo executor is the nearest relative.
import fs from 'node:fs';
import path from 'node:path';
import { InvalidInputError, type InputIssue } from '../../errors.js';
import type { GraphExecutor, GraphOutcome, GraphRun } from '../../engine/executor.js';
import { atomicWriteSync } from '../../util/atomic-write.js';
import { GITHUB_SERVICE_NAME, type GithubConfig } from './config.js';
import { overrideKeyIssues } from '../override-keys.js';
import { walkNodes } from '../../pipeline/walk.js';
import { checkWorkflowLimits } from './size-checks.js';
import { buildWorkflow } from './workflow.js';

export class GithubExecutor implements GraphExecutor {
  readonly model = 'whole-graph' as const;
  readonly type = 'github';

  constructor(private readonly config: GithubConfig) {}

  async prepare(run: GraphRun): Promise<void> {
    const issues: InputIssue[] = overrideKeyIssues(GITHUB_SERVICE_NAME, this.config.overrides, run.pipeline.graph);
    for (const { node } of walkNodes(run.pipeline.graph)) {
      if (node.type === 'task' && node.fn) {
        issues.push({
          location: node.location,
          step: node.internalName,
          message: 'a TypeScript function given in code cannot run in a GitHub job.',
          fix: 'give the task as a module path (`command: path/to/module.mjs:functionName`), or run with the local executor.',
        });
      }
    }
    for (const [what, file] of [
      ['pipeline', run.files.pipeline],
      ['configuration', run.files.config],
      ['parameters', run.files.parameters],
    ] as const) {
      if (file && repoPath(file) === undefined) {
        issues.push({
          message: `the ${what} file ${file} is outside the working directory, so the workflow's jobs cannot find it in the checkout.`,
          fix: 'run `runnable transpile` from the repository root with files inside it.',
        });
      }
    }
    if (issues.length) throw new InvalidInputError('invalid configuration', issues);
  }

  async executeGraph(run: GraphRun): Promise<GraphOutcome> {
    const pipelineFile = repoPath(run.files.pipeline) as string;
    const base = path.basename(pipelineFile).replace(/\.ya?ml$/, '');
    const outputFile = this.config.output_file ?? `.github/workflows/${base}.yml`;
    const workflow = buildWorkflow({
      graph: run.pipeline.graph,
      config: this.config,
      pipelineFile,
      configFile: run.files.config && repoPath(run.files.config),
      parametersFile: run.files.parameters && repoPath(run.files.parameters),
      name: this.config.name ?? base,
      logLevel: run.logLevel === 'WARNING' ? undefined : run.logLevel,
    });
    checkWorkflowLimits(workflow, outputFile);
    fs.mkdirSync(path.dirname(path.resolve(outputFile)), { recursive: true });
    atomicWriteSync(path.resolve(outputFile), workflow.text);
    if (run.intent === 'execute') {
      run.say(`the github executor runs pipelines on GitHub: commit ${outputFile}, then start it from the Actions tab or with`);
      run.say(`  gh workflow run ${path.basename(outputFile)} -f parameters='{...}'`);
    }
    return { kind: 'rendered', files: [outputFile] };
  }
}

/** A path relative to the working directory with "/" separators, or undefined when it is outside it. */
function repoPath(file: string): string | undefined {
  const rel = path.relative(process.cwd(), path.resolve(file));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

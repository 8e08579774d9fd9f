// TEMPORARY: the assembly of a run, as `executeCommand` (src/cli/commands/execute.ts) does it, cut out so that
// the action can add its own event listener, secrets wrapper and abort signal before the run starts. It is the
// body of executeCommand up to `runPipeline`, line for line; once execute.ts exports the same
// `prepareExecution` (the patch is in the action's hand-over notes), this file becomes
// `export { prepareExecution, type PreparedRun } from '../cli/commands/execute.js';`.
import { findConfigFile, loadConfig } from '../config/config-file.js';
import { createServices } from '../config/services.js';
import { initialParameters } from '../engine/parameters.js';
import type { RunRequest } from '../engine/run-pipeline.js';
import { loadPipelineFile } from '../pipeline/load.js';
import type { ExecuteOptions } from '../cli/commands/execute.js';
import { checkRunId, generateRunId } from '../cli/run-id.js';

export interface PreparedRun {
  /** Everything runPipeline needs but `events` and `signal`, which the caller adds. */
  request: RunRequest;
  /** What to tell the user before the run starts (unset RUNNABLE_VAR_ variables, ignored parameters). */
  warnings: string[];
}

/**
 * Loads and checks everything a run needs, before anything is written (bad input throws InvalidInputError),
 * and exports RUNNABLE_RUN_ID, RUNNABLE_RUN_TAG and RUNNABLE_CONFIGURATION_FILE into `env` for the tasks.
 */
export function prepareExecution(o: ExecuteOptions, env: NodeJS.ProcessEnv, cwd: string): PreparedRun {
  const pipeline = loadPipelineFile(o.pipelineFile);
  const configFile = findConfigFile(o.configFile, env, cwd);
  const config = loadConfig(configFile, env);
  const runId = checkRunId(
    o.retryRunId ?? o.runId ?? env.RUNNABLE_RUN_ID ?? generateRunId(),
    o.retryRunId ? 'RUNNABLE_RETRY_RUN_ID' : o.runId ? 'the RUN_ID argument' : env.RUNNABLE_RUN_ID ? 'RUNNABLE_RUN_ID' : 'generated',
  );
  const retry = o.retryRunId ? { indicator: o.retryIndicator ?? '' } : undefined;
  const parameters = retry ? {} : initialParameters(o.parametersFile, env);
  const tag = o.tag ?? env.RUNNABLE_RUN_TAG ?? '';
  const services = createServices(config);

  const warnings = config.unresolvedVariables.map((v) => `the configuration uses $${v}, but RUNNABLE_VAR_${v} is not set; it is left as it is.`);
  if (retry && (o.parametersFile || Object.keys(env).some((k) => k.startsWith('RUNNABLE_PRM_')))) {
    warnings.push('a resumed run keeps the parameters of the original run; the parameters file and RUNNABLE_PRM_ variables are ignored.');
  }

  // runnable exports these so that tasks (and their children) see them.
  env.RUNNABLE_RUN_ID = runId;
  env.RUNNABLE_RUN_TAG = tag;
  if (configFile) env.RUNNABLE_CONFIGURATION_FILE = configFile;

  return {
    request: {
      pipeline,
      runId,
      tag,
      parameters,
      store: services.store,
      catalog: services.catalog,
      secrets: services.secrets,
      executor: services.executor,
      serviceSummary: services.summary,
      files: { pipeline: o.pipelineFile, config: configFile, parameters: o.parametersFile },
      logLevel: o.logLevel ?? 'WARNING',
      retry,
      env,
    },
    warnings,
  };
}

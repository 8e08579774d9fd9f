// `runnable retry RUN_ID [-c CONFIG] [--tag TAG] [--indicator LABEL]`: resume a failed run with the pipeline and
// configuration it ran with (recorded in its run log). runnable's own retry cannot resume YAML pipelines; ours can.
import fs from 'node:fs';
import { findConfigFile, loadConfig } from '../../config/config-file.js';
import { createServices } from '../../config/services.js';
import { InvalidInputError } from '../../errors.js';
import { parseArgs, str } from '../args.js';
import type { CliIO } from '../io.js';
import { CONFIG_FLAG, LOG_LEVEL_FLAG, TAG_FLAG } from '../options.js';
import { checkRunId } from '../../run/run-id.js';
import { executeCommand } from './execute.js';
import { noSuchRun } from '../../services/run-log/store.js';

export const RETRY_USAGE = 'runnable retry RUN_ID [-c CONFIG] [--tag TAG] [--indicator LABEL] [--log-level LEVEL]';

const INDICATOR_FLAG = { name: 'indicator', spellings: ['--indicator', '--retry-indicator'], takesValue: true };

export async function retryCommand(argv: string[], io: CliIO): Promise<number> {
  const a = parseArgs('retry', argv, [CONFIG_FLAG, TAG_FLAG, LOG_LEVEL_FLAG, INDICATOR_FLAG], RETRY_USAGE);
  if (a.positionals.length !== 1) {
    throw new InvalidInputError('invalid arguments', [{ message: 'retry takes exactly one RUN_ID.', fix: `usage: ${RETRY_USAGE}` }]);
  }
  const runId = checkRunId(a.positionals[0], 'the RUN_ID argument');
  const given = findConfigFile(str(a.flags.config), io.env, io.cwd);
  const store = createServices(loadConfig(given, io.env)).store;
  if (!(await store.exists(runId))) {
    throw noSuchRun(
      store,
      runId,
      'invalid retry',
      'pass the configuration the run used with -c, or check the run id with `runnable list`.',
    );
  }
  const runConfig = (await store.read(runId)).run_config ?? {};
  const pipelineFile = runConfig.pipeline_definition_file as string | undefined;
  if (!pipelineFile || !fs.existsSync(pipelineFile)) {
    throw new InvalidInputError('invalid retry', [
      {
        message: `the run log of "${runId}" names the pipeline file ${pipelineFile ?? '(none)'}, which is not here.`,
        fix: `run from the directory the run started in, or use RUNNABLE_RETRY_RUN_ID=${runId} runnable execute PIPELINE.yaml.`,
      },
    ]);
  }
  const recordedConfig = (runConfig.configuration_file as string | null) ?? undefined;
  return executeCommand(
    {
      pipelineFile,
      configFile: given ?? recordedConfig,
      tag: str(a.flags.tag),
      logLevel: str(a.flags['log-level'])?.toUpperCase(),
      retryRunId: runId,
      retryIndicator: str(a.flags.indicator) ?? io.env.RUNNABLE_RETRY_INDICATOR ?? '',
    },
    io,
  );
}

// The action's `mode: validate`: every check of `runnable validate` (src/run/validate.ts) as annotations at the
// pipeline's lines, then, when nothing is wrong, the pipeline walked by the mocked executor — nothing runs, no
// secret is read, nothing is written (an in-memory run log) — so the summary shows the plan. Safe on
// `pull_request` from forks. runnable has no such mode (its `mocked` executor needs a configuration file).
import { InvalidInputError } from '../errors.js';
import { MockedExecutor } from '../executors/mocked-executor.js';
import type { RunRequest } from '../engine/run-pipeline.js';
import { validatePipeline } from '../run/validate.js';
import { DoNothingCatalog } from '../services/catalog/do-nothing-catalog.js';
import { BufferedRunLogStore } from '../services/run-log/buffered-store.js';
import { DoNothingSecrets } from '../services/secrets/do-nothing-secrets.js';
import { issueAnnotation, type Annotations } from './annotations.js';
import type { ActionLog } from './log.js';
import { formatIssue } from '../errors.js';

/** Every validate check; warnings become warning annotations, problems an InvalidInputError (one annotation each). */
export async function checkBeforePlan(
  pipelineFile: string,
  configFile: string | undefined,
  parametersFile: string | undefined,
  log: ActionLog,
  annotations: Annotations,
): Promise<void> {
  const report = await validatePipeline({ pipelineFile, configFile, parametersFile }, process.env, process.cwd());
  for (const w of report.warnings) {
    log.text(`warning: ${formatIssue(w)}`);
    annotations.warning(issueAnnotation('runnable validate', w));
  }
  if (report.issues.length) throw new InvalidInputError('invalid pipeline', report.issues);
}

/** The assembled run, re-pointed at the mocked executor (keeping the configured patches), memory and no secrets. */
export function mockThePlan(request: RunRequest): void {
  const configured = request.serviceConfigs?.['pipeline-executor'];
  const patches = configured?.type === 'mocked' ? (configured.config.patches as Record<string, never>) : {};
  request.executor = new MockedExecutor({ patches: patches ?? {} });
  request.store = new BufferedRunLogStore();
  request.catalog = new DoNothingCatalog({ compute_data_folder: request.catalog.computeDataFolder });
  request.secrets = new DoNothingSecrets();
}

// What the action does with GitHub artifacts: it opens the artifact service to the `github-artifacts` catalog
// (input `catalog: github-artifacts`, or the configuration's catalog type), uploads the run log at the end
// (`upload-run-log: true`), and before a resumed run (`retry-run-id`) downloads the run log of that run, from this
// workflow run or from the earlier one named by `retry-workflow-run-id`. Artifact names: see
// src/services/catalog/github-artifacts-catalog.ts (`runnable+<run id>+run-log+<attempt>-<random>` here).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RunRequest } from '../engine/run-pipeline.js';
import { InvalidInputError, type InputIssue } from '../errors.js';
import type { ArtifactTransport } from '../services/catalog/artifact-transport.js';
import { GitHubArtifactsCatalog, artifactPrefix } from '../services/catalog/github-artifacts-catalog.js';
import { chunkDir, singleFile } from '../services/run-log/file-layouts.js';
import type { RunLogStore } from '../services/run-log/store.js';
import { ActionsArtifactTransport, artifactServiceAvailable } from './artifact-transport.js';
import type { ActionInputs } from './inputs.js';

/**
 * Provides the artifact transport when the runner gave us the artifact service; an input that needs it without
 * the service (or without a token for an earlier run) is an InvalidInputError naming the input.
 */
export function openArtifacts(inputs: ActionInputs, env: NodeJS.ProcessEnv): ArtifactTransport | undefined {
  const issues: InputIssue[] = [];
  const available = artifactServiceAvailable(env);
  const missing = (input: string) =>
    issues.push({
      message: `input "${input}": it needs GitHub's artifact service, but ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL are not set.`,
      fix: 'run this inside a GitHub Actions job (or `act` with --artifact-server-path), or leave the input out.',
    });
  if (!available && inputs.catalog === 'github-artifacts') missing('catalog');
  if (!available && inputs.uploadRunLog) missing('upload-run-log');
  if (!available && inputs.retryWorkflowRunId) missing('retry-workflow-run-id');
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const token = inputs.githubToken ?? env.GITHUB_TOKEN;
  if (inputs.retryWorkflowRunId && (!token || !owner || !repo)) {
    issues.push({
      message: `input "retry-workflow-run-id": reading another workflow run's artifacts needs ${token ? 'GITHUB_REPOSITORY' : 'a token'}.`,
      fix: 'set `github-token: ${{ github.token }}` and give the job `permissions: actions: read`.',
    });
  }
  if (issues.length) throw new InvalidInputError('invalid action inputs', issues);
  const transport = available
    ? new ActionsArtifactTransport(
        inputs.retryWorkflowRunId
          ? { workflowRunId: inputs.retryWorkflowRunId, token: token!, repositoryOwner: owner!, repositoryName: repo! }
          : undefined,
      )
    : undefined;
  return transport;
}

/** Replaces the configured catalog by a github-artifacts one over the same folders (input `catalog: github-artifacts`). */
export function shareCatalog(request: RunRequest, transport: ArtifactTransport): void {
  if (request.catalog.type === 'github-artifacts') return;
  const config = {
    catalog_location: request.catalog.catalogLocation ?? '.catalog',
    compute_data_folder: request.catalog.computeDataFolder,
  };
  request.catalog = new GitHubArtifactsCatalog(config, transport);
  const summary = request.serviceSummary.catalog as Record<string, unknown> | undefined;
  request.serviceSummary = { ...request.serviceSummary, catalog: { ...summary, service_name: 'github-artifacts' } };
  if (request.serviceConfigs) request.serviceConfigs = { ...request.serviceConfigs, catalog: { type: 'github-artifacts', config } };
}

/**
 * Before a resumed run: when the store has no run log for `runId`, downloads the newest uploaded one into the
 * store's folder. Returns the artifact's name, or undefined when nothing was needed or found.
 */
export async function restoreRunLog(transport: ArtifactTransport, store: RunLogStore, runId: string): Promise<string | undefined> {
  if (!store.logFolder || (await store.exists(runId))) return undefined;
  const found = await transport.list(artifactPrefix(runId, 'run-log'));
  const newest = found.at(-1);
  if (!newest) return undefined;
  fs.mkdirSync(store.logFolder, { recursive: true });
  await transport.download(newest, store.logFolder);
  return newest.name;
}

/** Uploads the run log (its file, or its folder of chunks) as one artifact; returns its name, or undefined if none is on disk. */
export async function uploadRunLog(transport: ArtifactTransport, store: RunLogStore, runId: string, env: NodeJS.ProcessEnv) {
  if (!store.logFolder) return undefined;
  await store.flush();
  const file = singleFile(store.logFolder, runId);
  const dir = chunkDir(store.logFolder, runId);
  const files = fs.existsSync(file)
    ? [file]
    : fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => path.join(e.parentPath, e.name))
      : [];
  if (!files.length) return undefined;
  const name = `${artifactPrefix(runId, 'run-log')}${env.GITHUB_RUN_ATTEMPT || '1'}-${crypto.randomBytes(4).toString('hex')}`;
  await transport.upload(name, files, store.logFolder);
  return name;
}

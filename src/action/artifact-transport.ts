// The artifact transport of the action: @actions/artifact 6 behind the port the `github-artifacts` catalog and the
// run-log upload use (src/services/catalog/artifact-transport.ts). Only actions get ACTIONS_RUNTIME_TOKEN and
// ACTIONS_RESULTS_URL from the runner, which is why this lives in the adapter and not in the core.
import { DefaultArtifactClient } from '@actions/artifact';
import type { ArtifactRef, ArtifactTransport } from '../services/catalog/artifact-transport.js';

/** An earlier workflow run of the same repository whose artifacts are read (a resumed run); needs `actions: read`. */
export interface EarlierRun {
  workflowRunId: number;
  token: string;
  repositoryOwner: string;
  repositoryName: string;
}

/** Whether the runner gave this process the artifact service (it does for actions, not for `run:` steps). */
export function artifactServiceAvailable(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL);
}

export class ActionsArtifactTransport implements ArtifactTransport {
  private readonly client = new DefaultArtifactClient();

  constructor(private readonly earlier?: EarlierRun) {}

  async upload(name: string, files: string[], rootDirectory: string): Promise<void> {
    await this.client.uploadArtifact(name, files, rootDirectory);
  }

  async list(prefix: string): Promise<ArtifactRef[]> {
    const found: ArtifactRef[] = [];
    if (this.earlier) {
      const { artifacts } = await this.client.listArtifacts({ findBy: this.earlier });
      for (const a of artifacts) found.push({ name: a.name, id: a.id, source: String(this.earlier.workflowRunId), createdAt: a.createdAt });
    }
    const { artifacts } = await this.client.listArtifacts();
    for (const a of artifacts) found.push({ name: a.name, id: a.id, source: 'current', createdAt: a.createdAt });
    // the earlier run's first, then by creation: what a later attempt stored wins
    return found
      .filter((a) => a.name.startsWith(prefix))
      .sort((a, b) => rank(a) - rank(b) || (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0) || a.id - b.id);
  }

  async download(artifact: ArtifactRef, destination: string): Promise<void> {
    const findBy = artifact.source === 'current' ? undefined : this.earlier;
    await this.client.downloadArtifact(artifact.id, { path: destination, ...(findBy ? { findBy } : {}) });
  }
}

const rank = (a: ArtifactRef) => (a.source === 'current' ? 1 : 0);

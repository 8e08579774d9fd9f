/**
 * The fake artifact service (test/harness/artifact-service.ts) against the real `@actions/artifact` 6 client:
 * upload, list, download in the same run, a name collision (409), and a cross-run download through the REST API.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArtifactService, type ArtifactService } from './harness/artifact-service.js';

let service: ArtifactService;
let client: typeof import('@actions/artifact');
const saved = { ...process.env };

beforeAll(async () => {
  service = await startArtifactService();
  Object.assign(process.env, service.env('7', '1'), { GITHUB_WORKSPACE: mkdtempSync(join(tmpdir(), 'ws-')) });
  delete process.env.GITHUB_SERVER_URL;
  client = await import('@actions/artifact');
});
afterAll(async () => {
  process.env = saved;
  await service.close();
});

function filesIn(content: Record<string, string>): { root: string; files: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'up-'));
  const files = Object.entries(content).map(([name, text]) => {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
    return join(root, name);
  });
  return { root, files };
}

describe('fake artifact service', () => {
  it('round-trips an upload through list and download in the same run', async () => {
    const { root, files } = filesIn({ 'a.txt': 'alpha', 'sub/b.txt': 'beta' });
    const uploaded = await client.default.uploadArtifact('round-trip', files, root);
    expect(uploaded.size).toBeGreaterThan(0);
    const { artifacts } = await client.default.listArtifacts();
    expect(artifacts.map((artifact) => artifact.name)).toContain('round-trip');
    const { artifact } = await client.default.getArtifact('round-trip');
    const dest = mkdtempSync(join(tmpdir(), 'down-'));
    const result = await client.default.downloadArtifact(artifact.id, { path: dest, expectedHash: artifact.digest });
    expect(result.digestMismatch).toBe(false);
    expect(readFileSync(join(dest, 'sub/b.txt'), 'utf8')).toBe('beta');
    expect(service.artifacts().find((stored) => stored.name === 'round-trip')?.runBackendId).toBe('7');
  });

  it('refuses a second artifact with the same name in one run (409)', async () => {
    const { root, files } = filesIn({ 'c.txt': 'c' });
    await client.default.uploadArtifact('twice', files, root);
    await expect(client.default.uploadArtifact('twice', files, root)).rejects.toThrow(/409|already exists/);
  });

  it('serves another run through the REST API (findBy)', async () => {
    const { root, files } = filesIn({ 'd.txt': 'from run 7' });
    await client.default.uploadArtifact('earlier', files, root);
    process.env.ACTIONS_RUNTIME_TOKEN = service.tokenFor('8');
    const findBy = { token: 'test', workflowRunId: 7, repositoryOwner: 'o', repositoryName: 'r' };
    const { artifacts } = await client.default.listArtifacts({ findBy });
    const earlier = artifacts.find((artifact) => artifact.name === 'earlier')!;
    const dest = mkdtempSync(join(tmpdir(), 'down-'));
    await client.default.downloadArtifact(earlier.id, { path: dest, findBy });
    expect(readFileSync(join(dest, 'd.txt'), 'utf8')).toBe('from run 7');
    expect((await client.default.listArtifacts()).artifacts).toEqual([]);
  });
});

/**
 * A local fake of GitHub's artifact service, on loopback, for tests of everything that uploads or downloads
 * artifacts with `@actions/artifact` 6 (the `github-artifacts` catalog, `upload-run-log`, `retry-run-id`).
 *
 * Why: the real service needs a runner's `ACTIONS_RUNTIME_TOKEN`; `act`'s server rejects the requests
 * `@actions/artifact` >= 6.2 makes (`mime_type`). This server answers exactly what the client sends:
 * - Twirp JSON on `/twirp/github.actions.results.api.v1.ArtifactService/{CreateArtifact, FinalizeArtifact,
 *   ListArtifacts, GetSignedArtifactURL, DeleteArtifact}` (a name used twice in one run is a 409, as on GitHub,
 *   so tests see the collisions of actions/upload-artifact#478);
 * - the Azure blob calls on the signed URL it hands out: `PUT ?comp=block`, `PUT ?comp=blocklist`, a single
 *   `PUT` and `GET` (the zip, `Content-Type: application/zip`);
 * - the public REST calls a cross-run download makes (`findBy`): `GET /repos/{o}/{r}/actions/runs/{id}/artifacts`
 *   and `GET /repos/{o}/{r}/actions/artifacts/{id}/zip` (302 to the signed URL). Point `GITHUB_API_URL` here.
 *
 * Runs are keyed by the run backend id of the token's `scp` claim (`Actions.Results:<run>:<job>`); the REST
 * run id is that same string, so `tokenFor('2')` uploads what `findBy: { workflowRunId: 2 }` later finds.
 * Blobs live in `dir` (one file per artifact). Nothing is verified beyond the token's presence: it is a test
 * double, not a security boundary. It listens on 127.0.0.1 only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One artifact as the fake stores it. */
export interface FakeArtifact {
  id: number;
  name: string;
  runBackendId: string;
  jobBackendId: string;
  size: number;
  digest: string | undefined;
  finalized: boolean;
  createdAt: Date;
}

/** A started fake: its origin, a token for run '1' / job '1', the blob folder, and a way to stop it. */
export interface ArtifactService {
  /** The origin to put in ACTIONS_RESULTS_URL (and GITHUB_API_URL for cross-run downloads), with a trailing slash. */
  url: string;
  /** An ACTIONS_RUNTIME_TOKEN for run '1', job '1'. */
  token: string;
  /** Where the uploaded blobs are stored. */
  dir: string;
  close(): Promise<void>;
  /** A token for another run and job (a later job, a retried run). */
  tokenFor(runBackendId: string, jobBackendId?: string): string;
  /** Every artifact uploaded so far (finalized or not), in upload order. */
  artifacts(): FakeArtifact[];
  /** The env a client process needs: ACTIONS_RESULTS_URL, ACTIONS_RUNTIME_TOKEN, GITHUB_API_URL. */
  env(runBackendId?: string, jobBackendId?: string): Record<string, string>;
}

const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/';

/** A JWT-shaped token with the scope `@actions/artifact` decodes (it never verifies the signature). */
function makeToken(run: string, job: string): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ scp: `Actions.ExampleScope Actions.Results:${run}:${job}` })}.c2ln`;
}

/** The run and job of a bearer token, or undefined when it is missing or malformed. */
function scopeOf(request: IncomingMessage): { run: string; job: string } | undefined {
  const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
  if (!match) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(match[1]!.split('.')[1] ?? '', 'base64url').toString()) as { scp?: string };
    for (const scope of (claims.scp ?? '').split(' ')) {
      const parts = scope.split(':');
      if (parts[0] === 'Actions.Results' && parts.length === 3) return { run: parts[1]!, job: parts[2]! };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Starts the fake on 127.0.0.1 with a fresh blob folder. */
export async function startArtifactService(): Promise<ArtifactService> {
  const dir = mkdtempSync(join(tmpdir(), 'runnable-artifacts-'));
  const store: FakeArtifact[] = [];
  const blocks = new Map<string, Buffer>();
  const signature = randomBytes(8).toString('hex');
  let origin = '';

  const signedUrl = (artifact: FakeArtifact): string =>
    `${origin}blob/${artifact.id}/${encodeURIComponent(artifact.name)}.zip?sig=${signature}`;
  const blobPath = (id: number): string => join(dir, `${id}.zip`);
  const toTwirp = (artifact: FakeArtifact) => ({
    workflow_run_backend_id: artifact.runBackendId,
    workflow_job_run_backend_id: artifact.jobBackendId,
    database_id: String(artifact.id),
    name: artifact.name,
    size: String(artifact.size),
    created_at: artifact.createdAt.toISOString(),
    ...(artifact.digest ? { digest: artifact.digest } : {}),
  });

  async function twirp(method: string, body: Record<string, unknown>, scope: { run: string; job: string }, response: ServerResponse) {
    const run = String(body.workflow_run_backend_id ?? scope.run);
    const job = String(body.workflow_job_run_backend_id ?? scope.job);
    const inRun = store.filter((artifact) => artifact.runBackendId === run && artifact.finalized);
    switch (method) {
      case 'CreateArtifact': {
        const name = String(body.name);
        if (store.some((artifact) => artifact.runBackendId === run && artifact.name === name)) {
          return sendJson(response, 409, { code: 'already_exists', msg: `an artifact with this name already exists on the workflow run` });
        }
        const artifact: FakeArtifact = {
          id: store.length + 1,
          name,
          runBackendId: run,
          jobBackendId: job,
          size: 0,
          digest: undefined,
          finalized: false,
          createdAt: new Date(),
        };
        store.push(artifact);
        return sendJson(response, 200, { ok: true, signed_upload_url: signedUrl(artifact) });
      }
      case 'FinalizeArtifact': {
        const artifact = store.find((candidate) => candidate.runBackendId === run && candidate.name === body.name);
        if (!artifact) return sendJson(response, 404, { code: 'not_found', msg: `no artifact named ${String(body.name)}` });
        artifact.finalized = true;
        artifact.size = Number(body.size ?? 0);
        artifact.digest = typeof body.hash === 'string' ? body.hash : undefined;
        return sendJson(response, 200, { ok: true, artifact_id: String(artifact.id) });
      }
      case 'ListArtifacts': {
        const idFilter = body.id_filter as string | number | { value?: string } | undefined;
        const wantedId = typeof idFilter === 'object' ? idFilter?.value : idFilter;
        const wantedName = typeof body.name_filter === 'object' ? (body.name_filter as { value?: string }).value : body.name_filter;
        const listed = inRun.filter(
          (artifact) =>
            (wantedId === undefined || String(artifact.id) === String(wantedId)) &&
            (wantedName === undefined || artifact.name === wantedName),
        );
        return sendJson(response, 200, { artifacts: listed.map(toTwirp) });
      }
      case 'GetSignedArtifactURL': {
        const artifact = inRun.find((candidate) => candidate.name === body.name);
        if (!artifact) return sendJson(response, 404, { code: 'not_found', msg: `no artifact named ${String(body.name)}` });
        return sendJson(response, 200, { signed_url: signedUrl(artifact) });
      }
      case 'DeleteArtifact': {
        const index = store.findIndex((candidate) => candidate.runBackendId === run && candidate.name === body.name);
        if (index < 0) return sendJson(response, 404, { code: 'not_found', msg: `no artifact named ${String(body.name)}` });
        const [removed] = store.splice(index, 1);
        rmSync(blobPath(removed!.id), { force: true });
        return sendJson(response, 200, { ok: true, artifact_id: String(removed!.id) });
      }
      default:
        return sendJson(response, 404, { code: 'bad_route', msg: `no handler for ${method}` });
    }
  }

  async function blob(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const id = Number(url.pathname.split('/')[2]);
    const artifact = store.find((candidate) => candidate.id === id);
    if (!artifact || url.searchParams.get('sig') !== signature) {
      response.writeHead(403).end();
      return;
    }
    const comp = url.searchParams.get('comp');
    const headers = { 'x-ms-request-id': randomBytes(8).toString('hex'), 'x-ms-version': '2025-01-05', etag: `"${Date.now()}"` };
    if (request.method === 'PUT' && comp === 'block') {
      blocks.set(`${id}:${url.searchParams.get('blockid')}`, await readBody(request));
      response.writeHead(201, headers).end();
    } else if (request.method === 'PUT' && comp === 'blocklist') {
      const xml = (await readBody(request)).toString();
      const ids = [...xml.matchAll(/<(?:Latest|Committed|Uncommitted)>([^<]*)<\//g)].map((match) => match[1]!);
      await writeFile(blobPath(id), Buffer.concat(ids.map((blockId) => blocks.get(`${id}:${blockId}`) ?? Buffer.alloc(0))));
      for (const blockId of ids) blocks.delete(`${id}:${blockId}`);
      response.writeHead(201, headers).end();
    } else if (request.method === 'PUT') {
      await writeFile(blobPath(id), await readBody(request));
      response.writeHead(201, headers).end();
    } else if (request.method === 'GET' || request.method === 'HEAD') {
      const content = await readFile(blobPath(id));
      response.writeHead(200, { ...headers, 'content-type': 'application/zip', 'content-length': content.length });
      response.end(request.method === 'GET' ? content : undefined);
    } else {
      response.writeHead(405).end();
    }
  }

  function rest(response: ServerResponse, url: URL): void {
    const runs = /^\/repos\/[^/]+\/[^/]+\/actions\/runs\/([^/]+)\/artifacts$/.exec(url.pathname);
    if (runs) {
      const listed = store.filter((artifact) => artifact.runBackendId === decodeURIComponent(runs[1]!) && artifact.finalized);
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const slice = listed.slice((page - 1) * perPage, page * perPage);
      return sendJson(response, 200, {
        total_count: listed.length,
        artifacts: slice.map((artifact) => ({
          id: artifact.id,
          name: artifact.name,
          size_in_bytes: artifact.size,
          created_at: artifact.createdAt.toISOString(),
          digest: artifact.digest,
          expired: false,
        })),
      });
    }
    const zip = /^\/repos\/[^/]+\/[^/]+\/actions\/artifacts\/(\d+)\/zip$/.exec(url.pathname);
    const artifact = zip ? store.find((candidate) => candidate.id === Number(zip[1]) && candidate.finalized) : undefined;
    if (artifact) {
      response.writeHead(302, { location: signedUrl(artifact) }).end();
      return;
    }
    sendJson(response, 404, { message: 'Not Found' });
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const handle = async (): Promise<void> => {
      if (url.pathname.startsWith('/blob/')) return blob(request, response, url);
      const scope = scopeOf(request);
      if (url.pathname.startsWith('/repos/')) {
        if (!request.headers.authorization) return sendJson(response, 401, { message: 'Requires authentication' });
        return rest(response, url);
      }
      if (url.pathname.startsWith(TWIRP) && request.method === 'POST') {
        if (!scope) return sendJson(response, 401, { code: 'unauthenticated', msg: 'missing or malformed ACTIONS_RUNTIME_TOKEN' });
        const body = JSON.parse((await readBody(request)).toString() || '{}') as Record<string, unknown>;
        return twirp(url.pathname.slice(TWIRP.length), body, scope, response);
      }
      sendJson(response, 404, { code: 'bad_route', msg: `no route ${request.method} ${url.pathname}` });
    };
    handle().catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { code: 'internal', msg: String(error) });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return {
    url: origin,
    token: makeToken('1', '1'),
    dir,
    tokenFor: (run, job = '1') => makeToken(run, job),
    artifacts: () => store.map((artifact) => ({ ...artifact })),
    env: (run = '1', job = '1') => ({
      ACTIONS_RESULTS_URL: origin,
      ACTIONS_RUNTIME_TOKEN: makeToken(run, job),
      GITHUB_API_URL: origin.replace(/\/$/, ''),
    }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

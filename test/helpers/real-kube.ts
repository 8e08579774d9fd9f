// The real kube-apiserver (+ etcd, Argo's CRDs, no controller) that scripts/ci/kube-up.sh starts on loopback, for
// integration tests. Found through RUNNABLE_TEST_KUBECONFIG (set by .ci/run), else kube-up's default path; used
// only when its server answers. Otherwise suites skip with the reason in the test's name (as ../shared suites do).
// `kubeApi` is a bare REST client for the tests' own calls (playing the controller, checking what the CLI did):
// deliberately not @kubernetes/client-node, so the tests do not share the code they check.
// One server serves every suite, and a test removes Argo's Workflow CRD for a moment (doctor without the CRD):
// every suite that uses it calls `useKubeExclusively()`, which holds a lock beside the kubeconfig for the file.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { parse } from 'yaml';

export const KUBE_UP_KUBECONFIG = '/var/cache/runnable-test/kube/kubeconfig';

export interface RealKube {
  kubeconfig: string;
  server: string;
  token: string;
}

export interface KubeResponse {
  status: number;
  body: any; // JSON of the API server
}

function readKubeconfig(file: string): RealKube | string {
  try {
    const doc = parse(fs.readFileSync(file, 'utf8')) as {
      clusters?: Array<{ cluster?: { server?: string } }>;
      users?: Array<{ user?: { token?: string } }>;
    };
    const server = doc.clusters?.[0]?.cluster?.server;
    const token = doc.users?.[0]?.user?.token;
    if (!server || !token) return `${file} has no server or no token`;
    return { kubeconfig: file, server, token };
  } catch (e) {
    return `${file} cannot be read: ${(e as Error).message}`;
  }
}

/** One request to the API server: JSON in and out (or `contentType` for merge patches and YAML). */
export function kubeApi(
  kube: RealKube,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<KubeResponse> {
  const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(path, kube.server),
      {
        method,
        rejectUnauthorized: false, // kube-up's self-signed certificate
        headers: {
          authorization: `Bearer ${kube.token}`,
          accept: 'application/json',
          ...(data === undefined ? {} : { 'content-type': contentType, 'content-length': Buffer.byteLength(data) }),
        },
        timeout: 20_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            /* not JSON: keep the text */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 20 s`)));
    req.on('error', reject);
    req.end(data);
  });
}

async function find(): Promise<RealKube | string> {
  const env = process.env.RUNNABLE_TEST_KUBECONFIG;
  const file = env || KUBE_UP_KUBECONFIG;
  if (!fs.existsSync(file)) {
    // kube-up leaves the reason it started none beside where the kubeconfig would be
    const unavailable = path.join(path.dirname(file), 'unavailable');
    const why = fs.existsSync(unavailable) ? fs.readFileSync(unavailable, 'utf8').trim() : 'start one with `bash scripts/ci/kube-up.sh`';
    return `no kubeconfig at ${file} (${env ? 'RUNNABLE_TEST_KUBECONFIG' : "kube-up's default path"}): ${why}`;
  }
  const kube = readKubeconfig(file);
  if (typeof kube === 'string') return kube;
  try {
    const r = await kubeApi(kube, 'GET', '/readyz');
    return r.status === 200 ? kube : `the API server of ${file} (${kube.server}) answers /readyz with HTTP ${r.status}`;
  } catch (e) {
    return `the API server of ${file} (${kube.server}) does not answer: ${(e as Error).message}; start it with \`bash scripts/ci/kube-up.sh\``;
  }
}

let found: Promise<RealKube | string> | undefined;

/** The running API server, or the reason there is none (a string). */
export function realKube(): Promise<RealKube | string> {
  found ??= find();
  return found;
}

/** Registers a skipped test whose name says why `what` did not run, when there is no API server. */
export function skippedWithoutKube(what: string, kube: RealKube | string): void {
  if (typeof kube !== 'string') return;
  it.skip(`${what}: not run: ${kube}`, () => {});
  console.warn(`${what}: skipped: ${kube}`); // printed by vitest's reporter too, not only inside the skipped name
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Holds `<kubeconfig folder>/tests.lock` (a folder with the holder's pid) from the suite's start to its end. */
export function useKubeExclusively(kube: RealKube | string): void {
  if (typeof kube === 'string') return;
  const lock = path.join(path.dirname(kube.kubeconfig), 'tests.lock');
  const mine = path.join(lock, String(process.pid));
  beforeAll(async () => {
    for (;;) {
      try {
        fs.mkdirSync(lock);
        fs.writeFileSync(mine, '');
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = fs.existsSync(lock) ? fs.readdirSync(lock).map(Number)[0] : undefined;
      // a holder that died (or a lock left without a pid for long) is taken over
      const stale =
        holder !== undefined ? !pidAlive(holder) : Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 10_000;
      if (stale) fs.rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 200));
    }
  }, 600_000);
  afterAll(() => {
    if (fs.existsSync(mine)) fs.rmSync(lock, { recursive: true, force: true });
  });
}

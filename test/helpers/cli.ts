// Runs the `runnable` CLI as a user would: the built bundle (dist/cli/index.js) as a child process, in a given
// folder, with a clean environment (PATH, HOME, LANG, TMPDIR, PYTHONPATH=<cwd>, plus what the test adds; no
// RUNNABLE_* from the developer's shell), as the conformance runner does.
//
// These suites run the built CLI: test/global-setup.ts builds it from this source first when the source changed
// (RUNNABLE_TEST_SKIP_BUILD=1 uses dist/ as it is). Because other people may rebuild while tests run
// (the build deletes dist/cli first), the tests run a copy of dist/cli taken when a test process first needs it. `inProcess: true` calls main() from src/ instead (no build needed; process.chdir and
// process.env are swapped for the call, so it needs vitest's default `forks` pool and sequential tests).

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST_CLI = path.join(REPO_ROOT, 'dist/cli/index.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout then stderr, for assertions that do not care which stream. */
  output: string;
}

export interface CliOptions {
  cwd: string;
  /** Added to the clean environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  inProcess?: boolean;
}

let snapshot: string | undefined;

/** The path of this process's copy of the built CLI; fails with the fix when it was never built. */
export function builtCli(): string {
  if (snapshot && fs.existsSync(snapshot)) return snapshot;
  if (!fs.existsSync(DIST_CLI)) {
    throw new Error(`${DIST_CLI} is missing: run \`npm run build\` in ${REPO_ROOT} before these tests.`);
  }
  // Inside the repo so that the bundle's few external requires still resolve from node_modules. One copy per
  // build (named by the bundle's hash), shared by the test processes; copies older than an hour are removed.
  const cache = path.join(REPO_ROOT, 'node_modules/.cache/runnable-cli-test');
  const hash = crypto.createHash('sha1').update(fs.readFileSync(DIST_CLI)).digest('hex').slice(0, 16);
  const dir = path.join(cache, hash);
  if (!fs.existsSync(path.join(dir, 'index.js'))) {
    const tmp = `${dir}.${process.pid}.tmp`;
    fs.cpSync(path.dirname(DIST_CLI), tmp, { recursive: true });
    try {
      fs.renameSync(tmp, dir);
    } catch {
      fs.rmSync(tmp, { recursive: true, force: true }); // another test process made it first
    }
  }
  for (const old of fs.readdirSync(cache)) {
    const p = path.join(cache, old);
    if (old !== hash && Date.now() - fs.statSync(p).mtimeMs > 3_600_000) fs.rmSync(p, { recursive: true, force: true });
  }
  snapshot = path.join(dir, 'index.js');
  return snapshot;
}

/** The environment a CLI run gets: a clean one, as in CI. */
export function cliEnv(cwd: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1', PYTHONPATH: cwd };
  for (const k of ['PATH', 'HOME', 'LANG', 'TMPDIR']) if (process.env[k] !== undefined) env[k] = process.env[k];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export async function runCli(args: string[], opts: CliOptions): Promise<CliResult> {
  return opts.inProcess ? runInProcess(args, opts) : runSpawned(args, opts);
}

function runSpawned(args: string[], opts: CliOptions): Promise<CliResult> {
  const cli = builtCli();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: opts.cwd,
      env: cliEnv(opts.cwd, opts.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`runnable ${args.join(' ')} did not finish in ${opts.timeoutMs ?? 60_000} ms.\nstdout:\n${stdout}\nstderr:\n${stderr}`),
      );
    }, opts.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, output: `${stdout}${stderr}` });
    });
  });
}

async function runInProcess(args: string[], opts: CliOptions): Promise<CliResult> {
  const { main } = await import('../../src/cli/main.js');
  const env = cliEnv(opts.cwd, opts.env);
  const out: string[] = [];
  const err: string[] = [];
  const savedCwd = process.cwd();
  const savedEnv = process.env;
  try {
    process.chdir(opts.cwd);
  } catch (e) {
    throw new Error(
      `inProcess needs process.chdir, which vitest's \`threads\` pool forbids: use the \`forks\` pool (the default). ${(e as Error).message}`,
      { cause: e },
    );
  }
  process.env = env;
  try {
    const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), color: false, env, cwd: opts.cwd });
    const stdout = out.map((l) => `${l}\n`).join('');
    const stderr = err.map((l) => `${l}\n`).join('');
    return { code, stdout, stderr, output: `${stdout}${stderr}` };
  } finally {
    process.env = savedEnv;
    process.chdir(savedCwd);
  }
}

/** Fails with the CLI's whole output when the exit code is not the expected one (a readable test failure). */
export function expectExit(r: CliResult, code: number): void {
  if (r.code !== code) {
    throw new Error(`expected exit code ${code}, got ${r.code}.\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`);
  }
}

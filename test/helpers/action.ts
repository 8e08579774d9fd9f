// Runs the action's main step in-process with the REAL @actions/core (test/action.test.ts and others): inputs as
// INPUT_* variables, GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY as temp files, stdout captured. The
// action module is imported on first use, so a test can set variables read at import time (GITHUB_API_URL) first.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunOptions } from '../../src/action/main.js';
import { REPO_ROOT, cliEnv } from './cli.js';

export interface ActionResult {
  code: number;
  stdout: string;
  /** stdout's lines. */
  lines: string[];
  outputs: Record<string, string>;
  /** What the step saved for the post step (core.saveState). */
  state: Record<string, string>;
  summary: string;
  /** RUNNER_TEMP of the step: kept (for the caller to look into and remove) with `keepRunnerTemp`. */
  runnerTemp: string;
}

export interface ActionRunOptions extends RunOptions {
  /** Keep RUNNER_TEMP (the kubeconfig the action writes there) instead of removing it. */
  keepRunnerTemp?: boolean;
}

/** `name<<delimiter\nvalue\ndelimiter` entries, as core.setOutput / core.saveState write them. */
function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1]!] = m[3]!;
  return out;
}

/** One run of the action's main step in `dir` (the workspace), with `env` added to a clean CLI environment. */
export async function runActionIn(
  dir: string,
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {},
  { keepRunnerTemp, ...options }: ActionRunOptions = {},
): Promise<ActionResult> {
  const { run } = await import('../../src/action/main.js');
  const gh = fs.mkdtempSync(path.join(os.tmpdir(), 'runnable-action-gh-'));
  const files = { GITHUB_OUTPUT: 'output', GITHUB_STATE: 'state', GITHUB_STEP_SUMMARY: 'summary' };
  for (const f of Object.values(files)) fs.writeFileSync(path.join(gh, f), '');
  const savedEnv = process.env;
  const savedCwd = process.cwd();
  const savedWrite = process.stdout.write;
  let stdout = '';
  process.env = {
    ...cliEnv(dir, env),
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: gh,
    ...Object.fromEntries(Object.entries(files).map(([k, f]) => [k, path.join(gh, f)])),
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  process.chdir(dir);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  let code: number;
  try {
    code = await run(options);
  } finally {
    process.stdout.write = savedWrite;
    process.env = savedEnv;
    process.chdir(savedCwd);
    process.exitCode = undefined;
  }
  const read = (f: string) => fs.readFileSync(path.join(gh, f), 'utf8');
  const result = {
    code,
    stdout,
    lines: stdout.split('\n'),
    outputs: parseFileCommands(read('output')),
    state: parseFileCommands(read('state')),
    summary: read('summary'),
    runnerTemp: gh,
  };
  if (!keepRunnerTemp) fs.rmSync(gh, { recursive: true, force: true });
  return result;
}

/** The post step, in-process as the runner starts it: the main step's saved state as STATE_<name> variables. */
export async function runPostIn(dir: string, state: Record<string, string>, env: Record<string, string | undefined> = {}) {
  const { post } = await import('../../src/action/post.js');
  const savedEnv = process.env;
  const savedWrite = process.stdout.write;
  let stdout = '';
  process.env = {
    ...cliEnv(dir, env),
    GITHUB_WORKSPACE: dir,
    ...Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v])),
  };
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    await post();
  } finally {
    process.stdout.write = savedWrite;
    process.env = savedEnv;
    process.exitCode = undefined;
  }
  return { stdout };
}

/**
 * The built action bundle (dist/action/index.js) as the runner starts it, in `dir`: the main step with `inputs`, or
 * the post step with STATE_* in `env`. `onOutput` sees stdout as it grows (to kill the step at the right moment).
 * RUNNER_TEMP is kept: the caller removes `runnerTemp`.
 */
export function runActionBundle(
  dir: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
  onOutput?: (child: ChildProcess, stdout: string) => void,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; state: Record<string, string>; runnerTemp: string }> {
  const gh = fs.mkdtempSync(path.join(os.tmpdir(), 'runnable-action-gh-'));
  for (const f of ['output', 'state', 'summary']) fs.writeFileSync(path.join(gh, f), '');
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/action/index.js')], {
    cwd: dir,
    env: {
      ...cliEnv(dir, env),
      GITHUB_WORKSPACE: dir,
      RUNNER_TEMP: gh,
      GITHUB_OUTPUT: path.join(gh, 'output'),
      GITHUB_STATE: path.join(gh, 'state'),
      GITHUB_STEP_SUMMARY: path.join(gh, 'summary'),
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
    onOutput?.(child, stdout);
  });
  child.stderr!.resume();
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      const state = parseFileCommands(fs.readFileSync(path.join(gh, 'state'), 'utf8'));
      resolve({ code, signal, stdout, state, runnerTemp: gh });
    }),
  );
}

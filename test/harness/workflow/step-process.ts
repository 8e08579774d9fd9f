// Runs one step's process as the runner does: fresh file-command files for the step ($GITHUB_OUTPUT, $GITHUB_ENV,
// $GITHUB_PATH, $GITHUB_STATE, $GITHUB_STEP_SUMMARY) under RUNNER_TEMP, stdout and stderr read line by line for
// workflow commands, a time-out (`timeout-minutes`) and job cancellation that stop the whole process group
// (SIGINT, then SIGKILL 2.5 s later), and the files read back after it ends.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CommandEffects } from './commands.js';
import { CommandProcessor, parseKeyValueFile } from './commands.js';
import type { JobContext } from './context.js';
import { execInContainer } from './job-container.js';

/** How one process ended and what it asked for. */
export interface ProcessOutcome {
  exitCode: number;
  timedOut: boolean;
  cancelled: boolean;
  effects: CommandEffects;
  summary: string;
  /** A file command the runner could not read (fails the step). */
  fileCommandError?: string;
}

/** One step process to start. */
export interface StepProcess {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs?: number;
}

const FILE_COMMANDS = ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'] as const;

/** Makes a step's file-command files (empty) and returns their variables. */
export function fileCommandFiles(job: JobContext): Record<(typeof FILE_COMMANDS)[number], string> {
  const dir = path.join(job.temp, '_runner_file_commands');
  fs.mkdirSync(dir, { recursive: true });
  const id = randomUUID();
  const files = Object.fromEntries(FILE_COMMANDS.map((k) => [k, path.join(dir, `${k.slice(7).toLowerCase()}_${id}`)])) as Record<
    (typeof FILE_COMMANDS)[number],
    string
  >;
  for (const f of Object.values(files)) fs.writeFileSync(f, '');
  return files;
}

/** Reads the file-command files back into the effects of the step. */
export function readFileCommands(
  files: Record<(typeof FILE_COMMANDS)[number], string>,
  effects: CommandEffects,
): { summary: string; error?: string } {
  const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
  try {
    Object.assign(effects.outputs, parseKeyValueFile(read(files.GITHUB_OUTPUT), 'GITHUB_OUTPUT'));
    Object.assign(effects.env, parseKeyValueFile(read(files.GITHUB_ENV), 'GITHUB_ENV'));
    Object.assign(effects.state, parseKeyValueFile(read(files.GITHUB_STATE), 'GITHUB_STATE'));
  } catch (e) {
    return { summary: read(files.GITHUB_STEP_SUMMARY), error: (e as Error).message };
  }
  effects.path.push(
    ...read(files.GITHUB_PATH)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
  );
  return { summary: read(files.GITHUB_STEP_SUMMARY) };
}

/** Starts the process and waits for it; output goes through the job's masks and workflow commands. */
export function runStepProcess(job: JobContext, p: StepProcess): Promise<ProcessOutcome> {
  const files = fileCommandFiles(job);
  const stepEnv: Record<string, string> = { ...p.env, ...files };
  const processor = new CommandProcessor(job.masker, stepEnv.ACTIONS_ALLOW_UNSECURE_COMMANDS === 'true');
  const onLog = job.run.options.onLog;
  const verbose = process.env.WORKFLOW_HARNESS_VERBOSE === '1';
  return new Promise((resolve) => {
    const { argv, env } = job.containers?.id
      ? execInContainer({ ...job.containers, id: job.containers.id }, job.addedPath, p.argv, p.cwd, stepEnv)
      : { argv: p.argv, env: stepEnv };
    const child = spawn(argv[0], argv.slice(1), { cwd: p.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let timedOut = false;
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      try {
        process.kill(-child.pid!, 'SIGINT');
      } catch {
        /* already gone */
      }
      killTimer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 2500);
    };
    const timer = p.timeoutMs !== undefined ? setTimeout(() => ((timedOut = true), stop()), p.timeoutMs) : undefined;
    const onAbort = () => ((cancelled = true), stop());
    job.signal.addEventListener('abort', onAbort, { once: true });
    const feed = (stream: NodeJS.ReadableStream) => {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop()!;
        for (const l of lines) emit(l);
      });
      stream.on('end', () => {
        if (rest) emit(rest);
        rest = '';
      });
    };
    const emit = (line: string) => {
      const before = processor.effects.log.length;
      processor.line(line);
      for (const l of processor.effects.log.slice(before)) {
        onLog?.(job.name, l);
        if (verbose) process.stderr.write(`[${job.name}] ${l}\n`);
      }
    };
    feed(child.stdout!);
    feed(child.stderr!);
    let finished = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      job.signal.removeEventListener('abort', onAbort);
      const back = readFileCommands(files, processor.effects);
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        timedOut,
        cancelled,
        effects: processor.effects,
        summary: back.summary,
        fileCommandError: back.error,
      });
    };
    child.on('error', (e) => {
      processor.effects.log.push(`##[error]${e.message}`);
      setImmediate(() => finish(127, null));
    });
    // 'close' waits for the output pipes; a background process left holding them must not hang the job
    child.on('exit', (code, signal) => setTimeout(() => finish(code, signal), 3000));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

// A job's `container:` and `services:` on the local Docker engine, as the runner starts them: service containers
// first, then the job container kept alive by `tail -f /dev/null`; every step of the job then runs inside it
// (`docker exec`, see step-process.ts) and both are removed at the job's end, after the post steps.
//
// How it differs from GitHub, on purpose (tests run offline on a `dockerd --bridge=none` engine):
// - Host networking for all: services answer on 127.0.0.1 (and under their label, through --add-host), and the
//   fake artifact service on loopback is reachable from inside the job container.
// - The run's folder is mounted at its own path instead of /__w: workspace, RUNNER_TEMP and the file-command
//   files keep their host paths, so nothing is translated. JavaScript actions run with the image's `node`.
// - Images are never pulled: an image missing on the engine fails the job, naming it. `credentials` is refused.
// - A cancelled or timed-out step stops its `docker exec` client; what it started inside the container ends when
//   the container is removed at the job's end.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { JobContext } from './context.js';
import { jobScope, textMap } from './context.js';
import type { ExprValue } from './expressions.js';
import { evaluateTemplate, toText } from './expressions.js';

const run = promisify(execFile);

/** A container as a job names it: `image`, or GitHub's mapping. */
interface ContainerSpec {
  image: string;
  env: Record<string, string>;
  options: string[];
}

/** The containers a job started, and how to run its steps in them. */
export interface JobContainers {
  /** The job container's id (absent when the job has only services). */
  id?: string;
  /** The PATH of the job container's image, under which $GITHUB_PATH entries go. */
  imagePath: string;
  /** Whether the job container has bash (the default shell of `run:` steps; `sh` where it has not). */
  hasBash: boolean;
  /** Removes every container the job started. */
  remove(): Promise<void>;
}

/** Parses `container:` or one service of `services:` after expression evaluation; throws for what is not supported. */
function containerSpec(value: ExprValue, what: string): ContainerSpec {
  if (typeof value === 'string') return { image: value, env: {}, options: [] };
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${what}: expected an image name or a mapping`);
  const spec = value as Record<string, ExprValue>;
  if (typeof spec.image !== 'string' || !spec.image) throw new Error(`${what}: 'image' is required`);
  if (spec.credentials !== undefined) throw new Error(`${what}: 'credentials' is not supported by the workflow harness (it never pulls)`);
  const options = spec.options === undefined ? [] : toText(spec.options).trim().split(/\s+/).filter(Boolean);
  return { image: spec.image, env: textMap(spec.env), options };
}

async function docker(args: string[]): Promise<string> {
  try {
    return (await run('docker', args, { maxBuffer: 16 * 1024 * 1024 })).stdout.trim();
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`docker ${args[0]}: ${(err.stderr || err.message).trim()}`, { cause: e });
  }
}

async function requireLocalImage(image: string, what: string): Promise<string[]> {
  let env: string;
  try {
    env = await docker(['image', 'inspect', '--format', '{{json .Config.Env}}', image]);
  } catch (e) {
    throw new Error(`${what}: image '${image}' is not on the local Docker engine (the workflow harness never pulls)`, { cause: e });
  }
  return (JSON.parse(env) as string[] | null) ?? [];
}

const envFlags = (env: Record<string, string>) => Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);

/** Starts the job's services and container (when it names any); undefined for a job on the runner itself. */
export async function startJobContainers(job: JobContext): Promise<JobContainers | undefined> {
  const { container, services } = job.job;
  if (container === undefined && services === undefined) return undefined;
  const scope = jobScope(job);
  const started: string[] = [];
  const label = `runnable-workflow-harness=${job.run.runId}`;
  const remove = async () => {
    if (started.length) await docker(['rm', '-f', ...started.splice(0)]).catch(() => undefined);
  };
  try {
    const hosts: string[] = [];
    for (const [name, raw] of Object.entries((evaluateTemplate(services ?? {}, scope) as Record<string, ExprValue>) ?? {})) {
      const spec = containerSpec(raw, `services.${name}`);
      await requireLocalImage(spec.image, `services.${name}`);
      started.push(await docker(['run', '-d', '--network', 'host', '--label', label, ...envFlags(spec.env), ...spec.options, spec.image]));
      hosts.push('--add-host', `${name}:127.0.0.1`);
    }
    if (container === undefined) return { imagePath: '', hasBash: false, remove };
    const spec = containerSpec(evaluateTemplate(container, scope), 'container');
    const imageEnv = await requireLocalImage(spec.image, 'container');
    const mount = `${job.run.runDir}:${job.run.runDir}`;
    const id = await docker([
      ...['run', '-d', '--network', 'host', '--label', label, ...hosts, '-v', mount, '-w', job.workspace],
      ...[...envFlags(spec.env), ...spec.options, '--entrypoint', 'tail', spec.image, '-f', '/dev/null'],
    ]);
    started.push(id);
    const imagePath =
      imageEnv.find((e) => e.startsWith('PATH='))?.slice(5) ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
    const hasBash = await docker(['exec', id, 'sh', '-c', 'command -v bash || true']).then((out) => out !== '');
    return { id, imagePath, hasBash, remove };
  } catch (e) {
    await remove();
    throw e;
  }
}

/** Variables a step process on the host has that make no sense inside the job container. */
const HOST_ONLY = new Set(['PATH', 'HOME', 'HOSTNAME', 'PWD', 'OLDPWD', 'SHLVL', 'DOCKER_HOST']);

/**
 * The command line that runs `argv` inside the job container with `env`: `docker exec -e NAME ...`, each value
 * read by the docker client from its own environment (so values may hold newlines and never appear in argv).
 */
export function execInContainer(
  containers: JobContainers & { id: string },
  addedPath: string[],
  argv: string[],
  cwd: string,
  env: Record<string, string>,
): { argv: string[]; env: Record<string, string> } {
  const inner: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (!HOST_ONLY.has(k)) inner[k] = v;
  inner.PATH = [...addedPath, containers.imagePath].join(':');
  const clientEnv: Record<string, string> = { ...inner, PATH: process.env.PATH ?? '/usr/bin:/bin' };
  if (process.env.DOCKER_HOST) clientEnv.DOCKER_HOST = process.env.DOCKER_HOST;
  // the client's own PATH must find `docker`; the container's PATH goes as a value
  const flags = Object.keys(inner).flatMap((k) => (k === 'PATH' ? ['-e', `PATH=${inner.PATH}`] : ['-e', k]));
  return { argv: ['docker', 'exec', '-w', cwd, ...flags, containers.id, ...argv], env: clientEnv };
}

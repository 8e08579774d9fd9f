// The settings of the local-container executor: the `config:` schema (runnable's keys plus what users expect of
// containers), per-node `overrides` merged shallowly over the global settings as runnable does, and the
// conversions Docker needs (memory "512m" -> bytes, cpus -> NanoCpus, volume strings checked).
import path from 'node:path';
import { durationSchema, durationSeconds } from '../../util/duration.js';
import * as z from '../../util/zod.js';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
/** Docker refuses memory limits below 6 MiB. */
const MIN_MEMORY = 6 * 1024 ** 2;

/** "512m", "1g", "1.5G", "256MiB", 1048576 -> bytes (binary units, as `docker run --memory`). */
export function parseMemory(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([bkmgt]?)(?:i?b)?\s*$/i.exec(value);
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * UNITS[m[2].toLowerCase()]);
  return bytes > 0 ? bytes : undefined;
}

const memory = z.union([z.string(), z.number()]).check((ctx) => {
  const bytes = parseMemory(ctx.value);
  if (bytes === undefined) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: `"${ctx.value}" is not a memory size: write a number of bytes or a size such as "512m" or "2g"`,
    });
  } else if (bytes < MIN_MEMORY) {
    ctx.issues.push({ code: 'custom', input: ctx.value, message: `a memory limit of ${ctx.value} is below Docker's minimum of 6m` });
  }
});

/** One bind or volume, as `docker run -v`: "host:container" or "host:container:ro|rw". */
export interface VolumeSpec {
  source: string;
  target: string;
  readOnly: boolean;
}

export function parseVolume(spec: string): VolumeSpec | string {
  const parts = spec.split(':');
  if (parts.length < 2 || parts.length > 3)
    return `"${spec}" is not a volume: write "host_path:container_path" or "host_path:container_path:ro"`;
  const [source, target, mode = 'rw'] = parts;
  if (!source) return `"${spec}" has no host path (or volume name) before the ":"`;
  if (!target.startsWith('/')) return `the container path of "${spec}" must be absolute (start with "/")`;
  if (mode !== 'ro' && mode !== 'rw') return `the mode of "${spec}" must be "ro" or "rw", not "${mode}"`;
  return { source, target, readOnly: mode === 'ro' };
}

const volume = z.string().check((ctx) => {
  const v = parseVolume(ctx.value);
  if (typeof v === 'string') ctx.issues.push({ code: 'custom', input: ctx.value, message: v });
});

const envValue = z.pipe(
  z.union([z.string(), z.number(), z.boolean()]),
  z.transform((v) => String(v)),
);
const envName = z.string().check(z.regex(/^[^=\0]+$/, 'an environment variable name must be non-empty and have no "="'));

export const PULL_POLICIES = ['never', 'if-not-present', 'always'] as const;

// The settings a node may override (everything but how the run as a whole is scheduled).
const perNodeShape = {
  docker_image: z.string().check(z.minLength(1)),
  auto_remove_container: z.boolean(),
  environment: z.record(envName, envValue),
  network: z.string().check(z.minLength(1)),
  volumes: z.array(volume),
  user: z.string().check(z.minLength(1)),
  memory,
  cpus: z.number().check(z.positive()),
  pull_policy: z.enum(PULL_POLICIES),
  working_dir: z.string().check(z.regex(/^\//, 'working_dir must be an absolute path in the container')),
  mount_code: z.boolean(),
  /** Each task's time limit, applied inside the container by the step process. */
  timeout: durationSchema,
};

export const containerOverrideSchema = z.partial(z.strictObject(perNodeShape));

export const localContainerConfigSchema = z.strictObject({
  ...perNodeShape,
  // runnable's keys
  auto_remove_container: z._default(perNodeShape.auto_remove_container, true),
  environment: z._default(perNodeShape.environment, {}),
  enable_parallel: z._default(z.boolean(), false),
  overrides: z._default(z.record(z.string(), containerOverrideSchema), {}),
  // ours
  max_concurrency: z.optional(z.int().check(z.minimum(1))),
  network: z.optional(perNodeShape.network),
  volumes: z._default(perNodeShape.volumes, []),
  user: z.optional(perNodeShape.user),
  memory: z.optional(perNodeShape.memory),
  cpus: z.optional(perNodeShape.cpus),
  pull_policy: z._default(perNodeShape.pull_policy, 'if-not-present'),
  working_dir: z.optional(perNodeShape.working_dir),
  mount_code: z._default(perNodeShape.mount_code, true),
  timeout: z.optional(perNodeShape.timeout),
});

export type LocalContainerConfig = z.infer<typeof localContainerConfigSchema>;
export type ContainerOverride = z.infer<typeof containerOverrideSchema>;

/** What one container of one node runs with: the global settings updated (shallowly) with the node's override. */
export interface ContainerSettings {
  image: string;
  autoRemove: boolean;
  environment: Record<string, string>;
  network?: string;
  volumes: VolumeSpec[];
  /** undefined: the image's own user. */
  user?: string;
  memoryBytes?: number;
  nanoCpus?: number;
  pullPolicy: (typeof PULL_POLICIES)[number];
  /** Where the project is mounted and the container starts; undefined: the image's WORKDIR (mount_code false). */
  workingDir?: string;
  mountCode: boolean;
  /** The task's time limit in seconds (the step process in the container applies it to each attempt). */
  timeout?: number;
}

/** `user: image` keeps the image's user; unset runs as the host's uid:gid (when not root) so files stay the user's. */
export function defaultUser(): string | undefined {
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  if (uid === undefined || gid === undefined || uid === 0) return undefined;
  return `${uid}:${gid}`;
}

export function effectiveSettings(
  config: LocalContainerConfig,
  override: ContainerOverride | undefined,
  hostCwd: string,
): ContainerSettings {
  const c = { ...config };
  for (const [k, v] of Object.entries(override ?? {})) if (v !== undefined) (c as Record<string, unknown>)[k] = v;
  const user = c.user === 'image' ? undefined : (c.user ?? defaultUser());
  const volumes = c.volumes.map((v) => {
    const spec = parseVolume(v) as VolumeSpec;
    // a host path (not a named volume) relative to the project, as docker compose reads it
    const isPath = spec.source.startsWith('.') || spec.source.includes('/');
    return isPath ? { ...spec, source: path.resolve(hostCwd, spec.source) } : spec;
  });
  return {
    image: c.docker_image,
    autoRemove: c.auto_remove_container,
    environment: c.environment,
    network: c.network,
    volumes,
    user,
    memoryBytes: c.memory === undefined ? undefined : parseMemory(c.memory),
    nanoCpus: c.cpus === undefined ? undefined : Math.round(c.cpus * 1e9),
    pullPolicy: c.pull_policy,
    workingDir: c.working_dir ?? (c.mount_code ? hostCwd : undefined),
    mountCode: c.mount_code,
    timeout: c.timeout === undefined ? undefined : durationSeconds(c.timeout),
  };
}

// zod schemas for one step of each node type (runnable §1.2). Graph-level structure (start_at, steps,
// branches) is walked by load-yaml.ts so that each branch's errors carry their own path.
import * as z from '../util/zod.js';

const stepName = z.string({ error: 'must be a step name (text)' }).check(z.minLength(1, { error: 'must not be empty' }));

const returnEntry = z.union(
  [
    // runnable rejects a plain string; we accept it as shorthand for {name: x} (reference §14).
    z.string().check(z.minLength(1)),
    z.strictObject({
      name: z.string().check(z.minLength(1)),
      kind: z._default(z.enum(['json', 'metric', 'object'], { error: 'kind must be one of json, metric, object' }), 'json'),
    }),
  ],
  { error: 'each return is {name: x, kind: json|metric|object} or just the name' },
);

const catalog = z.strictObject({
  get: z._default(z.array(z.string().check(z.minLength(1))), []),
  put: z._default(z.array(z.string().check(z.minLength(1))), []),
  store_copy: z._default(z.boolean(), true),
});

const common = {
  next: stepName,
  on_failure: z._default(z.string(), ''),
  overrides: z._default(z.record(z.string(), z.string()), {}),
};

const maxAttempts = z._default(z.int().check(z.minimum(1, { error: 'max_attempts must be 1 or more' })), 1);

export const taskSchema = z.strictObject({
  type: z.literal('task'),
  ...common,
  command_type: z._default(
    z.enum(['python', 'shell', 'notebook', 'async-python', 'typescript'], {
      error: 'command_type must be one of python, shell, typescript',
    }),
    'python',
  ),
  command: z.string({ error: 'command is required: a dotted path for python, a script for shell' }).check(z.minLength(1)),
  returns: z._default(z.array(returnEntry), []),
  secrets: z._default(z.array(z.string().check(z.minLength(1))), []),
  catalog: z.optional(catalog),
  max_attempts: maxAttempts,
});

// A stub accepts anything else (it stands in for a task), so it is a loose object.
export const stubSchema = z.looseObject({
  type: z.literal('stub'),
  ...common,
  catalog: z.optional(catalog),
  max_attempts: maxAttempts,
});

export const parallelSchema = z.strictObject({
  type: z.literal('parallel'),
  ...common,
  branches: z.record(z.string(), z.unknown(), { error: 'branches must map branch names to graphs' }),
});

export const mapSchema = z.strictObject({
  type: z.literal('map'),
  ...common,
  iterate_on: z.string().check(z.minLength(1)),
  iterate_as: z.string().check(z.minLength(1)),
  reducer: z.optional(z.string().check(z.minLength(1))),
  branch: z.unknown(),
});

export const conditionalSchema = z.strictObject({
  type: z.literal('conditional'),
  ...common,
  parameter: z.string().check(z.minLength(1)),
  branches: z.record(z.string(), z.unknown(), { error: 'branches must map parameter values to graphs' }),
});

export const loopSchema = z.strictObject({
  type: z.literal('loop'),
  ...common,
  branch: z.unknown(),
  max_iterations: z.int().check(z.minimum(1, { error: 'max_iterations must be 1 or more' })),
  break_on: z.string().check(z.minLength(1)),
  index_as: z.string().check(z.minLength(1)),
});

// Explicit terminal nodes (old style) are accepted; the implicit ones of the same name replace them.
export const terminalSchema = z.strictObject({
  type: z.enum(['success', 'fail']),
});

export const graphSchema = z.strictObject({
  description: z.optional(z.string()),
  start_at: stepName,
  steps: z.record(z.string(), z.unknown(), { error: 'steps must map step names to steps' }),
  name: z.optional(z.string()),
});

export const NODE_SCHEMAS = {
  task: taskSchema,
  stub: stubSchema,
  parallel: parallelSchema,
  map: mapSchema,
  conditional: conditionalSchema,
  loop: loopSchema,
  success: terminalSchema,
  fail: terminalSchema,
} as const;

export type YamlNodeType = keyof typeof NODE_SCHEMAS;

/** Keys each node type accepts, for "did you mean" suggestions. */
export function keysOf(type: YamlNodeType): string[] {
  const shape = (NODE_SCHEMAS[type] as unknown as { shape: Record<string, unknown> }).shape;
  return Object.keys(shape);
}

/** Identifiers we hand to shells as env var names must be valid names there. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

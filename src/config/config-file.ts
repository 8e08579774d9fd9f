// Finding and reading the configuration file (runnable §6): which file, RUNNABLE_VAR_ templating, and a check of
// every service against the registry, with located errors. The only module that knows the file's shape.
import fs from 'node:fs';
import path from 'node:path';
import { InvalidInputError, type InputIssue } from '../errors.js';
import type { SourceLocation } from '../pipeline/model.js';
import { YamlSource } from '../pipeline/yaml-source.js';
import { SERVICE_KINDS, registry, type ServiceKind } from '../services/registry.js';
import { didYouMean } from '../util/suggest.js';
import * as z from '../util/zod.js';

export interface ServiceConfig {
  type: string;
  config: Record<string, unknown>;
  location?: SourceLocation;
}

export interface RunnableConfig {
  /** The file read, or undefined for the built-in defaults. */
  file?: string;
  services: Record<ServiceKind, ServiceConfig>;
  /** Names of RUNNABLE_VAR_ variables that were referenced but not set. */
  unresolvedVariables: string[];
}

export const DEFAULT_SERVICES: Record<ServiceKind, ServiceConfig> = {
  'pipeline-executor': { type: 'local', config: {} },
  'job-executor': { type: 'local', config: {} },
  'run-log-store': { type: 'file-system', config: {} },
  catalog: { type: 'file-system', config: {} },
  secrets: { type: 'env-secrets', config: {} },
  pickler: { type: 'pickle', config: {} },
};

// Keys of magnus-era files that runnable silently ignores (and then runs with defaults): we name the right key.
const RENAMED_KEYS: Record<string, string> = {
  executor: 'pipeline-executor',
  run_log_store: 'run-log-store',
  run_log: 'run-log-store',
  experiment_tracker: '(removed: runnable no longer has experiment trackers; delete it)',
};

/** runnable's precedence: RUNNABLE_CONFIGURATION_FILE > -c > ./runnable-config.yaml > defaults. */
export function findConfigFile(cliPath: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  if (env.RUNNABLE_CONFIGURATION_FILE) return env.RUNNABLE_CONFIGURATION_FILE;
  if (cliPath) return cliPath;
  const local = path.join(cwd, 'runnable-config.yaml');
  return fs.existsSync(local) ? 'runnable-config.yaml' : undefined;
}

/** Python string.Template.safe_substitute over string values: `$name` and `${name}` from RUNNABLE_VAR_<name>. */
export function substituteVariables(value: unknown, vars: Record<string, string>, unresolved: Set<string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$(?:\$|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\})/g, (m, a?: string, b?: string) => {
      if (m === '$$') return '$';
      const name = (a ?? b) as string;
      if (name in vars) return vars[name];
      unresolved.add(name);
      return m;
    });
  }
  if (Array.isArray(value)) return value.map((v) => substituteVariables(v, vars, unresolved));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteVariables(v, vars, unresolved)]));
  }
  return value;
}

export function templateVariables(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith('RUNNABLE_VAR_') && v !== undefined) out[k.slice(13)] = v;
  return out;
}

export function loadConfig(file: string | undefined, env: NodeJS.ProcessEnv = process.env): RunnableConfig {
  const services = structuredClone(DEFAULT_SERVICES);
  if (!file) return { services, unresolvedVariables: [] };
  const src = YamlSource.fromFile(file, 'configuration');
  const issues: InputIssue[] = [];
  const data = src.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new InvalidInputError('invalid configuration', [
      {
        location: src.locate([]),
        message: 'the configuration file must be a mapping of services.',
        fix: 'write `pipeline-executor: {type: local}` and the like.',
      },
    ]);
  }
  const unresolved = new Set<string>();
  const vars = templateVariables(env);
  for (const [rawKey, rawValue] of Object.entries(data as Record<string, unknown>)) {
    const kind = rawKey.replace(/_/g, '-') as ServiceKind;
    if (!SERVICE_KINDS.includes(kind)) {
      const renamed = RENAMED_KEYS[rawKey];
      issues.push({
        location: src.locate([rawKey], { key: true }),
        message: `"${rawKey}" is not a configuration key.${renamed ? '' : didYouMean(rawKey, SERVICE_KINDS)}`,
        fix: renamed
          ? renamed.startsWith('(')
            ? renamed.slice(1, -1)
            : `rename it to "${renamed}" (runnable ignores "${rawKey}" silently and runs with defaults).`
          : `use one of ${SERVICE_KINDS.join(', ')}.`,
      });
      continue;
    }
    const value = substituteVariables(rawValue, vars, unresolved) as Record<string, unknown> | null;
    if (!value || typeof value !== 'object' || typeof value.type !== 'string') {
      issues.push({
        location: src.locate([rawKey]),
        message: `"${rawKey}" must be a mapping with a "type".`,
        fix: `write \`${rawKey}: {type: ${DEFAULT_SERVICES[kind].type}}\`.`,
      });
      continue;
    }
    const extra = Object.keys(value).filter((k) => k !== 'type' && k !== 'config');
    for (const k of extra) {
      issues.push({
        location: src.locate([rawKey, k], { key: true }),
        message: `"${k}" is not a key of a service.`,
        fix: `move it under \`config:\` (a service is {type, config}).`,
      });
    }
    const def = registry.get(kind, value.type);
    if (!def) {
      issues.push({
        location: src.locate([rawKey, 'type']),
        message: `"${value.type}" is not a ${kind} type.${didYouMean(value.type, registry.types(kind))}`,
        fix: `use one of ${registry.types(kind).join(', ')}.`,
      });
      continue;
    }
    const config = (value.config ?? {}) as Record<string, unknown>;
    // reportInput: zod 4 leaves `input` off issues otherwise, and a wrong value would read as a missing one
    const parsed = z.safeParse(def.schema, config, { reportInput: true });
    if (!parsed.success) {
      for (const zi of parsed.error.issues) {
        const at = [rawKey, 'config', ...(zi.path as (string | number)[])];
        if (zi.code === 'unrecognized_keys') {
          for (const k of zi.keys) {
            issues.push({
              location: src.locate([...at, k], { key: true }),
              message: `"${k}" is not a setting of the ${value.type} ${kind}.${didYouMean(k, Object.keys((def.schema as any).shape ?? {}))}`,
              fix: `remove it; the settings are ${Object.keys((def.schema as any).shape ?? {}).join(', ') || '(none)'}.`,
            });
          }
        } else {
          const key = zi.path.join('.');
          issues.push({
            location: src.locate(at),
            message: zi.input === undefined ? `the ${value.type} ${kind} needs "${key}".` : `${key ? `"${key}" ` : ''}${zi.message}.`,
            fix: zi.input === undefined ? `add \`${key}:\` under \`config:\`.` : customFix(zi),
          });
        }
      }
      continue;
    }
    services[kind] = { type: value.type, config: parsed.data as Record<string, unknown>, location: src.locate([rawKey]) };
  }
  if (issues.length) throw new InvalidInputError('invalid configuration', issues);
  return { file, services, unresolvedVariables: [...unresolved] };
}

/** The fix a custom check put on its issue (`params: {fix}`: a bad duration, memory size...). */
function customFix(issue: { code: string; params?: unknown }): string | undefined {
  if (issue.code !== 'custom') return undefined;
  const fix = (issue.params as { fix?: unknown } | undefined)?.fix;
  return typeof fix === 'string' ? fix : undefined;
}

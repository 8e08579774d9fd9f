// Plugins a CLI user installs: a configuration names a service type that no built-in has, and it is found here
// before the configuration is read — by path (`type: ./plugins/my-executor.js`, relative to the working
// directory) or in an installed package of the working directory's node_modules whose package.json declares
//   "runnable": {"pipeline-executor": {"<type>": "./dist/executor.js"}, "run-log-store": {...}, "catalog": {...}, "secrets": {...}}
// The module's default export is a `Plugin`: `create(config, host)` returns the service (for an executor, the
// engine's port: a NodeExecutor or a GraphExecutor), `schema` optionally checks its `config:` (zod 4).
// `host` hands the plugin this process's engine functions (runLeaf, mockLeaf), so a plugin imports only types
// from `runnable` and never a second copy of the engine. Two packages claiming the type in use: an error naming both.
// Differs from runnable: runnable finds plugins through Python entry points (stevedore); npm has none, so the
// package.json field plays that part.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mockLeaf, runLeaf } from '../engine/leaf.js';
import { findConfigFile } from '../config/config-file.js';
import { InvalidInputError, type InputIssue } from '../errors.js';
import type { SourceLocation } from '../pipeline/model.js';
import { SERVICE_KINDS, registry, type ServiceKind } from '../services/registry.js';
import { YamlSource } from '../pipeline/yaml-source.js';
import * as z from '../util/zod.js';

/** What the engine lends a plugin: use these instead of importing them (the CLI bundle has its own engine). */
export interface PluginHost {
  runLeaf: typeof runLeaf;
  mockLeaf: typeof mockLeaf;
}

/** The default export of a plugin module. */
export interface Plugin<T = unknown> {
  /** Checks the service's `config:` mapping (a zod 4 schema); without it the mapping is passed as it is. */
  schema?: z.ZodType;
  /** Makes the service from its checked config: an executor (NodeExecutor or GraphExecutor), store, catalog or secrets. */
  create(config: any, host: PluginHost): T;
}

/** The kinds a package can provide, as its package.json names them. */
const PLUGIN_KINDS: readonly ServiceKind[] = ['pipeline-executor', 'run-log-store', 'catalog', 'secrets'];
const HOST: PluginHost = { runLeaf, mockLeaf };

interface Claim {
  pkg: string;
  file: string;
}

/**
 * Registers every plugin the configuration names (types already registered are left alone). The file is found as
 * for a run: RUNNABLE_CONFIGURATION_FILE, else `given` (-c), else ./runnable-config.yaml.
 */
export async function loadPlugins(given: string | undefined, env: NodeJS.ProcessEnv, cwd: string): Promise<void> {
  const configFile = findConfigFile(given, env, cwd);
  if (!configFile || !fs.existsSync(configFile)) return;
  const src = YamlSource.fromFile(configFile, 'configuration');
  const data = src.data;
  if (!data || typeof data !== 'object') return; // loadConfig says what is wrong
  let claims: Map<string, Claim[]> | undefined;
  const issues: InputIssue[] = [];
  for (const [rawKey, value] of Object.entries(data as Record<string, unknown>)) {
    const kind = rawKey.replace(/_/g, '-') as ServiceKind;
    const type = (value as { type?: unknown } | null)?.type;
    if (!SERVICE_KINDS.includes(kind) || typeof type !== 'string' || registry.get(kind, type)) continue;
    if (isPath(type)) {
      await register(kind, type, { pkg: type, file: path.resolve(cwd, type) }, src.locate([rawKey, 'type']), issues);
      continue;
    }
    claims ??= installedClaims(cwd);
    const found = claims.get(`${kind}/${type}`) ?? [];
    if (found.length > 1) {
      issues.push({
        location: src.locate([rawKey, 'type']),
        message: `the ${kind} type "${type}" is provided by two installed packages: ${found.map((c) => c.pkg).join(' and ')}.`,
        fix: 'uninstall one of them, or name the plugin by path (`type: ./node_modules/<package>/<file>.js`).',
      });
    } else if (found.length === 1) {
      await register(kind, type, found[0]!, src.locate([rawKey, 'type']), issues);
    }
    // not found: loadConfig says the type is unknown, with the known ones
  }
  if (issues.length) throw new InvalidInputError('invalid configuration', issues);
}

function isPath(type: string): boolean {
  return type.startsWith('./') || type.startsWith('../') || path.isAbsolute(type);
}

async function register(kind: ServiceKind, type: string, claim: Claim, location: SourceLocation, issues: InputIssue[]): Promise<void> {
  let plugin: Plugin | undefined;
  try {
    const mod = (await import(pathToFileURL(claim.file).href)) as { default?: Plugin };
    plugin = mod.default;
  } catch (e) {
    issues.push({
      location,
      message: `the ${kind} plugin "${type}" (${claim.file}) could not be loaded: ${(e as Error).message}`,
      fix: 'check that the file exists and is JavaScript (build the plugin first).',
    });
    return;
  }
  if (!plugin || typeof plugin.create !== 'function') {
    issues.push({
      location,
      message: `the ${kind} plugin "${type}" (${claim.file}) has no default export with a create(config, host) function.`,
      fix: 'write `export default { create: (config, host) => new MyExecutor(config, host) }` (see docs/custom-executors.md).',
    });
    return;
  }
  const create = plugin.create.bind(plugin);
  registry.register({ kind, type, schema: plugin.schema ?? z.record(z.string(), z.unknown()), create: (config) => create(config, HOST) });
}

/** kind/type -> the installed packages that declare it in their package.json `runnable` field. */
function installedClaims(cwd: string): Map<string, Claim[]> {
  const claims = new Map<string, Claim[]>();
  const root = path.join(cwd, 'node_modules');
  for (const dir of packageDirs(root)) {
    let manifest: { name?: string; runnable?: Record<string, Record<string, string>> };
    try {
      manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    const provided = manifest.runnable;
    if (!provided || typeof provided !== 'object') continue;
    for (const kind of PLUGIN_KINDS) {
      for (const [type, file] of Object.entries(provided[kind] ?? {})) {
        if (typeof file !== 'string') continue;
        const key = `${kind}/${type}`;
        claims.set(key, [...(claims.get(key) ?? []), { pkg: manifest.name ?? path.basename(dir), file: path.resolve(dir, file) }]);
      }
    }
  }
  return claims;
}

/** node_modules/<name> and node_modules/@scope/<name>. */
function packageDirs(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(root, { withFileTypes: true })) {
    if (e.name.startsWith('.') || !(e.isDirectory() || e.isSymbolicLink())) continue;
    const dir = path.join(root, e.name);
    if (e.name.startsWith('@')) {
      for (const s of fs.readdirSync(dir, { withFileTypes: true })) if (!s.name.startsWith('.')) out.push(path.join(dir, s.name));
    } else out.push(dir);
  }
  return out;
}

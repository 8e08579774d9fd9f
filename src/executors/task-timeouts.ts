// Per-task time limits of the node-by-node executors (local, emulator, local-container): `timeout` in the
// executor's config and in each of its `overrides`, a step choosing one with `overrides: {<executor>: <key>}` as
// runnable's overrides work (the override's keys win, shallowly). The engine asks `taskTimeout(node)` for each
// attempt (engine/time-limit.ts). runnable has no per-task limit outside Argo; its override lookup error ("No
// override of key: X found") is kept as a located configuration error here.
import { InvalidInputError } from '../errors.js';
import type { Graph, LeafNode } from '../pipeline/model.js';
import { durationSchema, durationSeconds } from '../util/duration.js';
import { overrideKeyIssues } from './override-keys.js';
import * as z from '../util/zod.js';

/** `timeout` as a config key: seconds or a duration ("90s", "5m", "1h30m"). */
export const timeoutSetting = z.optional(durationSchema);

/** One entry of `overrides` of an executor that takes other keys freely: its `timeout` is checked. */
export const overrideSchema = z.looseObject({ timeout: timeoutSetting });

interface TimeoutConfig {
  timeout?: number | string;
  overrides: Record<string, { timeout?: number | string }>;
}

/** The limit, in seconds, of a task under `service`'s config, or undefined for none. */
export function taskTimeout(service: string, config: TimeoutConfig, node: LeafNode): number | undefined {
  const key = node.overrides[service];
  const own = key === undefined ? undefined : config.overrides[key]?.timeout;
  const value = own ?? config.timeout;
  return value === undefined ? undefined : durationSeconds(value);
}

/** Every step's `overrides: {<service>: key}` names an override of the config (all problems at once). */
export function checkOverrideKeys(service: string, config: TimeoutConfig, graph: Graph): void {
  const issues = overrideKeyIssues(service, config.overrides, graph);
  if (issues.length) throw new InvalidInputError('invalid configuration', issues);
}

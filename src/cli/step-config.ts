// The configuration a step of a whole-graph run reads inside the other engine (an Argo pod): the user's file, with
// the run-log folder and the catalog moved onto the shared volume the engine mounts at RUNNABLE_STEP_VOLUME, so
// every pod of the run finds the same run log. runnable does the same remapping (its PVC is mounted at /tmp,
// folders /tmp/run_logs and /tmp/catalog); without the variable the paths stay as configured.
import path from 'node:path';
import { loadConfig, type RunnableConfig } from '../config/config-file.js';
import { InvalidInputError } from '../errors.js';

/** Names of the folders under the shared volume (runnable's). */
export const STEP_VOLUME_FOLDERS = { runLogs: 'run_logs', catalog: 'catalog' } as const;

export function loadStepConfig(file: string | undefined, env: NodeJS.ProcessEnv): RunnableConfig {
  const config = loadConfig(file, env);
  const volume = env.RUNNABLE_STEP_VOLUME;
  if (!volume) return config;
  if (!path.isAbsolute(volume)) {
    throw new InvalidInputError('invalid arguments', [
      {
        message: `RUNNABLE_STEP_VOLUME must be an absolute path; it is "${volume}".`,
        fix: 'set it to the mount path of the shared volume.',
      },
    ]);
  }
  const s = config.services;
  if (s['run-log-store'].type === 'file-system' || s['run-log-store'].type === 'chunked-fs') {
    s['run-log-store'] = {
      ...s['run-log-store'],
      config: { ...s['run-log-store'].config, log_folder: path.join(volume, STEP_VOLUME_FOLDERS.runLogs) },
    };
  }
  if (s.catalog.type === 'file-system') {
    s.catalog = { ...s.catalog, config: { ...s.catalog.config, catalog_location: path.join(volume, STEP_VOLUME_FOLDERS.catalog) } };
  }
  return config;
}

/** `--iter-indices [2,0]`: a step's position inside its maps and loops, outermost first. */
export function parseIterIndices(text: string): number[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    v = undefined;
  }
  if (!Array.isArray(v) || !v.every((x) => Number.isInteger(x) && x >= 0)) {
    throw new InvalidInputError('invalid arguments', [
      {
        message: `--iter-indices must be a JSON list of indices; it is ${text}.`,
        fix: 'pass e.g. --iter-indices [2,0] (one index per enclosing map or loop).',
      },
    ]);
  }
  return v as number[];
}

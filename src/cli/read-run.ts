// Finds a run's log for the inspection commands: a path to a run-log JSON file (either layout's RunLog.json),
// or a run id looked up in the configured run-log store (either on-disk layout is read).
import fs from 'node:fs';
import path from 'node:path';
import { findConfigFile, loadConfig } from '../config/config-file.js';
import { createServices } from '../config/services.js';
import { readAnyLayout, readRunLogFile } from '../services/run-log/file-layouts.js';
import type { RunLog } from '../services/run-log/model.js';
import type { RunLogStore } from '../services/run-log/store.js';
import type { CliIO } from './io.js';
import { checkRunId } from '../run/run-id.js';
import { noSuchRun } from '../services/run-log/store.js';

export function configuredStore(configFlag: string | undefined, io: CliIO): RunLogStore {
  return createServices(loadConfig(findConfigFile(configFlag, io.env, io.cwd), io.env)).store;
}

export async function readRun(ref: string, configFlag: string | undefined, io: CliIO): Promise<RunLog> {
  if (ref.endsWith('.json') && fs.existsSync(ref)) {
    if (path.basename(ref) === 'RunLog.json') {
      const dir = path.dirname(ref);
      return readAnyLayout(path.dirname(dir), path.basename(dir));
    }
    return readRunLogFile<RunLog>(ref, 'run');
  }
  // a run id names files in the store: the same check as `execute` (no "../", no "/")
  checkRunId(ref, 'the RUN_ID argument');
  const store = configuredStore(configFlag, io);
  if (!(await store.exists(ref))) {
    throw noSuchRun(store, ref, 'invalid arguments', 'list the runs with `runnable list`, or pass the configuration the run used with -c.');
  }
  return store.read(ref);
}

export const terminalWidth = (io: CliIO) => (io.color ? process.stdout.columns || 100 : Number(io.env.COLUMNS) || 100);

// Where a run keeps the objects tasks return (kind: object) when the local executor says
// `object_serialisation: false`: not in the catalog but in a folder private to this run, removed when the run
// ends, so later steps of the same run still get them and nothing outlives the process.
// Differs from runnable: runnable keeps them in a dict in its one process; our python tasks run in several worker
// processes, so each object is pickled once into this folder instead. No `<name>.dill` reaches the catalog either way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunResource, RunResources } from './run-resources.js';

/** The run's private folder of objects (a run resource, made on first use). */
export class RunObjects implements RunResource {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runnable-run-objects-'));

  /** The file of a kept object, or undefined when no task of this run returned it. */
  pathOf(file: string): string | undefined {
    const p = path.join(this.dir, file);
    return fs.existsSync(p) ? p : undefined;
  }

  /** Moves a freshly pickled object into the folder (replacing an older one of the same name). */
  async keep(file: string, from: string): Promise<void> {
    await fs.promises.copyFile(from, path.join(this.dir, file));
  }

  async close(): Promise<void> {
    await fs.promises.rm(this.dir, { recursive: true, force: true });
  }
}

/** The run's objects folder. */
export function runObjects(resources: RunResources): RunObjects {
  return resources.get('run-objects', () => new RunObjects());
}

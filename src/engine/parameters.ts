// Parameters in and out of a run (runnable §2): the initial ones, python-compatible JSON text for shells,
// and the change set a branch brings back to its parent.
import { InvalidInputError } from '../errors.js';
import { YamlSource } from '../pipeline/yaml-source.js';
import { jsonParameter, type Parameter, type Parameters } from '../services/run-log/model.js';

/** The parameters file (a mapping; each key a json parameter) then RUNNABLE_PRM_<key> (lower-cased key, JSON or text). */
export function initialParameters(file: string | undefined, env: NodeJS.ProcessEnv = process.env): Parameters {
  const out: Parameters = {};
  if (file) {
    const src = YamlSource.fromFile(file, 'parameters');
    const data = src.data;
    if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
      throw new InvalidInputError('invalid parameters', [
        {
          location: src.locate([]),
          message: 'the parameters file must be a mapping of names to values.',
          fix: 'write one `name: value` per line.',
        },
      ]);
    }
    for (const [k, v] of Object.entries((data ?? {}) as Record<string, unknown>)) out[k] = jsonParameter(v);
  }
  for (const [k, v] of Object.entries(env)) {
    if (!k.startsWith('RUNNABLE_PRM_') || v === undefined) continue;
    // runnable lower-cases the key (RUNNABLE_PRM_MyKey -> mykey): kept for compatibility.
    out[k.slice(13).toLowerCase()] = jsonParameter(parseLikePython(v));
  }
  return out;
}

/** Python's json.loads when it succeeds, else the text itself (how runnable reads env values and exports). */
export function parseLikePython(text: string): unknown {
  const t = text.trim();
  if (t === 'NaN') return Number.NaN;
  if (t === 'Infinity') return Number.POSITIVE_INFINITY;
  if (t === '-Infinity') return Number.NEGATIVE_INFINITY;
  try {
    return JSON.parse(t);
  } catch {
    return text;
  }
}

/** Python's json.dumps (", " and ": " separators, ensure_ascii): what shells see for non-string parameters. */
export function pythonJsonDumps(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string')
    return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Array.isArray(v)) return `[${v.map(pythonJsonDumps).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(x)}`)
    .join(', ')}}`;
}

/** How a parameter reaches a shell: strings as they are, everything else as python JSON. */
export function shellValue(p: Parameter | { value: unknown }): string {
  return typeof p.value === 'string' ? p.value : pythonJsonDumps(p.value);
}

// Parameter objects are never changed in place (a new value is a new object), so the same object means the same
// value, without serialising it: a 10,000-item list copied into 10,000 map branches is compared 10,000 times.
const same = (a: Parameter | undefined, b: Parameter | undefined) =>
  a !== undefined && b !== undefined && (a === b || (a.kind === b.kind && JSON.stringify(a.value) === JSON.stringify(b.value)));

/** What a branch changed against the snapshot it started from: only this goes back to the parent. */
export function changedSince(snapshot: Parameters, now: Parameters): Parameters {
  const out: Parameters = {};
  for (const [k, v] of Object.entries(now)) if (!same(snapshot[k], v)) out[k] = v;
  return out;
}

/**
 * A copy of a scope's parameters that shares the Parameter objects: they are never changed in place (tasks get
 * copies of values), so branches and attempt records can share them. A deep copy per branch would make a map over
 * n items hold n copies of its own item list.
 */
export const cloneParameters = (p: Parameters): Parameters => ({ ...p });

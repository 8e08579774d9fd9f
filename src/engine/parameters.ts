// Parameters in and out of a run (runnable §2): the initial ones (values read as Python reads them:
// util/python-values.ts), and the change set a branch brings back to its parent.
import { InvalidInputError } from '../errors.js';
import { isPrototypeName } from '../pipeline/names.js';
import { YamlSource } from '../pipeline/yaml-source.js';
import { parseLikePython } from '../util/python-values.js';
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
    const bad = Object.keys(data ?? {}).filter(isPrototypeName);
    if (bad.length) {
      throw new InvalidInputError(
        'invalid parameters',
        bad.map((k) => ({
          location: src.locate([k]),
          message: `"${k}" cannot name a parameter: it is a name every JavaScript object has.`,
          fix: 'rename the parameter.',
        })),
      );
    }
    for (const [k, v] of Object.entries((data ?? {}) as Record<string, unknown>)) out[k] = jsonParameter(v);
  }
  for (const [k, v] of Object.entries(env)) {
    if (!k.startsWith('RUNNABLE_PRM_') || v === undefined) continue;
    // runnable lower-cases the key (RUNNABLE_PRM_MyKey -> mykey): kept for compatibility.
    const name = k.slice(13).toLowerCase();
    if (isPrototypeName(name)) {
      throw new InvalidInputError('invalid parameters', [
        { message: `${k}: "${name}" cannot name a parameter: it is a name every JavaScript object has.`, fix: `unset ${k}.` },
      ]);
    }
    out[name] = jsonParameter(parseLikePython(v));
  }
  return out;
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

// Run-time names: definition-time internal names with their placeholders filled from the iteration variable.
import { LOOP_PLACEHOLDER, MAP_PLACEHOLDER } from './model.js';

/** runnable's --iter-variable JSON: `{"map_variable":{"chunk":{"value":3}},"loop_variable":[{"value":0}]}`. */
export interface IterVariable {
  map_variable: Record<string, { value: unknown }>;
  loop_variable: Array<{ value: number }>;
}

export const emptyIter = (): IterVariable => ({ map_variable: {}, loop_variable: [] });

/** Python's str() of a JSON value, which is what runnable puts in a map branch name. */
export function pythonStr(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/**
 * The branch-name segment of a map item. runnable uses str(item), which breaks its own dot-path names for items
 * holding "." (floats, file names) or objects. We keep str(item) when it is safe, replace ".", "%", "/" and "\\"
 * with "_" otherwise, and name objects/lists by a short hash of their JSON, so every item gets a name that is a function of
 * the item alone (pods that receive only the item can compute it).
 */
export function mapBranchSegment(item: unknown): string {
  if (item !== null && typeof item === 'object') {
    let h = 0x811c9dc5;
    for (const ch of JSON.stringify(item)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    return `item_${h.toString(16).padStart(8, '0')}`;
  }
  // "/" and "\\": the chunked-fs store names a branch's file after it (a path item would make a sub-folder)
  return pythonStr(item).replace(/[.%/\\]/g, '_');
}

/** Replaces placeholders left to right with the map values, then the loop indexes, in order of nesting. */
export function resolveName(name: string, iter: IterVariable): string {
  const mapValues = Object.values(iter.map_variable).map((v) => mapBranchSegment(v.value));
  const loopValues = iter.loop_variable.map((v) => String(v.value));
  return name
    .split('.')
    .map((seg) => {
      if (seg === MAP_PLACEHOLDER && mapValues.length) return mapValues.shift() as string;
      if (seg === LOOP_PLACEHOLDER && loopValues.length) return loopValues.shift() as string;
      return seg;
    })
    .join('.');
}

/** For command lines: spaces become "%" (runnable's `_command_friendly_name`). */
export const commandFriendly = (name: string) => name.replace(/ /g, '%');
export const fromCommandFriendly = (name: string) => name.replace(/%/g, ' ');

/**
 * Names an object inherits (`__proto__`, `constructor`, `toString`, `hasOwnProperty`, ...). Step, branch, return and
 * parameter names key plain objects in the run log; these would read or replace what the object inherits, so
 * they are refused where they are written.
 */
export function isPrototypeName(name: string): boolean {
  return name === '__proto__' || name in Object.prototype;
}

// The end of every exhaustive switch: `default: return unreachable(x, 'node type')`. A new member of the union
// (a node type, a host path kind) then fails to compile at every switch that does not handle it.

/** Throws an internal error naming what was not handled; only reachable when the types lie. */
export function unreachable(value: never, what: string): never {
  throw new Error(`internal: unhandled ${what} ${JSON.stringify(value)}`);
}

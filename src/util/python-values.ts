// Values as Python writes and reads them, which runnable's run logs, shells and environment variables carry:
// the engine reads RUNNABLE_PRM_ values with them, the shell runner writes parameters and reads exports with them.
// One module both import, so the engine and the task runners agree on every value.

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

/** A parameter as a shell sees it: a string as it is, anything else as Python's JSON text. */
export function shellValue(p: { value: unknown }): string {
  return typeof p.value === 'string' ? p.value : pythonJsonDumps(p.value);
}

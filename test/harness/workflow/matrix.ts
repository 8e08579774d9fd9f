// `strategy.matrix` expanded into job instances as GitHub does it: the cartesian product of the keys in their
// order, minus each `exclude` entry that matches (a partial match is enough), then each `include` entry is
// merged into every original combination it does not contradict (values it adds may be overwritten by later
// entries, original values never) or, when it fits none, becomes a combination of its own. GitHub's limit of
// 256 jobs per matrix is enforced here too.
import type { ExprValue } from './expressions.js';

/** One combination of matrix values. */
export type MatrixCombination = Record<string, ExprValue>;

/** GitHub's cap on jobs one matrix makes (docs.github.com "Actions limits"). */
export const MAX_MATRIX_JOBS = 256;

const deepEqual = (a: ExprValue, b: ExprValue): boolean => JSON.stringify(a) === JSON.stringify(b);

const asEntries = (v: ExprValue | undefined, what: string): MatrixCombination[] => {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Error(`matrix ${what} must be a list of mappings, got ${JSON.stringify(v)}`);
  return v.map((e) => {
    if (!e || typeof e !== 'object' || Array.isArray(e))
      throw new Error(`matrix ${what} entries must be mappings, got ${JSON.stringify(e)}`);
    return e;
  });
};

/** The job instances of a matrix (already evaluated: no `${{ }}` left); `[{}]` when there is none. */
export function expandMatrix(matrix: ExprValue | undefined): MatrixCombination[] {
  if (matrix === undefined || matrix === null) return [{}];
  if (typeof matrix !== 'object' || Array.isArray(matrix))
    throw new Error(`strategy.matrix must be a mapping, got ${JSON.stringify(matrix)}`);
  const keys = Object.keys(matrix).filter((k) => k !== 'include' && k !== 'exclude');
  let combos: MatrixCombination[] = keys.length ? [{}] : [];
  for (const key of keys) {
    const values = matrix[key];
    if (!Array.isArray(values)) throw new Error(`matrix key '${key}' must be a list, got ${JSON.stringify(values)}`);
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  for (const ex of asEntries(matrix.exclude, 'exclude')) {
    combos = combos.filter((c) => !Object.entries(ex).every(([k, v]) => k in c && deepEqual(c[k], v)));
  }
  const originals = combos.map((c) => ({ values: c, original: new Set(Object.keys(c)) }));
  const extra: MatrixCombination[] = [];
  for (const inc of asEntries(matrix.include, 'include')) {
    let merged = false;
    for (const o of originals) {
      const fits = Object.entries(inc).every(([k, v]) => !o.original.has(k) || deepEqual(o.values[k], v));
      if (fits) {
        Object.assign(o.values, inc);
        merged = true;
      }
    }
    if (!merged) extra.push({ ...inc });
  }
  const all = [...originals.map((o) => o.values), ...extra];
  if (all.length > MAX_MATRIX_JOBS) throw new Error(`the matrix makes ${all.length} jobs; GitHub allows at most ${MAX_MATRIX_JOBS}`);
  return all.length ? all : [];
}

/** The name GitHub shows for a matrix instance: `job (v1, v2)`, objects as their JSON. */
export function matrixJobName(base: string, combo: MatrixCombination): string {
  const values = Object.values(combo).map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)));
  return values.length ? `${base} (${values.join(', ')})` : base;
}

// The `${{ }}` expression language of GitHub Actions, for the workflow interpreter the tests use: a tokenizer,
// a recursive-descent parser and an evaluator with GitHub's rules — case-insensitive property and function
// names, loose equality that coerces mismatched types to numbers, `&&` / `||` that return an operand, the
// `*` object filter (`needs.*.result`), and the functions fromJSON, toJSON, contains, startsWith, endsWith,
// format, join, hashFiles and the status functions (success, failure, always, cancelled), which the caller
// supplies because they depend on where the expression is evaluated. Templates (`a-${{ x }}-b`) interpolate;
// a value that is a single `${{ }}` keeps its type (how `matrix: ${{ fromJSON(...) }}` yields an object).

/** A value an expression can produce: JSON plus the filtered arrays the `*` operator makes. */
export type ExprValue = null | boolean | number | string | ExprValue[] | { [key: string]: ExprValue };

/** An expression that cannot be parsed or evaluated (unknown function or context, bad syntax). */
export class ExpressionError extends Error {
  constructor(message: string, expression: string) {
    super(`${message} in expression: ${expression}`);
    this.name = 'ExpressionError';
  }
}

/** Everything an expression may read: named contexts (github, env, matrix, ...) and callable functions. */
export interface ExpressionScope {
  /** Contexts by lower-case name: `github`, `env`, `steps`, ... A name not listed is an error, as on GitHub. */
  contexts: Record<string, ExprValue | undefined>;
  /** Extra functions by lower-case name (status functions, hashFiles); they win over the built-ins. */
  functions?: Record<string, (...args: ExprValue[]) => ExprValue>;
}

type Token =
  { kind: 'num'; value: number } | { kind: 'str'; value: string } | { kind: 'ident'; value: string } | { kind: 'punct'; value: string };

const PUNCT = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '(', ')', '[', ']', '.', ',', '*'];

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new ExpressionError('Unterminated string', src);
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += src[i++];
      }
      tokens.push({ kind: 'str', value });
      continue;
    }
    const prev = tokens[tokens.length - 1];
    const afterValue = !!prev && (prev.kind !== 'punct' || prev.value === ')' || prev.value === ']');
    const num = /^-?(?:0x[0-9a-f]+|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)/i.exec(src.slice(i));
    if (num && (/\d/.test(c) || (c === '-' && !afterValue))) {
      const text = num[0];
      const negative = text.startsWith('-');
      const body = negative ? text.slice(1) : text;
      const value = /^0x/i.test(body) ? parseInt(body.slice(2), 16) : Number(body);
      tokens.push({ kind: 'num', value: negative ? -value : value });
      i += text.length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i));
    if (ident) {
      tokens.push({ kind: 'ident', value: ident[0] });
      i += ident[0].length;
      continue;
    }
    const p = PUNCT.find((x) => src.startsWith(x, i));
    if (!p) throw new ExpressionError(`Unexpected character '${c}'`, src);
    tokens.push({ kind: 'punct', value: p });
    i += p.length;
  }
  return tokens;
}

/** The parsed form of an expression. */
export type Node =
  | { type: 'literal'; value: ExprValue }
  | { type: 'context'; name: string }
  | { type: 'prop'; object: Node; name: string }
  | { type: 'index'; object: Node; index: Node }
  | { type: 'filter'; object: Node }
  | { type: 'call'; name: string; args: Node[] }
  | { type: 'not'; operand: Node }
  | { type: 'binary'; op: string; left: Node; right: Node };

/** Parses one expression (the text between `${{` and `}}`, or a bare `if:` condition). */
export function parseExpression(src: string): Node {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const isPunct = (v: string) => peek()?.kind === 'punct' && peek()!.value === v;
  const expect = (v: string) => {
    if (!isPunct(v)) throw new ExpressionError(`Expected '${v}'`, src);
    pos++;
  };
  const binary = (ops: string[], next: () => Node) => (): Node => {
    let left = next();
    while (peek()?.kind === 'punct' && ops.includes(String(peek()!.value))) {
      const op = tokens[pos++].value as string;
      left = { type: 'binary', op, left, right: next() };
    }
    return left;
  };
  const primary = (): Node => {
    const t = tokens[pos++];
    if (!t) throw new ExpressionError('Unexpected end', src);
    switch (t.kind) {
      case 'num':
      case 'str':
        return { type: 'literal', value: t.value };
      case 'ident': {
        const lower = t.value.toLowerCase();
        if (lower === 'true' || lower === 'false') return { type: 'literal', value: lower === 'true' };
        if (lower === 'null') return { type: 'literal', value: null };
        if (isPunct('(')) {
          pos++;
          const args: Node[] = [];
          if (!isPunct(')')) {
            for (;;) {
              args.push(or());
              if (!isPunct(',')) break;
              pos++;
            }
          }
          expect(')');
          return { type: 'call', name: lower, args };
        }
        return { type: 'context', name: lower };
      }
      case 'punct':
        if (t.value === '(') {
          const inner = or();
          expect(')');
          return inner;
        }
        throw new ExpressionError(`Unexpected '${t.value}'`, src);
      default: {
        const never: never = t;
        return never;
      }
    }
  };
  const postfix = (): Node => {
    let node = primary();
    for (;;) {
      if (isPunct('.')) {
        pos++;
        const t = tokens[pos++];
        if (t?.kind === 'punct' && t.value === '*') node = { type: 'filter', object: node };
        else if (t?.kind === 'ident') node = { type: 'prop', object: node, name: t.value };
        else throw new ExpressionError('Expected a property name after "."', src);
      } else if (isPunct('[')) {
        pos++;
        if (isPunct('*')) {
          pos++;
          node = { type: 'filter', object: node };
        } else node = { type: 'index', object: node, index: or() };
        expect(']');
      } else return node;
    }
  };
  const unary = (): Node => {
    if (isPunct('!')) {
      pos++;
      return { type: 'not', operand: unary() };
    }
    return postfix();
  };
  const comparison = binary(['<', '<=', '>', '>='], unary);
  const equality = binary(['==', '!='], comparison);
  const and = binary(['&&'], equality);
  const or: () => Node = binary(['||'], and);
  const node = or();
  if (pos < tokens.length) throw new ExpressionError(`Unexpected '${String(tokens[pos].value)}'`, src);
  return node;
}

/** The `*` operator's result: an array whose further property accesses apply to each element. */
class Filtered {
  constructor(readonly items: ExprValue[]) {}
}
type Inner = ExprValue | Filtered;

const isObject = (v: unknown): v is Record<string, ExprValue> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Filtered);

/** A property of an object, matched exactly first, then ignoring case (GitHub's names are case-insensitive). */
export function getProperty(obj: Record<string, ExprValue | undefined>, name: string): ExprValue | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : obj[key];
}

const plain = (v: Inner): ExprValue => (v instanceof Filtered ? v.items : v);

/** GitHub's truthiness: false, 0, -0, '', null and NaN are false; everything else, objects included, is true. */
export function truthy(v: ExprValue | undefined): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return !(v === 0 || Number.isNaN(v));
  if (typeof v === 'string') return v !== '';
  return true;
}

/** A value as a number, GitHub's way: null 0, booleans 1/0, '' 0, numeric strings parsed, anything else NaN. */
export function toNumber(v: ExprValue): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') return 0;
    if (/^[+-]?0x[0-9a-f]+$/i.test(s)) return parseInt(s, 16);
    return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? Number(s) : NaN;
  }
  return NaN;
}

/** A value as text, GitHub's way: null '', booleans 'true'/'false', objects 'Object', arrays 'Array'. */
export function toText(v: ExprValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  return Array.isArray(v) ? 'Array' : 'Object';
}

const kind = (v: ExprValue) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** `==` as GitHub evaluates it: same kinds compare directly (strings ignoring case), other kinds as numbers. */
export function looseEquals(a: ExprValue, b: ExprValue): boolean {
  const ka = kind(a);
  const kb = kind(b);
  if (ka === kb) {
    if (typeof a === 'string' && typeof b === 'string') return a.toUpperCase() === b.toUpperCase();
    return a === b;
  }
  if (ka === 'object' || ka === 'array' || kb === 'object' || kb === 'array') return false;
  return toNumber(a) === toNumber(b);
}

function compare(op: string, a: ExprValue, b: ExprValue): boolean {
  let x: number | string;
  let y: number | string;
  if (typeof a === 'string' && typeof b === 'string') {
    x = a.toUpperCase();
    y = b.toUpperCase();
  } else {
    x = toNumber(a);
    y = toNumber(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return false;
  }
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
    default:
      throw new Error(`not a comparison: ${op}`);
  }
}

function formatString(fmt: string, args: ExprValue[], src: string): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === '{' && fmt[i + 1] === '{') {
      out += '{';
      i++;
    } else if (c === '}' && fmt[i + 1] === '}') {
      out += '}';
      i++;
    } else if (c === '{') {
      const m = /^\{(\d+)\}/.exec(fmt.slice(i));
      if (!m || Number(m[1]) >= args.length) throw new ExpressionError(`format: bad placeholder in '${fmt}'`, src);
      out += toText(args[Number(m[1])]);
      i += m[0].length - 1;
    } else if (c === '}') throw new ExpressionError(`format: unmatched '}' in '${fmt}'`, src);
    else out += c;
  }
  return out;
}

const BUILTINS: Record<string, { min: number; max: number; fn: (args: ExprValue[], src: string) => ExprValue }> = {
  contains: {
    min: 2,
    max: 2,
    fn: ([search, item]) =>
      Array.isArray(search) ? search.some((x) => looseEquals(x, item)) : toText(search).toUpperCase().includes(toText(item).toUpperCase()),
  },
  startswith: { min: 2, max: 2, fn: ([s, v]) => toText(s).toUpperCase().startsWith(toText(v).toUpperCase()) },
  endswith: { min: 2, max: 2, fn: ([s, v]) => toText(s).toUpperCase().endsWith(toText(v).toUpperCase()) },
  format: { min: 1, max: Infinity, fn: ([fmt, ...args], src) => formatString(toText(fmt), args, src) },
  join: {
    min: 1,
    max: 2,
    fn: ([arr, sep]) => (Array.isArray(arr) ? arr.map(toText).join(sep === undefined ? ',' : toText(sep)) : toText(arr)),
  },
  tojson: { min: 1, max: 1, fn: ([v]) => JSON.stringify(v, null, 2) ?? 'null' },
  fromjson: {
    min: 1,
    max: 1,
    fn: ([v], src) => {
      try {
        return JSON.parse(toText(v)) as ExprValue;
      } catch (e) {
        throw new ExpressionError(`fromJSON: ${(e as Error).message} (input: ${JSON.stringify(toText(v)).slice(0, 200)})`, src);
      }
    },
  },
};

/** Evaluates a parsed expression in a scope. */
export function evaluateNode(node: Node, scope: ExpressionScope, src: string): ExprValue {
  return plain(evalInner(node, scope, src));
}

function deref(obj: Inner, name: string): Inner {
  if (obj instanceof Filtered) {
    const items: ExprValue[] = [];
    for (const item of obj.items) {
      if (isObject(item)) {
        const v = getProperty(item, name);
        if (v !== undefined) items.push(v);
      }
    }
    return new Filtered(items);
  }
  if (isObject(obj)) return getProperty(obj, name) ?? null;
  return null;
}

function evalInner(node: Node, scope: ExpressionScope, src: string): Inner {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'context': {
      const key = Object.keys(scope.contexts).find((k) => k.toLowerCase() === node.name);
      if (key === undefined) throw new ExpressionError(`Unrecognized named-value: '${node.name}'`, src);
      return scope.contexts[key] ?? null;
    }
    case 'prop':
      return deref(evalInner(node.object, scope, src), node.name);
    case 'index': {
      const obj = evalInner(node.object, scope, src);
      const index = plain(evalInner(node.index, scope, src));
      if (obj instanceof Filtered) return new Filtered(obj.items.map((i) => plain(indexInto(i, index))).filter((v) => v !== null));
      return indexInto(obj, index);
    }
    case 'filter': {
      const obj = evalInner(node.object, scope, src);
      if (obj instanceof Filtered)
        return new Filtered(obj.items.flatMap((i) => (Array.isArray(i) ? i : isObject(i) ? Object.values(i) : [])));
      if (Array.isArray(obj)) return new Filtered([...obj]);
      if (isObject(obj)) return new Filtered(Object.values(obj));
      return new Filtered([]);
    }
    case 'call':
      return call(node, scope, src);
    case 'not':
      return !truthy(plain(evalInner(node.operand, scope, src)));
    case 'binary': {
      const left = plain(evalInner(node.left, scope, src));
      if (node.op === '&&') return truthy(left) ? plain(evalInner(node.right, scope, src)) : left;
      if (node.op === '||') return truthy(left) ? left : plain(evalInner(node.right, scope, src));
      const right = plain(evalInner(node.right, scope, src));
      if (node.op === '==') return looseEquals(left, right);
      if (node.op === '!=') return !looseEquals(left, right);
      return compare(node.op, left, right);
    }
    default: {
      const never: never = node;
      return never;
    }
  }
}

function indexInto(obj: Inner, index: ExprValue): ExprValue {
  if (Array.isArray(obj)) {
    const n = toNumber(index);
    if (Number.isNaN(n)) return null;
    return obj[Math.floor(n)] ?? null;
  }
  if (isObject(obj)) return getProperty(obj, toText(index)) ?? null;
  return null;
}

function call(node: Extract<Node, { type: 'call' }>, scope: ExpressionScope, src: string): ExprValue {
  const args = node.args.map((a) => plain(evalInner(a, scope, src)));
  const custom = scope.functions?.[node.name];
  if (custom) return custom(...args);
  const builtin = BUILTINS[node.name];
  if (!builtin) throw new ExpressionError(`Unrecognized function: '${node.name}'`, src);
  if (args.length < builtin.min || args.length > builtin.max) throw new ExpressionError(`Wrong number of arguments to ${node.name}`, src);
  return builtin.fn(args, src);
}

/** Evaluates one expression's text. */
export function evaluate(src: string, scope: ExpressionScope): ExprValue {
  return evaluateNode(parseExpression(src), scope, src);
}

const STATUS_FUNCTION = /\b(success|failure|always|cancelled)\s*\(/i;

/**
 * An `if:` condition: the bare expression or one wrapped in `${{ }}`; without a status function it means
 * `success() && (condition)`, as on GitHub. An empty or missing condition is `success()`.
 */
export function evaluateCondition(condition: string | boolean | number | undefined | null, scope: ExpressionScope): boolean {
  if (condition === undefined || condition === null) return truthy(evaluate('success()', scope));
  if (typeof condition !== 'string') return truthy(condition);
  let text = condition.trim();
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(text);
  if (wrapped && !wrapped[1].includes('}}')) text = wrapped[1].trim();
  else if (text.includes('${{')) return truthy(interpolate(text, scope));
  if (text === '') text = 'success()';
  if (!STATUS_FUNCTION.test(text)) text = `success() && (${text})`;
  return truthy(evaluate(text, scope));
}

/** Where each `${{ ... }}` in a string is: [start, end, inner text]. */
function findExpressions(text: string): [number, number, string][] {
  const found: [number, number, string][] = [];
  let i = 0;
  for (;;) {
    const start = text.indexOf('${{', i);
    if (start < 0) return found;
    // the end is the first '}}' outside a string literal
    let j = start + 3;
    let inString = false;
    for (; j < text.length; j++) {
      if (text[j] === "'") inString = !inString;
      else if (!inString && text.startsWith('}}', j)) break;
    }
    if (j >= text.length) throw new ExpressionError('Unclosed ${{', text);
    found.push([start, j + 2, text.slice(start + 3, j)]);
    i = j + 2;
  }
}

/** A string with every `${{ }}` replaced by its value as text. */
export function interpolate(text: string, scope: ExpressionScope): string {
  let out = '';
  let last = 0;
  for (const [start, end, inner] of findExpressions(text)) {
    out += text.slice(last, start) + toText(evaluate(inner, scope));
    last = end;
  }
  return out + text.slice(last);
}

/**
 * A YAML value with its expressions evaluated, recursively: a string that is exactly one `${{ }}` becomes the
 * expression's value (keeping its type), other strings are interpolated, keys are left as they are.
 */
export function evaluateTemplate(value: unknown, scope: ExpressionScope): ExprValue {
  if (typeof value === 'string') {
    const found = findExpressions(value);
    if (found.length === 1 && found[0][0] === 0 && found[0][1] === value.length) return evaluate(found[0][2], scope);
    return found.length ? interpolate(value, scope) : value;
  }
  if (Array.isArray(value)) return value.map((v) => evaluateTemplate(v, scope));
  if (value && typeof value === 'object') {
    const out: Record<string, ExprValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = evaluateTemplate(v, scope);
    return out;
  }
  if (value === undefined) return null;
  return value as ExprValue;
}

/** Whether a string holds any `${{ }}`. */
export const hasExpression = (text: unknown): boolean => typeof text === 'string' && text.includes('${{');

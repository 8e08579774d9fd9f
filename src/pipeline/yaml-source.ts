// A YAML file read with its source positions kept, so every error can say file:line:col.
import YAML, { LineCounter, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { InvalidInputError } from '../errors.js';
import { readInputFile } from '../util/input-file.js';
import type { SourceLocation } from './model.js';

export type YamlPath = ReadonlyArray<string | number>;

export class YamlSource {
  private constructor(
    readonly file: string,
    readonly doc: Document,
    private readonly lines: LineCounter,
    readonly data: unknown,
  ) {}

  /** Reads and parses a file; a missing file or a YAML syntax error is an InvalidInputError of `kind`. */
  static fromFile(file: string, kind: string): YamlSource {
    const text = readInputFile(file, kind);
    return YamlSource.fromText(text, file, kind);
  }

  static fromText(text: string, file: string, kind: string): YamlSource {
    const lines = new LineCounter();
    // Duplicate keys are found below in one pass: the yaml package's own check is quadratic in a mapping's size.
    const doc = YAML.parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: false, merge: true });
    const issues = doc.errors.map((e) => ({
      location: { file, line: e.linePos?.[0].line ?? 1, col: e.linePos?.[0].col ?? 1 },
      message: `this is not valid YAML: ${e.message.split('\n')[0]}`,
      fix: 'correct the YAML syntax (indentation, quotes, colons).',
    }));
    YAML.visit(doc, {
      Scalar(_, scalar) {
        // a NUL byte ends a C string: in a name or value it would reach file names, env vars or processes cut short
        if (typeof scalar.value === 'string' && scalar.value.includes('\0')) {
          const pos = lines.linePos(scalar.range?.[0] ?? 0);
          issues.push({
            location: { file, line: pos.line, col: pos.col },
            message: 'this text holds a NUL character (\\0), which no name or value may hold.',
            fix: 'remove the NUL character.',
          });
        }
      },
      Map(_, map) {
        const seen = new Set<string>();
        for (const p of map.items) {
          if (!isScalar(p.key)) continue;
          const key = String(p.key.value);
          if (key === '<<') continue; // merge keys may repeat
          if (seen.has(key)) {
            const pos = lines.linePos(p.key.range?.[0] ?? 0);
            issues.push({
              location: { file, line: pos.line, col: pos.col },
              message: `the key "${key}" appears twice in the same mapping.`,
              fix: 'remove or rename one of them (YAML keeps only one).',
            });
          }
          seen.add(key);
        }
      },
    });
    if (issues.length) throw new InvalidInputError(`invalid ${kind}`, issues);
    // maxAliasCount guards against alias bombs; anchors for shared branches are common in runnable pipelines.
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: 10_000 });
    } catch (e) {
      // the yaml package's guard against alias bombs (a billion laughs)
      throw new InvalidInputError(`invalid ${kind}`, [
        {
          location: { file, line: 1, col: 1 },
          message: `its aliases expand to too much (${(e as Error).message}).`,
          fix: 'use fewer aliases (*name) of big anchors (&name), or write the values out.',
        },
      ]);
    }
    return new YamlSource(file, doc, lines, data);
  }

  // Keys of each mapping, indexed on first use: locating every step of a 10,000-step file stays linear.
  private readonly pairIndex = new WeakMap<object, Map<string, YAML.Pair>>();
  private pairsOf(map: YAML.YAMLMap): Map<string, YAML.Pair> {
    let index = this.pairIndex.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items)
        if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p as YAML.Pair);
      this.pairIndex.set(map, index);
    }
    return index;
  }

  /**
   * Where the value at `path` is; for a missing path, the closest existing parent. With `key: true`, where the
   * key of the last path element is (better for "unknown key" messages).
   */
  locate(path: YamlPath, opts: { key?: boolean } = {}): SourceLocation {
    let node: unknown = this.doc.contents;
    let best: Node | undefined = node as Node | undefined;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = this.pairsOf(node).get(String(seg));
        if (!pair) break;
        if (last && opts.key && pair.key) {
          best = pair.key as Node;
          break;
        }
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
      } else {
        break;
      }
      // Aliases point at their anchor: report the anchor's position, which is where the text is.
      if (node && (node as { source?: unknown }).source !== undefined && YAML.isAlias(node)) {
        node = (node as YAML.Alias).resolve(this.doc);
      }
      if (node && (node as Node).range) best = node as Node;
    }
    const offset = best?.range?.[0] ?? 0;
    const pos = this.lines.linePos(offset);
    return { file: this.file, line: pos.line, col: pos.col };
  }
}

import { type Document } from 'yaml';
import type { SourceLocation } from './model.js';
export type YamlPath = ReadonlyArray<string | number>;
export declare class YamlSource {
    readonly file: string;
    readonly doc: Document;
    private readonly lines;
    readonly data: unknown;
    private constructor();
    /** Reads and parses a file; a missing file or a YAML syntax error is an InvalidInputError of `kind`. */
    static fromFile(file: string, kind: string): YamlSource;
    static fromText(text: string, file: string, kind: string): YamlSource;
    private readonly pairIndex;
    private pairsOf;
    /**
     * Where the value at `path` is; for a missing path, the closest existing parent. With `key: true`, where the
     * key of the last path element is (better for "unknown key" messages).
     */
    locate(path: YamlPath, opts?: {
        key?: boolean;
    }): SourceLocation;
}

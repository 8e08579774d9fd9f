/** The largest input file read (bytes): far above any real pipeline, far below what would hurt. */
export declare const MAX_INPUT_BYTES: number;
/** The text of `file`, a regular file of at most `maxBytes` (MAX_INPUT_BYTES); `kind` says what it is ("pipeline"). */
export declare function readInputFile(file: string, kind: string, errorKind?: string, maxBytes?: number): string;

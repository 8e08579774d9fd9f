/** Python's json.loads when it succeeds, else the text itself (how runnable reads env values and exports). */
export declare function parseLikePython(text: string): unknown;
/** Python's json.dumps (", " and ": " separators, ensure_ascii): what shells see for non-string parameters. */
export declare function pythonJsonDumps(v: unknown): string;
/** A parameter as a shell sees it: a string as it is, anything else as Python's JSON text. */
export declare function shellValue(p: {
    value: unknown;
}): string;

/** The longest line kept whole (characters); the rest of a longer line is replaced by a marker. */
export declare const MAX_LINE: number;
/** The marker ending a cut line. */
export declare const cutMarker: (dropped: number) => string;
export declare class LineSplitter {
    private readonly onLine;
    private readonly maxLine;
    private parts;
    private kept;
    private dropped;
    constructor(onLine: (line: string) => void, maxLine?: number);
    push(chunk: string): void;
    end(): void;
    private add;
    private emit;
}

export declare class CoalescingWriter {
    private readonly minIntervalMs;
    private readonly costFactor;
    private readonly dirty;
    private draining;
    private lastWrite;
    private urgent;
    private failure;
    private lastCost;
    /**
     * `minIntervalMs` spaces out rewrites of big single-file logs, and `costFactor` stretches that to that many times
     * what the last batch took to write, so the share of time spent rewriting stays bounded as the log grows.
     * flush() bypasses both.
     */
    constructor(minIntervalMs?: number, costFactor?: number);
    mark(file: string, render: () => string): void;
    flush(): Promise<void>;
    /**
     * A step ended: write now (and wait) when a rewrite costs at most a tenth of the time since the last one, so that
     * a retry after `kill -9` does not run finished steps again; otherwise leave the write to the coalesced drain
     * (steps faster than ten rewrites: stubs, mocked tasks on a big log), which bounds the time spent rewriting.
     */
    checkpoint(): Promise<void>;
    private drain;
}

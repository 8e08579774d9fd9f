export declare class Semaphore {
    readonly limit: number;
    private active;
    private readonly waiting;
    constructor(limit: number);
    acquire(): Promise<void>;
    release(): void;
}

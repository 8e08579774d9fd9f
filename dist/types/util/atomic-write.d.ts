export declare function atomicWriteSync(file: string, content: string | Buffer): void;

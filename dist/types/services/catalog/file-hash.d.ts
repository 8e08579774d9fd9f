export declare function fileHash(file: string): Promise<string>;

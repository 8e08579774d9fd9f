export declare class SecretMasker {
    private readonly values;
    private pattern;
    add(value: string): void;
    mask(text: string): string;
    get size(): number;
}

export declare class SecretMasker {
    /** Masked value (a whole secret or one line of a multi-line one) -> the names of the secrets it belongs to. */
    private readonly values;
    private pattern;
    add(value: string, name?: string): void;
    mask(text: string): string;
    /** The names of the secrets whose value `text` contains (empty when none does). */
    secretsIn(text: string): string[];
    get size(): number;
}

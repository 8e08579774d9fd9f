export declare function validateCatalogPattern(pattern: string): {
    message: string;
    fix: string;
} | undefined;

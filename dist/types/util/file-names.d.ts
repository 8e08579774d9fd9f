/** The longest file name (bytes) ext4, xfs, btrfs, APFS and NTFS (in UTF-16 units, fewer) all accept. */
export declare const FILE_NAME_LIMIT = 255;
/**
 * `prefix + stem + suffix` when it fits in `limit` bytes; else the stem is cut (at a character boundary) and
 * followed by `~` and 16 hex characters of the stem's SHA-256.
 */
export declare function fitFileName(prefix: string, stem: string, suffix: string, limit?: number): string;

/** The candidate closest to `word`, when it is close enough to be a likely typo. */
export declare function closest(word: string, candidates: Iterable<string>): string | undefined;
export declare function didYouMean(word: string, candidates: Iterable<string>): string;

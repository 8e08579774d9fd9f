import type { CodeIdentity } from '../services/run-log/model.js';
/** Starts the look-up early (at run start) so the first step does not wait for it. */
export declare function warmCodeIdentity(): void;
export declare function codeIdentities(extra?: CodeIdentity[]): Promise<CodeIdentity[]>;

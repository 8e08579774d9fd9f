/** The longest template or task name we emit (Argo allows 128; pod names embed the template name). */
export declare const MAX_NAME = 40;
/** generateName: the server appends 5 characters and the name must stay within 63 (it becomes a label value). */
export declare const MAX_GENERATE_NAME = 57;
/** A CronWorkflow's name: Argo appends `-<unix time>` to it for each workflow. */
export declare const MAX_CRON_NAME = 52;
export declare const DNS_LABEL: RegExp;
/** 32-bit FNV-1a of a string, as hex. */
export declare function fnv1a(text: string): string;
/** Lowercase letters, digits and single dashes; never empty, never starting with a digit or a dash. */
export declare function sanitize(text: string): string;
/** `<readable part>-<hash>`: readable from `label`, unique by `identity`, within MAX_NAME. */
export declare function uniqueName(label: string, identity: string, hashLength?: number): string;
/** The generateName a user gave, as Kubernetes accepts it, or a message saying why not. */
export declare function checkGenerateName(name: string): string | undefined;

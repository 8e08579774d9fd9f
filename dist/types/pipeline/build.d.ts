import { type Pipeline, type SourceLocation } from './model.js';
import type { YamlPath } from './yaml-source.js';
export type Locator = (path: YamlPath, opts?: {
    key?: boolean;
}) => SourceLocation | undefined;
/** Builds and checks a pipeline from the parsed YAML document (`{dag: {...}}`). Throws InvalidInputError. */
export declare function buildPipeline(data: unknown, file: string, locate?: Locator): Pipeline;

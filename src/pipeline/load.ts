// The one entry point for reading a pipeline file.
import { buildPipeline } from './build.js';
import type { Pipeline } from './model.js';
import { YamlSource } from './yaml-source.js';

export function loadPipelineFile(file: string): Pipeline {
  const src = YamlSource.fromFile(file, 'pipeline');
  return buildPipeline(src.data, file, (p, o) => src.locate(p, o));
}

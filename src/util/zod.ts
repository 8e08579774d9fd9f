// zod, the "mini" build, with English messages: the same validation as classic zod at a fraction of the bundle
// (~170 KB instead of ~450 KB, ~0.1 s of every CLI start). Only what we use is re-exported — re-exporting the whole
// namespace would drag every locale into the bundle. Import it as `import * as z from '../util/zod.js'`.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export {
  _default,
  array,
  boolean,
  enum,
  int,
  literal,
  maxLength,
  looseObject,
  minimum,
  minLength,
  number,
  object,
  optional,
  parse,
  partial,
  pipe,
  positive,
  record,
  refine,
  regex,
  safeParse,
  strictObject,
  string,
  superRefine,
  transform,
  union,
  unknown,
} from 'zod/mini';
export type { infer, ZodMiniType } from 'zod/mini';
export type { $ZodError as ZodError, $ZodType as ZodType } from 'zod/v4/core';

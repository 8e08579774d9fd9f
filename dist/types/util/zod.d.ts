export { _default, array, boolean, enum, int, literal, maxLength, looseObject, minimum, minLength, number, object, optional, parse, partial, pipe, positive, record, refine, regex, safeParse, strictObject, string, superRefine, transform, union, unknown, } from 'zod/mini';
export type { infer, ZodMiniType } from 'zod/mini';
export type { $ZodError as ZodError, $ZodType as ZodType } from 'zod/v4/core';

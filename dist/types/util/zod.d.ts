export { _default, array, boolean, enum, int, literal, looseObject, minimum, minLength, number, object, optional, parse, partial, pipe, positive, record, regex, safeParse, strictObject, string, transform, union, unknown, } from 'zod/mini';
export type { infer, ZodMiniType } from 'zod/mini';
export type { $ZodError as ZodError, $ZodType as ZodType } from 'zod/v4/core';

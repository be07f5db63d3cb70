import { OpenAPIHono } from '@hono/zod-openapi';
import { invalid } from '../domain/errors.ts';
import { fieldErrors } from './problem.ts';
import type { AppEnv } from './context.ts';

/** A router whose request validation failures become 400 problem+json with one entry per field. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const errors = fieldErrors(result.error.issues);
        const where = result.target === 'query' ? 'query parameters' : result.target === 'param' ? 'path' : 'request body';
        throw invalid(`Some ${where} values are not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`, errors);
      }
    },
  });
}

export const bearer = [{ Bearer: [] }];

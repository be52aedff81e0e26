import { z } from 'zod';

/**
 * The HTTP body of a command: the domain's command schema without what the route supplies
 * (`type`, and ids taken from the path), strict so unknown fields are named in the 400.
 */
export function commandBody<Shape extends z.ZodRawShape, Omitted extends keyof Shape>(
  schema: { shape: Shape },
  omitted: readonly Omitted[],
): z.ZodObject<Omit<Shape, Omitted>, z.core.$strict> {
  const shape = { ...schema.shape };
  for (const key of omitted) delete shape[key];
  return z.strictObject(shape as Omit<Shape, Omitted>);
}

import { applyDecorators, HttpCode, HttpStatus, UseInterceptors } from '@nestjs/common';
import { z } from 'zod';
import { Operation } from '../http/operation.decorator';
import { RequireScope } from '../http/scopes.decorator';
import { CommandAnswerInterceptor } from './command-answer.interceptor';

export const commandResponseSchema = (idField: 'customerId' | 'locationId') =>
  z.object({
    [idField]: z.string(),
    revision: z.int().min(0).describe('The stream revision after the command; also the ETag'),
    position: z.string().regex(/^\d+$/).describe('Commit position of the last event in the global log'),
  });

/**
 * A command route: needs commands:write, honours Idempotency-Key and If-Match, answers
 * `{ <id>, revision, position }` with an ETag; `created` routes answer 201.
 */
export function CommandRoute(options: { summary: string; tag: string; idField: 'customerId' | 'locationId'; created?: boolean }) {
  const status = options.created ? HttpStatus.CREATED : HttpStatus.OK;
  return applyDecorators(
    RequireScope('commands:write'),
    HttpCode(status),
    UseInterceptors(CommandAnswerInterceptor),
    Operation({
      summary: options.summary,
      tags: [options.tag],
      headers: ['Idempotency-Key', 'If-Match'],
      responses: { [status]: { description: options.created ? 'Created' : 'Applied (or nothing to do)', schema: commandResponseSchema(options.idField) } },
    }),
  );
}

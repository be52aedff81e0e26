import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiError } from '../http/api-error';
import type { ApiRequest } from '../http/api-request';

export const MIN_POSITION_HEADER = 'X-Min-Position';

/** The `position` a command answered, sent back so the query waits to see that write; undefined without the header. */
export const MinPosition = createParamDecorator((_: unknown, context: ExecutionContext): bigint | undefined => {
  const value = context.switchToHttp().getRequest<ApiRequest>().header(MIN_POSITION_HEADER);
  if (value === undefined) return undefined;
  if (!/^\d{1,19}$/.test(value.trim())) {
    throw ApiError.validation([{ path: MIN_POSITION_HEADER, reason: 'must be a log position (the "position" of a command answer)' }]);
  }
  return BigInt(value.trim());
});

import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, Observable } from 'rxjs';

/** Puts the revision a command left the aggregate at in the ETag, ready for a later If-Match. */
@Injectable()
export class CommandResponseInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: { revision?: unknown }) => {
        if (typeof body?.revision === 'number') res.setHeader('ETag', `"${body.revision}"`);
        return body;
      }),
    );
  }
}

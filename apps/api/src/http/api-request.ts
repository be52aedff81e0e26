import type { Request } from 'express';
import type { ApiPrincipal } from '../config/api-keys';

/** The express request as the API's middleware and guard leave it. */
export interface ApiRequest extends Request {
  correlationId: string;
  principal?: ApiPrincipal;
}

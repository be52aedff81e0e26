import { SetMetadata } from '@nestjs/common';
import type { Scope } from '../config/api-keys';

export const SCOPE_METADATA = 'ledgerline:scope';
export const PUBLIC_METADATA = 'ledgerline:public';

/** The route needs a key holding one of `scopes`. Routes without it need any valid key. */
export const RequireScope = (...scopes: [Scope, ...Scope[]]) => SetMetadata(SCOPE_METADATA, scopes);

/** No key needed (health, metrics, docs). */
export const Public = () => SetMetadata(PUBLIC_METADATA, true);

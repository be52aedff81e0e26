import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import type { ApiKeyTable, ApiPrincipal, Scope } from '../config/api-keys';
import { API_KEYS } from '../infrastructure/tokens';
import { ApiError } from './api-error';
import type { ApiRequest } from './api-request';
import { PUBLIC_METADATA, SCOPE_METADATA } from './scopes.decorator';

/** `Authorization: Bearer <key>`: 401 without a known key, 403 without the route's scope. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_KEYS) private readonly keys: ApiKeyTable,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;
    const req = context.switchToHttp().getRequest<ApiRequest>();
    const principal = this.principalOf(req.header('authorization'));
    if (principal === undefined) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, { error: 'unauthorized', message: 'Send a valid API key as "Authorization: Bearer <key>"' });
    }
    const scope = this.reflector.getAllAndOverride<Scope | undefined>(SCOPE_METADATA, targets);
    if (scope !== undefined && !principal.scopes.has(scope)) {
      throw new ApiError(HttpStatus.FORBIDDEN, { error: 'forbidden', message: `This API key lacks the scope "${scope}"` });
    }
    req.principal = principal;
    return true;
  }

  private principalOf(header: string | undefined): ApiPrincipal | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (match === null) return undefined;
    const given = Buffer.from(match[1]);
    // Compare against every key in constant time, so response timing does not leak a key's prefix.
    let found: ApiPrincipal | undefined;
    for (const [key, principal] of this.keys) {
      const candidate = Buffer.from(key);
      if (candidate.length === given.length && timingSafeEqual(candidate, given)) found = principal;
    }
    return found;
  }
}

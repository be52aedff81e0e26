import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { ApiKeyTable, ApiPrincipal, Scope } from '../config/api-keys';
import { API_KEYS } from '../infrastructure/tokens';
import { ApiError } from './api-error';
import type { ApiRequest } from './api-request';
import { PUBLIC_METADATA, SCOPE_METADATA } from './scopes.decorator';

/** `Authorization: Bearer <key>`: 401 without a known key, 403 without the route's scope. */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Principals by the sha256 of their key. Looking up a digest compares digests, never the key's own
   * bytes, so response timing cannot leak a key's prefix; and it costs one hash however many keys there are.
   */
  private readonly byDigest: ReadonlyMap<string, ApiPrincipal>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(API_KEYS) keys: ApiKeyTable,
  ) {
    this.byDigest = new Map([...keys].map(([key, principal]) => [digestOf(key), principal]));
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;
    const req = context.switchToHttp().getRequest<ApiRequest>();
    const principal = this.principalOf(req.header('authorization'));
    if (principal === undefined) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, { error: 'unauthorized', message: 'Send a valid API key as "Authorization: Bearer <key>"' });
    }
    const scopes = this.reflector.getAllAndOverride<readonly Scope[] | undefined>(SCOPE_METADATA, targets);
    if (scopes !== undefined && !scopes.some((scope) => principal.scopes.has(scope))) {
      const wanted = scopes.map((scope) => `"${scope}"`).join(' or ');
      throw new ApiError(HttpStatus.FORBIDDEN, { error: 'forbidden', message: `This API key lacks the scope ${wanted}` });
    }
    req.principal = principal;
    return true;
  }

  private principalOf(header: string | undefined): ApiPrincipal | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    return match === null ? undefined : this.byDigest.get(digestOf(match[1]));
  }
}

function digestOf(key: string): string {
  return createHash('sha256').update(key).digest('base64');
}

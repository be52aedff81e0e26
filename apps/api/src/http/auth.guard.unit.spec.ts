import type { ExecutionContext, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { parseApiKeys } from '../config/api-keys';
import { ApiError } from './api-error';
import type { ApiRequest } from './api-request';
import { AuthGuard } from './auth.guard';
import { Public, RequireScope } from './scopes.decorator';

const WRITER = 'writer-key-0123456789abcdef';
const AUDITOR = 'auditor-key-0123456789abcde';
const ADMIN_ONLY = 'admin-only-key-0123456789ab';

const keys = parseApiKeys(
  JSON.stringify({
    [WRITER]: { name: 'checkout', scopes: ['commands:write'] },
    [AUDITOR]: ['audit:read'],
    [ADMIN_ONLY]: { name: 'ops', scopes: ['admin'] },
  }),
);

class AnyKeyController {
  list(): void {}

  @RequireScope('commands:write')
  write(): void {}

  @Public()
  health(): void {}
}

@RequireScope('audit:read')
class AuditController {
  read(): void {}

  @RequireScope('admin')
  purge(): void {}

  @Public()
  ping(): void {}
}

@Public()
class DocsController {
  page(): void {}

  @RequireScope('admin')
  secret(): void {}
}

/** A fake of what the guard reads from Nest: the request's headers, the handler and its class. */
function contextFor<C>(controller: Type<C>, handler: keyof C & string, authorization?: string) {
  const req = { header: (name: string) => (name.toLowerCase() === 'authorization' ? authorization : undefined) } as ApiRequest;
  const context = {
    switchToHttp: () => ({ getRequest: () => req }),
    getHandler: () => controller.prototype[handler],
    getClass: () => controller,
  } as unknown as ExecutionContext;
  return { context, req };
}

const guard = new AuthGuard(new Reflector(), keys);

function rejectionOf(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError, nothing was thrown');
}

const UNAUTHORIZED = { error: 'unauthorized', message: 'Send a valid API key as "Authorization: Bearer <key>"' };

describe('AuthGuard', () => {
  describe('without a known key', () => {
    it('answers 401 unauthorized when no Authorization header is sent', () => {
      const { context, req } = contextFor(AnyKeyController, 'list');
      const error = rejectionOf(() => guard.canActivate(context));
      expect(error.status).toBe(401);
      expect(error.body).toEqual(UNAUTHORIZED);
      expect(req.principal).toBeUndefined();
    });

    it.each([
      ['an empty header', ''],
      ['the key without a scheme', WRITER],
      ['"Bearer" without a key', 'Bearer'],
      ['"Bearer " and only spaces', 'Bearer   '],
      ['"Bearer" with two tokens', `Bearer ${WRITER} ${WRITER}`],
      ['"Bearer" glued to the key', `Bearer${WRITER}`],
      ['the Basic scheme', `Basic ${Buffer.from(`user:${WRITER}`).toString('base64')}`],
      ['the Basic scheme carrying the raw key', `Basic ${WRITER}`],
    ])('answers 401 for a malformed header: %s', (_, header) => {
      const error = rejectionOf(() => guard.canActivate(contextFor(AnyKeyController, 'list', header).context));
      expect(error.status).toBe(401);
      expect(error.body).toEqual(UNAUTHORIZED);
    });

    it.each([
      ['an unknown key', 'not-a-key-at-all-0000000000'],
      ['a prefix of a real key', WRITER.slice(0, -1)],
      ['a real key plus extra characters', `${WRITER}0`],
      ['a real key in another case', WRITER.toUpperCase()],
    ])('answers 401 for %s', (_, key) => {
      const error = rejectionOf(() => guard.canActivate(contextFor(AnyKeyController, 'write', `Bearer ${key}`).context));
      expect(error.status).toBe(401);
      expect(error.body).toEqual(UNAUTHORIZED);
    });

    it('answers 401, not 403, for an unknown key on a route that needs a scope', () => {
      const error = rejectionOf(() => guard.canActivate(contextFor(AuditController, 'purge', 'Bearer nope-nope-nope-nope-nope').context));
      expect(error.status).toBe(401);
    });
  });

  describe('with a known key', () => {
    it.each(['Bearer', 'bearer', 'BEARER', 'bEaReR'])('accepts the scheme spelled %s and tolerates extra whitespace', (scheme) => {
      const { context, req } = contextFor(AnyKeyController, 'list', `${scheme}  ${WRITER} `);
      expect(guard.canActivate(context)).toBe(true);
      expect(req.principal?.name).toBe('checkout');
    });

    it('lets any valid key through a route without a scope, and sets the principal', () => {
      const { context, req } = contextFor(AnyKeyController, 'list', `Bearer ${AUDITOR}`);
      expect(guard.canActivate(context)).toBe(true);
      expect(req.principal).toEqual({ name: 'key-audito', scopes: new Set(['audit:read']) });
    });

    it('lets a key holding the route scope through, with its name and scopes as the principal', () => {
      const { context, req } = contextFor(AnyKeyController, 'write', `Bearer ${WRITER}`);
      expect(guard.canActivate(context)).toBe(true);
      expect(req.principal).toEqual({ name: 'checkout', scopes: new Set(['commands:write']) });
      expect(req.principal).toBe(keys.get(WRITER));
    });

    it('answers 403 forbidden naming the scope when the key lacks it, and sets no principal', () => {
      const { context, req } = contextFor(AnyKeyController, 'write', `Bearer ${AUDITOR}`);
      const error = rejectionOf(() => guard.canActivate(context));
      expect(error.status).toBe(403);
      expect(error.body).toEqual({ error: 'forbidden', message: 'This API key lacks the scope "commands:write"' });
      expect(req.principal).toBeUndefined();
    });
  });

  describe('public routes', () => {
    it('lets a public handler through without a header', () => {
      const { context, req } = contextFor(AnyKeyController, 'health');
      expect(guard.canActivate(context)).toBe(true);
      expect(req.principal).toBeUndefined();
    });

    it('lets a public handler through even with an unknown key, without reading it', () => {
      const { context, req } = contextFor(AnyKeyController, 'health', 'Bearer not-a-key-at-all-0000000000');
      expect(guard.canActivate(context)).toBe(true);
      expect(req.principal).toBeUndefined();
    });

    it('lets every handler of a public class through without a header', () => {
      expect(guard.canActivate(contextFor(DocsController, 'page').context)).toBe(true);
    });
  });

  describe('class-level and handler-level decorators', () => {
    it('applies the class scope to a handler without its own', () => {
      expect(guard.canActivate(contextFor(AuditController, 'read', `Bearer ${AUDITOR}`).context)).toBe(true);
      const error = rejectionOf(() => guard.canActivate(contextFor(AuditController, 'read', `Bearer ${WRITER}`).context));
      expect(error.status).toBe(403);
      expect(error.body.message).toBe('This API key lacks the scope "audit:read"');
    });

    it('lets the handler scope replace the class scope rather than add to it', () => {
      expect(guard.canActivate(contextFor(AuditController, 'purge', `Bearer ${ADMIN_ONLY}`).context)).toBe(true);
      const error = rejectionOf(() => guard.canActivate(contextFor(AuditController, 'purge', `Bearer ${AUDITOR}`).context));
      expect(error.status).toBe(403);
      expect(error.body).toEqual({ error: 'forbidden', message: 'This API key lacks the scope "admin"' });
    });

    it('lets a public handler inside a scoped class through without a header', () => {
      expect(guard.canActivate(contextFor(AuditController, 'ping').context)).toBe(true);
    });

    it('lets a public class win over a scope on one of its handlers', () => {
      const { context, req } = contextFor(DocsController, 'secret');
      expect(guard.canActivate(context)).toBe(true);
      expect(req.principal).toBeUndefined();
    });
  });
});

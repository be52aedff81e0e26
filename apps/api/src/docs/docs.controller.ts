import { Controller, Get, Header, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { OPERATION_METADATA, Operation, type OperationSpec } from '../http/operation.decorator';
import { PUBLIC_METADATA, Public, SCOPE_METADATA } from '../http/scopes.decorator';
import { getInputSchemas } from '../http/zod-input.decorators';
import { buildOpenApiDocument, RouteDescription } from './openapi-document';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ledgerline API</title></head>
<body><h1>Ledgerline API</h1><p>The OpenAPI 3.1 document: <a href="/docs/openapi.json">/docs/openapi.json</a>.</p></body></html>`;

@Public()
@Controller('docs')
export class DocsController {
  private document?: object;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Operation({ summary: 'A page pointing at the OpenAPI document', tags: ['operations'], responses: { 200: { description: 'HTML' } } })
  page(): string {
    return PAGE;
  }

  @Get('openapi.json')
  @Operation({ summary: 'The OpenAPI 3.1 document', tags: ['operations'], responses: { 200: { description: 'OpenAPI 3.1 JSON' } } })
  openApi(): object {
    this.document ??= buildOpenApiDocument(this.routes());
    return this.document;
  }

  private routes(): RouteDescription[] {
    const routes: RouteDescription[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype;
      if (typeof controller !== 'function' || wrapper.instance === undefined) continue;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const prototype = Object.getPrototypeOf(wrapper.instance) as Record<string, object>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const operation = this.reflector.get<OperationSpec | undefined>(OPERATION_METADATA, handler as never);
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (operation === undefined || method === undefined) continue;
        const targets = [handler, controller] as never[];
        routes.push({
          method,
          path: `/${[prefix, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`,
          operation,
          inputs: getInputSchemas(handler),
          secured: !this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets),
          scopes: this.reflector.getAllAndOverride<string[] | undefined>(SCOPE_METADATA, targets),
        });
      }
    }
    return routes;
  }
}

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Express, Request, Response } from 'express';
import { PrototypedExpressAdapter } from './prototyped-express-adapter';

describe('PrototypedExpressAdapter', () => {
  let server: Server;
  let app: Express;
  const arrivals: { request: object | null; response: object | null }[] = [];

  beforeAll(async () => {
    const adapter = new PrototypedExpressAdapter();
    adapter.initHttpServer({});
    app = adapter.getInstance<Express>();
    app.get('/echo', (req: Request, res: Response) => void res.status(201).json({ path: req.path, header: req.get('x-probe') }));
    server = adapter.getHttpServer() as Server;
    // Before Express's own listener: what node:http built, before Express could change anything.
    server.prependListener('request', (request: object, response: object) => arrivals.push({ request: Object.getPrototypeOf(request), response: Object.getPrototypeOf(response) }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('builds requests and responses with Express’s prototypes already in place, so Express does not swap them', async () => {
    const { port } = server.address() as AddressInfo;
    const answer = await fetch(`http://127.0.0.1:${port}/echo`, { headers: { 'x-probe': 'yes' } });

    expect(arrivals).toEqual([{ request: app.request, response: app.response }]);
    // Express's request and response methods (req.get, req.path, res.status, res.json) work on them.
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ path: '/echo', header: 'yes' });
  });
});

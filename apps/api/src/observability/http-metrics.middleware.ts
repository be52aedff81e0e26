import type { NextFunction, Request, Response } from 'express';
import type { MetricsService } from './metrics.service';

/** Counts and times every answered request by its route pattern (not its URL, which would explode the labels). */
export const httpMetricsMiddleware =
  (metrics: MetricsService) =>
  (req: Request, res: Response, next: NextFunction): void => {
    const stop = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = req.route?.path === undefined ? 'unmatched' : `${req.baseUrl}${String(req.route.path)}`;
      stop({ method: req.method, route });
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };

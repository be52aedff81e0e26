import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../http/scopes.decorator';
import { Operation } from '../http/operation.decorator';
import { MetricsService } from './metrics.service';

@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Operation({ summary: 'Prometheus metrics', tags: ['operations'], responses: { 200: { description: 'Prometheus text format' } } })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

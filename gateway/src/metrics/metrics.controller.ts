import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { GatewayMetrics } from './gateway-metrics';

/**
 * Prometheus scrape endpoint on the HTTP port, outside the /api prefix, when METRICS_PORT is unset
 * (development). A cluster sets METRICS_PORT: its Ingress routes every path to the gateway.
 */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: GatewayMetrics) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'HTTP latency by route, method and status; RPC latency by pattern and outcome; breaker states', schema: { type: 'string', example: 'mediq_gateway_circuit_breaker_state{service="ocr"} 0' } })
  @Header('Cache-Control', 'no-store')
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    res.setHeader('Content-Type', this.metrics.contentType);
    return this.metrics.exposition();
  }
}

import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { GatewayHealth, HealthService } from './health.service';

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Every service and dependency; 200 only when all are up. */
  @Get()
  async overall(@Res({ passthrough: true }) res: Response): Promise<GatewayHealth> {
    const report = await this.health.overall();
    res.status(report.status === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }

  /** Liveness: the process answers. */
  @Get('live')
  @HttpCode(HttpStatus.OK)
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  /** Readiness: the gateway's own dependencies (broker, Redis) answer, so it can take traffic. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<GatewayHealth['gateway']> {
    const gateway = await this.health.gateway();
    res.status(gateway.status === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return gateway;
  }
}

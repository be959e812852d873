import { Global, Module } from '@nestjs/common';
import { RpcClient } from '@mediq/common';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import { DownstreamService } from './downstream.service';

@Global()
@Module({
  providers: [
    { provide: RpcClient, useFactory: (config: GatewayConfig) => new RpcClient(config), inject: [GATEWAY_CONFIG] },
    DownstreamService,
  ],
  exports: [DownstreamService],
})
export class RpcModule {}

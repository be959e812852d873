import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OcrEngineContracts, ProcessImageRequest, RpcEnvelope } from '@mediq/contracts';
import { CardReadingService } from '../services/card-reading.service';

@Controller()
export class OcrEngineController {
  constructor(private readonly cards: CardReadingService) {}

  @MessagePattern(OcrEngineContracts.process.pattern)
  process(@Payload() { data }: RpcEnvelope<ProcessImageRequest>) {
    return this.cards.read(data);
  }
}

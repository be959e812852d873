import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OcrContracts, RequestOf, RpcEnvelope } from '@mediq/contracts';
import { RegistrationService } from '../services/registration.service';
import { ScanService } from '../services/scan.service';

@Controller()
export class OcrController {
  constructor(
    private readonly scans: ScanService,
    private readonly registration: RegistrationService,
  ) {}

  @MessagePattern(OcrContracts.upload.pattern)
  upload(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof OcrContracts.upload>>) {
    return this.scans.upload(actor, data);
  }

  @MessagePattern(OcrContracts.findScan.pattern)
  find(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof OcrContracts.findScan>>) {
    return this.scans.find(actor, data.scanId);
  }

  @MessagePattern(OcrContracts.cancel.pattern)
  cancel(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof OcrContracts.cancel>>) {
    return this.scans.cancel(actor, data.scanId);
  }

  @MessagePattern(OcrContracts.confirm.pattern)
  confirm(@Payload() { actor, data }: RpcEnvelope<RequestOf<typeof OcrContracts.confirm>>) {
    return this.registration.confirm(actor, data);
  }
}

import { BadRequestException, Body, Controller, Delete, Get, Inject, Param, ParseUUIDPipe, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Actor, ConfirmScanReply, MAX_IMAGE_BYTES, OcrContracts, ScanView } from '@mediq/contracts';
import { AllowKiosk, CurrentActor, Roles } from '../auth/auth.decorators';
import { Idempotent } from '../common/idempotency/idempotency.decorator';
import { RateLimit } from '../common/rate-limit/rate-limit.decorator';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import { DownstreamService } from '../rpc/downstream.service';
import { ConfirmScanDto, ConfirmTempScanDto } from './dtos/ocr.dtos';

/** The parts of a multer upload this controller reads. */
interface UploadedImage {
  buffer: Buffer;
  size: number;
}
type UploadedImages = { file?: UploadedImage[]; image?: UploadedImage[] };

/** The kiosk flow: read a KTP photo, show it, confirm it into a registration and a ticket. */
@ApiTags('ocr')
@ApiBearerAuth()
@ApiHeader({ name: 'x-api-key', required: false, description: 'Kiosk key (instead of a staff token)' })
@Controller('ocr')
@Roles('OPERATOR', 'ADMIN_FASKES')
@AllowKiosk()
export class OcrController {
  constructor(
    private readonly downstream: DownstreamService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Confirming calls the user and queue services in turn: it gets the OCR routes' longer timeout. */
  private get confirmTimeoutMs(): number {
    return this.config.OCR_TIMEOUT_MS;
  }

  /** Reads a KTP photo (multipart field `file` or `image`, at most 10 MB) into a scan pending confirmation. */
  @Post('upload')
  @RateLimit('upload')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(
    FileFieldsInterceptor([{ name: 'file', maxCount: 1 }, { name: 'image', maxCount: 1 }], { limits: { fileSize: MAX_IMAGE_BYTES, files: 1 } }),
  )
  upload(@CurrentActor() actor: Actor, @UploadedFiles() files: UploadedImages | undefined): Promise<ScanView> {
    const image = files?.file?.[0] ?? files?.image?.[0];
    if (!image) throw new BadRequestException('Attach the card photo as multipart field "file" (or "image")');
    if (image.size === 0) throw new BadRequestException('The uploaded file is empty');
    return this.downstream.call(OcrContracts.upload, { imageBase64: image.buffer.toString('base64') }, { actor, timeoutMs: this.config.OCR_TIMEOUT_MS });
  }

  @Get('temp/:scanId')
  find(@CurrentActor() actor: Actor, @Param('scanId', ParseUUIDPipe) scanId: string): Promise<ScanView> {
    return this.downstream.call(OcrContracts.findScan, { scanId }, { actor });
  }

  @Delete('temp/:scanId')
  cancel(@CurrentActor() actor: Actor, @Param('scanId', ParseUUIDPipe) scanId: string) {
    return this.downstream.call(OcrContracts.cancel, { scanId }, { actor });
  }

  /** Registers (or finds) the patient and issues the ticket; confirming again returns the same ones. */
  @Post('confirm')
  @Idempotent()
  confirm(@CurrentActor() actor: Actor, @Body() body: ConfirmScanDto): Promise<ConfirmScanReply> {
    return this.downstream.call(OcrContracts.confirm, body, { actor, timeoutMs: this.confirmTimeoutMs });
  }

  @Post('confirm-temp/:scanId')
  confirmTemp(
    @CurrentActor() actor: Actor,
    @Param('scanId', ParseUUIDPipe) scanId: string,
    @Body() body: ConfirmTempScanDto,
  ): Promise<ConfirmScanReply> {
    return this.downstream.call(OcrContracts.confirm, { ...body, scanId }, { actor, timeoutMs: this.confirmTimeoutMs });
  }
}

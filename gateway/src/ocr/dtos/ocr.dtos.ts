import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { PRIORITY_CATEGORIES, PriorityCategory, TICKET_PRIORITIES, TicketPriority } from '@mediq/contracts';

/** The KTP fields as the patient or operator corrected them; dates `YYYY-MM-DD` or `DD-MM-YYYY`. */
export class KtpFieldsDto {
  @ApiProperty({ example: '3204125708900001', description: '16 digits' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  nik!: string;

  @ApiProperty({ example: 'SITI NURJANAH' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  nama!: string;

  @ApiPropertyOptional({ example: 'JAWA BARAT' }) @IsOptional() @IsString() @MaxLength(200) provinsi?: string;
  @ApiPropertyOptional({ example: 'KABUPATEN GARUT' }) @IsOptional() @IsString() @MaxLength(200) kabupatenKota?: string;
  @ApiPropertyOptional({ example: 'GARUT' }) @IsOptional() @IsString() @MaxLength(200) tempatLahir?: string;
  @ApiPropertyOptional({ example: '1990-08-17' }) @IsOptional() @IsString() @MaxLength(20) tanggalLahir?: string;
  @ApiPropertyOptional({ example: 'PEREMPUAN' }) @IsOptional() @IsString() @MaxLength(20) jenisKelamin?: string;
  @ApiPropertyOptional({ example: 'O' }) @IsOptional() @IsString() @MaxLength(3) golonganDarah?: string;
  @ApiPropertyOptional({ example: 'KP. CIOJAR' }) @IsOptional() @IsString() @MaxLength(200) alamat?: string;
  @ApiPropertyOptional({ example: '001/002' }) @IsOptional() @IsString() @MaxLength(20) rtRw?: string;
  @ApiPropertyOptional({ example: 'SUKAMAJU' }) @IsOptional() @IsString() @MaxLength(200) kelurahanDesa?: string;
  @ApiPropertyOptional({ example: 'TAROGONG KIDUL' }) @IsOptional() @IsString() @MaxLength(200) kecamatan?: string;
  @ApiPropertyOptional({ example: 'ISLAM' }) @IsOptional() @IsString() @MaxLength(50) agama?: string;
  @ApiPropertyOptional({ example: 'BELUM KAWIN' }) @IsOptional() @IsString() @MaxLength(50) statusPerkawinan?: string;
  @ApiPropertyOptional({ example: 'PELAJAR/MAHASISWA' }) @IsOptional() @IsString() @MaxLength(100) pekerjaan?: string;
  @ApiPropertyOptional({ example: 'WNI' }) @IsOptional() @IsString() @MaxLength(50) kewarganegaraan?: string;
  @ApiPropertyOptional({ example: 'SEUMUR HIDUP' }) @IsOptional() @IsString() @MaxLength(50) berlakuHingga?: string;
}

export class ConfirmScanDto {
  @ApiPropertyOptional({ description: 'The scan to confirm; omit when the card is typed by hand (staff, or a kiosk whose camera could not read it)' })
  @IsOptional()
  @IsUUID()
  scanId?: string;

  @ApiPropertyOptional({ description: 'Idempotency key (UUID) of a typed registration; required without scanId' })
  @IsOptional()
  @IsUUID()
  requestId?: string;

  @ApiProperty({ type: KtpFieldsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => KtpFieldsDto)
  fields!: KtpFieldsDto;

  @ApiProperty() @IsUUID() institutionId!: string;
  @ApiProperty() @IsUUID() serviceId!: string;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES, default: 'NORMAL' })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional({ enum: PRIORITY_CATEGORIES, description: 'Declared by the patient: lansia, pregnant, disability, small child' })
  @IsOptional()
  @IsIn(PRIORITY_CATEGORIES)
  category?: PriorityCategory;
}

/** The same confirmation with the scan id in the path (older MediQ kiosks). */
export class ConfirmTempScanDto extends OmitType(ConfirmScanDto, ['scanId', 'requestId'] as const) {}

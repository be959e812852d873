import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PRIORITY_CATEGORIES,
  PriorityCategory,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_STATUS_UPDATES,
  TicketPriority,
  TicketStatus,
  TicketStatusUpdate,
} from '@mediq/contracts';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../common/validation';
import { PageQueryDto } from '../../institutions/dtos/institution.dtos';

export class AddToQueueDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  institutionId!: string;

  @ApiProperty({ format: 'uuid', description: 'The service (poli) to queue for' })
  @IsUUID()
  serviceId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The patient; defaults to the signed-in patient. Required for staff and kiosks.' })
  @IsOptional()
  @IsUUID()
  patientUserId?: string;

  @ApiPropertyOptional({
    description: 'Idempotency key (e.g. the kiosk scan id): the same key always returns the same ticket. Defaults to the x-request-id header.',
    maxLength: 128,
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{8,128}$/, { message: 'requestId must be 8-128 letters, digits, dots, colons, dashes or underscores' })
  requestId?: string;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES, default: 'NORMAL', description: 'Only staff may choose other than NORMAL' })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional({ enum: PRIORITY_CATEGORIES, description: 'Declared by the patient or set by staff: the priority lane (HIGH)' })
  @IsOptional()
  @IsIn(PRIORITY_CATEGORIES)
  category?: PriorityCategory;

  @ApiPropertyOptional({ example: '1958-09-25', description: 'The KTP birth date, when known: at the institution lansiaAge the ticket is LANSIA' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'patientBirthDate must be written YYYY-MM-DD' })
  patientBirthDate?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  notes?: string;
}

export class ListTicketsQueryDto extends PageQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  institutionId!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  serviceId?: string;

  @ApiPropertyOptional({ enum: TICKET_STATUSES })
  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @ApiPropertyOptional({ example: '2026-11-25', description: 'Institution-local day' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}

export class QueueStatsQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  institutionId!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  serviceId?: string;

  @ApiPropertyOptional({ example: '2026-11-25', description: 'Institution-local day; defaults to today' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}

export class WaitingLineQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  serviceId!: string;
}

export class CallNextDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  serviceId!: string;

  @ApiProperty({ example: 'Loket 2', maxLength: 32, description: 'The counter or desk calling' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  counter!: string;
}

export class CallTicketDto {
  @ApiProperty({ example: 'Loket 2', maxLength: 32 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  counter!: string;
}

export class UpdateTicketStatusDto {
  @ApiProperty({ enum: TICKET_STATUS_UPDATES, description: 'WAITING (recall later), IN_PROGRESS, COMPLETED or NO_SHOW' })
  @IsIn(TICKET_STATUS_UPDATES)
  status!: TicketStatusUpdate;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  notes?: string;
}

export class TransferTicketDto {
  @ApiProperty({ format: 'uuid', description: 'Another service of the same institution' })
  @IsUUID()
  serviceId!: string;
}

export class CancelTicketQueryDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

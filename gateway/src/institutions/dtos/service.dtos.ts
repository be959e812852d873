import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { toBoolean } from './institution.dtos';

export class OpeningPeriodDto {
  @ApiProperty({ example: '08:00' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'open must be a time HH:MM' })
  open!: string;

  @ApiProperty({ example: '12:00', description: '24:00 means midnight' })
  @Matches(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'close must be a time HH:MM (or 24:00)' })
  close!: string;
}

/** Local periods per weekday in the institution's timezone; a day left out is closed. */
export class OpeningHoursDto {
  @ApiPropertyOptional({ type: [OpeningPeriodDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => OpeningPeriodDto) mon?: OpeningPeriodDto[];
  @ApiPropertyOptional({ type: [OpeningPeriodDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => OpeningPeriodDto) tue?: OpeningPeriodDto[];
  @ApiPropertyOptional({ type: [OpeningPeriodDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => OpeningPeriodDto) wed?: OpeningPeriodDto[];
  @ApiPropertyOptional({ type: [OpeningPeriodDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => OpeningPeriodDto) thu?: OpeningPeriodDto[];
  @ApiPropertyOptional({ type: [OpeningPeriodDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => OpeningPeriodDto) fri?: OpeningPeriodDto[];
  @ApiPropertyOptional({ type: [OpeningPeriodDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => OpeningPeriodDto) sat?: OpeningPeriodDto[];
  @ApiPropertyOptional({ type: [OpeningPeriodDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => OpeningPeriodDto) sun?: OpeningPeriodDto[];
}

class ServiceFieldsDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Pemeriksaan umum' }) @IsOptional() @IsString() @MaxLength(500) description?: string | null;

  @ApiPropertyOptional({ type: 'integer', example: 80, nullable: true, description: 'Tickets per local day; null = unlimited' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  dailyQuota?: number | null;

  @ApiPropertyOptional({ type: OpeningHoursDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OpeningHoursDto)
  openingHours?: OpeningHoursDto;

  @ApiPropertyOptional({ example: 10, default: 10 }) @IsOptional() @IsInt() @Min(1) @Max(480) averageServiceMinutes?: number;

  @ApiPropertyOptional({ example: 2, default: 2, description: 'The fewest minutes per patient an ETA may assume' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  minServiceMinutes?: number;

  @ApiPropertyOptional({ type: 'integer', example: 1, nullable: true, description: 'Priority-lane calls per round while both lanes wait; null with generalLaneCalls = strict priority' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  priorityLaneCalls?: number | null;

  @ApiPropertyOptional({ type: 'integer', example: 2, nullable: true, description: 'General-lane calls per round while both lanes wait' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  generalLaneCalls?: number | null;
}

export class CreateServiceDto extends ServiceFieldsDto {
  @ApiProperty({ example: 'A', description: '1-3 letters, unique in the institution: the ticket prefix (A-007)' })
  @IsString()
  @Matches(/^[A-Za-z]{1,3}$/, { message: 'code must be 1-3 letters' })
  code!: string;

  @ApiProperty({ example: 'Poli Umum' }) @IsString() @Length(2, 100) name!: string;
}

export class UpdateServiceDto extends ServiceFieldsDto {
  @ApiPropertyOptional({ example: 'Poli Umum' }) @IsOptional() @IsString() @Length(2, 100) name?: string;
  @ApiPropertyOptional({ description: 'false: listed to staff only, accepts no tickets' }) @IsOptional() @IsBoolean() active?: boolean;
}

export class ListServicesQueryDto {
  @ApiPropertyOptional({ description: 'Also list inactive services' }) @IsOptional() @Transform(toBoolean) @IsBoolean() includeInactive?: boolean;
}

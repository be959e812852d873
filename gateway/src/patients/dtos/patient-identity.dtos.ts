import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

/** Staff correcting who a patient is; at least one field, and always a reason. */
export class CorrectIdentityDto {
  @ApiPropertyOptional({ description: 'The name as printed on the KTP' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;

  @ApiPropertyOptional({ type: 'string', nullable: true, example: '1990-08-17' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a date written YYYY-MM-DD' })
  birthDate?: string | null;

  @ApiPropertyOptional({ enum: ['MALE', 'FEMALE'], nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsIn(['MALE', 'FEMALE'], { message: 'gender must be MALE or FEMALE' })
  gender?: 'MALE' | 'FEMALE' | null;

  @ApiPropertyOptional({ type: 'string', nullable: true }) @IsOptional() @ValidateIf((_, value) => value !== null) @IsString() @MaxLength(100) birthPlace?: string | null;

  @ApiProperty({ minLength: 5, maxLength: 500, example: 'Nama salah baca saat pendaftaran di kiosk; dicocokkan dengan KTP asli' })
  @IsString()
  @MinLength(5, { message: 'reason must say why, in at least 5 characters' })
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional({ type: [String], description: 'Review flags this correction settles (all open ones when omitted)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  resolvesFlags?: string[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BLOOD_TYPES, BloodType, NikGender, Role, ROLES } from '@mediq/contracts';
import { Type } from 'class-transformer';
import { IsCalendarDate } from '../../common/validation';
import { IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

/** KTP fields, all optional; null clears a field on update. */
export class KtpProfileDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'JAKARTA' }) @IsOptional() @IsString() @MaxLength(100) birthPlace?: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '1990-08-17', description: 'As printed on the card (YYYY-MM-DD), a real calendar day' })
  @IsOptional() @IsCalendarDate() birthDate?: string | null;
  @ApiPropertyOptional({ enum: ['MALE', 'FEMALE'], nullable: true }) @IsOptional() @IsIn(['MALE', 'FEMALE']) gender?: NikGender | null;
  @ApiPropertyOptional({ enum: BLOOD_TYPES, nullable: true }) @IsOptional() @IsIn(BLOOD_TYPES) bloodType?: BloodType | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(500) address?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '001/002' }) @IsOptional() @Matches(/^\d{1,3}\/\d{1,3}$/, { message: 'rtRw must look like 001/002' }) rtRw?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(100) kelurahan?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(100) kecamatan?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(100) kabupatenKota?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(100) provinsi?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(50) religion?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(50) maritalStatus?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(100) occupation?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'WNI' }) @IsOptional() @IsString() @MaxLength(50) nationality?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'SEUMUR HIDUP' }) @IsOptional() @IsString() @MaxLength(32) validUntil?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '081234567890' }) @IsOptional() @Matches(/^\+?[0-9 -]{6,20}$/, { message: 'phone must be digits, optionally starting with +' }) phone?: string | null;
}

export class CreatePatientDto extends KtpProfileDto {
  @ApiProperty({ description: '16 digits; checked for format, province and date part', example: '3201014508900001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  nik!: string;

  @ApiProperty({ description: 'As printed on the KTP' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class UpdateUserDto extends KtpProfileDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ description: 'Staff only' }) @IsOptional() @IsEmail({}, { message: 'email must be a valid e-mail address' }) email?: string;
  @ApiPropertyOptional({ description: 'ADMIN_FASKES only, for a staff account: true ends its sessions at once and refuses its sign-in' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class CreateStaffDto {
  @ApiProperty({ enum: ['OPERATOR', 'ADMIN_FASKES'] })
  @IsIn(['OPERATOR', 'ADMIN_FASKES'], { message: 'role must be OPERATOR or ADMIN_FASKES' })
  role!: 'OPERATOR' | 'ADMIN_FASKES';

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty() @IsEmail({}, { message: 'email must be a valid e-mail address' }) @MaxLength(200) email!: string;
  @ApiProperty({ format: 'password', minLength: 12, maxLength: 128, description: 'At least 12 characters and not easy to guess (zxcvbn score 3+, counting the e-mail, name and institution): refused with WEAK_PASSWORD otherwise' })
  @IsString() @MaxLength(128) password!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\+?[0-9 -]{6,20}$/, { message: 'phone must be digits, optionally starting with +' }) phone?: string;
}

export class UpdateRoleDto {
  @ApiProperty({ enum: ['OPERATOR', 'ADMIN_FASKES'] })
  @IsIn(['OPERATOR', 'ADMIN_FASKES'], { message: 'role must be OPERATOR or ADMIN_FASKES' })
  role!: Role;
}

export class ListUsersQuery {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ description: 'Part of a name' }) @IsOptional() @IsString() @MaxLength(100) search?: string;
}

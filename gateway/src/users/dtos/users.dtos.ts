import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BLOOD_TYPES, BloodType, NikGender, Role, ROLES } from '@mediq/contracts';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** KTP fields, all optional; null clears a field on update. */
export class KtpProfileDto {
  @ApiPropertyOptional({ example: 'JAKARTA' }) @IsOptional() @IsString() @MaxLength(100) birthPlace?: string | null;
  @ApiPropertyOptional({ example: '1990-08-17', description: 'As printed on the card (YYYY-MM-DD)' })
  @IsOptional() @Matches(ISO_DATE, { message: 'birthDate must be written YYYY-MM-DD' }) birthDate?: string | null;
  @ApiPropertyOptional({ enum: ['MALE', 'FEMALE'] }) @IsOptional() @IsIn(['MALE', 'FEMALE']) gender?: NikGender | null;
  @ApiPropertyOptional({ enum: BLOOD_TYPES }) @IsOptional() @IsIn(BLOOD_TYPES) bloodType?: BloodType | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) address?: string | null;
  @ApiPropertyOptional({ example: '001/002' }) @IsOptional() @Matches(/^\d{1,3}\/\d{1,3}$/, { message: 'rtRw must look like 001/002' }) rtRw?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) kelurahan?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) kecamatan?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) kabupatenKota?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) provinsi?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) religion?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) maritalStatus?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) occupation?: string | null;
  @ApiPropertyOptional({ example: 'WNI' }) @IsOptional() @IsString() @MaxLength(50) nationality?: string | null;
  @ApiPropertyOptional({ example: 'SEUMUR HIDUP' }) @IsOptional() @IsString() @MaxLength(32) validUntil?: string | null;
  @ApiPropertyOptional({ example: '081234567890' }) @IsOptional() @Matches(/^\+?[0-9 -]{6,20}$/, { message: 'phone must be digits, optionally starting with +' }) phone?: string | null;
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
  @ApiProperty({ format: 'password', minLength: 10 }) @IsString() @MinLength(10) @MaxLength(128) password!: string;
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

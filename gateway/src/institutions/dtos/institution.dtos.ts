import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { INSTITUTION_TYPES, InstitutionType } from '@mediq/contracts';

/** Query-string booleans: "true"/"false" (anything else fails validation with the field name). */
export const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class PageQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class ListInstitutionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'Jakarta Selatan' }) @IsOptional() @IsString() @MaxLength(100) city?: string;
  @ApiPropertyOptional({ example: 'DKI Jakarta' }) @IsOptional() @IsString() @MaxLength(100) province?: string;
  @ApiPropertyOptional({ enum: INSTITUTION_TYPES }) @IsOptional() @IsIn(INSTITUTION_TYPES) type?: InstitutionType;
  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean() active?: boolean;
}

export class SearchInstitutionsQueryDto extends PageQueryDto {
  @ApiProperty({ example: 'pkm tebet', description: 'Words in any order; typos and abbreviations (pkm, rs, rsud, kec., kab.) are fine' })
  @IsString()
  @Length(2, 100)
  q!: string;
}

export class CreateInstitutionDto {
  @ApiProperty({ example: 'PKM-TEBET', description: '2-32 letters, digits or dashes; unique' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/, { message: 'code must be 2-32 letters, digits or dashes' })
  code!: string;

  @ApiProperty({ example: 'Puskesmas Kecamatan Tebet' }) @IsString() @Length(3, 200) name!: string;
  @ApiProperty({ enum: INSTITUTION_TYPES }) @IsIn(INSTITUTION_TYPES) type!: InstitutionType;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Jl. Prof. Dr. Soepomo No. 54' }) @IsOptional() @IsString() @MaxLength(500) address?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Tebet Barat' }) @IsOptional() @IsString() @MaxLength(100) kelurahan?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Tebet' }) @IsOptional() @IsString() @MaxLength(100) kecamatan?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Jakarta Selatan' }) @IsOptional() @IsString() @MaxLength(100) city?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'DKI Jakarta' }) @IsOptional() @IsString() @MaxLength(100) province?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '021-8297000' }) @IsOptional() @IsString() @MaxLength(32) phone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'pkm.tebet@example.go.id' }) @IsOptional() @IsEmail() @MaxLength(200) email?: string | null;
  @ApiPropertyOptional({ example: 'Asia/Jakarta', default: 'Asia/Jakarta', description: 'IANA timezone of the opening hours' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional({ example: 60, default: 60, description: 'Age from which a patient is lansia (priority lane)' })
  @IsOptional()
  @IsInt()
  @Min(45)
  @Max(90)
  lansiaAge?: number;
}

export class UpdateInstitutionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(3, 200) name?: string;
  @ApiPropertyOptional({ enum: INSTITUTION_TYPES }) @IsOptional() @IsIn(INSTITUTION_TYPES) type?: InstitutionType;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(500) address?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(100) kelurahan?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(100) kecamatan?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(100) city?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(100) province?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(32) phone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsEmail() @MaxLength(200) email?: string | null;
  @ApiPropertyOptional({ example: 'Asia/Makassar' }) @IsOptional() @IsString() @MaxLength(64) timezone?: string;
  @ApiPropertyOptional({ example: 60, description: 'Age from which a patient is lansia (priority lane)' }) @IsOptional() @IsInt() @Min(45) @Max(90) lansiaAge?: number;
  @ApiPropertyOptional({ description: 'false: stays listed but accepts no tickets' }) @IsOptional() @IsBoolean() active?: boolean;
}

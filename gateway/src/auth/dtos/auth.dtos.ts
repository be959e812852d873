import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class LoginAdminDto {
  @ApiProperty({ example: 'admin@puskesmas.example' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  email!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password!: string;

  @ApiPropertyOptional({ description: 'The 6-digit authenticator code, once two-factor sign-in is enabled', example: '123456' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'totpCode must be the 6-digit code from the authenticator app' })
  totpCode?: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'operator@puskesmas.example' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  email!: string;

  @ApiProperty({ format: 'password', description: 'The current password, or the one-time password an administrator set' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  currentPassword!: string;

  @ApiProperty({ format: 'password', minLength: 12, maxLength: 128, description: 'At least 12 characters and not easy to guess (WEAK_PASSWORD otherwise)' })
  @IsString()
  @MaxLength(128)
  newPassword!: string;

  @ApiPropertyOptional({ description: 'The 6-digit authenticator code, once two-factor sign-in is enabled', example: '123456' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'totpCode must be the 6-digit code from the authenticator app' })
  totpCode?: string;
}

export class LoginUserDto {
  @ApiProperty({ description: 'NIK from the KTP, 16 digits', example: '3201014508900001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  nik!: string;

  @ApiProperty({ description: 'Name as printed on the KTP; case, repeated spaces and punctuation are ignored' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class RefreshDto {
  @ApiPropertyOptional({ description: 'The refresh token; may instead be sent as the Bearer token' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  refreshToken?: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'The refresh token of the session to end; otherwise the Bearer token (access or refresh) is used' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  refreshToken?: string;
}

export class TotpConfirmDto {
  @ApiProperty({ example: '123456' })
  @Matches(/^\d{6}$/, { message: 'code must be the 6-digit code from the authenticator app' })
  code!: string;
}

export class IssueKioskKeyDto {
  @ApiProperty({ description: 'Which device this key is for', example: 'Kiosk lobby 1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  label!: string;
}

import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@mediq/common';
import { Actor, AuthContracts, ErrorCode, LoginReply, TokenPair, TotpEnrolment } from '@mediq/contracts';
import type { Request, Response } from 'express';
import { RateLimit } from '../common/rate-limit/rate-limit.decorator';
import { DownstreamService } from '../rpc/downstream.service';
import { CurrentActor, Public, Roles } from './auth.decorators';
import { bearerToken } from './auth.guard';
import { ChangePasswordDto, LoginAdminDto, LoginUserDto, LogoutDto, RefreshDto, TotpConfirmDto } from './dtos/auth.dtos';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly downstream: DownstreamService) {}

  /** Staff sign-in: e-mail + password (+ TOTP code once enrolled). */
  @Public()
  @Post('login/admin')
  @RateLimit('login')
  @HttpCode(HttpStatus.OK)
  loginAdmin(@Body() body: LoginAdminDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginReply> {
    return withRetryAfter(res, () => this.downstream.call(AuthContracts.loginAdmin, { ...body, clientIp: req.ip }));
  }

  /** Patient sign-in: NIK + name as printed on the KTP. */
  @Public()
  @Post('login/user')
  @RateLimit('login')
  @HttpCode(HttpStatus.OK)
  loginUser(@Body() body: LoginUserDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginReply> {
    return withRetryAfter(res, () => this.downstream.call(AuthContracts.loginUser, { ...body, clientIp: req.ip }));
  }

  /**
   * Staff change their own password: e-mail, current password (+ TOTP code once enrolled) and the new
   * one (at least 12 characters, not easy to guess: WEAK_PASSWORD otherwise). The way out of a
   * one-time password (PASSWORD_CHANGE_REQUIRED at sign-in). Counted like a sign-in; the account's
   * other sessions end and a new one is returned.
   */
  @Public()
  @Post('password')
  @RateLimit('login')
  @HttpCode(HttpStatus.OK)
  changePassword(@Body() body: ChangePasswordDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginReply> {
    return withRetryAfter(res, () => this.downstream.call(AuthContracts.changePassword, { ...body, clientIp: req.ip }));
  }

  /** A new token pair for a refresh token in the body; the old refresh token stops working. */
  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  refresh(@Body() body: RefreshDto, @Req() req: Request): Promise<TokenPair> {
    return this.downstream.call(AuthContracts.refresh, { refreshToken: requiredToken(body.refreshToken ?? bearerToken(req)) });
  }

  /** The same, with the refresh token as the Bearer token. */
  @Public()
  @Get('refresh')
  @ApiBearerAuth()
  refreshWithBearer(@Req() req: Request): Promise<TokenPair> {
    return this.downstream.call(AuthContracts.refresh, { refreshToken: requiredToken(bearerToken(req)) });
  }

  /** Ends the session of the refresh token in the body, or of the Bearer token (access or refresh). */
  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.OK)
  logout(@Body() body: LogoutDto, @Req() req: Request): Promise<{ loggedOut: true }> {
    return this.downstream.call(AuthContracts.logout, { token: requiredToken(body.refreshToken ?? bearerToken(req)) });
  }

  @Public()
  @Get('logout')
  @ApiBearerAuth()
  logoutWithBearer(@Req() req: Request): Promise<{ loggedOut: true }> {
    return this.downstream.call(AuthContracts.logout, { token: requiredToken(bearerToken(req)) });
  }

  /** Staff: start two-factor enrolment; returns the secret for the authenticator app. */
  @Roles('OPERATOR', 'ADMIN_FASKES')
  @Post('totp/enrol')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  totpEnrol(@CurrentActor() actor: Actor): Promise<TotpEnrolment> {
    return this.downstream.call(AuthContracts.totpEnrol, {}, { actor });
  }

  /** Staff: confirm enrolment with a code from the app; from then on sign-in needs a code. */
  @Roles('OPERATOR', 'ADMIN_FASKES')
  @Post('totp/confirm')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  totpConfirm(@CurrentActor() actor: Actor, @Body() body: TotpConfirmDto): Promise<{ totpEnabled: true }> {
    return this.downstream.call(AuthContracts.totpConfirm, { code: body.code }, { actor });
  }
}

function requiredToken(token: string | undefined): string {
  if (!token) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Send the token as refreshToken in the body or as the Bearer token');
  return token;
}

/** A 429 from the sign-in limits carries the exact wait in Retry-After. */
async function withRetryAfter<T>(res: Response, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const wait = error instanceof DomainError && error.code === ErrorCode.TOO_MANY_REQUESTS ? error.details?.retryAfterSeconds : undefined;
    if (typeof wait === 'number') res.setHeader('Retry-After', String(wait));
    throw error;
  }
}

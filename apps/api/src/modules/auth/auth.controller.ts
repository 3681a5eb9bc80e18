import { Body, Controller, Get, HttpCode, Inject, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowedBeforePasswordChange, CurrentPrincipal, Public } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import type { Principal } from './auth.types.js';
import { ChangePasswordDto, LoginDto, RefreshDto } from './dto/auth.dto.js';
import { LoginRateLimiter } from './login-rate-limiter.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(LoginRateLimiter) private readonly limiter: LoginRateLimiter,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: a short-lived access token and a one-time refresh token' })
  async login(@Body() body: LoginDto, @Ip() clientAddress: string | undefined) {
    await this.limiter.take(body.username, clientAddress);
    return this.auth.login(body.username, body.password);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair (the old one stops working)' })
  refresh(@Body() body: RefreshDto) {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @AllowedBeforePasswordChange()
  @HttpCode(204)
  @ApiBearerAuth()
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.auth.logout(principal);
  }

  @Get('me')
  @AllowedBeforePasswordChange()
  @ApiBearerAuth()
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Post('password')
  @AllowedBeforePasswordChange()
  @HttpCode(204)
  @ApiBearerAuth()
  async changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(principal, body.currentPassword, body.newPassword);
  }
}

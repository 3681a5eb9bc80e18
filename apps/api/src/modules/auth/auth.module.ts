import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ENV, type Env } from '../../config/env.js';
import { AuditModule } from '../audit/audit.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { DefaultCredentialsCheck } from './default-credentials.check.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { LoginThrottleRepository } from './login-throttle.repository.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [
    AuditModule,
    JwtModule.registerAsync({
      inject: [ENV],
      // One algorithm, named on both sides: a token in any other (HS384, none …) is refused.
      useFactory: (env: Env) => ({
        secret: env.JWT_SECRET,
        signOptions: { algorithm: 'HS256', expiresIn: env.ACCESS_TOKEN_TTL_SECONDS },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    UsersService,
    UsersRepository,
    DefaultCredentialsCheck,
    LoginRateLimiter,
    LoginThrottleRepository,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, UsersRepository, DefaultCredentialsCheck],
})
export class AuthModule {}

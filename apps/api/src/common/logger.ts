import { type LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';

/** Credentials pino-http would otherwise log with every request: the web app's bearer token, cookies. */
const REDACTED_LOG_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'];

/** Structured JSON logs on stdout (or `destination`); one logger for Nest's own messages and for requests. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'planwatch-api' }, timestamp: pino.stdTimeFunctions.isoTime, redact: REDACTED_LOG_PATHS };
  return destination ? pino(options, destination) : pino(options);
}

export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

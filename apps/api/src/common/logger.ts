import { type LoggerService } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** Structured JSON logs on stdout (or `destination`); one logger for Nest's own messages and for requests. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'planwatch-api' }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * One log line per request, with its id (taken from x-request-id or made, and sent back).
 * Requests are logged without their headers: those carry the web app's bearer token and the
 * session cookies (and leaving them out costs less than redacting them on every line).
 */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (request: IncomingMessage, response: ServerResponse) => {
      const id = (request.headers['x-request-id'] as string | undefined) ?? randomUUID();
      response.setHeader('x-request-id', id);
      return id;
    },
    serializers: {
      // `client`: the address Express derives through the trusted proxies (TRUST_PROXY).
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string; raw?: { ip?: string } }) => ({ id: req.id, method: req.method, url: req.url, remoteAddress: req.remoteAddress, client: req.raw?.ip }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
  });
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

import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { finished } from 'node:stream/promises';
import { finalize, type Observable } from 'rxjs';
import { ENV, type Env } from '../../config/env.js';
import { UploadQueue } from './upload-queue.js';

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** How long a refused upload is told to wait before trying again. */
const RETRY_AFTER_SECONDS = 30;

/**
 * Takes a turn in the upload queue, then reads one multipart file field (`file`) into memory,
 * refusing it once it passes UPLOAD_MAX_BYTES (413, with the limit in the message) — before
 * anything is parsed or stored. The turn lasts until the answer is sent; with the queue full,
 * the body is read and dropped and the answer is 503 with Retry-After and a Chinese message.
 */
@Injectable()
export class UploadInterceptor implements NestInterceptor {
  private readonly single: ReturnType<ReturnType<typeof multer>['single']>;

  constructor(
    @Inject(ENV) private readonly env: Env,
    @Inject(UploadQueue) private readonly queue: UploadQueue,
  ) {
    this.single = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: env.UPLOAD_MAX_BYTES, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 },
      defParamCharset: 'utf8',
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const release = await this.queue.acquire();
    if (!release) {
      // Read to the end (dropping it) so the client, still sending, gets the answer.
      request.resume();
      await finished(request).catch(() => undefined);
      response.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
      throw new ServiceUnavailableException({
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        code: 'upload_busy',
        message: `服务器正在处理其他上传文件，请约${RETRY_AFTER_SECONDS}秒后重新上传`,
      });
    }
    try {
      await this.read(request, response);
    } catch (error) {
      release();
      throw error;
    }
    return next.handle().pipe(finalize(release));
  }

  private read(request: Request, response: Response): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.single(request, response, (error: unknown) => {
        if (!error) return resolve();
        if (error instanceof multer.MulterError) {
          if (error.code === 'LIMIT_FILE_SIZE') {
            return reject(
              new PayloadTooLargeException({
                statusCode: HttpStatus.PAYLOAD_TOO_LARGE,
                error: 'Payload Too Large',
                code: 'too_large',
                message: `上传文件超过${megabytes(this.env.UPLOAD_MAX_BYTES)}的大小上限，请拆分或精简后重新上传`,
              }),
            );
          }
          return reject(new BadRequestException({ statusCode: 400, error: 'Bad Request', code: error.code, message: `上传格式错误：请以multipart表单的"file"字段上传一个文件（${error.message}）` }));
        }
        return reject(new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `无法读取上传内容：${error instanceof Error ? error.message : String(error)}` }));
      });
    });
  }
}

import { Module } from '@nestjs/common';
import { UploadInterceptor } from './upload.interceptor.js';
import { UploadQueue } from './upload-queue.js';

/**
 * Reading uploaded files, for every module that takes them (填报 files, 督办 attachments): one
 * queue per process, so the memory bound holds across all of them.
 */
@Module({
  providers: [UploadInterceptor, UploadQueue],
  exports: [UploadInterceptor, UploadQueue],
})
export class UploadsModule {}

import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { messageLink, notificationFacts, type OutgoingNotification } from '@planwatch/shared';
import nodemailer from 'nodemailer';
import { escapeHtml } from '../../common/escape-html.js';
import { ENV, type Env } from '../../config/env.js';
import { DeliveryError, DeliveryPolicy } from './delivery.policy.js';

interface EmailConfig {
  to: string[];
  cc?: string[];
  subjectPrefix?: string;
}

type Transporter = ReturnType<typeof nodemailer.createTransport>;

/** The Message-ID of a notification: derived from its idempotency key, so a retry is the same message. */
export function messageIdFor(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@planwatch.local>`;
}

/**
 * E-mail over SMTP (SMTP_URL, e.g. smtp://user:pass@mail.example.cn:587; MAIL_FROM). One
 * connection per message, so a server that was down is simply tried again on the next attempt.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private transporter: Transporter | null = null;

  constructor(
    @Inject(ENV) private readonly env: Env,
    @Inject(DeliveryPolicy) private readonly policy: DeliveryPolicy,
  ) {}

  private transport(): Transporter {
    if (!this.env.SMTP_URL) throw new DeliveryError('未配置SMTP_URL，无法发送邮件', false);
    this.transporter ??= nodemailer.createTransport({
      url: this.env.SMTP_URL,
      connectionTimeout: this.policy.requestTimeoutMs,
      greetingTimeout: this.policy.requestTimeoutMs,
      socketTimeout: this.policy.requestTimeoutMs * 3,
    });
    return this.transporter;
  }

  async send(notification: OutgoingNotification, config: EmailConfig): Promise<void> {
    const target = messageLink(notification);
    const link = target ? `\n${target.label}：${target.url}` : '';
    const footer = `\n\n——\n${notificationFacts(notification)}${link}\nPlanWatch 上党区产业布局规划监测平台`;
    try {
      await this.transport().sendMail({
        from: this.env.MAIL_FROM,
        to: config.to,
        cc: config.cc,
        subject: `${config.subjectPrefix ?? '[PlanWatch]'} ${notification.title}`,
        text: `${notification.body}${footer}`,
        html: `<div style="font-family:sans-serif;line-height:1.6"><h3>${escapeHtml(notification.title)}</h3><p>${escapeHtml(notification.body).replace(/\n/g, '<br>')}</p><p style="color:#888">${escapeHtml(footer).replace(/\n/g, '<br>')}</p></div>`,
        messageId: messageIdFor(notification.idempotencyKey),
        headers: { 'X-PlanWatch-Idempotency-Key': notification.idempotencyKey, 'X-PlanWatch-Event': notification.event },
      });
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      const e = error as { message?: string; responseCode?: number; code?: string };
      const message = `SMTP ${e.responseCode ?? e.code ?? ''}: ${e.message ?? String(error)}`.trim();
      // 5xx replies (mailbox unknown, relay denied) will not change by retrying.
      if (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600) {
        throw new DeliveryError(message, { kind: 'permanent', fault: { code: `smtp_${e.responseCode}`, message: `邮件服务器拒绝投递（${message.slice(0, 200)}）：请核对收件地址和 SMTP 设置` } });
      }
      // A message whose server went silent may have been taken in all the same.
      throw new DeliveryError(message, e.code === 'ETIMEDOUT' ? { kind: 'timeout' } : { kind: 'transient' });
    }
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}

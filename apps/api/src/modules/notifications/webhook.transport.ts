import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  dingtalkPayload,
  dingtalkSignedUrl,
  isRetryableStatus,
  jsonPayload,
  planwatchSignature,
  SIGNATURE_HEADER,
  wecomMessage,
  type HmacSha256,
  type OutgoingNotification,
} from '@planwatch/shared';
import { DeliveryError, DeliveryPolicy } from './delivery.policy.js';

export const NODE_HMAC: HmacSha256 = {
  hex: (key, message) => createHmac('sha256', key).update(message, 'utf8').digest('hex'),
  base64: (key, message) => createHmac('sha256', key).update(message, 'utf8').digest('base64'),
};

interface WebhookConfig {
  url: string;
  secret?: string;
  headers?: Record<string, string>;
}

/**
 * Posts a notification to a webhook: plain JSON, or the WeCom / DingTalk robot formats. Every
 * request carries `Idempotency-Key`; with a secret, plain and WeCom hooks get
 * `X-PlanWatch-Signature` and DingTalk URLs its own timestamp/sign parameters. Signing uses
 * the wall clock on purpose: the receiver checks the timestamp against its own clock.
 */
@Injectable()
export class WebhookTransport {
  constructor(@Inject(DeliveryPolicy) private readonly policy: DeliveryPolicy) {}

  async send(notification: OutgoingNotification, kind: 'webhook' | 'wecom' | 'dingtalk', config: WebhookConfig): Promise<void> {
    const payload = kind === 'wecom' ? wecomMessage(notification) : kind === 'dingtalk' ? dingtalkPayload(notification) : jsonPayload(notification);
    const body = JSON.stringify(payload);
    const nowMs = Date.now();
    const headers: Record<string, string> = {
      ...(config.headers ?? {}),
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'PlanWatch/1.0',
      'idempotency-key': notification.idempotencyKey,
      'x-planwatch-event': notification.event,
    };
    let url = config.url;
    if (config.secret && kind === 'dingtalk') url = dingtalkSignedUrl(url, config.secret, nowMs, NODE_HMAC);
    else if (config.secret) headers[SIGNATURE_HEADER.toLowerCase()] = planwatchSignature(body, config.secret, Math.floor(nowMs / 1000), NODE_HMAC);

    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers, body, redirect: 'error', signal: AbortSignal.timeout(this.policy.requestTimeoutMs) });
    } catch (error) {
      const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      throw new DeliveryError(`请求失败：${cause}`, false);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new DeliveryError(`HTTP ${response.status}: ${text.slice(0, 300)}`, !isRetryableStatus(response.status));
    if (kind !== 'webhook') {
      // Robots answer 200 with {errcode, errmsg}; anything but 0 did not reach the group.
      let reply: { errcode?: number; errmsg?: string } = {};
      try {
        reply = JSON.parse(text) as typeof reply;
      } catch {
        throw new DeliveryError(`机器人应答无法解析：${text.slice(0, 200)}`, false);
      }
      if (reply.errcode !== undefined && reply.errcode !== 0) throw new DeliveryError(`机器人返回错误 ${reply.errcode}: ${reply.errmsg ?? ''}`, false);
    }
  }
}

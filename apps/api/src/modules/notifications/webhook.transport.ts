import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { STATUS_CODES } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
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
import { EgressPolicy } from './egress-policy.js';

export const NODE_HMAC: HmacSha256 = {
  hex: (key, message) => createHmac('sha256', key).update(message, 'utf8').digest('hex'),
  base64: (key, message) => createHmac('sha256', key).update(message, 'utf8').digest('base64'),
};

interface WebhookConfig {
  url: string;
  secret?: string;
  headers?: Record<string, string>;
}

/** Robot replies are a line of JSON; nothing more of any reply is read. */
const MAX_REPLY_BYTES = 64 * 1024;

/**
 * Posts a notification to a webhook: plain JSON, or the WeCom / DingTalk robot formats. Every
 * request carries `Idempotency-Key`; with a secret, plain and WeCom hooks get
 * `X-PlanWatch-Signature` and DingTalk URLs its own timestamp/sign parameters. Signing uses
 * the wall clock on purpose: the receiver checks the timestamp against its own clock.
 *
 * The address is checked as it is connected to: the host name is resolved here and every
 * address it resolves to must pass the egress policy, so a name that later points somewhere
 * else (DNS rebinding) is caught on the next send. A receiver's reply never reaches the stored
 * error beyond its status (and a robot's error code).
 */
@Injectable()
export class WebhookTransport {
  private readonly lookup: LookupFunction;

  constructor(
    @Inject(DeliveryPolicy) private readonly policy: DeliveryPolicy,
    @Inject(EgressPolicy) private readonly egress: EgressPolicy,
  ) {
    this.lookup = (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
        if (error) return callback(error, '', 0);
        const refused = addresses.map((a) => this.egress.addressProblem(a.address)).find((problem) => problem !== null);
        if (refused) return callback(Object.assign(new Error(refused), { code: 'EGRESS_DENIED' }), '', 0);
        if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
        return callback(null, addresses[0]!.address, addresses[0]!.family);
      });
    };
  }

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

    const refused = this.egress.urlProblem(kind, config.url);
    if (refused) throw new DeliveryError(refused, true);
    const { status, text } = await this.post(new URL(url), headers, body);
    if (status < 200 || status >= 300) throw new DeliveryError(`HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trim(), !isRetryableStatus(status));
    if (kind !== 'webhook') {
      // Robots answer 200 with {errcode, errmsg}; anything but 0 did not reach the group.
      let reply: { errcode?: number; errmsg?: string } = {};
      try {
        reply = JSON.parse(text) as typeof reply;
      } catch {
        throw new DeliveryError('机器人应答无法解析', false);
      }
      if (reply.errcode !== undefined && reply.errcode !== 0) throw new DeliveryError(`机器人返回错误 ${reply.errcode}: ${String(reply.errmsg ?? '').slice(0, 100)}`, false);
    }
  }

  /** One POST, no redirects followed, at most MAX_REPLY_BYTES of the reply read. */
  private post(url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const failed = (error: Error & { code?: string }) =>
        reject(new DeliveryError(`请求失败：${error.message}`, error.code === 'EGRESS_DENIED'));
      const request = client.request(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          // IP literals are never looked up: urlProblem checked them.
          lookup: isIP(url.hostname.replace(/^\[|\]$/g, '')) === 0 ? this.lookup : undefined,
          signal: AbortSignal.timeout(this.policy.requestTimeoutMs),
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            if (size < MAX_REPLY_BYTES) chunks.push(chunk);
            size += chunk.length;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8').slice(0, MAX_REPLY_BYTES) }));
          response.on('error', failed);
        },
      );
      request.on('error', failed);
      request.end(body);
    });
  }
}

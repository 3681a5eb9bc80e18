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
  robotReplyVerdict,
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
 * request carries `Idempotency-Key`; with a secret, plain hooks get `X-PlanWatch-Signature` and
 * DingTalk URLs their 加签 timestamp/sign parameters (WeCom robots have no signing). Signing uses
 * the wall clock on purpose: the receiver checks the timestamp against its own clock. A robot's
 * `{errcode}` is read for what it means (robotReplyVerdict): over the rate, needs a person, or
 * worth a retry.
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
    else if (config.secret && kind === 'webhook') headers[SIGNATURE_HEADER.toLowerCase()] = planwatchSignature(body, config.secret, Math.floor(nowMs / 1000), NODE_HMAC);

    const refused = this.egress.urlProblem(kind, config.url);
    if (refused) throw new DeliveryError(refused, { kind: 'permanent', fault: { code: 'egress', message: refused } });
    const { status, text } = await this.post(new URL(url), headers, body);
    if (status < 200 || status >= 300) {
      const message = `HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trim();
      if (isRetryableStatus(status)) throw new DeliveryError(message, { kind: 'transient' });
      throw new DeliveryError(message, { kind: 'permanent', fault: { code: `http_${status}`, message: `接收方拒绝了请求（${message}）：请核对通道地址和接收方的设置` } });
    }
    if (kind !== 'webhook') this.checkRobotReply(kind, text);
  }

  /** Robots answer 200 with {errcode, errmsg}; anything but 0 did not reach the group. */
  private checkRobotReply(kind: 'wecom' | 'dingtalk', text: string): void {
    let reply: { errcode?: unknown; errmsg?: unknown };
    try {
      reply = JSON.parse(text) as typeof reply;
    } catch {
      throw new DeliveryError('机器人应答无法解析', { kind: 'transient' });
    }
    const verdict = robotReplyVerdict(kind, reply);
    if (verdict.kind === 'ok') return;
    const message = `机器人返回错误 ${verdict.code}: ${String(reply.errmsg ?? '').slice(0, 100)}`;
    switch (verdict.kind) {
      case 'rate_limited':
        throw new DeliveryError(message, { kind: 'rate_limited', pauseMs: this.policy.blockMs[kind] });
      case 'permanent':
        throw new DeliveryError(message, { kind: 'permanent', fault: { code: String(verdict.code), message: verdict.explanation } });
      case 'failed':
        throw new DeliveryError(message, { kind: 'transient' });
    }
  }

  /** One POST, no redirects followed, at most MAX_REPLY_BYTES of the reply read. */
  private post(url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
    const client = url.protocol === 'https:' ? https : http;
    const timeout = AbortSignal.timeout(this.policy.requestTimeoutMs);
    return new Promise((resolve, reject) => {
      const failed = (error: Error & { code?: string }) => {
        if (error.code === 'EGRESS_DENIED') return reject(new DeliveryError(`请求失败：${error.message}`, { kind: 'permanent', fault: { code: 'egress', message: error.message } }));
        // The request may have reached the receiver before the answer was lost.
        if (timeout.aborted || error.code === 'ETIMEDOUT') return reject(new DeliveryError(`请求超时（${this.policy.requestTimeoutMs} ms）`, { kind: 'timeout' }));
        reject(new DeliveryError(`请求失败：${error.message}`, { kind: 'transient' }));
      };
      const request = client.request(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          // IP literals are never looked up: urlProblem checked them.
          lookup: isIP(url.hostname.replace(/^\[|\]$/g, '')) === 0 ? this.lookup : undefined,
          signal: timeout,
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

import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dingtalkPayload,
  dingtalkSignedUrl,
  jsonPayload,
  planwatchSignature,
  truncateUtf8,
  verifyPlanwatchSignature,
  wecomPayload,
  type HmacSha256,
  type OutgoingNotification,
} from './payloads.js';
import { afterFailure, DEFAULT_RETRY_POLICY, isRetryableStatus, retryDelayMs } from './retry.js';
import { coalAlert } from './fixtures.test.js';

const hmac: HmacSha256 = {
  hex: (key, message) => createHmac('sha256', key).update(message).digest('hex'),
  base64: (key, message) => createHmac('sha256', key).update(message).digest('base64'),
};

const notification: OutgoingNotification = {
  idempotencyKey: 'gap:indicator:coal_output@140404#1:fired:ops',
  event: 'fired',
  title: '【红色预警】序时滞后：原煤产量（上党区）',
  body: '上党区原煤产量截至2026年9月严重滞后。\n预警规则：序时进度滞后',
  alert: coalAlert({ sample: true }),
};

describe('webhook payloads', () => {
  it('plain JSON carries the key, the event, the Chinese text and the alert', () => {
    expect(jsonPayload(notification)).toMatchObject({ idempotencyKey: notification.idempotencyKey, event: 'fired', text: notification.body, alert: { id: '7', severity: 'red' } });
  });

  it('WeCom: {msgtype:"markdown", markdown:{content}} with the severity coloured', () => {
    const payload = wecomPayload(notification);
    expect(payload.msgtype).toBe('markdown');
    expect(Object.keys(payload.markdown)).toEqual(['content']);
    expect(payload.markdown.content).toContain('### 【红色预警】序时滞后：原煤产量（上党区）');
    expect(payload.markdown.content).toContain('<font color="warning">红色</font>');
    expect(payload.markdown.content).toContain('> 上党区原煤产量');
    expect(payload.markdown.content).toContain('（示例数据）');
  });

  it('DingTalk: {msgtype:"markdown", markdown:{title, text}}', () => {
    const payload = dingtalkPayload(notification);
    expect(payload).toMatchObject({ msgtype: 'markdown', markdown: { title: notification.title } });
    expect(payload.markdown.text).toContain('### 【红色预警】');
  });

  it('signs DingTalk URLs as DingTalk documents: base64 HMAC-SHA256 of "timestamp\\nsecret", URL-encoded', () => {
    const secret = 'SEC0123456789abcdef';
    const ts = 1_763_856_000_000;
    const expected = encodeURIComponent(createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64'));
    expect(dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', secret, ts, hmac)).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=${ts}&sign=${expected}`,
    );
  });

  it('signs plain webhooks so the receiver can verify body and age', () => {
    const body = JSON.stringify(jsonPayload(notification));
    const header = planwatchSignature(body, 's3cret', 1_763_856_000, hmac);
    expect(header).toMatch(/^t=1763856000,v1=[0-9a-f]{64}$/);
    expect(verifyPlanwatchSignature(header, body, 's3cret', 1_763_856_100, hmac)).toBe(true);
    expect(verifyPlanwatchSignature(header, body + ' ', 's3cret', 1_763_856_100, hmac)).toBe(false);
    expect(verifyPlanwatchSignature(header, body, 'other', 1_763_856_100, hmac)).toBe(false);
    expect(verifyPlanwatchSignature(header, body, 's3cret', 1_763_857_000, hmac)).toBe(false);
  });

  it('law: truncation never exceeds the byte budget and keeps whole characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 8, max: 600 }), (text, max) => {
        const cut = truncateUtf8(text, max);
        expect(new TextEncoder().encode(cut).length).toBeLessThanOrEqual(Math.max(max, 0));
        expect(cut.includes('\uFFFD')).toBe(text.includes('\uFFFD'));
        if (new TextEncoder().encode(text).length <= max) expect(cut).toBe(text);
      }),
    );
  });
});

describe('retries: exponential backoff, a cap, a dead letter', () => {
  it('doubles from the base and stops at the cap', () => {
    const policy = { baseDelayMs: 1000, maxDelayMs: 10_000, maxAttempts: 5 };
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, policy))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(afterFailure(4, false, policy)).toEqual({ status: 'pending', delayMs: 8000 });
    expect(afterFailure(5, false, policy)).toEqual({ status: 'dead' });
    expect(afterFailure(1, true, policy)).toEqual({ status: 'dead' });
  });

  it('law: delays never decrease and never exceed the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 10_000_000 }), (n, base, cap) => {
        const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: base, maxDelayMs: Math.max(base, cap) };
        expect(retryDelayMs(n + 1, policy)).toBeGreaterThanOrEqual(retryDelayMs(n, policy));
        expect(retryDelayMs(n, policy)).toBeLessThanOrEqual(policy.maxDelayMs);
      }),
    );
  });

  it('retries server errors, timeouts and rate limits only', () => {
    expect([500, 502, 503, 408, 429].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 410, 422].some(isRetryableStatus)).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALERT_TYPES } from '../domain/types.js';
import { NOTIFICATION_EVENTS } from './alert.types.js';
import { channelGrouping, DEFAULT_NOTIFICATION_GROUPING, DIGEST_TOP_ITEMS, digestDueAt, digestText, type DigestItem } from './digest.js';
import { dingtalkPayload, jsonPayload, ROBOT_FOOTER, wecomMessage, wecomPayload, type OutgoingNotification } from './payloads.js';
import { nextSendSlot } from './rate-limit.js';
import { escapeRobotMarkdown } from './robot-markdown.js';
import { robotReplyVerdict } from './robot-replies.js';
import { coalAlert } from './fixtures.test.js';

const item = (overrides: Partial<DigestItem> = {}): DigestItem => ({
  alertId: '1',
  event: 'fired',
  severity: 'yellow',
  type: 'target_gap',
  title: '序时滞后：原煤产量（上党区）',
  owner: '能源局',
  ...overrides,
});

const itemArb = fc.record({
  alertId: fc.integer({ min: 1, max: 10_000 }).map(String),
  event: fc.constantFrom(...NOTIFICATION_EVENTS),
  severity: fc.constantFrom('yellow' as const, 'red' as const),
  type: fc.constantFrom(...ALERT_TYPES),
  title: fc.string({ minLength: 1, maxLength: 30 }),
  owner: fc.constantFrom('能源局', '工信局', '西火镇'),
});

describe('grouping as Alertmanager does it', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 0, 0, s));

  it('waits group_wait after the first notification, and group_interval after the last digest', () => {
    const grouping = { waitSeconds: 30, intervalSeconds: 300 };
    expect(digestDueAt({ firstQueuedAt: at(0), lastDigestAt: null }, grouping)).toEqual(at(30));
    expect(digestDueAt({ firstQueuedAt: at(100), lastDigestAt: at(0) }, grouping)).toEqual(at(300));
    expect(digestDueAt({ firstQueuedAt: at(400), lastDigestAt: at(0) }, grouping)).toEqual(at(430));
  });

  it('groups the channels people read, over the plan defaults, unless a channel says false', () => {
    expect(channelGrouping('dingtalk', {}, DEFAULT_NOTIFICATION_GROUPING)).toEqual(DEFAULT_NOTIFICATION_GROUPING);
    expect(channelGrouping('wecom', { grouping: { waitSeconds: 0 } }, DEFAULT_NOTIFICATION_GROUPING)).toEqual({ waitSeconds: 0, intervalSeconds: 300 });
    expect(channelGrouping('email', { grouping: false }, DEFAULT_NOTIFICATION_GROUPING)).toBeNull();
    expect(channelGrouping('webhook', {}, DEFAULT_NOTIFICATION_GROUPING)).toBeNull();
    expect(channelGrouping('in_app', {}, DEFAULT_NOTIFICATION_GROUPING)).toBeNull();
  });
});

describe('a digest: counts, the most urgent items with their 责任单位, and 及其他N条', () => {
  it('lists red first, then names how many more there are', () => {
    const items = [
      ...Array.from({ length: 12 }, (_, i) => item({ alertId: String(i + 10), title: `数据异常：指标${i + 10}`, type: 'anomaly' })),
      item({ alertId: '2', severity: 'red', title: '序时滞后：原煤产量（上党区）' }),
      item({ alertId: '3', severity: 'red', event: 'escalated', title: '预测不达标：光伏玻璃产能', type: 'projected_shortfall', owner: '工信局' }),
      item({ alertId: '4', event: 'resolved', title: '逾期未报：西火镇', type: 'late_submission', owner: '西火镇' }),
    ];
    const { title, body } = digestText(items, { number: 7, departmentName: '能源局' });
    expect(title).toBe('【预警摘要 #7】能源局：新预警13条，预警升级1条，预警解除1条');
    const lines = body.split('\n');
    expect(lines[0]).toBe('共15条：新预警13条，预警升级1条，预警解除1条。');
    expect(lines[1]).toBe('级别：红色2条，黄色13条。');
    expect(lines[2]).toBe('类型：序时滞后1条，预测不达标1条，逾期未报1条，数据异常12条。');
    expect(lines[3]).toBe('1. 【红色·预警升级】预测不达标：光伏玻璃产能　责任单位：工信局');
    expect(lines[4]).toBe('2. 【红色·新预警】序时滞后：原煤产量（上党区）　责任单位：能源局');
    expect(lines.at(-1)).toBe('及其他5条');
    expect(lines.filter((l) => /^\d+\. /.test(l))).toHaveLength(DIGEST_TOP_ITEMS);
  });

  it('law: every item is counted once, whatever the mix; listed and 其他 add up to the total', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: 1, maxLength: 60 }), (items) => {
        const { body } = digestText(items, { number: 1, departmentName: null });
        const lines = body.split('\n');
        const sum = (line: string) => [...line.matchAll(/(\d+)条/g)].reduce((total, m) => total + Number(m[1]), 0);
        expect(lines[0]).toMatch(new RegExp(`^共${items.length}条：`));
        expect(sum(lines[0]!.replace(/^共\d+条：/, ''))).toBe(items.length);
        expect(sum(lines[1]!)).toBe(items.length);
        expect(sum(lines[2]!)).toBe(items.length);
        const listed = lines.filter((l) => /^\d+\. 【/.test(l)).length;
        const rest = Number(/^及其他(\d+)条$/.exec(lines.at(-1)!)?.[1] ?? 0);
        expect(listed + rest).toBe(items.length);
      }),
    );
  });
});

describe('the robots’ rate limit as a sliding window', () => {
  const rate = { limit: 20, windowMs: 60_000 };

  it('allows up to the limit, then names the moment the oldest send leaves the window', () => {
    const sends = Array.from({ length: 20 }, (_, i) => 1_000 + i * 100);
    expect(nextSendSlot(sends.slice(0, 19), 5_000, rate)).toEqual({ allowed: true });
    expect(nextSendSlot(sends, 5_000, rate)).toEqual({ allowed: false, retryAtMs: 61_000 });
    expect(nextSendSlot(sends, 61_000, rate)).toEqual({ allowed: true });
  });

  it('law: a sender that follows it never has more than the limit in any window, and never waits while there is room', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 120 }), fc.integer({ min: 1, max: 25 }), (gaps, limit) => {
        const window = { limit, windowMs: 10_000 };
        const sent: number[] = [];
        let now = 0;
        for (const gap of gaps) {
          now += gap;
          const decision = nextSendSlot(sent, now, window);
          if (!decision.allowed) {
            expect(sent.filter((t) => t > now - window.windowMs).length).toBe(limit);
            now = decision.retryAtMs;
            expect(nextSendSlot(sent, now, window)).toEqual({ allowed: true });
          }
          sent.push(now);
        }
        for (const start of sent) expect(sent.filter((t) => t >= start && t < start + window.windowMs).length).toBeLessThanOrEqual(limit);
      }),
    );
  });
});

describe('what a robot’s answer means', () => {
  it('rate limits pause, the codes that need a person are permanent with a Chinese explanation, the rest retry', () => {
    expect(robotReplyVerdict('dingtalk', { errcode: 0 })).toEqual({ kind: 'ok' });
    expect(robotReplyVerdict('dingtalk', { errcode: 130101 })).toEqual({ kind: 'rate_limited', code: 130101 });
    expect(robotReplyVerdict('wecom', { errcode: 45009 })).toEqual({ kind: 'rate_limited', code: 45009 });
    expect(robotReplyVerdict('dingtalk', { errcode: 310000 })).toMatchObject({ kind: 'permanent', explanation: expect.stringContaining('钉钉机器人安全设置校验失败：关键词、加签或IP白名单') });
    expect(robotReplyVerdict('wecom', { errcode: 93000 })).toMatchObject({ kind: 'permanent', explanation: expect.stringContaining('Webhook 地址无效') });
    expect(robotReplyVerdict('dingtalk', { errcode: 400102 })).toMatchObject({ kind: 'permanent', explanation: expect.stringContaining('停用') });
    // A code of the other vendor means nothing special here.
    expect(robotReplyVerdict('wecom', { errcode: 310000 })).toEqual({ kind: 'failed', code: 310000 });
    expect(robotReplyVerdict('wecom', { errcode: -1 })).toEqual({ kind: 'failed', code: -1 });
  });
});

describe('safe text, mentions and links in robot messages', () => {
  const hostile = '处理完毕 <@all> [点我](http://evil.example) **加粗** @13900000000 <font color="warning">假</font>';
  const notification: OutgoingNotification = {
    idempotencyKey: 'k',
    event: 'resolved',
    title: '【预警解除】序时滞后：原煤产量（上党区）',
    body: `已由energy手动解除，说明：${hostile}。`,
    link: { label: '查看预警详情', url: 'https://planwatch.example.gov.cn/alerts?alert=7' },
    mentionMobiles: ['13800000001'],
    alert: coalAlert({ state: 'resolved' }),
  };

  it('law: escaped text holds no character robot markdown reads as markup', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(escapeRobotMarkdown(text)).not.toMatch(/[<>[\]()*_`~#@&!|\\]/);
      }),
    );
  });

  it('a comment cannot mention, link or format on WeCom or DingTalk; our own link, mentions and footer stay', () => {
    const wecom = wecomPayload(notification).markdown.content;
    const ding = dingtalkPayload(notification);
    for (const text of [wecom, ding.markdown.text]) {
      expect(text).not.toContain('<@all>');
      expect(text).not.toContain('](http://evil.example)');
      expect(text).not.toContain('@13900000000');
      expect(text).not.toContain('**加粗**');
      expect(text).toContain('＜＠all＞');
      expect(text).toContain('[查看预警详情](https://planwatch.example.gov.cn/alerts?alert=7)');
      expect(text).toContain('@13800000001');
      expect(text.endsWith(ROBOT_FOOTER)).toBe(true);
    }
    // Only our own severity colour is markup.
    expect(wecom.match(/<font/g)).toHaveLength(1);
    expect(ding.at).toEqual({ atMobiles: ['13800000001'], isAtAll: false });
    expect(wecomMessage(notification)).toMatchObject({ msgtype: 'text', text: { mentioned_mobile_list: ['13800000001'], content: expect.stringContaining('查看预警详情：https://planwatch.example.gov.cn/alerts?alert=7') } });
    expect(jsonPayload(notification)).toMatchObject({ alert: { id: '7' }, url: 'https://planwatch.example.gov.cn/alerts?alert=7' });
  });

  it('cuts a long message to 4,000 bytes but keeps the link and the footer (the DingTalk keyword)', () => {
    const long = { ...notification, body: '超长说明'.repeat(2_000) };
    for (const text of [wecomPayload(long).markdown.content, dingtalkPayload(long).markdown.text]) {
      expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(4000);
      expect(text).toContain('…\n[查看预警详情]');
      expect(text.endsWith(ROBOT_FOOTER)).toBe(true);
    }
  });

  it('a digest says its number and counts, links the filtered list and mentions the department', () => {
    const digest: OutgoingNotification = {
      idempotencyKey: 'digest:leaders:7',
      event: 'digest',
      ...digestText([item({ severity: 'red' }), item({ alertId: '2' })], { number: 7, departmentName: '能源局' }),
      digest: { number: 7, total: 2, red: 1, url: 'https://pw.example/alerts?department=energy', mentionMobiles: ['13800000001'] },
      link: { label: '查看预警列表', url: 'https://pw.example/alerts?department=energy' },
      mentionMobiles: ['13800000001'],
    };
    const ding = dingtalkPayload(digest);
    expect(ding.markdown.title).toBe('【预警摘要 #7】能源局：新预警2条');
    expect(ding.markdown.text).toContain('摘要编号：#7　<font color="#d9363e">红色1条</font>　<font color="#d48806">黄色1条</font>');
    expect(ding.markdown.text).toContain('[查看预警列表](https://pw.example/alerts?department=energy)');
    expect(ding.at?.atMobiles).toEqual(['13800000001']);
  });
});

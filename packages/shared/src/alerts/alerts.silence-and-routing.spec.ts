import { describe, expect, it } from 'vitest';
import type { ChannelDefinition, Silence } from './alert.types.js';
import { idempotencyKey, notificationText, routeNotification, type NotifiedAlert } from './routing.js';
import { silenceMatches } from './silence.js';

const now = new Date('2026-11-23T01:00:00Z');
const silence = (overrides: Partial<Silence>): Silence => ({
  id: '1',
  ruleCode: null,
  fingerprint: null,
  departmentCode: null,
  startsAt: new Date('2026-11-23T00:00:00Z'),
  endsAt: new Date('2026-11-24T00:00:00Z'),
  reason: '核查',
  ...overrides,
});
const target = { ruleCode: 'gap', fingerprint: 'gap:indicator:coal_output@140404103', departments: ['energy', 'town_xihuo'] };

describe('silences', () => {
  it('cover [start, end) and match on every matcher they set', () => {
    expect(silenceMatches(silence({}), target, now)).toBe(true);
    expect(silenceMatches(silence({ ruleCode: 'gap' }), target, now)).toBe(true);
    expect(silenceMatches(silence({ ruleCode: 'other' }), target, now)).toBe(false);
    expect(silenceMatches(silence({ fingerprint: target.fingerprint, ruleCode: 'gap' }), target, now)).toBe(true);
    expect(silenceMatches(silence({ departmentCode: 'town_xihuo' }), target, now)).toBe(true);
    expect(silenceMatches(silence({ departmentCode: 'industry' }), target, now)).toBe(false);
    expect(silenceMatches(silence({}), target, new Date('2026-11-24T00:00:00Z'))).toBe(false);
    expect(silenceMatches(silence({}), target, new Date('2026-11-22T23:59:59Z'))).toBe(false);
  });
});

const alert: NotifiedAlert = {
  fingerprint: 'gap:indicator:coal_output@140404103',
  eventSeq: 1,
  type: 'target_gap',
  severity: 'yellow',
  departments: ['energy', 'town_xihuo'],
  title: '序时滞后：原煤产量（西火镇）',
  message: '西火镇原煤产量截至2026年10月略滞后。责任单位：能源局、西火镇人民政府。',
};
const channel = (overrides: Partial<ChannelDefinition>): ChannelDefinition => ({ code: 'c', kind: 'webhook', departmentCode: null, enabled: true, filter: {}, ...overrides });

describe('routing an event to channels', () => {
  it('puts one in-app row in the inbox of every department told, one row per external channel', () => {
    const drafts = routeNotification(alert, 'fired', [
      channel({ code: 'in_app', kind: 'in_app' }),
      channel({ code: 'ops', kind: 'webhook' }),
      channel({ code: 'energy_mail', kind: 'email', departmentCode: 'energy' }),
      channel({ code: 'industry_robot', kind: 'wecom', departmentCode: 'industry' }),
      channel({ code: 'off', kind: 'dingtalk', enabled: false }),
    ]);
    expect(drafts.map((d) => [d.channelCode, d.departmentCode])).toEqual([
      ['in_app', 'energy'],
      ['in_app', 'town_xihuo'],
      ['ops', 'energy'],
      ['energy_mail', 'energy'],
    ]);
    expect(new Set(drafts.map((d) => d.idempotencyKey)).size).toBe(drafts.length);
    expect(drafts[0]!.idempotencyKey).toBe('gap:indicator:coal_output@140404103#1:fired:in_app:energy');
    expect(drafts[2]!.idempotencyKey).toBe('gap:indicator:coal_output@140404103#1:fired:ops');
  });

  it('applies channel filters: minimum severity, types, events', () => {
    expect(routeNotification(alert, 'fired', [channel({ filter: { minSeverity: 'red' } })])).toEqual([]);
    expect(routeNotification({ ...alert, severity: 'red' }, 'escalated', [channel({ filter: { minSeverity: 'red' } })])).toHaveLength(1);
    expect(routeNotification(alert, 'fired', [channel({ filter: { types: ['late_submission'] } })])).toEqual([]);
    expect(routeNotification(alert, 'reminder', [channel({ filter: { events: ['fired', 'resolved'] } })])).toEqual([]);
  });

  it('keys differ per event and per episode, so a re-fired alert is a new message', () => {
    expect(idempotencyKey(alert, 'fired', 'ops')).not.toBe(idempotencyKey({ ...alert, eventSeq: 3 }, 'fired', 'ops'));
    expect(idempotencyKey(alert, 'fired', 'ops')).not.toBe(idempotencyKey(alert, 'resolved', 'ops'));
  });

  it('writes Chinese text per event', () => {
    expect(notificationText('fired', alert).title).toBe('【黄色预警】序时滞后：原煤产量（西火镇）');
    expect(notificationText('escalated', { ...alert, severity: 'red' }).body).toContain('由黄色升级为红色');
    expect(notificationText('resolved', alert, { note: '西火镇：原煤产量完成年度目标85%。' }).body).toContain('自动解除。最新情况：西火镇');
    expect(notificationText('resolved', alert, { resolvedBy: '系统管理员', comment: '已核实' }).body).toContain('已由系统管理员手动解除，说明：已核实');
    expect(notificationText('reminder', { ...alert, firedAtText: '2026-11-20 08:00' }).body).toContain('自2026-11-20 08:00起仍未处理');
  });
});

import { maskChannelConfig, unmaskChannelConfig, validateChannel } from './channel-schema.js';

describe('channels as administrators configure them', () => {
  it('validates each kind and names the problem', () => {
    expect(validateChannel({ code: 'ops_hook', kind: 'webhook', config: { url: 'http://127.0.0.1:9/hook', secret: 's' } }).ok).toBe(true);
    expect(validateChannel({ code: 'mail', kind: 'email', departmentCode: 'energy', config: { to: ['energy@example.cn'] } }).ok).toBe(true);
    const bad = validateChannel({ code: 'mail', kind: 'email', config: { to: ['not-an-address'], url: 'x' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['config.to.0', 'config']));
    expect(validateChannel({ code: 'robot', kind: 'wecom', config: { url: 'ftp://x' } }).ok).toBe(false);
    expect(validateChannel({ code: 'robot', kind: 'dingtalk', config: { url: 'https://oapi.dingtalk.com/robot/send?access_token=a', filter: { minSeverity: 'red' } } }).ok).toBe(true);
  });

  it('never serves a secret back, and a PATCH that returns the mask keeps it for the same host', () => {
    const stored = { url: 'https://hooks.example.cn/in', secret: 'top', headers: { 'X-Api-Key': 'k' } };
    const masked = maskChannelConfig(stored);
    expect(masked).toEqual({ url: 'https://hooks.example.cn/in', secret: '******', headers: { 'X-Api-Key': '******' } });
    expect(unmaskChannelConfig(masked, stored)).toEqual(stored);
    expect(unmaskChannelConfig({ ...masked, url: 'https://hooks.example.cn/other' }, stored)).toEqual({ ...stored, url: 'https://hooks.example.cn/other' });
    expect(unmaskChannelConfig({ filter: { minSeverity: 'red' } }, stored)).toEqual({ ...stored, filter: { minSeverity: 'red' } });
  });

  it('sends no stored secret or header to a new host: the mask, or leaving them out, drops them', () => {
    const stored = { url: 'https://hooks.example.cn/in', secret: 'top', headers: { 'X-Api-Key': 'k', 'X-Team': 'ops' } };
    const masked = maskChannelConfig(stored);
    expect(unmaskChannelConfig({ ...masked, url: 'https://collector.attacker.example/in' }, stored)).toEqual({ url: 'https://collector.attacker.example/in', headers: {} });
    expect(unmaskChannelConfig({ url: 'https://hooks.example.cn:8443/in' }, stored)).toEqual({ url: 'https://hooks.example.cn:8443/in' });
    // Given anew, they go with it.
    expect(unmaskChannelConfig({ url: 'https://new.example.cn/in', secret: 'fresh', headers: { 'X-Api-Key': 'k2', 'X-Team': '******' } }, stored)).toEqual({
      url: 'https://new.example.cn/in',
      secret: 'fresh',
      headers: { 'X-Api-Key': 'k2' },
    });
  });

  it('masks credentials carried in the URL, and a PATCH that returns the masked URL keeps the real one', () => {
    const wecom = { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc123' };
    expect(maskChannelConfig(wecom)).toEqual({ url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=******' });
    expect(maskChannelConfig({ url: 'https://oapi.dingtalk.com/robot/send?access_token=t0k&x=1' }).url).toBe('https://oapi.dingtalk.com/robot/send?access_token=******&x=******');
    expect(maskChannelConfig({ url: 'https://ops:hunter2@hooks.example.cn/in?bare' }).url).toBe('https://ops:******@hooks.example.cn/in?******');
    expect(maskChannelConfig({ url: 'http://127.0.0.1:9/hook' }).url).toBe('http://127.0.0.1:9/hook');

    const masked = maskChannelConfig(wecom);
    expect(unmaskChannelConfig(masked, wecom)).toEqual(wecom);
    expect(unmaskChannelConfig({ ...masked, url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=new' }, wecom).url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=new');
  });
});

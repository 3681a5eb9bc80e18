'use client';
/**
 * 通知通道: every channel with what it does (kind, department, address, digests) and how it is
 * doing — 故障 with what to fix, a robot's rate-limit pause, messages waiting and dead — with
 * 测试发送 and 启用/停用. Warns while PUBLIC_WEB_URL is unset (links in messages would not open).
 */
import { type ChannelKind, type ChannelTestResult, type ChannelView, type DeliverySettings } from '@planwatch/shared';
import { apiRequest } from '@/lib/client-api';
import type { DepartmentView } from '@/lib/reporting-types';
import { formatDateTime } from '@/lib/format';
import { Panel } from '../dashboard/panel';
import { Loaded } from '../loaded';
import { Button, Notice, Tag } from '../kit/kit';
import { useApi } from '../use-api';
import { ActionOutcome, useRowAction } from './row-action';
import tables from '../dashboard/tables.module.css';
import styles from './admin.module.css';

const KIND_LABELS: Record<ChannelKind, string> = { in_app: '站内收件箱', webhook: 'JSON Webhook', wecom: '企业微信机器人', dingtalk: '钉钉机器人', email: '电子邮件' };

function address(channel: ChannelView): string {
  const { config } = channel;
  if (typeof config.url === 'string') return config.url;
  if (Array.isArray(config.to)) return (config.to as string[]).join('、');
  return '—';
}

function grouping(channel: ChannelView): string {
  if (channel.kind === 'in_app') return '逐条';
  if (!channel.grouping) return '逐条发送';
  return `摘要：首条等待${channel.grouping.waitSeconds}秒，间隔${channel.grouping.intervalSeconds}秒`;
}

function Health({ channel }: { channel: ChannelView }) {
  const { health } = channel;
  if (!channel.enabled) return <Tag glyph="⊘">停用</Tag>;
  if (health.fault) {
    return (
      <div className={styles.health}>
        <Tag tone="red" glyph="✖">
          故障
        </Tag>
        <div className={styles.fault} data-testid="fault">
          {health.fault.message}
          <span className={tables.sub}>
            {' '}
            （错误码 {health.fault.code}，{formatDateTime(health.fault.at)}）
          </span>
        </div>
      </div>
    );
  }
  if (health.pausedUntil) {
    return (
      <div className={styles.health}>
        <Tag tone="yellow" glyph="⏸">
          限流暂停至 {formatDateTime(health.pausedUntil)}
        </Tag>
        <div className={tables.sub}>{health.pauseReason}</div>
      </div>
    );
  }
  return (
    <Tag tone="green" glyph="✔">
      正常
    </Tag>
  );
}

export function ChannelsView() {
  const channels = useApi<ChannelView[]>('/api/alerts/channels');
  const settings = useApi<DeliverySettings>('/api/alerts/delivery-settings');
  const departments = useApi<DepartmentView[]>('/api/departments');
  const departmentName = (code: string | null) => (code === null ? '全区' : (departments.data?.find((d) => d.code === code)?.name ?? code));
  const { busy, run, notice, error } = useRowAction();

  const replace = (code: string, change: Partial<ChannelView>) => channels.setData((channels.data ?? []).map((c) => (c.code === code ? { ...c, ...change } : c)));
  const test = (channel: ChannelView) =>
    run(`test:${channel.code}`, async () => {
      const result = await apiRequest<ChannelTestResult>(`/api/alerts/channels/${encodeURIComponent(channel.code)}/test`, { method: 'POST' });
      replace(channel.code, { health: result.health });
      if (!result.ok) throw new Error(`通道“${channel.code}”${result.message}`);
      return `通道“${channel.code}”：${result.message}`;
    });
  const toggle = (channel: ChannelView) =>
    run(`toggle:${channel.code}`, async () => {
      const updated = await apiRequest<ChannelView>(`/api/alerts/channels/${encodeURIComponent(channel.code)}`, { method: 'PATCH', json: { enabled: !channel.enabled } });
      replace(channel.code, updated);
      return `通道“${channel.code}”已${updated.enabled ? '启用' : '停用'}`;
    });

  return (
    <div className={styles.stack}>
      {settings.data && !settings.data.publicWebUrlConfigured ? (
        <Notice kind="warning" title="未设置 PUBLIC_WEB_URL：">
          消息中的链接现在指向 {settings.data.publicWebUrl}，群里的人打不开。请运维人员把平台对外的地址（如 https://planwatch.example.gov.cn）写入 PUBLIC_WEB_URL 并重启 API。
        </Notice>
      ) : null}
      {settings.data ? (
        <Notice kind="info">
          预警通知按通道汇成摘要：首条等待 {settings.data.grouping.waitSeconds} 秒收集同批预警，之后每 {settings.data.grouping.intervalSeconds} 秒至多一份（各通道可单独设置）；每个机器人地址每{' '}
          {settings.data.robotRate.windowSeconds} 秒至多发送 {settings.data.robotRate.limit} 条，多个 API 进程合计。
        </Notice>
      ) : null}
      <ActionOutcome notice={notice} error={error} />
      <Panel title="通道列表" meta={channels.data ? <span>共 {channels.data.length} 个</span> : null} exportName="通知通道">
        <Loaded data={channels.data} error={channels.error} failure="通道加载失败" lines={4}>
          {(channelList) => (
            <div className={tables.scroll}>
              <table className={tables.table} aria-label="通知通道">
                <thead>
                  <tr>
                    <th>通道</th>
                    <th>类型</th>
                    <th>部门</th>
                    <th>地址</th>
                    <th>发送方式</th>
                    <th>状态</th>
                    <th className={tables.num}>待发送</th>
                    <th className={tables.num}>失败</th>
                    <th>最近发送</th>
                    <th data-xlsx-skip>操作</th>
                  </tr>
                </thead>
                <tbody>
                  {channelList.map((c) => (
                    <tr key={c.code} data-channel={c.code}>
                      <td className={styles.code}>{c.code}</td>
                      <td className={tables.nowrap}>{KIND_LABELS[c.kind]}</td>
                      <td className={tables.nowrap}>{departmentName(c.departmentCode)}</td>
                      <td className={styles.code}>{address(c)}</td>
                      <td>{grouping(c)}</td>
                      <td>
                        <Health channel={c} />
                      </td>
                      <td className={tables.num}>{c.health.pending}</td>
                      <td className={tables.num}>{c.health.dead}</td>
                      <td className={tables.nowrap}>{c.health.lastSentAt ? formatDateTime(c.health.lastSentAt) : '—'}</td>
                      <td data-xlsx-skip>
                        <div style={{ display: 'flex', gap: 6 }}>
                          {c.kind === 'in_app' ? null : (
                            <Button size="sm" variant="primary" onClick={() => test(c)} disabled={busy === `test:${c.code}`}>
                              {busy === `test:${c.code}` ? '正在发送…' : '测试发送'}
                            </Button>
                          )}
                          <Button size="sm" variant={c.enabled ? 'danger' : 'secondary'} onClick={() => toggle(c)} disabled={busy === `toggle:${c.code}`}>
                            {c.enabled ? '停用' : '启用'}
                          </Button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </Panel>
    </div>
  );
}

import Link from 'next/link';
import { formatExact } from '@/lib/format';
import { one, type SearchParams } from '@/lib/page-params';
import { getPlan } from '@/lib/queries';
import { requireUser } from '@/lib/session-server';
import { PageHeader, Panel } from '@/ui/dashboard/panel';
import { ErrorNote } from '@/ui/error-note';
import { IllustrativeBadge } from '@/ui/flags';
import { Notice, Tag } from '@/ui/kit/kit';
import tables from '@/ui/dashboard/tables.module.css';
import styles from '@/ui/admin/admin.module.css';
import pages from '@/app/(dashboard)/pages.module.css';

export const metadata = { title: '规划目标' };

/**
 * The plan's targets, read-only: targets come with the versioned plan file
 * (plan/shangdang.plan.yaml) and the API has no endpoint to edit them. Each row says whether
 * it cites the plan's sources (with the quote) or is illustrative (示意目标) — an illustrative
 * target quoting the value a source gives without its year shows both.
 */
export default async function TargetsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const q = await searchParams;
  const user = await requireUser('/admin/targets');
  if (user.role !== 'admin') return <Notice kind="warning">只有管理员可以查看此页。</Notice>;
  let plan;
  try {
    plan = await getPlan();
  } catch (error) {
    return <ErrorNote title="规划加载失败" error={error} />;
  }
  const chain = one(q.chain);
  const only = one(q.only);
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
  const regions = new Map(plan.regions.map((r) => [r.code, r.name]));
  const rows = plan.targets
    .filter((t) => !chain || indicators.get(t.indicatorCode)?.chainCode === chain || (chain === 'none' && !indicators.get(t.indicatorCode)?.chainCode))
    .filter((t) => (only === 'illustrative' ? t.illustrative : only === 'sourced' ? !t.illustrative : true));
  const sourced = plan.targets.filter((t) => !t.illustrative).length;
  return (
    <>
      <PageHeader
        title="规划目标"
        subtitle={`规划版本 ${plan.version} · 共 ${plan.targets.length} 个目标值，其中 ${sourced} 个引自规划原文，${plan.targets.length - sourced} 个为示意目标`}
      />
      <div className={styles.stack}>
        <Notice kind="info">
          目标随规划文件（plan/shangdang.plan.yaml）版本化管理，本页只读：修改目标请修订规划文件并重新加载，变更会留下新的规划版本。
        </Notice>
        <Panel title="筛选">
          <form method="get" className={pages.filters}>
            <label>
              产业链
              <select name="chain" defaultValue={chain ?? ''}>
                <option value="">全部</option>
                {plan.chains.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
                <option value="none">不属于产业链</option>
              </select>
            </label>
            <label>
              来源
              <select name="only" defaultValue={only ?? ''}>
                <option value="">全部</option>
                <option value="sourced">引自规划原文</option>
                <option value="illustrative">示意目标</option>
              </select>
            </label>
            <button type="submit">筛选</button>
          </form>
        </Panel>
        <Panel title={`目标值（${rows.length}）`} exportName="规划目标">
          <div className={tables.scroll}>
            <table className={tables.table} aria-label="规划目标">
              <thead>
                <tr>
                  <th>指标</th>
                  <th>地区</th>
                  <th className={tables.num}>年份</th>
                  <th className={tables.num}>目标值</th>
                  <th>单位</th>
                  <th>类型</th>
                  <th>轨迹</th>
                  <th>来源</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((t) => {
                  const i = indicators.get(t.indicatorCode);
                  return (
                    <tr key={`${t.indicatorCode}-${t.regionCode}-${t.year}`}>
                      <td>
                        <Link href={`/indicators/${t.indicatorCode}`}>{i?.name ?? t.indicatorCode}</Link>
                      </td>
                      <td className={tables.nowrap}>{regions.get(t.regionCode) ?? t.regionCode}</td>
                      <td className={tables.num}>{t.year}</td>
                      <td className={tables.num}>{formatExact(t.value)}</td>
                      <td>{i?.unit ?? ''}</td>
                      <td>{t.baseline ? <Tag glyph="◆">基期实际</Tag> : <Tag tone="blue" glyph="◎">目标</Tag>}</td>
                      <td>{t.trajectory === 'geometric' ? '等比' : '线性'}</td>
                      <td>
                        {t.illustrative ? (
                          <IllustrativeBadge />
                        ) : t.source ? (
                          <Tag tone="green" glyph="✔">
                            规划原文
                          </Tag>
                        ) : (
                          '—'
                        )}
                        {/* An illustrative target may take its value from a source that gives no year. */}
                        {t.source ? (
                          <div className={styles.quote}>
                            {t.source.id}：“{t.source.quote}”{t.source.note ? `（${t.source.note}）` : ''}
                          </div>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Panel>
      </div>
    </>
  );
}

import Link from 'next/link';

export default function NotFound() {
  return (
    <main style={{ maxWidth: 640, margin: '80px auto', padding: '0 24px' }}>
      <h1>没有找到这个页面</h1>
      <p style={{ color: 'var(--text-muted)' }}>链接里的产业链、乡镇、指标或项目编号不存在，或已在新版规划中调整。</p>
      <p>
        <Link href="/">返回首页</Link> · <Link href="/overview">总览</Link>
      </p>
    </main>
  );
}

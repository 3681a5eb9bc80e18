'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface NavItem {
  href: string;
  label: string;
  /** Current only on exactly this path (not its sub-paths). */
  exact?: boolean;
  /** Other path prefixes that belong to this item. */
  also?: string[];
  /** Only in the phone menu (the desk navigation has no room for it, nor need). */
  phoneOnly?: boolean;
}

function isCurrent(item: NavItem, path: string): boolean {
  const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
  if (item.exact ? path === item.href : under(item.href)) return true;
  return (item.also ?? []).some(under);
}

/** Navigation links with aria-current on the page being shown. */
export function NavLinks({ items }: { items: readonly NavItem[] }) {
  const path = usePathname() ?? '/';
  const current = items.find((i) => isCurrent(i, path));
  return (
    <>
      {items.map((item) => (
        <Link key={item.href} href={item.href} aria-current={item === current ? 'page' : undefined}>
          {item.label}
        </Link>
      ))}
    </>
  );
}

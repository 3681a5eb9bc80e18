'use client';
/**
 * 菜单 on a phone: the navigation folded behind one button so the header keeps one row. A
 * `<details>`, so it opens before the page's JavaScript has loaded (weak networks); it closes
 * itself when the page changes and when a tap lands outside it.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { usePathname } from 'next/navigation';
import styles from './shell.module.css';

export function PhoneMenu({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const path = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [path]);
  useEffect(() => {
    const close = (event: PointerEvent) => {
      const menu = ref.current;
      if (menu?.open && event.target instanceof Node && !menu.contains(event.target)) menu.open = false;
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, []);
  return (
    <details ref={ref} className={styles.phoneMenu} data-testid="phone-menu">
      <summary>
        <span aria-hidden>☰</span> 菜单
      </summary>
      <nav className={styles.phoneNav} aria-label="主导航">
        {children}
      </nav>
    </details>
  );
}

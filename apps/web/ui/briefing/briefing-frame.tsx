'use client';
/**
 * The API's printable HTML briefing, embedded as it is (same origin through the /api proxy,
 * sandboxed without scripts) and grown to its content's height so the page scrolls, not the frame.
 */
import { useRef, useState } from 'react';

export function BriefingFrame({ src, title }: { src: string; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(1200);
  const fit = () => {
    try {
      const doc = frame.current?.contentDocument;
      if (doc?.documentElement) setHeight(Math.max(400, doc.documentElement.scrollHeight + 24));
    } catch {
      // not readable: keep the default height
    }
  };
  return (
    <iframe
      ref={frame}
      src={src}
      title={title}
      onLoad={fit}
      sandbox="allow-same-origin allow-popups allow-modals"
      style={{ width: '100%', height, border: '1px solid var(--border)', borderRadius: 10, background: '#fff' }}
    />
  );
}

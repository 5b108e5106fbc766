import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';

/**
 * The page's title and its one h1. After a client-side navigation focus moves to the heading,
 * as a page load would, so screen reader and keyboard users start at the new content.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  useEffect(() => {
    // 'default' is the document's first location: a real page load, where focus stays put.
    if (key !== 'default') heading.current?.focus();
  }, [key]);
  return (
    <>
      <title>{`${title} · Samrad admin`}</title>
      <h1 ref={heading} tabIndex={-1}>
        {children ?? title}
      </h1>
    </>
  );
}

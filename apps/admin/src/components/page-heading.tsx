import { useEffect, useRef } from 'react';
import { NavigationType, useLocation, useNavigationType } from 'react-router';

/**
 * The page's title and its one h1. After a navigation by the app (a link, a redirect) focus
 * moves to the heading, as a page load would, so screen reader and keyboard users start at
 * the new content. Loads, reloads and back/forward (POP) leave focus to the browser.
 */
export function PageHeading({ title }: { title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  const navigationType = useNavigationType();
  useEffect(() => {
    if (navigationType !== NavigationType.Pop) heading.current?.focus();
  }, [key, navigationType]);
  return (
    <>
      <title>{`${title} · Samrad admin`}</title>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
    </>
  );
}

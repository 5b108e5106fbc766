import { createHash } from 'node:crypto';

export interface DemoPageOptions {
  cityName: string;
  /**
   * This server's public origin, for the copy-paste snippet. Without it the snippet uses the
   * root-relative path, which is what this page itself loads.
   */
  origin?: string;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const styles = `
  :root {
    --city-green: #0b5d3b;
    --city-green-dark: #063d27;
    --city-ink: #1b1f23;
    --city-muted: #4a524d;
    --city-paper: #f5f6f2;
    --city-line: #c9d3cc;
    --city-font: system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, 'Helvetica Neue', Arial, sans-serif;
  }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: var(--city-font); color: var(--city-ink); background: var(--city-paper); line-height: 1.55; }
  a { color: var(--city-green); }
  a:focus-visible { outline: 3px solid var(--city-green-dark); outline-offset: 2px; }
  .site-header a:focus-visible, .hero a:focus-visible, .site-footer a:focus-visible { outline-color: #f2b705; }
  .skip-link { position: absolute; left: 1rem; top: -3rem; z-index: 10; padding: 0.5rem 1rem; background: #ffffff; color: var(--city-green-dark); font-weight: 700; border-radius: 0.25rem; }
  .skip-link:focus { top: 1rem; }
  .wrap { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
  .site-header { background: var(--city-green); color: #ffffff; }
  .site-header .wrap { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 1rem; padding-block: 1rem; }
  .brand { display: flex; align-items: center; gap: 0.75rem; color: #ffffff; text-decoration: none; }
  .brand-name { display: block; font-size: 1.375rem; font-weight: 700; line-height: 1.2; }
  .brand-tagline { display: block; font-size: 0.875rem; }
  .site-nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; margin: 0; padding: 0; list-style: none; }
  .site-nav a { color: #ffffff; font-weight: 600; text-decoration: none; border-bottom: 2px solid transparent; padding-block: 0.25rem; }
  .site-nav a:hover { border-bottom-color: #ffffff; }
  .hero { background: var(--city-green-dark); color: #ffffff; padding-block: 3rem; }
  .hero h1 { margin: 0 0 0.75rem; font-size: clamp(2rem, 5vw, 3rem); line-height: 1.1; }
  .hero p { margin: 0; max-width: 40rem; font-size: 1.125rem; }
  .hero a { color: #ffffff; font-weight: 700; }
  main section, main aside { padding-block: 2.5rem; }
  main h2 { margin: 0 0 0.5rem; font-size: 1.75rem; line-height: 1.2; }
  .section-lead { margin: 0 0 1.5rem; max-width: 44rem; color: var(--city-muted); }
  .have-your-say { background: #ffffff; border-block: 1px solid var(--city-line); }
  samrad-projects {
    /* The city's theme, passed into the widget's shadow DOM through its custom properties. */
    --samrad-color-primary: var(--city-green);
    --samrad-font-family: var(--city-font);
    --samrad-radius: 0.75rem;
    --samrad-color-border: var(--city-line);
    --samrad-card-min-width: 18rem;
  }
  samrad-projects:not(:defined) { display: block; min-height: 12rem; }
  samrad-projects::part(card) { box-shadow: 0 1px 3px rgb(0 0 0 / 0.08); }
  samrad-projects::part(method) { background: #e5f1ea; border-color: #a9c9b6; color: var(--city-green-dark); }
  .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; margin: 0; padding: 0; list-style: none; }
  .cards li { background: #ffffff; border: 1px solid var(--city-line); border-radius: 0.5rem; padding: 1.25rem; }
  .cards h3 { margin: 0 0 0.25rem; font-size: 1.125rem; }
  .cards p { margin: 0; }
  .cards time { display: block; margin-bottom: 0.25rem; font-size: 0.875rem; color: var(--city-muted); }
  .developer { border-left: 4px solid var(--city-green); background: #ffffff; padding: 1.5rem; margin-block: 2.5rem; border-radius: 0 0.5rem 0.5rem 0; }
  .developer h2 { font-size: 1.375rem; }
  .developer h3 { margin: 1.25rem 0 0.5rem; font-size: 1.0625rem; }
  pre { margin: 0; padding: 1rem; overflow-x: auto; background: #1b1f23; color: #f1f3f1; border-radius: 0.5rem; font-size: 0.875rem; line-height: 1.5; }
  code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; }
  p code { background: #e9ece8; padding: 0.1em 0.3em; border-radius: 0.25rem; }
  .site-footer { background: var(--city-ink); color: #f1f3f1; padding-block: 2.5rem; }
  .site-footer h2 { margin: 0 0 0.75rem; font-size: 1.25rem; }
  .site-footer a { color: #ffffff; }
  .site-footer .wrap { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 1.5rem; }
  .site-footer address { font-style: normal; }
  .site-footer p { margin: 0 0 0.5rem; }
`;

/**
 * The policy the demo page is meant to be served with: only this server's script, styles and
 * API, and the one inline stylesheet above by its hash. Lit styles its shadow roots with
 * constructable stylesheets, which style-src does not govern, so no 'unsafe-inline' is needed.
 * A city that loads the widget from another origin adds that origin to script-src and
 * connect-src.
 */
export const demoPageContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' 'sha256-${createHash('sha256').update(styles).digest('base64')}'`,
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** A city's home page as a city would build it, with Samrad's widget embedded in one tag. */
export function demoPage(options: DemoPageOptions): string {
  const city = escapeHtml(options.cityName);
  const origin = (options.origin ?? '').replace(/\/+$/, '');
  const snippet = escapeHtml(`<script type="module" src="${origin}/widgets/samrad.js"></script>
<samrad-projects lang="en" limit="6" project-url="/projects/{slug}"></samrad-projects>`);
  const theming = escapeHtml(`samrad-projects {
  --samrad-color-primary: #0b5d3b;
  --samrad-font-family: system-ui, sans-serif;
  --samrad-radius: 0.75rem;
}
samrad-projects::part(card) {
  box-shadow: 0 1px 3px rgb(0 0 0 / 0.08);
}`);
  const events = escapeHtml(`document.addEventListener('samrad-projects-loaded', (event) => {
  console.log(\`\${event.detail.count} projects shown\`);
});`);

  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${city} – official website of the municipality</title>
  <meta name="description" content="News, services and resident participation in ${city}.">
  <link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 44 44'%3E%3Cpath d='M22 2 40 9v13c0 10-7.6 17.4-18 20C11.6 39.4 4 32 4 22V9z' fill='%230b5d3b'/%3E%3C/svg%3E">
  <style>${styles}</style>
  <script type="module" src="/widgets/samrad.js"></script>
</head>
<body>
  <a class="skip-link" href="#main">Skip to main content</a>
  <header class="site-header">
    <div class="wrap">
      <a class="brand" href="/">
        <svg width="44" height="44" viewBox="0 0 44 44" aria-hidden="true" focusable="false">
          <path d="M22 2 40 9v13c0 10-7.6 17.4-18 20C11.6 39.4 4 32 4 22V9z" fill="#ffffff"/>
          <path d="M22 8 34 12.5V22c0 7-5 12.5-12 14.6C15 34.5 10 29 10 22v-9.5z" fill="#0b5d3b"/>
          <path d="M15 27h14v2H15zm2-9h2v8h-2zm4-3h2v11h-2zm4 3h2v8h-2z" fill="#ffffff"/>
        </svg>
        <span>
          <span class="brand-name">${city}</span>
          <span class="brand-tagline">Municipality of ${city}</span>
        </span>
      </a>
      <nav class="site-nav" aria-label="Main">
        <ul>
          <li><a href="#have-your-say">Have your say</a></li>
          <li><a href="#news">News</a></li>
          <li><a href="#services">City services</a></li>
          <li><a href="#contact">Contact</a></li>
        </ul>
      </nav>
    </div>
  </header>

  <main id="main" tabindex="-1">
    <div class="hero">
      <div class="wrap">
        <h1>Welcome to ${city}</h1>
        <p>A green, growing city by the water. Find the services you need, read what is happening in your
          neighbourhood and <a href="#have-your-say">help decide what ${city} becomes next</a>.</p>
      </div>
    </div>

    <section id="have-your-say" class="have-your-say" aria-labelledby="have-your-say-title">
      <div class="wrap">
        <h2 id="have-your-say-title">Have your say</h2>
        <p class="section-lead">The city asks residents before it decides. Share ideas, answer surveys and vote on
          proposals in the projects open right now: every contribution is read by the project team.</p>
        <samrad-projects></samrad-projects>
      </div>
    </section>

    <section id="news" aria-labelledby="news-title">
      <div class="wrap">
        <h2 id="news-title">News</h2>
        <ul class="cards">
          <li>
            <time datetime="2026-11-18">18 November 2026</time>
            <h3>Winter road clearing starts on 1 December</h3>
            <p>Main roads and cycle routes are cleared first. Report icy pavements through the city's service line.</p>
          </li>
          <li>
            <time datetime="2026-11-12">12 November 2026</time>
            <h3>The new library opens its doors</h3>
            <p>Longer opening hours, a makerspace and quiet study rooms in the heart of ${city}.</p>
          </li>
          <li>
            <time datetime="2026-11-04">4 November 2026</time>
            <h3>Budget 2027 adopted by the city council</h3>
            <p>More for schools, elderly care and public transport. Read the council's decision and the minutes.</p>
          </li>
        </ul>
      </div>
    </section>

    <section id="services" aria-labelledby="services-title">
      <div class="wrap">
        <h2 id="services-title">City services</h2>
        <ul class="cards">
          <li><h3>Waste and recycling</h3><p>Collection days, recycling stations and bulky waste pick-up.</p></li>
          <li><h3>Schools and preschools</h3><p>Apply for a place, school holidays and school meals.</p></li>
          <li><h3>Parking and permits</h3><p>Resident parking, building permits and permits for events.</p></li>
          <li><h3>Care and support</h3><p>Home care, assistance and support for families.</p></li>
        </ul>
      </div>
    </section>

    <div class="wrap">
      <aside class="developer" aria-labelledby="developer-title">
        <h2 id="developer-title">For developers: how this page embeds Samrad</h2>
        <p>The projects above come from Samrad, the city's participation platform. Any page can show them with one
          script and one element, with no build step:</p>
        <pre><code>${snippet}</code></pre>
        <h3>Theming</h3>
        <p>The widget inherits the page's font and takes its colours from CSS custom properties; <code>::part</code>
          reaches inside for the rest.</p>
        <pre><code>${theming}</code></pre>
        <h3>Events</h3>
        <p>The widget tells the page when it has shown the projects.</p>
        <pre><code>${events}</code></pre>
      </aside>
    </div>
  </main>

  <footer id="contact" class="site-footer">
    <div class="wrap">
      <div>
        <h2>Contact</h2>
        <address>
          <p>City Hall, Stadshusgatan 1<br>${city}</p>
          <p>Phone: <a href="tel:+46101234500">010-123 45 00</a></p>
          <p>E-mail: <a href="mailto:info@city.example">info@city.example</a></p>
        </address>
      </div>
      <div>
        <h2>Opening hours</h2>
        <p>Monday–Thursday 8:00–17:00</p>
        <p>Friday 8:00–15:00</p>
      </div>
      <div>
        <h2>About this site</h2>
        <p>This is a demonstration city website for Samrad. Platform managers sign in to the
          <a href="/admin">admin console</a>.</p>
      </div>
    </div>
  </footer>
</body>
</html>
`;
}

import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { html as staticHtml, literal, type StaticValue } from 'lit/static-html.js';
import { localize, publicationStatuses, type Locale, type PublicationStatus } from '@samrad/core';
import {
  apiUrl,
  clientFor,
  platformOf,
  type PlatformInfo,
  type ProjectCard,
} from '../shared/api.js';
import { emit } from '../shared/events.js';
import { messages, plural, supportedLocale, type Messages } from '../shared/i18n.js';
import { excerpt, phaseDates, phaseTiming, projectHref } from './card.js';

type LoadState = 'loading' | 'loading-more' | 'ready' | 'error';

const headingTags: Record<number, StaticValue> = {
  2: literal`h2`,
  3: literal`h3`,
  4: literal`h4`,
  5: literal`h5`,
  6: literal`h6`,
};

/**
 * The projects a visitor may see on the platform, as cards linking to each project.
 *
 * @attr api - Samrad's address (e.g. `https://samrad.example.org`); by default the origin this script was loaded from.
 * @attr lang - Language of the texts; by default the closest `lang` of the page, then the platform's default.
 * @attr folder - Only the projects of this folder (its id).
 * @attr status - Only projects with this status: `published` or `archived`.
 * @attr limit - How many projects to load at a time (1–100, default 24).
 * @attr project-url - Where a card links to, with `{id}` and `{slug}` filled in; default `#samrad-project-{id}`.
 * @attr heading-level - The level of the card titles in the page's outline (2–6, default 3).
 *
 * @fires samrad-projects-loaded - After each page of projects is shown; `detail.count` is the number of cards.
 *
 * @csspart base - The wrapper, busy while loading.
 * @csspart list - The list of cards.
 * @csspart card - One project.
 * @csspart title - A project's title (a heading).
 * @csspart link - The link in the title, which covers the whole card.
 * @csspart folder - The folder a project belongs to.
 * @csspart description - The beginning of a project's description.
 * @csspart phase - The current (or next, or last) phase of a project.
 * @csspart method - The participation method of that phase.
 * @csspart status - Loading, empty and error messages (a live region).
 * @csspart retry - The button that retries after an error.
 * @csspart more - The "Show more" button.
 *
 * @cssprop --samrad-font-family - Font of the widget; inherits the page's by default.
 * @cssprop --samrad-color-primary - Links, buttons and focus rings (default #1d4ed8).
 * @cssprop --samrad-color-on-primary - Text on primary buttons (default #ffffff).
 * @cssprop --samrad-color-text - Body text (default #1f2937).
 * @cssprop --samrad-color-muted - Secondary text (default #4b5563).
 * @cssprop --samrad-color-surface - Card background (default #ffffff).
 * @cssprop --samrad-color-border - Card borders (default #d1d5db).
 * @cssprop --samrad-color-error - Error text (default #b91c1c).
 * @cssprop --samrad-radius - Corner radius of cards and buttons (default 0.5rem).
 * @cssprop --samrad-gap - Space between cards (default 1rem).
 * @cssprop --samrad-card-min-width - Narrowest a card gets before the grid drops a column (default 16rem).
 */
export class SamradProjects extends LitElement {
  static override properties = {
    api: { type: String },
    folder: { type: String },
    status: { type: String },
    limit: { type: Number },
    projectUrl: { type: String, attribute: 'project-url' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    items: { state: true },
    nextCursor: { state: true },
    loadState: { state: true },
    platform: { state: true },
  };

  static override styles = css`
    :host {
      display: block;
      font-family: var(--samrad-font-family, inherit);
      color: var(--samrad-color-text, #1f2937);
      line-height: 1.5;
    }
    :host([hidden]) {
      display: none;
    }
    .list {
      display: grid;
      grid-template-columns: repeat(
        auto-fill,
        minmax(min(100%, var(--samrad-card-min-width, 16rem)), 1fr)
      );
      gap: var(--samrad-gap, 1rem);
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .card {
      position: relative;
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      padding: 1.25rem;
      background: var(--samrad-color-surface, #ffffff);
      border: 1px solid var(--samrad-color-border, #d1d5db);
      border-radius: var(--samrad-radius, 0.5rem);
    }
    .card:hover {
      border-color: var(--samrad-color-primary, #1d4ed8);
    }
    .folder {
      /* An eyebrow above the title; the title stays first for screen-reader heading navigation. */
      order: -1;
      margin: 0;
      font-size: 0.8125rem;
      font-weight: 600;
      letter-spacing: 0.02em;
      text-transform: uppercase;
      color: var(--samrad-color-muted, #4b5563);
    }
    .title {
      margin: 0;
      font-size: 1.125rem;
      line-height: 1.3;
    }
    .title a {
      color: var(--samrad-color-primary, #1d4ed8);
      text-decoration: underline;
      text-decoration-thickness: 1px;
      text-underline-offset: 0.15em;
    }
    .title a:hover {
      text-decoration-thickness: 2px;
    }
    /* The whole card is the link's target, while the link text stays the title alone. */
    .title a::after {
      content: '';
      position: absolute;
      inset: 0;
      border-radius: var(--samrad-radius, 0.5rem);
    }
    .title a:focus-visible {
      outline: none;
    }
    .title a:focus-visible::after {
      outline: 3px solid var(--samrad-color-primary, #1d4ed8);
      outline-offset: 2px;
    }
    .description {
      margin: 0;
    }
    .phase {
      margin-top: auto;
      padding-top: 0.75rem;
      border-top: 1px solid var(--samrad-color-border, #d1d5db);
      font-size: 0.875rem;
      color: var(--samrad-color-muted, #4b5563);
    }
    .phase p {
      margin: 0;
    }
    .phase-meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
      margin-top: 0.375rem;
    }
    .phase-label {
      font-weight: 600;
      color: var(--samrad-color-text, #1f2937);
    }
    .method {
      padding: 0 0.5rem;
      border: 1px solid currentColor;
      border-radius: 999px;
      font-size: 0.8125rem;
    }
    .status {
      margin: 1rem 0;
    }
    .status.error {
      color: var(--samrad-color-error, #b91c1c);
      font-weight: 600;
    }
    .actions {
      margin-top: 1rem;
      text-align: center;
    }
    button {
      font: inherit;
      font-weight: 600;
      padding: 0.625rem 1.25rem;
      min-height: 2.75rem;
      border-radius: var(--samrad-radius, 0.5rem);
      border: 2px solid var(--samrad-color-primary, #1d4ed8);
      background: var(--samrad-color-primary, #1d4ed8);
      color: var(--samrad-color-on-primary, #ffffff);
      cursor: pointer;
    }
    button.secondary {
      background: transparent;
      color: var(--samrad-color-primary, #1d4ed8);
    }
    button[aria-disabled='true'] {
      cursor: progress;
    }
    button:focus-visible {
      outline: 3px solid var(--samrad-color-primary, #1d4ed8);
      outline-offset: 2px;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      padding: 0;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
      border: 0;
    }
  `;

  declare api: string | undefined;
  declare folder: string | undefined;
  declare status: string | undefined;
  declare limit: number | undefined;
  declare projectUrl: string | undefined;
  declare headingLevel: number | undefined;
  declare protected items: ProjectCard[];
  declare protected nextCursor: string | null;
  declare protected loadState: LoadState;
  declare protected platform: PlatformInfo | undefined;

  #request: AbortController | undefined;
  /** Set when the element left the page mid-request, so coming back reloads. */
  #interrupted = false;
  /** After "Show more", keyboard focus moves to the first new card instead of getting lost. */
  #focusIndex: number | undefined;
  /** `lang` is not a Lit property: it may be set on the element or on any ancestor. */
  #langObserver = new MutationObserver(() => this.requestUpdate());

  constructor() {
    super();
    this.items = [];
    this.nextCursor = null;
    this.loadState = 'loading';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const options = { attributes: true, attributeFilter: ['lang'] };
    this.#langObserver.observe(this, options);
    this.#langObserver.observe(document.documentElement, { ...options, subtree: true });
    if (this.#interrupted) {
      this.#interrupted = false;
      void this.#load(this.items.length > 0);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#langObserver.disconnect();
    if (this.loadState === 'loading' || this.loadState === 'loading-more') {
      this.#request?.abort();
      this.#interrupted = true;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      !this.hasUpdated ||
      changed.has('api') ||
      changed.has('folder') ||
      changed.has('status') ||
      changed.has('limit')
    ) {
      this.items = [];
      this.nextCursor = null;
      void this.#load(false);
    }
  }

  protected override updated(): void {
    if (this.#focusIndex === undefined || this.loadState !== 'ready') return;
    const links = this.renderRoot.querySelectorAll<HTMLAnchorElement>('.title a');
    links[this.#focusIndex]?.focus();
    this.#focusIndex = undefined;
  }

  /** The language the texts are shown in. */
  get locale(): Locale {
    return (
      supportedLocale(this.closest('[lang]')?.getAttribute('lang')) ??
      this.platform?.defaultLocale ??
      'en'
    );
  }

  get #apiUrl(): string {
    return apiUrl(this.api, document.baseURI);
  }

  get #query() {
    const status = publicationStatuses.find(
      (s): s is PublicationStatus => s === this.status?.trim(),
    );
    const limit = Number.isFinite(this.limit)
      ? Math.min(100, Math.max(1, Math.trunc(this.limit ?? 24)))
      : undefined;
    return {
      ...(this.folder?.trim() ? { folderId: this.folder.trim() } : {}),
      ...(status ? { status } : {}),
      ...(limit ? { limit } : {}),
    };
  }

  async #load(append: boolean): Promise<void> {
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    const url = this.#apiUrl;
    const cursor = append ? this.nextCursor : null;
    this.loadState = append ? 'loading-more' : 'loading';
    try {
      const [platform, page] = await Promise.all([
        platformOf(url),
        clientFor(url).projects.list.query({ ...this.#query, cursor }, { signal: request.signal }),
      ]);
      if (request.signal.aborted) return;
      this.platform = platform;
      if (append) this.#focusIndex = this.items.length;
      this.items = append ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.loadState = 'ready';
      await this.updateComplete;
      emit(this, 'samrad-projects-loaded', { count: this.items.length });
    } catch {
      if (request.signal.aborted) return;
      this.loadState = 'error';
    }
  }

  #showMore(): void {
    if (this.loadState === 'ready' && this.nextCursor) void this.#load(true);
  }

  #retry(): void {
    void this.#load(this.items.length > 0);
  }

  override render(): TemplateResult {
    const locale = this.locale;
    const t = messages(locale);
    const busy = this.loadState === 'loading' || this.loadState === 'loading-more';
    const fallbacks = [this.platform?.defaultLocale ?? 'en', 'en'];
    return html`
      <div part="base" lang=${locale} aria-busy=${busy ? 'true' : 'false'}>
        ${
          this.items.length > 0
            ? html`<ul part="list" class="list" role="list">
                ${this.items.map((project) => this.#card(project, locale, fallbacks, t))}
              </ul>`
            : nothing
        }
        ${this.#status(locale, t)}
        ${
          this.loadState === 'error'
            ? html`<div class="actions">
                <button part="retry" class="secondary" type="button" @click=${this.#retry}>
                  ${t.retry}
                </button>
              </div>`
            : nothing
        }
        ${
          this.nextCursor && this.loadState !== 'error'
            ? html`<div class="actions">
                <button
                  part="more"
                  type="button"
                  aria-disabled=${this.loadState === 'loading-more' ? 'true' : 'false'}
                  @click=${this.#showMore}
                >
                  ${this.loadState === 'loading-more' ? t.loadingMore : t.showMore}
                </button>
              </div>`
            : nothing
        }
      </div>
    `;
  }

  /** Always in the DOM: a live region only announces changes to a region that already exists. */
  #status(locale: Locale, t: Messages): TemplateResult {
    const [text, visible, error] =
      this.loadState === 'error'
        ? [t.error, true, true]
        : this.loadState === 'loading'
          ? [t.loading, true, false]
          : this.loadState === 'loading-more'
            ? [t.loadingMore, false, false]
            : this.items.length === 0
              ? [t.empty, true, false]
              : [plural(locale, t.shown, this.items.length), false, false];
    const classes = ['status', visible ? '' : 'visually-hidden', error ? 'error' : '']
      .join(' ')
      .trim();
    return html`<p part="status" class=${classes} role="status">${text}</p>`;
  }

  #card(project: ProjectCard, locale: Locale, fallbacks: string[], t: Messages): TemplateResult {
    const heading = headingTags[Math.trunc(this.headingLevel ?? 3)] ?? literal`h3`;
    const description = excerpt(localize(project.description, locale, fallbacks));
    const phase = project.currentPhase;
    const timing = phase ? phaseTiming(phase, new Date()) : undefined;
    return html`
      <li part="card" class="card">
        ${staticHtml`<${heading} part="title" class="title"><a part="link" href=${projectHref(this.projectUrl, project)}>${localize(project.title, locale, fallbacks)}</a></${heading}>`}
        ${
          project.folder
            ? html`<p part="folder" class="folder">
                <span class="visually-hidden">${t.folder}: </span
                >${localize(project.folder.title, locale, fallbacks)}
              </p>`
            : nothing
        }
        ${description ? html`<p part="description" class="description">${description}</p>` : nothing}
        ${
          phase && timing
            ? html`<div part="phase" class="phase">
                <p>
                  <span class="phase-label">${t.phase[timing]}:</span>
                  ${localize(phase.title, locale, fallbacks)}
                </p>
                <p class="phase-meta">
                  <span part="method" class="method">${t.methods[phase.method]}</span>
                  <span>${phaseDates(phase, timing, locale, t)}</span>
                </p>
              </div>`
            : nothing
        }
      </li>
    `;
  }
}

if (!customElements.get('samrad-projects'))
  customElements.define('samrad-projects', SamradProjects);

declare global {
  interface HTMLElementTagNameMap {
    'samrad-projects': SamradProjects;
  }
}

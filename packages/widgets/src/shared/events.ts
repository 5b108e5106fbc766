/** Detail of `samrad-projects-loaded`: how many project cards the widget now shows. */
export interface ProjectsLoadedDetail {
  count: number;
}

/** The events the widgets fire, by name, with their detail. */
export interface SamradEventMap {
  'samrad-projects-loaded': ProjectsLoadedDetail;
}

declare global {
  interface HTMLElementEventMap {
    'samrad-projects-loaded': CustomEvent<ProjectsLoadedDetail>;
  }
}

/**
 * Widget events bubble and are composed so that the city's page, outside the shadow root,
 * can listen on the element or on any ancestor.
 */
export function emit<K extends keyof SamradEventMap>(
  target: EventTarget,
  type: K,
  detail: SamradEventMap[K],
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

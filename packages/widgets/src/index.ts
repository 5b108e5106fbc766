// The one module a city loads: importing it defines every Samrad element.
export { SamradProjects } from './samrad-projects/samrad-projects.js';
export type { ProjectsLoadedDetail, SamradEventMap } from './shared/events.js';

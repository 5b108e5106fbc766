import type { ProjectVisibility, PublicationStatus } from '../projects/publication.js';
import type { Role } from './roles.js';

/** What the policy needs to know about a project. */
export interface ProjectFacts {
  id: string;
  /** The folders above the project, root first; empty when it sits under the platform. */
  folderIds: readonly string[];
  status: PublicationStatus;
  /** Published at least once: after that, its managers may republish without review (SPEC 2.3). */
  everPublished: boolean;
  listed: boolean;
  visibleTo: ProjectVisibility;
  /** The groups it is visible to when `visibleTo` is `groups`. */
  visibleGroupIds: readonly string[];
  membersOnly: boolean;
  joinRequests: boolean;
  /** Some folder above it is a draft: hidden from listings, reachable by link and search (SPEC 3.2). */
  inDraftFolder: boolean;
}

/** What the policy needs to know about a folder. */
export interface FolderFacts {
  id: string;
  /** The folders above it, root first. */
  ancestorIds: readonly string[];
  status: PublicationStatus;
  /** The projects anywhere below it: it is visible to whoever sees one of them (SPEC 3.2). */
  subtreeProjects: readonly ProjectFacts[];
}

/** What the policy needs to know about an input (idea, proposal, contribution). */
export interface InputFacts {
  project: ProjectFacts;
  /** Hidden by moderation: gone from residents' listings, not from those who run the project. */
  hidden: boolean;
}

/** What the policy needs to know about a person others may look at. */
export interface UserFacts {
  id: string;
  /** Chose to be found in the member directory (SPEC 6). */
  listedInDirectory: boolean;
  /**
   * The account is active. Pending and blocked people count as visitors (SPEC 2.4), so other
   * residents do not meet them in the directory or among a project's members.
   */
  active: boolean;
  /** The projects the person took part in, with the folders above each. */
  participatedIn: readonly Pick<ProjectFacts, 'id' | 'folderIds'>[];
  /** The members-only projects the person is a member of (SPEC 2.4, 3.5). */
  memberOf?: readonly string[];
}

/** A scope as the policy sees it: the folders above it matter, since grants cover subtrees. */
export type ScopeFacts =
  | { type: 'platform' }
  | { type: 'folder'; id: string; ancestorIds: readonly string[] }
  | { type: 'project'; id: string; folderIds: readonly string[] };

/** The target of `role.assign` and `role.revoke`. */
export interface RoleTarget {
  scope: ScopeFacts;
  role: Role;
  /** For revoking: the holder is the platform's only admin (SPEC 2.1). */
  isLastAdmin?: boolean;
}

export type Target =
  | { type: 'platform' }
  | { type: 'folder'; folder: FolderFacts }
  | { type: 'project'; project: ProjectFacts }
  | { type: 'input'; input: InputFacts }
  | { type: 'user'; user: UserFacts }
  | { type: 'group'; group: { builtIn: boolean } }
  | { type: 'scope'; scope: ScopeFacts }
  | { type: 'role'; role: RoleTarget };

/** Facts of the request rather than of the target. */
export interface DecisionEnv {
  /** The platform lets folder managers appoint managers inside their branch (SPEC 2.2). */
  managersMayDelegate?: boolean;
  /** The caller presented the project's valid preview link (SPEC 3.1). */
  previewGranted?: boolean;
  /** A listing filtered by search text: projects in draft folders are found too (SPEC 3.2). */
  searching?: boolean;
}

CREATE TYPE "public"."account_kind" AS ENUM('full', 'light');--> statement-breakpoint
CREATE TYPE "public"."assessment_status" AS ENUM('pending', 'in_review', 'accepted', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."built_in_group" AS ENUM('everyone_registered', 'staff');--> statement-breakpoint
CREATE TYPE "public"."data_collection" AS ENUM('all', 'demographics', 'anonymous');--> statement-breakpoint
CREATE TYPE "public"."email_code_purpose" AS ENUM('confirm_email', 'reset_password', 'change_email');--> statement-breakpoint
CREATE TYPE "public"."file_folder_right" AS ENUM('read', 'read_write');--> statement-breakpoint
CREATE TYPE "public"."group_kind" AS ENUM('manual', 'smart', 'composite');--> statement-breakpoint
CREATE TYPE "public"."invitation_status" AS ENUM('pending', 'accepted', 'declined', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."join_request_status" AS ENUM('pending', 'approved', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."membership_source" AS ENUM('request', 'invitation', 'added');--> statement-breakpoint
CREATE TYPE "public"."moderation_status" AS ENUM('visible', 'hidden');--> statement-breakpoint
CREATE TYPE "public"."participation_action" AS ENUM('post', 'comment', 'react', 'vote', 'survey', 'poll', 'volunteer', 'attend');--> statement-breakpoint
CREATE TYPE "public"."permitted_by" AS ENUM('managers', 'everyone', 'confirmed_email', 'account', 'verified');--> statement-breakpoint
CREATE TYPE "public"."phase_method" AS ENUM('ideation', 'survey', 'voting', 'information', 'poll', 'volunteering');--> statement-breakpoint
CREATE TYPE "public"."project_visibility" AS ENUM('everyone', 'managers', 'groups');--> statement-breakpoint
CREATE TYPE "public"."publication_status" AS ENUM('draft', 'published', 'archived');--> statement-breakpoint
CREATE TYPE "public"."reaction_kind" AS ENUM('up', 'down');--> statement-breakpoint
CREATE TYPE "public"."registration_question_type" AS ENUM('text', 'number', 'date', 'single', 'multiple', 'checkbox', 'area');--> statement-breakpoint
CREATE TYPE "public"."review_status" AS ENUM('none', 'requested', 'returned', 'approved');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'folder_manager', 'project_manager', 'project_moderator', 'project_reviewer');--> statement-breakpoint
CREATE TYPE "public"."scope_type" AS ENUM('platform', 'folder', 'project');--> statement-breakpoint
CREATE TYPE "public"."session_kind" AS ENUM('session', 'participation');--> statement-breakpoint
CREATE TYPE "public"."survey_question_type" AS ENUM('text', 'number', 'single', 'multiple', 'scale');--> statement-breakpoint
CREATE TYPE "public"."user_status" AS ENUM('pending', 'active', 'blocked');--> statement-breakpoint
CREATE TYPE "public"."username_format" AS ENUM('user', 'animal');--> statement-breakpoint
CREATE TYPE "public"."voting_method" AS ENUM('single', 'multiple', 'budget');--> statement-breakpoint
CREATE TYPE "public"."answer_source" AS ENUM('user', 'verification');--> statement-breakpoint
CREATE TABLE "platform_hosts" (
	"host" text PRIMARY KEY NOT NULL,
	"platform_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platforms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"default_locale" text DEFAULT 'en' NOT NULL,
	"locales" text[] DEFAULT '{en}'::text[] NOT NULL,
	"registration_approval" boolean DEFAULT false NOT NULL,
	"username_format" "username_format" DEFAULT 'user' NOT NULL,
	"managers_may_delegate" boolean DEFAULT false NOT NULL,
	"embed_origins" text[] DEFAULT '{}'::text[] NOT NULL,
	"verification" jsonb,
	"branding" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "platforms_slug_unique" UNIQUE("slug"),
	CONSTRAINT "platforms_default_locale_in_locales" CHECK ("platforms"."default_locale" = any("platforms"."locales")),
	CONSTRAINT "platforms_name_not_blank" CHECK (length(trim("platforms"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "email_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"email" text NOT NULL,
	"purpose" "email_code_purpose" NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_codes_attempts_non_negative" CHECK ("email_codes"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text,
	"sent_at" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "session_kind" DEFAULT 'session' NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_tokenHash_unique" UNIQUE("token_hash"),
	CONSTRAINT "sessions_expire_after_creation" CHECK ("sessions"."expires_at" > "sessions"."created_at")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"status" "user_status" DEFAULT 'active' NOT NULL,
	"kind" "account_kind" DEFAULT 'full' NOT NULL,
	"password_hash" text,
	"email_confirmed_at" timestamp with time zone,
	"locale" text,
	"verified_at" timestamp with time zone,
	"verification_identity_hash" text,
	"verified_attributes" jsonb,
	"listed_in_directory" boolean DEFAULT false NOT NULL,
	"profile" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_platform_email_unique" UNIQUE("platform_id","email"),
	CONSTRAINT "users_id_platform_unique" UNIQUE("id","platform_id"),
	CONSTRAINT "users_email_lower" CHECK ("users"."email" = lower("users"."email") and "users"."email" like '%_@_%'),
	CONSTRAINT "users_name_not_blank" CHECK (length(trim("users"."name")) > 0),
	CONSTRAINT "users_light_has_no_password" CHECK ("users"."kind" = 'full' or "users"."password_hash" is null),
	CONSTRAINT "users_verification_complete" CHECK (("users"."verified_at" is null) = ("users"."verification_identity_hash" is null))
);
--> statement-breakpoint
CREATE TABLE "folders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"parent_id" uuid,
	"slug" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "publication_status" DEFAULT 'draft' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "folders_platform_slug_unique" UNIQUE("platform_id","slug"),
	CONSTRAINT "folders_id_platform_unique" UNIQUE("id","platform_id"),
	CONSTRAINT "folders_not_own_parent" CHECK ("folders"."parent_id" is null or "folders"."parent_id" <> "folders"."id"),
	CONSTRAINT "folders_title_not_empty" CHECK (jsonb_typeof(title) = 'object' and title <> '{}'::jsonb),
	CONSTRAINT "folders_slug_format" CHECK ("folders"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"email" text NOT NULL,
	"user_id" uuid,
	"token_hash" text NOT NULL,
	"status" "invitation_status" DEFAULT 'pending' NOT NULL,
	"invited_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_tokenHash_unique" UNIQUE("token_hash"),
	CONSTRAINT "invitations_email_lower" CHECK ("invitations"."email" = lower("invitations"."email"))
);
--> statement-breakpoint
CREATE TABLE "join_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "join_request_status" DEFAULT 'pending' NOT NULL,
	"message" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "join_requests_decision_complete" CHECK (("join_requests"."status" in ('pending', 'withdrawn')) = ("join_requests"."decided_at" is null))
);
--> statement-breakpoint
CREATE TABLE "project_members" (
	"platform_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"source" "membership_source" NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_members_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "project_visibility_groups" (
	"platform_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	CONSTRAINT "project_visibility_groups_project_id_group_id_pk" PRIMARY KEY("project_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"folder_id" uuid,
	"slug" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "publication_status" DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"first_published_at" timestamp with time zone,
	"review_status" "review_status" DEFAULT 'none' NOT NULL,
	"review_comment" text,
	"preview_token_hash" text,
	"listed" boolean DEFAULT true NOT NULL,
	"visible_to" "project_visibility" DEFAULT 'everyone' NOT NULL,
	"members_only" boolean DEFAULT false NOT NULL,
	"join_requests" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_previewTokenHash_unique" UNIQUE("preview_token_hash"),
	CONSTRAINT "projects_platform_slug_unique" UNIQUE("platform_id","slug"),
	CONSTRAINT "projects_id_platform_unique" UNIQUE("id","platform_id"),
	CONSTRAINT "projects_title_not_empty" CHECK (jsonb_typeof(title) = 'object' and title <> '{}'::jsonb),
	CONSTRAINT "projects_slug_format" CHECK ("projects"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "projects_published_has_date" CHECK ("projects"."status" = 'draft' or "projects"."first_published_at" is not null),
	CONSTRAINT "projects_join_requests_need_members_only" CHECK ("projects"."members_only" or not "projects"."join_requests")
);
--> statement-breakpoint
CREATE TABLE "role_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"scope_type" "scope_type" NOT NULL,
	"folder_id" uuid,
	"project_id" uuid,
	"granted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "role_assignments_one_per_scope" UNIQUE NULLS NOT DISTINCT("user_id","scope_type","folder_id","project_id"),
	CONSTRAINT "role_assignments_scope_columns" CHECK (("role_assignments"."scope_type" = 'platform' and "role_assignments"."folder_id" is null and "role_assignments"."project_id" is null)
        or ("role_assignments"."scope_type" = 'folder' and "role_assignments"."folder_id" is not null and "role_assignments"."project_id" is null)
        or ("role_assignments"."scope_type" = 'project' and "role_assignments"."project_id" is not null and "role_assignments"."folder_id" is null)),
	CONSTRAINT "role_assignments_role_fits_scope" CHECK (("role_assignments"."role" = 'admin') = ("role_assignments"."scope_type" = 'platform')
        and ("role_assignments"."role" = 'folder_manager') = ("role_assignments"."scope_type" = 'folder'))
);
--> statement-breakpoint
CREATE TABLE "composite_group_members" (
	"platform_id" uuid NOT NULL,
	"composite_group_id" uuid NOT NULL,
	"composite_kind" "group_kind" DEFAULT 'composite' NOT NULL,
	"member_group_id" uuid NOT NULL,
	"member_kind" "group_kind" DEFAULT 'manual' NOT NULL,
	CONSTRAINT "composite_group_members_composite_group_id_member_group_id_pk" PRIMARY KEY("composite_group_id","member_group_id"),
	CONSTRAINT "composite_group_members_kinds" CHECK ("composite_group_members"."composite_kind" = 'composite' and "composite_group_members"."member_kind" = 'manual')
);
--> statement-breakpoint
CREATE TABLE "group_memberships" (
	"platform_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"group_kind" "group_kind" NOT NULL,
	"user_id" uuid NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_memberships_group_id_user_id_pk" PRIMARY KEY("group_id","user_id"),
	CONSTRAINT "group_memberships_hand_made_groups" CHECK ("group_memberships"."group_kind" in ('manual', 'composite'))
);
--> statement-breakpoint
CREATE TABLE "user_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"kind" "group_kind" NOT NULL,
	"built_in" "built_in_group",
	"rules" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_groups_platform_name_unique" UNIQUE("platform_id","name"),
	CONSTRAINT "user_groups_id_kind_unique" UNIQUE("id","kind"),
	CONSTRAINT "user_groups_rules_only_for_smart" CHECK (("user_groups"."kind" = 'smart') = ("user_groups"."rules" is not null)),
	CONSTRAINT "user_groups_name_not_blank" CHECK (length(trim("user_groups"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"geometry" jsonb,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_answers" (
	"platform_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"value" jsonb NOT NULL,
	"source" "answer_source" DEFAULT 'user' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registration_answers_user_id_question_id_pk" PRIMARY KEY("user_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "registration_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"key" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"type" "registration_question_type" NOT NULL,
	"options" jsonb,
	"required" boolean DEFAULT false NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registration_questions_platform_key_unique" UNIQUE("platform_id","key"),
	CONSTRAINT "registration_questions_title_not_empty" CHECK (jsonb_typeof(title) = 'object' and title <> '{}'::jsonb),
	CONSTRAINT "registration_questions_key_format" CHECK ("registration_questions"."key" ~ '^[a-z][a-z0-9_]*$'),
	CONSTRAINT "registration_questions_choices_have_options" CHECK (("registration_questions"."type" in ('single', 'multiple')) = ("registration_questions"."options" is not null))
);
--> statement-breakpoint
CREATE TABLE "participation_extra_questions" (
	"platform_id" uuid NOT NULL,
	"setting_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	CONSTRAINT "participation_extra_questions_setting_id_question_id_pk" PRIMARY KEY("setting_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "participation_setting_groups" (
	"platform_id" uuid NOT NULL,
	"setting_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	CONSTRAINT "participation_setting_groups_setting_id_group_id_pk" PRIMARY KEY("setting_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "participation_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"phase_id" uuid NOT NULL,
	"action" "participation_action" NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"permitted_by" "permitted_by" DEFAULT 'account' NOT NULL,
	"data_collection" "data_collection" DEFAULT 'all' NOT NULL,
	"max_per_person" integer,
	"refusal_message" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participation_settings_phase_action_unique" UNIQUE("phase_id","action"),
	CONSTRAINT "participation_settings_no_sign_in_only_for_surveys" CHECK ("participation_settings"."permitted_by" <> 'everyone' or "participation_settings"."action" = 'survey'),
	CONSTRAINT "participation_settings_cap_positive" CHECK ("participation_settings"."max_per_person" is null or "participation_settings"."max_per_person" > 0)
);
--> statement-breakpoint
CREATE TABLE "phases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"method" "phase_method" NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone,
	"voting_method" "voting_method",
	"voting_max_choices" integer,
	"voting_budget" integer,
	"reverification_days" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "phases_id_platform_unique" UNIQUE("id","platform_id"),
	CONSTRAINT "phases_title_not_empty" CHECK (jsonb_typeof(title) = 'object' and title <> '{}'::jsonb),
	CONSTRAINT "phases_end_after_start" CHECK ("phases"."end_at" is null or "phases"."end_at" > "phases"."start_at"),
	CONSTRAINT "phases_voting_settings" CHECK (("phases"."method" = 'voting') = ("phases"."voting_method" is not null)
        and ("phases"."voting_max_choices" is null or ("phases"."voting_method" = 'multiple' and "phases"."voting_max_choices" > 0))
        and ("phases"."voting_budget" is null or ("phases"."voting_method" = 'budget' and "phases"."voting_budget" > 0))
        and ("phases"."voting_method" is distinct from 'budget' or "phases"."voting_budget" is not null)),
	CONSTRAINT "phases_reverification_positive" CHECK ("phases"."reverification_days" is null or "phases"."reverification_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"input_id" uuid NOT NULL,
	"reviewer_id" uuid,
	"status" "assessment_status" DEFAULT 'pending' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_one_per_reviewer" UNIQUE("input_id","reviewer_id")
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"input_id" uuid NOT NULL,
	"parent_id" uuid,
	"body" text NOT NULL,
	"moderation" "moderation_status" DEFAULT 'visible' NOT NULL,
	"moderated_by" uuid,
	"author_id" uuid,
	"data_collection" "data_collection" NOT NULL,
	"demographics" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "comments_body_not_blank" CHECK (length(trim("comments"."body")) > 0),
	CONSTRAINT "comments_not_own_parent" CHECK ("comments"."parent_id" is null or "comments"."parent_id" <> "comments"."id"),
	CONSTRAINT "comments_anonymity" CHECK (("comments"."data_collection" = 'all' and "comments"."demographics" is null)
        or ("comments"."data_collection" = 'demographics' and "comments"."author_id" is null and "comments"."demographics" is not null
            and (extract(epoch from "comments"."created_at")::bigint % 86400 = 0) and (extract(epoch from "comments"."updated_at")::bigint % 86400 = 0))
        or ("comments"."data_collection" = 'anonymous' and "comments"."author_id" is null and "comments"."demographics" is null
            and (extract(epoch from "comments"."created_at")::bigint % 86400 = 0) and (extract(epoch from "comments"."updated_at")::bigint % 86400 = 0)))
);
--> statement-breakpoint
CREATE TABLE "inputs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"phase_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"images" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"address" text,
	"moderation" "moderation_status" DEFAULT 'visible' NOT NULL,
	"moderated_by" uuid,
	"moderation_reason" text,
	"reactions_up" integer DEFAULT 0 NOT NULL,
	"reactions_down" integer DEFAULT 0 NOT NULL,
	"comments_count" integer DEFAULT 0 NOT NULL,
	"author_id" uuid,
	"data_collection" "data_collection" NOT NULL,
	"demographics" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inputs_title_length" CHECK (length(trim("inputs"."title")) between 1 and 300),
	CONSTRAINT "inputs_location_pair" CHECK (("inputs"."latitude" is null) = ("inputs"."longitude" is null)),
	CONSTRAINT "inputs_counters_non_negative" CHECK ("inputs"."reactions_up" >= 0 and "inputs"."reactions_down" >= 0 and "inputs"."comments_count" >= 0),
	CONSTRAINT "inputs_anonymity" CHECK (("inputs"."data_collection" = 'all' and "inputs"."demographics" is null)
        or ("inputs"."data_collection" = 'demographics' and "inputs"."author_id" is null and "inputs"."demographics" is not null
            and (extract(epoch from "inputs"."created_at")::bigint % 86400 = 0) and (extract(epoch from "inputs"."updated_at")::bigint % 86400 = 0))
        or ("inputs"."data_collection" = 'anonymous' and "inputs"."author_id" is null and "inputs"."demographics" is null
            and (extract(epoch from "inputs"."created_at")::bigint % 86400 = 0) and (extract(epoch from "inputs"."updated_at")::bigint % 86400 = 0)))
);
--> statement-breakpoint
CREATE TABLE "reactions" (
	"platform_id" uuid NOT NULL,
	"input_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "reaction_kind" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reactions_input_id_user_id_pk" PRIMARY KEY("input_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"input_id" uuid,
	"comment_id" uuid,
	"reporter_id" uuid,
	"reason" text NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_one_target" CHECK (("reports"."input_id" is null) <> ("reports"."comment_id" is null))
);
--> statement-breakpoint
CREATE TABLE "vote_choices" (
	"platform_id" uuid NOT NULL,
	"vote_id" uuid NOT NULL,
	"input_id" uuid NOT NULL,
	"amount" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "vote_choices_vote_id_input_id_pk" PRIMARY KEY("vote_id","input_id"),
	CONSTRAINT "vote_choices_amount_positive" CHECK ("vote_choices"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"phase_id" uuid NOT NULL,
	"author_id" uuid,
	"data_collection" "data_collection" NOT NULL,
	"demographics" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "votes_anonymity" CHECK (("votes"."data_collection" = 'all' and "votes"."demographics" is null)
        or ("votes"."data_collection" = 'demographics' and "votes"."author_id" is null and "votes"."demographics" is not null
            and (extract(epoch from "votes"."created_at")::bigint % 86400 = 0) and (extract(epoch from "votes"."updated_at")::bigint % 86400 = 0))
        or ("votes"."data_collection" = 'anonymous' and "votes"."author_id" is null and "votes"."demographics" is null
            and (extract(epoch from "votes"."created_at")::bigint % 86400 = 0) and (extract(epoch from "votes"."updated_at")::bigint % 86400 = 0)))
);
--> statement-breakpoint
CREATE TABLE "participation_markers" (
	"platform_id" uuid NOT NULL,
	"phase_id" uuid NOT NULL,
	"action" "participation_action" NOT NULL,
	"subject_hash" text NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "participation_markers_phase_id_action_subject_hash_pk" PRIMARY KEY("phase_id","action","subject_hash"),
	CONSTRAINT "participation_markers_count_positive" CHECK ("participation_markers"."count" > 0)
);
--> statement-breakpoint
CREATE TABLE "survey_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"phase_id" uuid NOT NULL,
	"key" text NOT NULL,
	"title" jsonb NOT NULL,
	"type" "survey_question_type" NOT NULL,
	"options" jsonb,
	"scale_min" integer,
	"scale_max" integer,
	"required" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "survey_questions_phase_key_unique" UNIQUE("phase_id","key"),
	CONSTRAINT "survey_questions_title_not_empty" CHECK (jsonb_typeof(title) = 'object' and title <> '{}'::jsonb),
	CONSTRAINT "survey_questions_choices_have_options" CHECK (("survey_questions"."type" in ('single', 'multiple')) = ("survey_questions"."options" is not null)),
	CONSTRAINT "survey_questions_scale_bounds" CHECK (("survey_questions"."type" = 'scale') = ("survey_questions"."scale_min" is not null and "survey_questions"."scale_max" is not null)
        and ("survey_questions"."scale_min" is null or "survey_questions"."scale_min" < "survey_questions"."scale_max"))
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"phase_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"is_test" boolean DEFAULT false NOT NULL,
	"author_id" uuid,
	"data_collection" "data_collection" NOT NULL,
	"demographics" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "survey_responses_anonymity" CHECK (("survey_responses"."data_collection" = 'all' and "survey_responses"."demographics" is null)
        or ("survey_responses"."data_collection" = 'demographics' and "survey_responses"."author_id" is null and "survey_responses"."demographics" is not null
            and (extract(epoch from "survey_responses"."created_at")::bigint % 86400 = 0) and (extract(epoch from "survey_responses"."updated_at")::bigint % 86400 = 0))
        or ("survey_responses"."data_collection" = 'anonymous' and "survey_responses"."author_id" is null and "survey_responses"."demographics" is null
            and (extract(epoch from "survey_responses"."created_at")::bigint % 86400 = 0) and (extract(epoch from "survey_responses"."updated_at")::bigint % 86400 = 0)))
);
--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"platform_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_registrations_event_id_user_id_pk" PRIMARY KEY("event_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"phase_id" uuid,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"location" text,
	"online_url" text,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone,
	"capacity" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_title_not_empty" CHECK (jsonb_typeof(title) = 'object' and title <> '{}'::jsonb),
	CONSTRAINT "events_end_after_start" CHECK ("events"."end_at" is null or "events"."end_at" > "events"."start_at"),
	CONSTRAINT "events_capacity_positive" CHECK ("events"."capacity" is null or "events"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "volunteering_causes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"phase_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"capacity" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteering_causes_title_not_empty" CHECK (jsonb_typeof(title) = 'object' and title <> '{}'::jsonb),
	CONSTRAINT "volunteering_causes_capacity_positive" CHECK ("volunteering_causes"."capacity" is null or "volunteering_causes"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"platform_id" uuid NOT NULL,
	"cause_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteers_cause_id_user_id_pk" PRIMARY KEY("cause_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "discussion_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"thread_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discussion_posts_body_not_blank" CHECK (length(trim("discussion_posts"."body")) > 0)
);
--> statement-breakpoint
CREATE TABLE "discussion_threads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"author_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discussion_threads_title_not_blank" CHECK (length(trim("discussion_threads"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "file_folder_grants" (
	"platform_id" uuid NOT NULL,
	"file_folder_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"right" "file_folder_right" NOT NULL,
	CONSTRAINT "file_folder_grants_file_folder_id_group_id_pk" PRIMARY KEY("file_folder_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "file_folders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "file_folders_project_name_unique" UNIQUE("project_id","name"),
	CONSTRAINT "file_folders_name_not_blank" CHECK (length(trim("file_folders"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"file_folder_id" uuid NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_size" CHECK ("files"."size_bytes" = octet_length("files"."content") and "files"."size_bytes" <= 26214400),
	CONSTRAINT "files_name_not_blank" CHECK (length(trim("files"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid,
	"folder_id" uuid,
	"project_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "platform_hosts" ADD CONSTRAINT "platform_hosts_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_codes" ADD CONSTRAINT "email_codes_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "folders" ADD CONSTRAINT "folders_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "folders" ADD CONSTRAINT "folders_parent_id_folders_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."folders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "folders" ADD CONSTRAINT "folders_parent_same_platform_fk" FOREIGN KEY ("parent_id","platform_id") REFERENCES "public"."folders"("id","platform_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_visibility_groups" ADD CONSTRAINT "project_visibility_groups_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_visibility_groups" ADD CONSTRAINT "project_visibility_groups_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_visibility_groups" ADD CONSTRAINT "project_visibility_groups_group_id_user_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."user_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_folder_same_platform_fk" FOREIGN KEY ("folder_id","platform_id") REFERENCES "public"."folders"("id","platform_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_user_same_platform_fk" FOREIGN KEY ("user_id","platform_id") REFERENCES "public"."users"("id","platform_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_folder_same_platform_fk" FOREIGN KEY ("folder_id","platform_id") REFERENCES "public"."folders"("id","platform_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_project_same_platform_fk" FOREIGN KEY ("project_id","platform_id") REFERENCES "public"."projects"("id","platform_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "composite_group_members" ADD CONSTRAINT "composite_group_members_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "composite_group_members" ADD CONSTRAINT "composite_group_members_composite_fk" FOREIGN KEY ("composite_group_id","composite_kind") REFERENCES "public"."user_groups"("id","kind") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "composite_group_members" ADD CONSTRAINT "composite_group_members_member_fk" FOREIGN KEY ("member_group_id","member_kind") REFERENCES "public"."user_groups"("id","kind") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_memberships" ADD CONSTRAINT "group_memberships_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_memberships" ADD CONSTRAINT "group_memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_memberships" ADD CONSTRAINT "group_memberships_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_memberships" ADD CONSTRAINT "group_memberships_group_fk" FOREIGN KEY ("group_id","group_kind") REFERENCES "public"."user_groups"("id","kind") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_groups" ADD CONSTRAINT "user_groups_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "areas" ADD CONSTRAINT "areas_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_answers" ADD CONSTRAINT "registration_answers_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_answers" ADD CONSTRAINT "registration_answers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_answers" ADD CONSTRAINT "registration_answers_question_id_registration_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."registration_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_questions" ADD CONSTRAINT "registration_questions_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_extra_questions" ADD CONSTRAINT "participation_extra_questions_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_extra_questions" ADD CONSTRAINT "participation_extra_questions_setting_id_participation_settings_id_fk" FOREIGN KEY ("setting_id") REFERENCES "public"."participation_settings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_extra_questions" ADD CONSTRAINT "participation_extra_questions_question_id_registration_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."registration_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_setting_groups" ADD CONSTRAINT "participation_setting_groups_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_setting_groups" ADD CONSTRAINT "participation_setting_groups_setting_id_participation_settings_id_fk" FOREIGN KEY ("setting_id") REFERENCES "public"."participation_settings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_setting_groups" ADD CONSTRAINT "participation_setting_groups_group_id_user_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."user_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_settings" ADD CONSTRAINT "participation_settings_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_settings" ADD CONSTRAINT "participation_settings_phase_id_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phases" ADD CONSTRAINT "phases_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phases" ADD CONSTRAINT "phases_project_same_platform_fk" FOREIGN KEY ("project_id","platform_id") REFERENCES "public"."projects"("id","platform_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_input_id_inputs_id_fk" FOREIGN KEY ("input_id") REFERENCES "public"."inputs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_input_id_inputs_id_fk" FOREIGN KEY ("input_id") REFERENCES "public"."inputs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_parent_id_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inputs" ADD CONSTRAINT "inputs_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inputs" ADD CONSTRAINT "inputs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inputs" ADD CONSTRAINT "inputs_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inputs" ADD CONSTRAINT "inputs_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inputs" ADD CONSTRAINT "inputs_phase_same_platform_fk" FOREIGN KEY ("phase_id","platform_id") REFERENCES "public"."phases"("id","platform_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_input_id_inputs_id_fk" FOREIGN KEY ("input_id") REFERENCES "public"."inputs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_input_id_inputs_id_fk" FOREIGN KEY ("input_id") REFERENCES "public"."inputs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_choices" ADD CONSTRAINT "vote_choices_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_choices" ADD CONSTRAINT "vote_choices_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_choices" ADD CONSTRAINT "vote_choices_input_id_inputs_id_fk" FOREIGN KEY ("input_id") REFERENCES "public"."inputs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_phase_id_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_markers" ADD CONSTRAINT "participation_markers_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_markers" ADD CONSTRAINT "participation_markers_phase_id_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_questions" ADD CONSTRAINT "survey_questions_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_questions" ADD CONSTRAINT "survey_questions_phase_id_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_phase_id_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_phase_id_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteering_causes" ADD CONSTRAINT "volunteering_causes_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteering_causes" ADD CONSTRAINT "volunteering_causes_phase_id_phases_id_fk" FOREIGN KEY ("phase_id") REFERENCES "public"."phases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_cause_id_volunteering_causes_id_fk" FOREIGN KEY ("cause_id") REFERENCES "public"."volunteering_causes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discussion_posts" ADD CONSTRAINT "discussion_posts_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discussion_posts" ADD CONSTRAINT "discussion_posts_thread_id_discussion_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."discussion_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discussion_posts" ADD CONSTRAINT "discussion_posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discussion_threads" ADD CONSTRAINT "discussion_threads_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discussion_threads" ADD CONSTRAINT "discussion_threads_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discussion_threads" ADD CONSTRAINT "discussion_threads_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_folder_grants" ADD CONSTRAINT "file_folder_grants_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_folder_grants" ADD CONSTRAINT "file_folder_grants_file_folder_id_file_folders_id_fk" FOREIGN KEY ("file_folder_id") REFERENCES "public"."file_folders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_folder_grants" ADD CONSTRAINT "file_folder_grants_group_id_user_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."user_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_folders" ADD CONSTRAINT "file_folders_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_folders" ADD CONSTRAINT "file_folders_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_folders" ADD CONSTRAINT "file_folders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_file_folder_id_file_folders_id_fk" FOREIGN KEY ("file_folder_id") REFERENCES "public"."file_folders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_codes_lookup_idx" ON "email_codes" USING btree ("platform_id","email","purpose");--> statement-breakpoint
CREATE INDEX "email_outbox_platform_created_idx" ON "email_outbox" USING btree ("platform_id","created_at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_platform_verification_identity_unique" ON "users" USING btree ("platform_id","verification_identity_hash") WHERE "users"."verification_identity_hash" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "users_platform_light_name_unique" ON "users" USING btree ("platform_id","name") WHERE "users"."kind" = 'light';--> statement-breakpoint
CREATE INDEX "users_platform_created_idx" ON "users" USING btree ("platform_id","created_at");--> statement-breakpoint
CREATE INDEX "folders_platform_parent_idx" ON "folders" USING btree ("platform_id","parent_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_one_pending_idx" ON "invitations" USING btree ("project_id","email") WHERE "invitations"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "join_requests_one_pending_idx" ON "join_requests" USING btree ("project_id","user_id") WHERE "join_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "project_members_user_idx" ON "project_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "project_visibility_groups_group_idx" ON "project_visibility_groups" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "projects_listing_idx" ON "projects" USING btree ("platform_id","status","listed","visible_to","created_at","id");--> statement-breakpoint
CREATE INDEX "projects_folder_idx" ON "projects" USING btree ("platform_id","folder_id");--> statement-breakpoint
CREATE INDEX "role_assignments_platform_role_idx" ON "role_assignments" USING btree ("platform_id","role");--> statement-breakpoint
CREATE INDEX "role_assignments_folder_idx" ON "role_assignments" USING btree ("folder_id");--> statement-breakpoint
CREATE INDEX "role_assignments_project_idx" ON "role_assignments" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "composite_group_members_member_idx" ON "composite_group_members" USING btree ("member_group_id");--> statement-breakpoint
CREATE INDEX "group_memberships_user_idx" ON "group_memberships" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_groups_one_built_in_idx" ON "user_groups" USING btree ("platform_id","built_in") WHERE "user_groups"."built_in" is not null;--> statement-breakpoint
CREATE INDEX "areas_platform_idx" ON "areas" USING btree ("platform_id","position");--> statement-breakpoint
CREATE INDEX "registration_answers_question_idx" ON "registration_answers" USING btree ("question_id");--> statement-breakpoint
CREATE INDEX "participation_setting_groups_group_idx" ON "participation_setting_groups" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "phases_project_start_idx" ON "phases" USING btree ("project_id","start_at");--> statement-breakpoint
CREATE INDEX "assessments_input_idx" ON "assessments" USING btree ("input_id");--> statement-breakpoint
CREATE INDEX "comments_input_idx" ON "comments" USING btree ("input_id","created_at");--> statement-breakpoint
CREATE INDEX "inputs_phase_listing_idx" ON "inputs" USING btree ("phase_id","moderation","created_at");--> statement-breakpoint
CREATE INDEX "inputs_project_idx" ON "inputs" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "inputs_author_idx" ON "inputs" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "reactions_user_idx" ON "reactions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "reports_open_idx" ON "reports" USING btree ("platform_id","resolved_at");--> statement-breakpoint
CREATE INDEX "vote_choices_input_idx" ON "vote_choices" USING btree ("input_id");--> statement-breakpoint
CREATE UNIQUE INDEX "votes_one_per_voter_idx" ON "votes" USING btree ("phase_id","author_id") WHERE "votes"."author_id" is not null;--> statement-breakpoint
CREATE INDEX "survey_responses_phase_idx" ON "survey_responses" USING btree ("phase_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_once_per_respondent_idx" ON "survey_responses" USING btree ("phase_id","author_id") WHERE "survey_responses"."author_id" is not null and not "survey_responses"."is_test";--> statement-breakpoint
CREATE INDEX "event_registrations_user_idx" ON "event_registrations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "events_project_start_idx" ON "events" USING btree ("project_id","start_at");--> statement-breakpoint
CREATE INDEX "volunteering_causes_phase_idx" ON "volunteering_causes" USING btree ("phase_id","position");--> statement-breakpoint
CREATE INDEX "volunteers_user_idx" ON "volunteers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "discussion_posts_thread_idx" ON "discussion_posts" USING btree ("thread_id","created_at");--> statement-breakpoint
CREATE INDEX "discussion_threads_project_idx" ON "discussion_threads" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "file_folder_grants_group_idx" ON "file_folder_grants" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "files_folder_idx" ON "files" USING btree ("file_folder_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_platform_created_idx" ON "audit_log" USING btree ("platform_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_project_idx" ON "audit_log" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_folder_idx" ON "audit_log" USING btree ("folder_id","created_at");
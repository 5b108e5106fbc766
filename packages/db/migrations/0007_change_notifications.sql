-- Every change that a server process may hold a cached read of is announced at commit on the
-- channel samrad_changes (NOTIFY is transactional: nothing is announced for a rollback, and one
-- transaction's identical announcements fold into one). 'access:<platform id>' for the platform,
-- its places, people, roles, groups and settings; 'activity:<platform id>' for what people
-- contributed; 'reset' for a TRUNCATE. The caches key their entries by the announcements they
-- have seen, so every writer invalidates them — the API, a script, psql — and no code path can
-- forget to. Tables no cache reads are listed in src/changes.ts (a test holds the two equal).

CREATE FUNCTION samrad_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('samrad_changes', TG_ARGV[0] || ':' ||
    CASE TG_OP WHEN 'DELETE' THEN OLD.platform_id ELSE NEW.platform_id END);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION samrad_announce_platform_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('samrad_changes', 'access:' || CASE TG_OP WHEN 'DELETE' THEN OLD.id ELSE NEW.id END);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION samrad_announce_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('samrad_changes', 'reset');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER platforms_announce AFTER INSERT OR UPDATE OR DELETE ON platforms
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_platform_change();
--> statement-breakpoint
CREATE TRIGGER platforms_announce_truncate AFTER TRUNCATE ON platforms
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
-- A new session is in nobody's cache; revoking, expiring or moving one is a change.
CREATE TRIGGER sessions_announce AFTER UPDATE OF user_id, kind, expires_at, revoked_at OR DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER sessions_announce_truncate AFTER TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER platform_hosts_announce AFTER INSERT OR UPDATE OR DELETE ON platform_hosts
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER platform_hosts_announce_truncate AFTER TRUNCATE ON platform_hosts
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER users_announce AFTER INSERT OR UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER users_announce_truncate AFTER TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER folders_announce AFTER INSERT OR UPDATE OR DELETE ON folders
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER folders_announce_truncate AFTER TRUNCATE ON folders
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER projects_announce AFTER INSERT OR UPDATE OR DELETE ON projects
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER projects_announce_truncate AFTER TRUNCATE ON projects
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER project_visibility_groups_announce AFTER INSERT OR UPDATE OR DELETE ON project_visibility_groups
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER project_visibility_groups_announce_truncate AFTER TRUNCATE ON project_visibility_groups
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER project_members_announce AFTER INSERT OR UPDATE OR DELETE ON project_members
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER project_members_announce_truncate AFTER TRUNCATE ON project_members
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER role_assignments_announce AFTER INSERT OR UPDATE OR DELETE ON role_assignments
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER role_assignments_announce_truncate AFTER TRUNCATE ON role_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER user_groups_announce AFTER INSERT OR UPDATE OR DELETE ON user_groups
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER user_groups_announce_truncate AFTER TRUNCATE ON user_groups
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER group_memberships_announce AFTER INSERT OR UPDATE OR DELETE ON group_memberships
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER group_memberships_announce_truncate AFTER TRUNCATE ON group_memberships
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER composite_group_members_announce AFTER INSERT OR UPDATE OR DELETE ON composite_group_members
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER composite_group_members_announce_truncate AFTER TRUNCATE ON composite_group_members
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER areas_announce AFTER INSERT OR UPDATE OR DELETE ON areas
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER areas_announce_truncate AFTER TRUNCATE ON areas
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER registration_questions_announce AFTER INSERT OR UPDATE OR DELETE ON registration_questions
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER registration_questions_announce_truncate AFTER TRUNCATE ON registration_questions
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER registration_answers_announce AFTER INSERT OR UPDATE OR DELETE ON registration_answers
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER registration_answers_announce_truncate AFTER TRUNCATE ON registration_answers
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER phases_announce AFTER INSERT OR UPDATE OR DELETE ON phases
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER phases_announce_truncate AFTER TRUNCATE ON phases
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER participation_settings_announce AFTER INSERT OR UPDATE OR DELETE ON participation_settings
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER participation_settings_announce_truncate AFTER TRUNCATE ON participation_settings
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER participation_setting_groups_announce AFTER INSERT OR UPDATE OR DELETE ON participation_setting_groups
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER participation_setting_groups_announce_truncate AFTER TRUNCATE ON participation_setting_groups
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER participation_extra_questions_announce AFTER INSERT OR UPDATE OR DELETE ON participation_extra_questions
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER participation_extra_questions_announce_truncate AFTER TRUNCATE ON participation_extra_questions
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER survey_questions_announce AFTER INSERT OR UPDATE OR DELETE ON survey_questions
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER survey_questions_announce_truncate AFTER TRUNCATE ON survey_questions
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER events_announce AFTER INSERT OR UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER events_announce_truncate AFTER TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER volunteering_causes_announce AFTER INSERT OR UPDATE OR DELETE ON volunteering_causes
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER volunteering_causes_announce_truncate AFTER TRUNCATE ON volunteering_causes
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER invitations_announce AFTER INSERT OR UPDATE OR DELETE ON invitations
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER invitations_announce_truncate AFTER TRUNCATE ON invitations
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER join_requests_announce AFTER INSERT OR UPDATE OR DELETE ON join_requests
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER join_requests_announce_truncate AFTER TRUNCATE ON join_requests
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER file_folders_announce AFTER INSERT OR UPDATE OR DELETE ON file_folders
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER file_folders_announce_truncate AFTER TRUNCATE ON file_folders
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER file_folder_grants_announce AFTER INSERT OR UPDATE OR DELETE ON file_folder_grants
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('access');
--> statement-breakpoint
CREATE TRIGGER file_folder_grants_announce_truncate AFTER TRUNCATE ON file_folder_grants
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER inputs_announce AFTER INSERT OR UPDATE OR DELETE ON inputs
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('activity');
--> statement-breakpoint
CREATE TRIGGER inputs_announce_truncate AFTER TRUNCATE ON inputs
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER comments_announce AFTER INSERT OR UPDATE OR DELETE ON comments
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('activity');
--> statement-breakpoint
CREATE TRIGGER comments_announce_truncate AFTER TRUNCATE ON comments
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER reactions_announce AFTER INSERT OR UPDATE OR DELETE ON reactions
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('activity');
--> statement-breakpoint
CREATE TRIGGER reactions_announce_truncate AFTER TRUNCATE ON reactions
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER reports_announce AFTER INSERT OR UPDATE OR DELETE ON reports
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('activity');
--> statement-breakpoint
CREATE TRIGGER reports_announce_truncate AFTER TRUNCATE ON reports
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER assessments_announce AFTER INSERT OR UPDATE OR DELETE ON assessments
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('activity');
--> statement-breakpoint
CREATE TRIGGER assessments_announce_truncate AFTER TRUNCATE ON assessments
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER votes_announce AFTER INSERT OR UPDATE OR DELETE ON votes
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('activity');
--> statement-breakpoint
CREATE TRIGGER votes_announce_truncate AFTER TRUNCATE ON votes
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER vote_choices_announce AFTER INSERT OR UPDATE OR DELETE ON vote_choices
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('activity');
--> statement-breakpoint
CREATE TRIGGER vote_choices_announce_truncate AFTER TRUNCATE ON vote_choices
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER survey_responses_announce AFTER INSERT OR UPDATE OR DELETE ON survey_responses
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('activity');
--> statement-breakpoint
CREATE TRIGGER survey_responses_announce_truncate AFTER TRUNCATE ON survey_responses
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER participation_markers_announce AFTER INSERT OR UPDATE OR DELETE ON participation_markers
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('activity');
--> statement-breakpoint
CREATE TRIGGER participation_markers_announce_truncate AFTER TRUNCATE ON participation_markers
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER volunteers_announce AFTER INSERT OR UPDATE OR DELETE ON volunteers
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('activity');
--> statement-breakpoint
CREATE TRIGGER volunteers_announce_truncate AFTER TRUNCATE ON volunteers
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER event_registrations_announce AFTER INSERT OR UPDATE OR DELETE ON event_registrations
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('activity');
--> statement-breakpoint
CREATE TRIGGER event_registrations_announce_truncate AFTER TRUNCATE ON event_registrations
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER discussion_threads_announce AFTER INSERT OR UPDATE OR DELETE ON discussion_threads
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('activity');
--> statement-breakpoint
CREATE TRIGGER discussion_threads_announce_truncate AFTER TRUNCATE ON discussion_threads
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER discussion_posts_announce AFTER INSERT OR UPDATE OR DELETE ON discussion_posts
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('activity');
--> statement-breakpoint
CREATE TRIGGER discussion_posts_announce_truncate AFTER TRUNCATE ON discussion_posts
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();
--> statement-breakpoint
CREATE TRIGGER files_announce AFTER INSERT OR UPDATE OR DELETE ON files
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('activity');
--> statement-breakpoint
CREATE TRIGGER files_announce_truncate AFTER TRUNCATE ON files
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();

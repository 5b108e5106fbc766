-- Folder paths (folders.path, projects.folder_path) are derived from parent_id / folder_id by
-- these triggers only, so subtree checks (`path && managed_ids`) can never disagree with the tree.

CREATE FUNCTION samrad_folder_path() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent_path uuid[];
BEGIN
  IF NEW.parent_id IS NULL THEN
    NEW.path := '{}';
  ELSE
    SELECT path || id INTO parent_path FROM folders WHERE id = NEW.parent_id;
    -- A folder cannot be moved under itself or under one of its own sub-folders.
    IF NEW.id = ANY(parent_path) THEN
      RAISE EXCEPTION 'folder % cannot be moved under itself', NEW.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'folders_not_under_itself';
    END IF;
    NEW.path := parent_path;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER folders_path_before BEFORE INSERT OR UPDATE OF parent_id ON folders
  FOR EACH ROW EXECUTE FUNCTION samrad_folder_path();
--> statement-breakpoint
CREATE FUNCTION samrad_folder_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Everything below the moved folder keeps its place under it: its new prefix, the same suffix.
  UPDATE folders
    SET path = NEW.path || NEW.id || path[array_position(path, NEW.id) + 1:]
    WHERE path @> ARRAY[NEW.id];
  UPDATE projects
    SET folder_path = NEW.path || NEW.id || folder_path[array_position(folder_path, NEW.id) + 1:]
    WHERE folder_path @> ARRAY[NEW.id];
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER folders_path_after AFTER UPDATE OF parent_id ON folders
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION samrad_folder_moved();
--> statement-breakpoint
CREATE FUNCTION samrad_project_folder_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.folder_id IS NULL THEN
    NEW.folder_path := '{}';
  ELSE
    SELECT path || id INTO NEW.folder_path FROM folders WHERE id = NEW.folder_id;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER projects_folder_path_before BEFORE INSERT OR UPDATE OF folder_id ON projects
  FOR EACH ROW EXECUTE FUNCTION samrad_project_folder_path();

CREATE TABLE "input_images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform_id" uuid NOT NULL,
	"input_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"content_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"alt" text DEFAULT '' NOT NULL,
	"content" "bytea" NOT NULL,
	CONSTRAINT "input_images_position_unique" UNIQUE("input_id","position"),
	CONSTRAINT "input_images_content_type" CHECK ("input_images"."content_type" in ('image/jpeg', 'image/png', 'image/webp')),
	CONSTRAINT "input_images_size" CHECK (octet_length(content) <= 4194304),
	CONSTRAINT "input_images_dimensions" CHECK ("input_images"."width" > 0 and "input_images"."height" > 0)
);
--> statement-breakpoint
ALTER TABLE "input_images" ADD CONSTRAINT "input_images_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "input_images" ADD CONSTRAINT "input_images_input_id_inputs_id_fk" FOREIGN KEY ("input_id") REFERENCES "public"."inputs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inputs" DROP COLUMN "images";--> statement-breakpoint
-- Images are what people contributed, announced as their inputs are (0007).
CREATE TRIGGER input_images_announce AFTER INSERT OR UPDATE OR DELETE ON input_images
  FOR EACH ROW EXECUTE FUNCTION samrad_announce_change('activity');
--> statement-breakpoint
CREATE TRIGGER input_images_announce_truncate AFTER TRUNCATE ON input_images
  FOR EACH STATEMENT EXECUTE FUNCTION samrad_announce_truncate();

CREATE TABLE `delivery_status` (
	`channel` text PRIMARY KEY NOT NULL,
	`last_success_at` integer,
	`last_error_at` integer,
	`last_error` text,
	`fix` text,
	`rate_limited_until` integer,
	`rate_limits` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `incident_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`channel` text NOT NULL,
	`ts` text,
	`state` text NOT NULL,
	`rendered_revision` integer DEFAULT 0 NOT NULL,
	`last_update_at` integer,
	`noted_occurrences` integer DEFAULT 0 NOT NULL,
	`last_note_at` integer,
	`noted_action_id` integer DEFAULT 0 NOT NULL,
	`last_reminder_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incident_messages_key` ON `incident_messages` (`incident_id`,`channel`);--> statement-breakpoint
CREATE INDEX `incident_messages_ts` ON `incident_messages` (`channel`,`ts`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`name` text PRIMARY KEY NOT NULL,
	`last_run_at` integer,
	`last_success_at` integer,
	`last_error` text
);

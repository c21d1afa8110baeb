CREATE TABLE `findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`check_id` text NOT NULL,
	`account` text NOT NULL,
	`region` text NOT NULL,
	`resource_id` text NOT NULL,
	`resource_name` text NOT NULL,
	`severity` text NOT NULL,
	`pillar` text NOT NULL,
	`service` text NOT NULL,
	`message` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`fixed_at` integer,
	`reopened_at` integer,
	`last_scan_id` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `findings_key` ON `findings` (`check_id`,`account`,`region`,`resource_id`);--> statement-breakpoint
CREATE INDEX `findings_open` ON `findings` (`fixed_at`,`pillar`);--> statement-breakpoint
CREATE INDEX `findings_resource` ON `findings` (`resource_name`);--> statement-breakpoint
CREATE TABLE `scans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account` text NOT NULL,
	`region` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer NOT NULL,
	`checks_run` integer NOT NULL,
	`failing` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `scans_target` ON `scans` (`account`,`region`,`id`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`check_id` text NOT NULL,
	`resource` text NOT NULL,
	`reason` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`source` text NOT NULL,
	`retired_at` integer
);
--> statement-breakpoint
CREATE INDEX `suppressions_active` ON `suppressions` (`expires_at`);
CREATE TABLE `incident_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`action` text NOT NULL,
	`actor` text NOT NULL,
	`at` integer NOT NULL,
	`details` text,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `incident_actions_incident` ON `incident_actions` (`incident_id`,`at`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fingerprint` text NOT NULL,
	`account` text NOT NULL,
	`region` text NOT NULL,
	`function_name` text NOT NULL,
	`log_group` text NOT NULL,
	`failure_kind` text NOT NULL,
	`error_type` text,
	`message_template` text NOT NULL,
	`last_message` text,
	`top_frame` text,
	`severity` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`occurrences` integer DEFAULT 0 NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`opened_at` integer NOT NULL,
	`acknowledged_by` text,
	`acknowledged_at` integer,
	`resolved_by` text,
	`resolved_at` integer,
	`muted_by` text,
	`muted_until` integer,
	`mute_reason` text,
	`assignee` text,
	`regressions` integer DEFAULT 0 NOT NULL,
	`last_regression_at` integer,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incidents_fingerprint` ON `incidents` (`fingerprint`);--> statement-breakpoint
CREATE INDEX `incidents_state` ON `incidents` (`state`,`last_seen_at`);--> statement-breakpoint
CREATE INDEX `incidents_function` ON `incidents` (`function_name`);--> statement-breakpoint
CREATE TABLE `ingestion_targets` (
	`account` text NOT NULL,
	`region` text NOT NULL,
	`last_started_at` integer,
	`last_discovery_at` integer,
	`metric_probe_error` text,
	`last_success_at` integer,
	`last_error_at` integer,
	`last_error_code` text,
	`last_error_message` text,
	`consecutive_errors` integer DEFAULT 0 NOT NULL,
	`log_groups` integer DEFAULT 0 NOT NULL,
	`lag_ms` integer,
	PRIMARY KEY(`account`, `region`)
);
--> statement-breakpoint
CREATE TABLE `invocations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`log_group_id` integer NOT NULL,
	`log_stream` text NOT NULL,
	`request_id` text NOT NULL,
	`attempt` integer DEFAULT 1 NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`updated_at` integer NOT NULL,
	`outcome` text NOT NULL,
	`failure_kind` text,
	`error_type` text,
	`error_message` text,
	`duration_ms` integer,
	`billed_duration_ms` integer,
	`memory_size_mb` integer,
	`max_memory_used_mb` integer,
	`init_duration_ms` integer,
	`cold_start` integer DEFAULT false NOT NULL,
	`retry` integer DEFAULT false NOT NULL,
	`incident_id` integer,
	FOREIGN KEY (`log_group_id`) REFERENCES `log_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invocations_key` ON `invocations` (`log_group_id`,`request_id`,`attempt`);--> statement-breakpoint
CREATE INDEX `invocations_request` ON `invocations` (`log_group_id`,`request_id`);--> statement-breakpoint
CREATE INDEX `invocations_ended` ON `invocations` (`ended_at`);--> statement-breakpoint
CREATE TABLE `log_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account` text NOT NULL,
	`region` text NOT NULL,
	`log_group` text NOT NULL,
	`function_name` text,
	`runtime` text,
	`log_format` text DEFAULT 'Text' NOT NULL,
	`timeout_seconds` integer,
	`memory_size_mb` integer,
	`cursor_ms` integer,
	`last_polled_at` integer,
	`last_activity_at` integer,
	`next_poll_at` integer DEFAULT 0 NOT NULL,
	`consecutive_errors` integer DEFAULT 0 NOT NULL,
	`last_error_code` text,
	`last_error_message` text,
	`last_error_at` integer,
	`present` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `log_groups_key` ON `log_groups` (`account`,`region`,`log_group`);--> statement-breakpoint
CREATE TABLE `occurrence_samples` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`at` integer NOT NULL,
	`request_id` text,
	`log_stream` text,
	`error_message` text,
	`excerpt` text,
	`duration_ms` integer,
	`timeout_seconds` integer,
	`memory_size_mb` integer,
	`max_memory_used_mb` integer,
	`init_duration_ms` integer,
	`cold_start` integer DEFAULT false NOT NULL,
	`retry` integer DEFAULT false NOT NULL,
	`first` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `occurrence_samples_incident` ON `occurrence_samples` (`incident_id`,`at`);--> statement-breakpoint
CREATE TABLE `seen_events` (
	`log_group_id` integer NOT NULL,
	`event_id` text NOT NULL,
	`timestamp` integer NOT NULL,
	PRIMARY KEY(`log_group_id`, `event_id`),
	FOREIGN KEY (`log_group_id`) REFERENCES `log_groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `seen_events_ts` ON `seen_events` (`log_group_id`,`timestamp`);--> statement-breakpoint
CREATE TABLE `stream_states` (
	`log_group_id` integer NOT NULL,
	`log_stream` text NOT NULL,
	`state` text NOT NULL,
	`updated_at` integer NOT NULL,
	`last_event_at` integer NOT NULL,
	PRIMARY KEY(`log_group_id`, `log_stream`),
	FOREIGN KEY (`log_group_id`) REFERENCES `log_groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `stream_states_updated` ON `stream_states` (`last_event_at`);
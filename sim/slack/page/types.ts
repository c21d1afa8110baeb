/**
 * What the stand-in's page API sends to the browser: the workspace as one user sees it. Shared
 * by the server (api.ts) and the browser modules (model.ts, render.ts), which import it with
 * `import type` only, so nothing of it reaches the browser at run time.
 */

export interface PageUser {
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
  tz?: string;
  isBot: boolean;
}

export interface PageChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  /** For a direct-message channel: the person the bot talks to. */
  imUser?: string;
  isArchived: boolean;
  topic: string;
  purpose: string;
  memberCount: number;
}

export interface PageUserGroup {
  id: string;
  handle: string;
  name?: string;
}

export interface PageFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  /** Same-origin path the stand-in serves the bytes at. */
  url: string;
}

export interface PageMessage {
  channel: string;
  ts: string;
  user: string;
  /** Posted by the app's bot user. */
  bot: boolean;
  subtype?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  files?: PageFile[];
  threadTs?: string;
  replyBroadcast?: boolean;
  replyCount: number;
  replyUsers: string[];
  latestReply?: string;
  edited: boolean;
  /** Bumped by the page's model on every update, so the browser redraws only what changed. */
  rev?: number;
}

export interface PageEphemeral {
  channel: string;
  ts: string;
  /** The one user who sees it. */
  user: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  threadTs?: string;
  /** Made up by the browser (a failed command), never sent by the server. */
  local?: boolean;
  rev?: number;
}

/** Entered values of a view's inputs, Slack's `state.values` shape. */
export type ViewStateValues = Record<string, Record<string, unknown>>;

export interface PageView {
  id: string;
  type: 'home' | 'modal';
  user: string;
  callbackId: string;
  title?: unknown;
  submit?: unknown;
  close?: unknown;
  blocks: unknown[];
  state: ViewStateValues;
  /** Field errors by block_id from a `response_action: errors` answer. */
  errors?: Record<string, string>;
  hash: string;
  rootViewId: string | null;
  previousViewId: string | null;
}

export interface PageState {
  /** The last change included; changes pushed over SSE with a higher seq come after it. */
  seq: number;
  /** The stand-in's clock (ms), which may run faster than the wall clock in the demo. */
  now: number;
  team: { id: string; name: string; domain: string };
  bot: { userId: string; name: string };
  /** The user this state is for. */
  me: string;
  users: PageUser[];
  userGroups: PageUserGroup[];
  /** Channels the user can see: public ones, private ones they are in, their DM with the app. */
  channels: PageChannel[];
  /** Every message of each channel, replies included, in ts order. */
  messages: Record<string, PageMessage[]>;
  /** The user's ephemeral messages, in ts order. */
  ephemerals: PageEphemeral[];
  home: PageView | null;
  /** The user's open modals, root first; the last one is on screen. */
  modals: PageView[];
}

type Seq = { seq: number; at: number };

export type PageChange = Seq &
  (
    | { type: 'message_posted' | 'message_updated'; channel: string; ts: string; message: PageMessage }
    | { type: 'message_deleted'; channel: string; ts: string }
    | { type: 'ephemeral_posted' | 'ephemeral_updated'; channel: string; ts: string; message: PageEphemeral }
    | { type: 'ephemeral_deleted'; channel: string; ts: string }
    | {
        type: 'view_published' | 'view_opened' | 'view_pushed' | 'view_updated' | 'view_closed';
        view: PageView;
      }
    | { type: 'channel_added' | 'channel_joined'; channel: PageChannel }
    | { type: 'user_added'; user: PageUser }
  );

export type PageChangeType = PageChange['type'];

/** A user's choice for an element, as the page API takes it (the sender's `Selection`). */
export type PageSelection = string | string[] | number | null;

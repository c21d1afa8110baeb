/**
 * The page's HTML: a static frame the client fills in. Everything interpolated is escaped; the
 * page loads only its own stylesheet and module (no CDN, no web fonts), so it works offline.
 */

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface ShellInput {
  teamName: string;
  botName: string;
  /** The people the viewer can be, in picker order. */
  users: { id: string; label: string }[];
}

/**
 * The Content-Security-Policy sent with the page: scripts, styles and requests only to the
 * stand-in itself, so even a renderer bug cannot run injected script. Images may come from
 * anywhere because Block Kit image blocks point at the web.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: http: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function shellHtml(v: ShellInput): string {
  const options = v.users
    .map((u) => `<option value="${escapeHtml(u.id)}">${escapeHtml(u.label)}</option>`)
    .join('');
  const team = escapeHtml(v.teamName);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${team} · Slack stand-in</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/page/assets/page.css">
<script type="module" src="/page/assets/client.js"></script>
</head>
<body>
<div class="app" data-testid="app">
  <header class="topbar">
    <div class="team" data-testid="team">${team}</div>
    <div class="topbar-note">Slack stand-in · ${escapeHtml(v.botName)} runs against it</div>
    <label class="who">Viewing as
      <select id="user-picker" data-testid="user-picker">${options}</select>
    </label>
  </header>
  <div class="layout">
    <nav class="sidebar" data-testid="sidebar" aria-label="Channels"></nav>
    <main class="pane" data-testid="pane">
      <div class="pane-head" data-testid="pane-head"></div>
      <div class="timeline" data-testid="timeline" aria-live="polite"></div>
      <form class="composer-bar" data-testid="composer-form" autocomplete="off">
        <textarea class="composer" data-testid="composer" rows="1" placeholder="Message"></textarea>
        <div class="composer-hint">Enter sends · Shift+Enter for a new line · <code>/wa help</code> lists Pillar's commands</div>
      </form>
    </main>
    <aside class="thread" data-testid="thread" hidden>
      <div class="thread-content"></div>
      <form class="composer-bar thread-composer-bar" autocomplete="off">
        <textarea class="composer" data-testid="thread-composer" rows="1" placeholder="Reply…"></textarea>
      </form>
    </aside>
  </div>
  <div class="modal-layer" data-testid="modal-layer" hidden></div>
  <div class="confirm-layer" hidden></div>
  <div class="toasts" data-testid="toasts" aria-live="assertive"></div>
  <div class="connection" data-testid="connection" hidden>Reconnecting to the stand-in…</div>
</div>
</body>
</html>
`;
}

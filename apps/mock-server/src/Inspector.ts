/**
 * The inspector at `/_mock/ui`: one self-contained page (no build step, no
 * CDN, works offline) that shows the mock's requests live over
 * `/_mock/events`, one request in full, the stored sessions and a session's
 * JSON, the stored payment resources (`/_mock/resources`: merchant accounts,
 * payment services, buyers, shipping details, stored payment methods,
 * transactions, their captures and refunds, …) grouped by kind, each
 * expandable to its JSON, a transaction also to its history (its
 * authorization, captures, refunds and void in order, each with its time,
 * amount, the status it left and the amounts captured and refunded by then),
 * the webhook deliveries with every attempt (status, latency, the start of the
 * answer), and drives the clock, resends and reset. The sessions and resources are read again after each write the
 * journal reports. Everything it shows comes from the
 * `/_mock/` controls, so it shows what they show: tokens and card data
 * redacted. It renders all data as text (never as HTML), and its
 * Content-Security-Policy allows nothing but this page and its own origin.
 *
 * @since 0.2.0
 */
import { HttpServerResponse } from "effect/http"

const css = `
:root { color-scheme: light dark; --muted: #6b7280; --line: #d1d5db; --err: #b91c1c; --ok: #15803d; --sel: #dbeafe; --forced: #a16207; }
@media (prefers-color-scheme: dark) { :root { --line: #374151; --sel: #1e3a5f; --err: #f87171; --ok: #4ade80; --forced: #facc15; } }
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.4 system-ui, sans-serif; display: flex; flex-direction: column; height: 100vh; }
header { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 8px 12px; border-bottom: 1px solid var(--line); }
header h1 { font-size: 15px; margin: 0 8px 0 0; }
header .group { display: flex; gap: 6px; align-items: center; }
#live { font-weight: 600; }
#live.on { color: var(--ok); } #live.off { color: var(--err); }
nav button[aria-selected="true"] { font-weight: 700; text-decoration: underline; }
main { flex: 1; display: flex; min-height: 0; }
.list { flex: 1 1 55%; overflow: auto; border-right: 1px solid var(--line); }
.detail { flex: 1 1 45%; overflow: auto; padding: 8px 12px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th { position: sticky; top: 0; background: Canvas; }
tbody tr { cursor: pointer; }
tbody tr.selected { background: var(--sel); }
tr.kind th { background: color-mix(in srgb, Canvas 90%, CanvasText); position: static; }
tr.resource-json td { white-space: normal; } tr.resource-json pre { margin: 0; }
table.history { width: auto; margin: 0 0 8px; } table.history th { position: static; }
td.path { white-space: normal; word-break: break-all; font-family: ui-monospace, monospace; }
.status-error { color: var(--err); font-weight: 600; } .status-ok { color: var(--ok); }
.badge { font-size: 11px; padding: 0 4px; border: 1px solid var(--forced); color: var(--forced); border-radius: 3px; margin-left: 4px; }
pre { background: color-mix(in srgb, Canvas 92%, CanvasText); padding: 8px; overflow: auto; white-space: pre-wrap; word-break: break-all; }
h2 { font-size: 14px; margin: 12px 0 4px; } h3 { font-size: 13px; margin: 10px 0 4px; color: var(--muted); }
.muted { color: var(--muted); }
[hidden] { display: none !important; }
`

const script = `
"use strict";
const $ = (id) => document.getElementById(id);
const el = (tag, props, ...children) => {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children) node.append(child);
  return node;
};
const api = async (method, path, body) => {
  const response = await fetch(path, body === undefined ? { method } : { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await response.text();
  const json = text === "" ? undefined : JSON.parse(text);
  if (!response.ok) throw new Error((json && json.message) || response.status + " " + response.statusText);
  return json;
};
const pretty = (value) => value === null || value === undefined ? "(none)" : typeof value === "string" ? value : JSON.stringify(value, null, 2);
const showError = (error) => { $("error").textContent = String(error.message || error); $("error").hidden = false; };

// Requests: the journal, then every event; ids order them and drop duplicates.
const requests = new Map();
let selected;
const rowFor = (entry) => {
  const forced = [];
  if (entry.forced_status !== null) forced.push(el("span", { className: "badge", textContent: "forced " + entry.forced_status, title: "Prefer: code=" + entry.forced_status }));
  if (entry.delay_ms !== null) forced.push(el("span", { className: "badge", textContent: "+" + entry.delay_ms + " ms", title: "Prefer: delay=" + entry.delay_ms }));
  const row = el("tr", { className: "request" },
    el("td", { textContent: entry.time.slice(11, 23) }),
    el("td", { textContent: entry.method }),
    el("td", { className: "path", textContent: entry.path }),
    el("td", { className: entry.status >= 400 ? "status status-error" : "status status-ok", textContent: String(entry.status) }, ...forced),
    el("td", { textContent: entry.operation || "—" }),
    el("td", { textContent: entry.duration_ms.toFixed(1) + " ms" }),
    el("td", { textContent: entry.merchant_account_id })
  );
  row.dataset.id = String(entry.id);
  row.dataset.status = String(entry.status);
  row.addEventListener("click", () => select(entry.id));
  return row;
};
const applyFilter = (row) => { row.hidden = $("errors-only").checked && Number(row.dataset.status) < 400; };
const addRequest = (entry) => {
  if (requests.has(entry.id)) return;
  requests.set(entry.id, entry);
  const row = rowFor(entry);
  applyFilter(row);
  $("requests").prepend(row);
  $("request-count").textContent = String(requests.size);
};
const clearRequests = () => {
  requests.clear();
  $("requests").replaceChildren();
  $("request-count").textContent = "0";
  selected = undefined;
  $("detail").replaceChildren(el("p", { className: "muted", textContent: "Select a request." }));
};

const shellQuote = (text) => "'" + String(text).replace(/'/g, "'\\\\''") + "'";
const skipInCurl = new Set(["host", "content-length", "connection", "accept-encoding", "user-agent", "origin", "referer", "accept-language", "sec-fetch-mode", "sec-fetch-site", "sec-fetch-dest", "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform"]);
const curlOf = (detail) => {
  const parts = ["curl", "-X", detail.method, shellQuote(location.origin + detail.path)];
  for (const [name, value] of Object.entries(detail.request.headers)) {
    if (skipInCurl.has(name)) continue;
    parts.push("-H", name === "authorization" ? '"authorization: Bearer $TOKEN"' : shellQuote(name + ": " + value));
  }
  if (detail.request.body !== null) parts.push("--data-raw", shellQuote(typeof detail.request.body === "string" ? detail.request.body : JSON.stringify(detail.request.body)));
  const note = detail.operation === "updateFields" ? "# the card number and security code were redacted: put a test card back before sending\\n" : "";
  return note + parts.join(" ");
};
const section = (title, value) => [el("h3", { textContent: title }), el("pre", { textContent: pretty(value) })];
const select = async (id) => {
  selected = id;
  for (const row of $("requests").children) row.classList.toggle("selected", row.dataset.id === String(id));
  try {
    const detail = await api("GET", "/_mock/requests/" + id);
    if (selected !== id) return;
    const curl = el("pre", { id: "curl", hidden: true });
    const copy = el("button", { id: "copy-curl", textContent: "Copy as curl" });
    copy.addEventListener("click", async () => {
      curl.textContent = curlOf(detail);
      curl.hidden = false;
      try { await navigator.clipboard.writeText(curl.textContent); copy.textContent = "Copied"; } catch { copy.textContent = "Copy the command below"; }
    });
    $("detail").replaceChildren(
      el("h2", { id: "detail-title", textContent: detail.method + " " + detail.path + " → " + detail.status }),
      el("p", { className: "muted", textContent: detail.time + " · " + (detail.operation || "no route") + " · " + detail.duration_ms + " ms · merchant account " + detail.merchant_account_id +
        (detail.forced_status !== null ? " · status forced by Prefer" : "") + (detail.delay_ms !== null ? " · delayed " + detail.delay_ms + " ms by Prefer" : "") }),
      copy, curl,
      ...section("Request body (card numbers reduced to BIN and last four, security codes removed)", detail.request.body),
      ...section("Response body", detail.response.body),
      ...section("Bearer token (decoded claims; the token itself is never shown)", detail.request.token),
      ...section("Request headers", detail.request.headers),
      ...section("Response headers", detail.response.headers)
    );
  } catch (error) { showError(error); }
};

// Sessions: a page at a time, newest first.
let sessionCursor = null;
const sessionRow = (item) => {
  const s = item.session;
  const pm = s.payment_method ? (s.payment_method.scheme || s.payment_method.method || "") + (s.payment_method.label ? " …" + s.payment_method.label : "") : "";
  const row = el("tr", { className: "session" },
    el("td", { className: "path", textContent: s.id }),
    el("td", { textContent: item.merchant_account_id }),
    el("td", { textContent: item.created_at ? item.created_at.replace("T", " ").slice(0, 19) : "—" }),
    el("td", { textContent: s.expires_at.replace("T", " ").slice(0, 19) }),
    el("td", { textContent: pm })
  );
  row.dataset.id = s.id;
  row.addEventListener("click", () => {
    for (const other of $("sessions").children) other.classList.toggle("selected", other === row);
    $("detail").replaceChildren(el("h2", { id: "detail-title", textContent: "Session " + s.id }),
      el("p", { className: "muted", textContent: "merchant account " + item.merchant_account_id }),
      el("pre", { id: "session-json", textContent: JSON.stringify(s, null, 2) }));
  });
  return row;
};
const loadSessions = async (more) => {
  try {
    const account = $("account").value.trim();
    const query = new URLSearchParams({ limit: "50" });
    if (account !== "") query.set("merchant_account_id", account);
    if (more && sessionCursor) query.set("cursor", sessionCursor);
    const page = await api("GET", "/_mock/sessions?" + query);
    if (!more) $("sessions").replaceChildren();
    for (const item of page.items) $("sessions").append(sessionRow(item));
    sessionCursor = page.next_cursor;
    $("more-sessions").hidden = sessionCursor === null;
  } catch (error) { showError(error); }
};
let sessionsDirty = false;
const sessionsChanged = () => {
  if ($("sessions-view").hidden) { sessionsDirty = true; return; }
  loadSessions(false);
};

// Resources: every kind of the document store, a page of 100 at a time (newest first), shown grouped by kind;
// a row opens to its JSON, and stays open when the list is read again.
let resourceCursor = null;
let resourceItems = [];
const openResources = new Set();
const resourceKey = (item) => item.kind + " " + item.merchant_account_id + " " + item.id;
const money = (amount, currency) => amount + " " + currency;
const summaryOf = (r) => {
  if (r.type === "transaction") return [r.status, money(r.amount, r.currency), r.payment_method && r.payment_method.label ? "…" + r.payment_method.label : ""].filter(Boolean).join(" ");
  if (r.type === "capture" || r.type === "refund") return [r.type, r.status, money(r.amount, r.currency)].join(" ");
  if (r.method === "card" || r.scheme) return [r.scheme, r.label ? "…" + r.label : "", r.expiration_date].filter(Boolean).join(" ");
  return r.display_name || [r.first_name, r.last_name].filter(Boolean).join(" ") || r.method || r.status || "";
};
// A transaction's history: its document and those of its captures and refunds (every page of their kinds in its
// merchant account), in the order they happened, each step with the status and amounts it left.
const childrenOf = async (kind, item) => {
  const found = [];
  let cursor = null;
  do {
    const query = new URLSearchParams({ kind, merchant_account_id: item.merchant_account_id, limit: "100" });
    if (cursor) query.set("cursor", cursor);
    const page = await api("GET", "/_mock/resources?" + query);
    for (const child of page.items) if (child.resource.transaction_id === item.id) found.push(child.resource);
    cursor = page.next_cursor;
  } while (cursor !== null);
  // The pages are newest first.
  return found.reverse();
};
const historyOf = (t, captures, refunds) => {
  const authorized = t.intent_outcome === "succeeded";
  const outcome = authorized ? "succeeded" : t.status === "authorization_declined" ? "declined" : "failed";
  const steps = [{ kind: "authorization", at: t.created_at, event: "authorization " + outcome + (t.error_code ? " (" + t.error_code + ")" : ""), amount: t.amount, status: authorized ? "authorization_succeeded" : t.status }];
  for (const c of captures) steps.push({ kind: "capture", at: c.created_at, event: "capture " + c.status + (c.final ? "" : " (more may follow)") + (c.error_code ? " (" + c.error_code + ")" : ""), amount: c.amount, captured: c.status === "succeeded" ? c.amount : 0 });
  for (const r of refunds) steps.push({ kind: "refund", at: r.created_at, event: "refund " + r.status + (r.reason ? " (" + r.reason + ")" : "") + (r.error_code ? " (" + r.error_code + ")" : ""), amount: r.amount, refunded: r.status === "succeeded" ? r.amount : 0 });
  if (t.voided_at) steps.push({ kind: "void", at: t.voided_at, event: "void succeeded", amount: t.amount, status: "authorization_voided" });
  // Oldest first; at the same instant, in the order above (the authorization before a capture made with it).
  const ordered = steps.map((step, n) => [step, n]).sort(([a, n], [b, m]) => a.at < b.at ? -1 : a.at > b.at ? 1 : n - m).map(([step]) => step);
  let status, captured = 0, refunded = 0;
  return ordered.map((step) => {
    captured += step.captured || 0;
    refunded += step.refunded || 0;
    if (step.status) status = step.status; else if (step.captured) status = "capture_succeeded";
    return { ...step, amount: money(step.amount, t.currency), status, captured, refunded };
  });
};
const fillHistory = async (box, item) => {
  try {
    const [captures, refunds] = await Promise.all([childrenOf("transaction-capture", item), childrenOf("refund", item)]);
    const rows = historyOf(item.resource, captures, refunds).map((step) => {
      const row = el("tr", { className: "history-event" },
        el("td", { textContent: step.at.replace("T", " ").replace("Z", "") }),
        el("td", { textContent: step.event }),
        el("td", { textContent: step.amount }),
        el("td", { textContent: step.status }),
        el("td", { textContent: String(step.captured) }),
        el("td", { textContent: String(step.refunded) })
      );
      row.dataset.kind = step.kind;
      return row;
    });
    const head = el("tr", {}, ...["time (UTC)", "event", "amount", "status", "captured", "refunded"].map((name) => el("th", { textContent: name })));
    box.replaceChildren(el("h3", { textContent: "History" }), el("table", { className: "history" }, el("thead", {}, head), el("tbody", {}, ...rows)));
    box.dataset.loaded = "true";
  } catch (error) { showError(error); }
};
const renderResources = () => {
  const groups = new Map();
  for (const item of resourceItems) {
    if (!groups.has(item.kind)) groups.set(item.kind, []);
    groups.get(item.kind).push(item);
  }
  const rows = [];
  for (const kind of [...groups.keys()].sort()) {
    const items = groups.get(kind);
    const head = el("tr", { className: "kind" }, el("th", { colSpan: 4, textContent: kind + " (" + items.length + ")" }));
    head.dataset.kind = kind;
    rows.push(head);
    for (const item of items) {
      const key = resourceKey(item);
      const row = el("tr", { className: "resource" },
        el("td", { className: "path", textContent: item.id }),
        el("td", { textContent: item.merchant_account_id }),
        el("td", { textContent: item.updated_at.replace("T", " ").slice(0, 19) }),
        el("td", { textContent: summaryOf(item.resource) })
      );
      row.dataset.kind = kind;
      row.dataset.id = item.id;
      const history = kind === "transaction" ? el("div", { className: "history" }) : undefined;
      const json = el("tr", { className: "resource-json", hidden: !openResources.has(key) },
        el("td", { colSpan: 4 }, ...(history ? [history] : []), el("pre", { textContent: JSON.stringify(item.resource, null, 2) })));
      json.dataset.id = item.id;
      row.setAttribute("aria-expanded", String(openResources.has(key)));
      // A transaction's history is read when it is opened, and again whenever the list is (its steps may have grown).
      if (history && openResources.has(key)) fillHistory(history, item);
      row.addEventListener("click", () => {
        const open = !openResources.has(key);
        if (open) openResources.add(key); else openResources.delete(key);
        json.hidden = !open;
        row.setAttribute("aria-expanded", String(open));
        if (history && open) fillHistory(history, item);
      });
      rows.push(row, json);
    }
  }
  $("resources").replaceChildren(...rows);
  $("no-resources").hidden = resourceItems.length > 0;
};
const loadResources = async (more) => {
  try {
    const account = $("resource-account").value.trim();
    const query = new URLSearchParams({ limit: "100" });
    if (account !== "") query.set("merchant_account_id", account);
    if (more && resourceCursor) query.set("cursor", resourceCursor);
    const page = await api("GET", "/_mock/resources?" + query);
    resourceItems = more ? resourceItems.concat(page.items) : page.items;
    resourceCursor = page.next_cursor;
    $("more-resources").hidden = resourceCursor === null;
    renderResources();
  } catch (error) { showError(error); }
};
let resourcesDirty = true;
const resourcesChanged = () => {
  if ($("resources-view").hidden) { resourcesDirty = true; return; }
  loadResources(false);
};
// A write, a reset or a clock move: the sessions and the resources may have changed.
const stateChanged = () => { sessionsChanged(); resourcesChanged(); deliveriesChanged(); };

// Webhooks: every delivery, oldest event first; a row opens to its attempts. Read again on each attempt.
let openDelivery = null;
const deliveryRow = (d) => {
  const last = d.attempts[d.attempts.length - 1];
  const row = el("tr", { className: "delivery" },
    el("td", { textContent: d.event.created_at.replace("T", " ").slice(0, 19) }),
    el("td", { textContent: d.event.name }),
    el("td", { textContent: d.event.merchant_account_id }),
    el("td", { className: d.status === "failed" ? "status-error" : d.status === "delivered" ? "status-ok" : "", textContent: d.status }),
    el("td", { textContent: String(d.attempts.length) + (last ? " (" + (last.status_code === null ? "no answer" : last.status_code) + ")" : "") }),
    el("td", { className: "path", textContent: d.url })
  );
  row.dataset.id = d.id;
  row.dataset.status = d.status;
  row.addEventListener("click", () => { openDelivery = d.id; showDelivery(d); });
  return row;
};
const showDelivery = (d) => {
  for (const other of $("deliveries").children) other.classList.toggle("selected", other.dataset.id === d.id);
  const attempts = el("tbody", { id: "attempts" }, ...d.attempts.map((a) => el("tr", { className: "attempt" },
    el("td", { textContent: a.at.replace("T", " ").slice(0, 19) }),
    el("td", { className: a.status_code !== null && a.status_code < 300 ? "status-ok" : "status-error", textContent: a.status_code === null ? "—" : String(a.status_code) }),
    el("td", { textContent: a.latency_ms + " ms" }),
    el("td", { className: "path", textContent: a.error === null ? a.response_excerpt : a.error })
  )));
  const resend = el("button", { id: "resend", textContent: "Resend" });
  resend.addEventListener("click", async () => {
    try { await api("POST", "/_mock/webhooks/deliveries/" + encodeURIComponent(d.id) + "/resend"); } catch (error) { showError(error); }
  });
  $("detail").replaceChildren(el("h2", { id: "detail-title", textContent: d.event.name + " → " + d.url }),
    el("p", { className: "muted", textContent: "webhook id " + d.id + " · event " + d.event.id + " · " + d.status +
      (d.next_attempt_at ? " · next attempt " + d.next_attempt_at.replace("T", " ").slice(0, 19) : "") }),
    resend,
    el("table", {}, el("thead", {}, el("tr", {}, el("th", { textContent: "at" }), el("th", { textContent: "status" }),
      el("th", { textContent: "latency" }), el("th", { textContent: "answer (start) or error" }))), attempts));
};
const loadDeliveries = async () => {
  try {
    const page = await api("GET", "/_mock/webhooks/deliveries");
    $("deliveries").replaceChildren(...page.items.map(deliveryRow));
    $("no-deliveries").hidden = page.items.length > 0;
    const open = page.items.find((d) => d.id === openDelivery);
    if (open && !$("webhooks-view").hidden) showDelivery(open);
  } catch (error) { showError(error); }
};
let deliveriesDirty = true;
const deliveriesChanged = () => {
  if ($("webhooks-view").hidden) { deliveriesDirty = true; return; }
  loadDeliveries();
};

// The clock.
const showClock = (clock) => {
  $("clock-now").textContent = clock.now.replace("T", " ").replace("Z", " UTC");
  if (clock.offset_seconds !== undefined) $("clock-offset").textContent = clock.offset_seconds === 0 ? "(real time)" : "(+" + clock.offset_seconds + " s)";
};
const readClock = async () => { try { showClock(await api("GET", "/_mock/clock")); } catch (error) { showError(error); } };
const moveClock = async (seconds) => {
  try { await api("POST", "/_mock/clock", { advance_seconds: seconds }); await readClock(); stateChanged(); } catch (error) { showError(error); }
};

const view = (name) => {
  $("requests-view").hidden = name !== "requests";
  $("sessions-view").hidden = name !== "sessions";
  $("resources-view").hidden = name !== "resources";
  $("webhooks-view").hidden = name !== "webhooks";
  $("tab-requests").setAttribute("aria-selected", String(name === "requests"));
  $("tab-sessions").setAttribute("aria-selected", String(name === "sessions"));
  $("tab-resources").setAttribute("aria-selected", String(name === "resources"));
  $("tab-webhooks").setAttribute("aria-selected", String(name === "webhooks"));
  if (name === "sessions" && (sessionsDirty || $("sessions").children.length === 0)) { sessionsDirty = false; loadSessions(false); }
  if (name === "resources" && resourcesDirty) { resourcesDirty = false; loadResources(false); }
  if (name === "webhooks" && deliveriesDirty) { deliveriesDirty = false; loadDeliveries(); }
};

$("tab-requests").addEventListener("click", () => view("requests"));
$("tab-sessions").addEventListener("click", () => view("sessions"));
$("tab-resources").addEventListener("click", () => view("resources"));
$("tab-webhooks").addEventListener("click", () => view("webhooks"));
$("errors-only").addEventListener("change", () => { for (const row of $("requests").children) applyFilter(row); });
$("account").addEventListener("change", () => loadSessions(false));
$("more-sessions").addEventListener("click", () => loadSessions(true));
$("resource-account").addEventListener("change", () => loadResources(false));
$("more-resources").addEventListener("click", () => loadResources(true));
$("move").addEventListener("click", () => moveClock(Number($("advance").value)));
$("set").addEventListener("click", async () => {
  const target = Date.parse($("target").value);
  if (Number.isNaN(target)) return showError(new Error("Choose a date and time"));
  const clock = await api("GET", "/_mock/clock");
  const seconds = Math.ceil((target - Date.parse(clock.now)) / 1000);
  if (seconds < 0) return showError(new Error("The clock only moves forward; reset brings it back to real time"));
  moveClock(seconds);
});
$("reset").addEventListener("click", async () => { try { await api("POST", "/_mock/reset"); } catch (error) { showError(error); } });
$("error").addEventListener("click", () => { $("error").hidden = true; });

// Live: events are held until the journal is loaded, then applied in order.
let loaded = false;
const pending = [];
const events = new EventSource("/_mock/events");
events.addEventListener("open", () => { $("live").textContent = "live"; $("live").className = "on"; });
events.addEventListener("error", () => { $("live").textContent = "disconnected"; $("live").className = "off"; });
events.addEventListener("request", (event) => {
  const entry = JSON.parse(event.data);
  if (!loaded) pending.push(entry); else addRequest(entry);
  if (entry.method !== "GET" && entry.method !== "OPTIONS") stateChanged();
});
events.addEventListener("reset", () => { clearRequests(); stateChanged(); readClock(); });
events.addEventListener("webhook", () => deliveriesChanged());
events.addEventListener("clock", (event) => { showClock(JSON.parse(event.data)); readClock(); stateChanged(); });
api("GET", "/_mock/requests").then((journal) => {
  for (const entry of journal.items) addRequest(entry);
  for (const entry of pending.splice(0)) addRequest(entry);
  loaded = true;
  document.body.dataset.ready = "true";
}, showError);
readClock();
`

/**
 * The page.
 *
 * @category pages
 * @since 0.2.0
 */
export const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Checkout Kit mock · inspector</title>
<style>${css}</style>
</head>
<body>
<header>
  <h1>Checkout Kit mock</h1>
  <span id="live" class="off">connecting…</span>
  <nav class="group">
    <button id="tab-requests" aria-selected="true">Requests (<span id="request-count">0</span>)</button>
    <button id="tab-sessions" aria-selected="false">Sessions</button>
    <button id="tab-resources" aria-selected="false">Resources</button>
    <button id="tab-webhooks" aria-selected="false">Webhooks</button>
  </nav>
  <span class="group">Clock: <strong id="clock-now">…</strong> <span id="clock-offset" class="muted"></span></span>
  <span class="group">
    <input id="advance" type="number" min="0" value="3600" aria-label="seconds to move the clock" style="width: 7em">
    <button id="move">Move clock (s)</button>
    <input id="target" type="datetime-local" aria-label="time to set the clock to">
    <button id="set">Set</button>
  </span>
  <button id="reset" title="Drop every session, every payment resource and the journal; the clock back to real time">Reset</button>
  <span id="error" class="status-error" hidden title="click to dismiss"></span>
</header>
<main>
  <section class="list" id="requests-view">
    <label style="display: block; padding: 6px"><input id="errors-only" type="checkbox"> errors only (4xx, 5xx)</label>
    <table>
      <thead><tr><th>time</th><th>method</th><th>path</th><th>status</th><th>operation</th><th>duration</th><th>merchant</th></tr></thead>
      <tbody id="requests"></tbody>
    </table>
  </section>
  <section class="list" id="sessions-view" hidden>
    <label style="display: block; padding: 6px">merchant account <input id="account" placeholder="all"></label>
    <table>
      <thead><tr><th>id</th><th>merchant</th><th>created</th><th>expires</th><th>payment method</th></tr></thead>
      <tbody id="sessions"></tbody>
    </table>
    <button id="more-sessions" hidden>More</button>
  </section>
  <section class="list" id="resources-view" hidden>
    <label style="display: block; padding: 6px">merchant account <input id="resource-account" placeholder="all"></label>
    <table>
      <thead><tr><th>id</th><th>merchant</th><th>updated</th><th>summary</th></tr></thead>
      <tbody id="resources"></tbody>
    </table>
    <p id="no-resources" class="muted" style="padding: 6px" hidden>No stored resources.</p>
    <button id="more-resources" hidden>More</button>
  </section>
  <section class="list" id="webhooks-view" hidden>
    <table>
      <thead><tr><th>event at</th><th>event</th><th>merchant</th><th>status</th><th>attempts</th><th>url</th></tr></thead>
      <tbody id="deliveries"></tbody>
    </table>
    <p id="no-deliveries" class="muted" style="padding: 6px" hidden>No webhook deliveries (subscribe with --webhook or POST /_mock/webhooks).</p>
  </section>
  <section class="detail" id="detail"><p class="muted">Select a request.</p></section>
</main>
<script>${script}</script>
</body>
</html>
`

/**
 * The page as a response: not cached, and allowed to load and call nothing
 * but its own origin.
 *
 * @category pages
 * @since 0.2.0
 */
export const response = () =>
  HttpServerResponse.text(html, {
    contentType: "text/html; charset=utf-8",
    headers: {
      "cache-control": "no-store",
      "content-security-policy":
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      "x-content-type-options": "nosniff"
    }
  })

// Browser tests of the mailsift web UI, in headless Debian Chromium driven by playwright-core.
//
// The test starts everything itself: a data directory with the demo mailbox, the contractor
// registry and hostile emails; a fake OpenAI-compatible model server; `mailsift serve` on a free
// port; Chromium. It logs in with the token, moves with the keyboard, searches, opens an email,
// corrects its class, asks the chat (streamed text, a tool call, a citation), and checks that no
// script carried by hostile email runs and nothing remote loads. Screenshots go to
// $MAILSIFT_ARTIFACTS (default build/browser-artifacts); with $MAILSIFT_SCREENSHOT_DIR set, the
// README's pictures (inbox, email, chat, dashboard) are written there too.
//
// Environment: MAILSIFT_BIN (the mailsift binary), MAILSIFT_ARTIFACTS, MAILSIFT_SCREENSHOT_DIR,
// CHROMIUM (/usr/bin/chromium). Exits 77 (skipped) with a message when Chromium or
// playwright-core is missing, or fails when CI=true. tests/browser/run.sh runs it for CTest.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {startFakeOpenAI} from './fake_openai.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const bin = process.env.MAILSIFT_BIN || path.join(root, 'build/asan/mailsift');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const artifacts = process.env.MAILSIFT_ARTIFACTS || path.join(root, 'build/browser-artifacts');
const readmeShots = process.env.MAILSIFT_SCREENSHOT_DIR || '';
// Which screenshots the README shows, under which names.
const readmeNames = {'02-inbox': 'inbox', '05-email': 'email', '09-dashboard': 'dashboard', '13-chat': 'chat'};

function skip(why) {
  if (process.env.CI === 'true') {
    console.log(`FAIL browser tests: ${why} (CI=true: the browser tests must run)`);
    process.exit(1);
  }
  console.log(`SKIP browser tests: ${why}`);
  process.exit(77);
}
if (!fs.existsSync(chromiumPath)) skip(`no Chromium at ${chromiumPath} (scripts/install-deps.sh --test installs it)`);
if (!fs.existsSync(bin)) skip(`no mailsift binary at ${bin}`);
let chromium;
try {
  ({chromium} = await import('playwright-core'));
} catch (_) {
  skip('playwright-core is not installed (cd tests/browser && npm ci)');
}

fs.mkdirSync(artifacts, {recursive: true});
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailsift-ui-'));
let llm, serve, browser, page, base, token;
const dialogs = [];
const remote = [];
const pageErrors = [];
const serveLog = [];

// A small local embedding model: fitting the full one takes minutes in a sanitizer build, and
// these tests are about the UI, not about search relevance.
const fastModel = {MAILSIFT_EMBEDDINGS_DIM: '64', MAILSIFT_EMBEDDINGS_POWER_ITERATIONS: '1'};

function mailsift(args, env = {}) {
  const r = spawnSync(bin, args, {env: {...process.env, MAILSIFT_DATA_DIR: dataDir, ...fastModel, ...env}, encoding: 'utf8'});
  if (r.status !== 0) throw new Error(`mailsift ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

async function shot(name) {
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({path: file});
  if (readmeShots && readmeNames[name]) {
    fs.mkdirSync(readmeShots, {recursive: true});
    fs.copyFileSync(file, path.join(readmeShots, `${readmeNames[name]}.png`));
  }
}

async function api(p, opts = {}) {
  const res = await fetch(base + p, {...opts, headers: {Authorization: `Bearer ${token}`, ...(opts.headers || {})}});
  return {status: res.status, body: await res.json().catch(() => null)};
}

before(async () => {
  mailsift(['-q', 'ingest', path.join(root, 'demo/mailbox')]);
  mailsift(['-q', 'ingest', path.join(root, 'tests/server/fixtures')]);
  mailsift(['contractors', 'import', path.join(root, 'demo/contractors.csv')]);
  mailsift(['directory', 'import', path.join(root, 'demo/directory.csv')]);
  mailsift(['enrich']);

  llm = await startFakeOpenAI();
  const env = {...process.env, ...fastModel, MAILSIFT_DATA_DIR: dataDir, MAILSIFT_LLM_PROVIDER: 'openai-compatible',
    MAILSIFT_LLM_MODEL: 'fake-gpt', MAILSIFT_LLM_BASE_URL: `http://127.0.0.1:${llm.port}/v1`};
  serve = spawn(bin, ['serve', '--listen', '127.0.0.1:0'], {env, stdio: ['ignore', 'pipe', 'pipe']});
  serve.stderr.on('data', (d) => serveLog.push(String(d)));
  const out = await new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${text}${serveLog.join('')}`)), 60000);
    serve.stdout.on('data', (d) => {
      text += d;
      if (/Press Ctrl-C/.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    serve.on('exit', (code) => reject(new Error(`serve exited ${code}: ${text}${serveLog.join('')}`)));
  });
  base = out.match(/serving (http:\/\/[^/\s]+)\//)[1];
  token = out.match(/\n\s+(mst_[0-9a-f]+)\n/)[1];

  browser = await chromium.launch({executablePath: chromiumPath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']});
  const context = await browser.newContext({viewport: {width: 1440, height: 900}, deviceScaleFactor: 1});
  page = await context.newPage();
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin !== base && !/^(data|blob|about):/.test(r.url())) remote.push(r.url());
  });
  page.setDefaultTimeout(15000);
});

after(async () => {
  if (browser) await browser.close();
  if (serve && serve.exitCode === null) {
    serve.kill('SIGTERM');
    await new Promise((r) => serve.once('exit', r));
  }
  if (llm) llm.server.close();
  fs.rmSync(dataDir, {recursive: true, force: true});
});

const pwnedAnywhere = async () => {
  const found = [];
  for (const f of page.frames()) {
    try {
      const v = await f.evaluate(() => window.__pwned);
      if (v !== undefined) found.push(`${f.url()}: ${v}`);
    } catch (_) { /* a frame without scripts */ }
  }
  return found;
};

test('login: a wrong token is refused, the right one opens the inbox', async () => {
  await page.goto(base + '/');
  await page.waitForSelector('#login-token');
  await shot('01-login');
  await page.fill('#login-token', 'mst_wrong');
  await page.press('#login-token', 'Enter');
  await page.waitForSelector('#login-error:has-text("not valid")');
  await page.fill('#login-token', token);
  await page.press('#login-token', 'Enter');
  await page.waitForSelector('.message-list .row');
  await page.waitForFunction(() => /\d/.test(document.querySelector('.tab.active .count')?.textContent || ''));
  assert.ok(await page.locator('.tab').count() >= 4);
  await shot('02-inbox');
});

test('keyboard: j / k select rows, Enter opens, u goes back', async () => {
  await page.goto(base + '/#/inbox');
  await page.waitForSelector('.message-list .row.selected');
  // Each key is taken once the previous one has shown (a key pressed while the list is still
  // being drawn was lost now and then).
  await page.keyboard.press('j');
  await page.waitForSelector('.message-list .row.selected[data-index="1"]');
  await page.keyboard.press('j');
  await page.waitForSelector('.message-list .row.selected[data-index="2"]');
  await page.keyboard.press('k');
  const selected = await page.locator('.message-list .row.selected').getAttribute('data-index');
  assert.equal(selected, '1');
  await page.keyboard.press('Enter');
  await page.waitForSelector('article.message .subject');
  await page.keyboard.press('u');
  await page.waitForSelector('.message-list .row');
});

test('search with the query syntax and its help popover', async () => {
  const info = await api('/api/info');
  assert.equal(info.body.search, true, 'search is wired into mailsift serve');
  await page.keyboard.press('/');
  await page.keyboard.type('invoice outstanding');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.message-list .hit');
  assert.ok(await page.locator('.message-list .hit').count() > 0);
  await page.waitForSelector('.hit mark');
  await shot('03-search');
  await page.click('#search-help-toggle');
  await page.waitForSelector('#search-help:not([hidden]) code');
  await shot('04-search-help');
  await page.keyboard.press('Escape');
});

test('open an email and correct its class with one click', async () => {
  const list = await api('/api/messages?limit=200');
  const target = list.body.messages.find((m) => /BWU-4471/.test(m.subject));
  assert.ok(target, 'the demo invoice is in the inbox');
  await page.goto(`${base}/#/m/${target.id}`);
  await page.waitForSelector('article.message .subject');
  assert.match(await page.textContent('.subject'), /BWU-4471/);
  await shot('05-email');
  const current = target.class === 'NOISE' ? 'Operational' : 'Noise';
  await page.click(`.classbar .seg:has-text("${current}")`);
  await page.waitForSelector(`.classbar .seg.active:has-text("${current}")`);
  await page.waitForSelector('.toast:has-text("Marked as")');
  const after = await api(`/api/messages/${target.id}`);
  assert.equal(after.body.class, current.toUpperCase());
  assert.equal(after.body.classification.decided_by, 'human');
  // and back with the keyboard: 1 = Business
  await page.keyboard.press('1');
  await page.waitForSelector('.classbar .seg.active:has-text("Business")');
  await page.click('.view-tabs .tab:has-text("Source")');
  await page.waitForSelector('pre.source');
});

test('hostile email: nothing it carries runs, nothing remote loads', async () => {
  const list = await api('/api/messages?limit=500');
  const hostile = list.body.messages.filter((m) => /__pwned|javascript:/.test(m.subject));
  assert.equal(hostile.length, 2, 'both hostile fixtures were ingested');
  await page.goto(`${base}/#/inbox`);
  await page.waitForSelector('.message-list .row');
  for (const m of hostile) {
    await page.goto(`${base}/#/m/${m.id}`);
    await page.waitForSelector('article.message .subject');
    assert.match(await page.textContent('.subject'), /__pwned/, 'the subject is shown as text');
    if (await page.locator('.view-tabs .tab:has-text("HTML")').count()) {
      await page.click('.view-tabs .tab:has-text("HTML")');
      const frame = await page.waitForSelector('iframe.html-frame');
      assert.equal(await frame.getAttribute('sandbox'), '');
      await page.waitForFunction(() => document.querySelector('iframe.html-frame')?.contentDocument === null ||
        document.querySelector('iframe.html-frame'));
      await page.waitForTimeout(700);
      await shot('06-hostile-html');
      await page.click('.view-tabs .tab:has-text("Text")');
    }
    await page.goto(`${base}/#/t/${m.thread_id}`);
    await page.waitForSelector('.thread-item');
  }
  const first = hostile.find((m) => m.attachments > 0);
  await page.goto(`${base}/#/m/${first.id}`);
  await page.waitForSelector('.att-name');
  const names = await page.locator('.att-name').allTextContents();
  assert.ok(names.some((n) => n.includes('img src')), `attachment names shown as text: ${names}`);
  await shot('07-hostile-text');
  await page.goto(`${base}/#/search?q=${encodeURIComponent('pwned')}`);
  await page.waitForTimeout(500);
  assert.deepEqual(await pwnedAnywhere(), [], 'no script from an email ran');
  assert.deepEqual(dialogs, [], 'no dialog was opened');
  assert.deepEqual(remote, [], 'nothing was fetched from outside the server');
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
});

test('thread, dashboard, contacts and contractors pages', async () => {
  const list = await api('/api/messages?limit=200');
  const reply = list.body.messages.find((m) => /^Re: Thamesgate/i.test(m.subject)) || list.body.messages[0];
  await page.goto(`${base}/#/t/${reply.thread_id}`);
  await page.waitForSelector('.thread-item.open .plain');
  await shot('08-thread');
  await page.goto(`${base}/#/dashboard?bucket=week`);
  await page.waitForSelector('svg.chart rect.fill-business');
  assert.ok(await page.locator('svg.chart g.bar').count() > 4);
  await shot('09-dashboard');
  const info = (await api('/api/info')).body;
  assert.equal(info.contacts, true);
  assert.equal(info.contractors, true);
  await page.goto(`${base}/#/contacts`);
  await page.waitForSelector('.people .row');
  await shot('10-contacts');
  await page.goto(`${base}/#/contractors?region=North%20West&scheme=NERS`);
  await page.waitForSelector('.contractors .row');
  await shot('11-contractors');
  await page.locator('.contractors .row a').first().click();
  await page.waitForSelector('.detail table');
  await shot('12-contractor');
});

test('chat: streamed text, the tool call as it happens, a citation that opens the email', async () => {
  const info = (await api('/api/info')).body;
  assert.equal(info.chat.available, true, `the chat is wired into mailsift serve: ${JSON.stringify(info.chat)}`);
  await page.goto(`${base}/#/inbox`);
  await page.waitForSelector('.message-list .row');
  await page.keyboard.press('a');
  await page.waitForSelector('.chat-input');
  // Records, on every change of the panel while the answer streams, how long the text is and how
  // many tool calls are shown (polling from here could miss a fast stream).
  await page.evaluate(() => {
    window.__stream = [];
    new MutationObserver(() => {
      const a = document.querySelector('.turn-assistant .answer.streaming');
      if (a) window.__stream.push({text: a.textContent.length, tools: document.querySelectorAll('.turn-assistant .tool').length});
    }).observe(document.querySelector('#chat'), {subtree: true, childList: true, characterData: true});
  });
  await page.fill('.chat-input', 'Has Brightwire been paid for invoice BWU-4471?');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.tool .tool-name');
  await page.waitForSelector('.turn-assistant .answer:not(.streaming) a.cite');
  const full = await page.textContent('.turn-assistant .answer');
  assert.match(full, /outstanding/);
  const seen = await page.evaluate(() => window.__stream);
  const lengths = [...new Set(seen.map((s) => s.text).filter((n) => n > 0))];
  assert.ok(lengths.length >= 5, `the answer grew in pieces while streaming: ${JSON.stringify(lengths)}`);
  assert.ok(seen.find((s) => s.text > 0).tools >= 1, 'the tool call was shown before the answer text');
  assert.match(await page.textContent('.turn-assistant .tool-state'), /found/);
  await shot('13-chat');
  const requests = llm.requests.filter((r) => r.path.endsWith('/chat/completions'));
  assert.ok(requests.length >= 2, 'the model was called for the tool step and the answer');
  await page.click('.turn-assistant .answer a.cite');
  await page.waitForSelector('article.message .subject');
  assert.match(page.url(), /#\/m\/\d+/);
});

test('the API refuses the browser without the token', async () => {
  const status = await page.evaluate(async () => (await fetch('/api/messages')).status);
  assert.equal(status, 401);
  assert.deepEqual(pageErrors, [], 'no script errors in the UI');
});

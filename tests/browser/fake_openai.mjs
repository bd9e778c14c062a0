// A fake OpenAI-compatible Chat Completions server for the browser tests: it speaks the real
// wire protocol (POST /v1/chat/completions, streaming server-sent events with
// chat.completion.chunk objects, tool calls streamed as deltas, a usage chunk, [DONE]).
//
// Script: a question with tools gets a call to the email search tool; once a tool result is in
// the conversation, the answer streams word by word and cites the first email id it found.
import http from 'node:http';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function chunk(res, model, delta, finish = null) {
  const body = {id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model,
    choices: [{index: 0, delta, finish_reason: finish}]};
  res.write(`data: ${JSON.stringify(body)}\n\n`);
}

function lastUserText(messages) {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.role === 'user') return typeof m.content === 'string' ? m.content : (m.content || []).map((p) => p.text || '').join(' ');
  }
  return '';
}

export function startFakeOpenAI({delayMs = 40} = {}) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    let raw = '';
    for await (const part of req) raw += part;
    let body = {};
    try {
      body = JSON.parse(raw || '{}');
    } catch (_) { /* empty */ }
    requests.push({path: req.url, headers: req.headers, body});
    if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
      res.writeHead(404, {'Content-Type': 'application/json'});
      res.end(JSON.stringify({error: {message: 'not found', type: 'invalid_request_error'}}));
      return;
    }
    const model = body.model || 'fake';
    const messages = body.messages || [];
    const tools = body.tools || [];
    const toolMsgs = messages.filter((m) => m.role === 'tool');
    let plan;
    if (!toolMsgs.length && tools.length) {
      const tool = tools.find((t) => /search.*email/i.test(t.function?.name || '')) || tools[0];
      plan = {tool: tool.function.name, args: {query: 'Brightwire invoice BWU-4471 outstanding'}};
    } else {
      const joined = toolMsgs.map((m) => typeof m.content === 'string' ? m.content : JSON.stringify(m.content)).join('\n');
      const id = (joined.match(/"id"\s*:\s*(\d+)/) || [])[1] || '1';
      plan = {text: `Brightwire's invoice BWU-4471 is still outstanding: they chased payment more than once [email:${id}]. ` +
        `The question was: ${lastUserText(messages).slice(0, 60)}`};
    }
    if (!body.stream) {
      const message = plan.tool
        ? {role: 'assistant', content: null, tool_calls: [{id: 'call_1', type: 'function', function: {name: plan.tool, arguments: JSON.stringify(plan.args)}}]}
        : {role: 'assistant', content: plan.text};
      res.writeHead(200, {'Content-Type': 'application/json'});
      res.end(JSON.stringify({id: 'chatcmpl-fake', object: 'chat.completion', created: 0, model,
        choices: [{index: 0, message, finish_reason: plan.tool ? 'tool_calls' : 'stop'}],
        usage: {prompt_tokens: 120, completion_tokens: 30, total_tokens: 150}}));
      return;
    }
    res.writeHead(200, {'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive'});
    chunk(res, model, {role: 'assistant', content: ''});
    if (plan.tool) {
      const args = JSON.stringify(plan.args);
      chunk(res, model, {tool_calls: [{index: 0, id: 'call_1', type: 'function', function: {name: plan.tool, arguments: ''}}]});
      for (let i = 0; i < args.length; i += 12) {
        await sleep(5);
        chunk(res, model, {tool_calls: [{index: 0, function: {arguments: args.slice(i, i + 12)}}]});
      }
      chunk(res, model, {}, 'tool_calls');
    } else {
      const words = plan.text.split(/(?<= )/);
      for (const w of words) {
        await sleep(delayMs);
        if (res.destroyed) return;
        chunk(res, model, {content: w});
      }
      chunk(res, model, {}, 'stop');
    }
    if (body.stream_options && body.stream_options.include_usage) {
      res.write(`data: ${JSON.stringify({id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 0, model, choices: [],
        usage: {prompt_tokens: 120, completion_tokens: 30, total_tokens: 150}})}\n\n`);
    }
    res.write('data: [DONE]\n\n');
    res.end();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({server, port: server.address().port, requests}));
  });
}

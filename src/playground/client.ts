/**
 * The playground's script, run in the page (plain ES2020, no build step). It talks
 * to a backend: the HTTP API of `kefu-lint serve`, or the browser build carried in
 * the page (global `kefuLint`). Findings keep their stable ids, so an underline
 * stays put while the agent types in front of it.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var customer = $('customer'), reply = $('reply'), preview = $('preview'), list = $('findings');
  var meter = $('emotion'), meterBar = $('emotion-bar'), status = $('status'), fixButton = $('fix');
  var titles = {};
  var sequence = 0, timer;
  var esc = function (text) { return String(text).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); };

  function serverBackend() {
    function call(method, path, body) {
      return fetch(path, { method: method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined }).then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) throw new Error(data.error ? data.error.message : response.statusText);
          return data;
        });
      });
    }
    return Promise.resolve({
      rules: function () { return call('GET', '/v1/rules').then(function (data) { return data.rules; }); },
      lint: function (text, history) { return call('POST', '/v1/lint', { text: text, history: history }); },
      fix: function (text) { return call('POST', '/v1/fix', { text: text }).then(function (data) { return data.text; }); }
    });
  }

  function pageBackend() {
    return kefuLint.createLinter().then(function (linter) {
      return {
        rules: function () { return Promise.resolve(linter.rules); },
        lint: function (text, history) {
          var result = { findings: kefuLint.withStableIds(linter.lint(text, { history: history })) };
          var scores = linter.emotionCurve(history).filter(Boolean);
          if (scores.length) result.emotion = scores[scores.length - 1];
          return Promise.resolve(result);
        },
        fix: function (text) { return Promise.resolve(linter.fix(text, { history: [] })); }
      };
    });
  }

  function history() {
    var text = customer.value.trim();
    return text ? [{ role: 'customer', text: text }] : [];
  }

  function renderPreview(text, findings) {
    // The narrowest spans are underlined first; a finding on the whole reply stays in the list.
    var marks = [];
    findings.filter(function (f) { return f.end > f.start; })
      .sort(function (a, b) { return (a.end - a.start) - (b.end - b.start) || a.start - b.start; })
      .forEach(function (f) {
        if (!marks.some(function (m) { return m.start < f.end && f.start < m.end; })) marks.push(f);
      });
    marks.sort(function (a, b) { return a.start - b.start; });
    var html = '', at = 0;
    marks.forEach(function (f) {
      html += esc(text.slice(at, f.start)) + '<mark class="' + f.severity + '" data-id="' + esc(f.id) + '" title="' + esc(f.reason) + '">' + esc(text.slice(f.start, f.end)) + '</mark>';
      at = f.end;
    });
    preview.innerHTML = text ? html + esc(text.slice(at)) : '<span class="hint">在上面输入客服回复，问题会在这里标出。</span>';
  }

  function renderList(findings) {
    list.innerHTML = '';
    findings.forEach(function (f) {
      var item = document.createElement('li');
      item.className = 'finding ' + f.severity;
      item.dataset.id = f.id;
      item.dataset.rule = f.ruleId;
      item.innerHTML = '<div><strong>' + esc(titles[f.ruleId] || f.ruleId) + '</strong> <code>' + esc(f.ruleId) + '</code> 「' + esc(f.actual) + '」</div><div class="reason">' + esc(f.reason) + '</div>';
      f.expected.forEach(function (suggestion) {
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'suggestion';
        button.textContent = suggestion;
        button.title = '用这条建议替换「' + f.actual + '」';
        button.addEventListener('click', function () { apply(f, suggestion); });
        item.appendChild(button);
      });
      list.appendChild(item);
    });
  }

  function renderEmotion(score) {
    if (!score) {
      meter.textContent = '—';
      meter.className = 'level';
      meterBar.style.width = '0';
      return;
    }
    meter.textContent = score.score + ' · ' + score.level;
    meter.className = 'level level-' + score.level;
    meterBar.style.width = Math.min(100, score.score) + '%';
  }

  function check() {
    var text = reply.value, mine = ++sequence, started = performance.now();
    return backend.lint(text, history()).then(function (result) {
      if (mine !== sequence) return;
      renderPreview(text, result.findings);
      renderList(result.findings);
      renderEmotion(result.emotion);
      var took = (performance.now() - started).toFixed(1);
      status.textContent = (result.findings.length ? result.findings.length + ' 个问题' : '没有问题') + ' · 检查用时 ' + took + ' ms';
      document.body.dataset.checked = String(mine);
    }).catch(function (error) { status.textContent = '检查失败：' + error.message; });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, 150);
  }

  function apply(finding, suggestion) {
    var text = reply.value;
    if (text.slice(finding.start, finding.end) !== finding.actual) return check();
    reply.value = text.slice(0, finding.start) + suggestion + text.slice(finding.end);
    reply.focus();
    reply.setSelectionRange(finding.start + suggestion.length, finding.start + suggestion.length);
    return check();
  }

  var backend;
  status.textContent = '正在加载…';
  (document.body.dataset.mode === 'server' ? serverBackend() : pageBackend()).then(function (ready) {
    backend = ready;
    return backend.rules();
  }).then(function (rules) {
    rules.forEach(function (rule) { titles[rule.id] = rule.title; });
    reply.addEventListener('input', later);
    customer.addEventListener('input', later);
    fixButton.addEventListener('click', function () {
      backend.fix(reply.value).then(function (fixed) { reply.value = fixed; return check(); });
    });
    fixButton.disabled = false;
    document.body.dataset.ready = 'true';
    return check();
  }).catch(function (error) { status.textContent = '加载失败：' + error.message; });
})();
`;

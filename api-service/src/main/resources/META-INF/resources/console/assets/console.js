// Arca console: attribute-driven behaviour for server-rendered pages (no framework). See the console README in
// api-service for the attributes: data-api (forms and buttons calling the JSON API) and data-live (regions
// refreshed on events or by polling). A page's own behaviour (the schedule form's previews, the restore wizard) is
// in its own script.
(function () {
  'use strict';

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : '';
  }

  // Calls the JSON API with the session cookie and the CSRF token. Resolves {status, json, headers}; rejects with
  // the problem (title, detail, status, ...) for a 4xx/5xx.
  function api(method, path, body, headers) {
    var h = { 'Accept': 'application/json', 'X-CSRF-Token': csrf() };
    if (body !== undefined && body !== null) { h['Content-Type'] = 'application/json'; }
    Object.keys(headers || {}).forEach(function (k) { h[k] = headers[k]; });
    return fetch(path, {
      method: method, headers: h, credentials: 'same-origin',
      body: body === undefined || body === null ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = { title: 'Unexpected answer', detail: text.slice(0, 300) }; }
        if (!response.ok) {
          var problem = json || {};
          problem.status = response.status;
          if (!problem.title) { problem.title = 'Request failed (HTTP ' + response.status + ')'; }
          return Promise.reject(problem);
        }
        return { status: response.status, json: json, headers: response.headers };
      });
    });
  }

  function setPath(target, dotted, value) {
    var parts = dotted.split('.');
    var node = target;
    for (var i = 0; i < parts.length - 1; i++) {
      if (typeof node[parts[i]] !== 'object' || node[parts[i]] === null) { node[parts[i]] = {}; }
      node = node[parts[i]];
    }
    node[parts[parts.length - 1]] = value;
  }

  function fieldValue(el) {
    var type = el.getAttribute('data-type');
    if (el.type === 'checkbox') {
      return type === 'list' ? (el.checked ? [el.value] : undefined) : el.checked;
    }
    if (el.type === 'radio') { return el.checked ? el.value : undefined; }
    if (el.tagName === 'SELECT' && el.multiple) {
      var picked = Array.prototype.filter.call(el.options, function (o) { return o.selected; }).map(function (o) { return o.value; });
      return picked.length ? picked : undefined;
    }
    var raw = el.value;
    if (raw === '' || raw === undefined) { return undefined; }
    if (type === 'number') { return Number(raw); }
    if (type === 'boolean') { return raw === 'true'; }
    if (type === 'list') { var items = raw.split(/[\n,]/).map(function (s) { return s.trim(); }).filter(Boolean); return items.length ? items : undefined; }
    if (type === 'json') { return JSON.parse(raw); }
    return raw;
  }

  // The JSON body of a data-api form: dotted names nest; checkboxes of one list name collect into an array.
  function formBody(form) {
    var body = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.name === '_csrf' || el.hasAttribute('data-skip')) { return; }
      var value = fieldValue(el);
      if (value === undefined) { return; }
      if (el.type === 'checkbox' && el.getAttribute('data-type') === 'list') {
        var existing = el.name.split('.').reduce(function (n, k) { return n && n[k]; }, body);
        value = (existing || []).concat(value);
      }
      setPath(body, el.name, value);
    });
    return body;
  }

  function fill(template, values) {
    return template.replace(/\{([A-Za-z0-9_.]+)\}/g, function (m, key) {
      var v = key.split('.').reduce(function (n, k) { return n == null ? n : n[k]; }, values);
      return v == null ? '' : encodeURIComponent(v);
    });
  }

  function errorBox(host) {
    var box = host.querySelector('.error[role=alert]');
    if (!box) {
      box = document.createElement('p');
      box.className = 'error';
      box.setAttribute('role', 'alert');
      host.appendChild(box);
    }
    return box;
  }

  function showProblem(host, problem) {
    var box = errorBox(host);
    var text = (problem.title || 'Error') + (problem.detail ? ': ' + problem.detail : '');
    if (Array.isArray(problem.errors)) {
      text += ' ' + problem.errors.map(function (e) { return (e.field ? e.field + ': ' : '') + (e.detail || e.message || ''); }).join('; ');
    }
    box.textContent = text;
  }

  function afterSuccess(host, then, result) {
    var json = result.json || {};
    if (then === 'show') {
      var out = host.querySelector('output');
      if (out) { out.textContent = JSON.stringify(json, null, 2); }
      host.dispatchEvent(new CustomEvent('arca:result', { detail: json, bubbles: true }));
      return;
    }
    if (!then || then === 'reload') { window.location.reload(); return; }
    window.location.assign(fill(then, json));
  }

  function run(host, spec, body, busy) {
    var space = spec.indexOf(' ');
    var method = spec.slice(0, space);
    var path = spec.slice(space + 1);
    var confirmText = host.getAttribute('data-confirm');
    if (confirmText && !window.confirm(confirmText)) { return; }
    var headers = host.getAttribute('data-headers') ? JSON.parse(host.getAttribute('data-headers')) : {};
    var box = host.querySelector('.error[role=alert]');
    if (box) { box.textContent = ''; }
    busy.disabled = true;
    host.setAttribute('aria-busy', 'true');
    api(method, path, body, headers).then(function (result) {
      afterSuccess(host, host.getAttribute('data-then'), result);
    }, function (problem) {
      showProblem(host.tagName === 'FORM' ? host : (host.closest('.actions') || host.parentNode), problem);
    }).then(function () {
      busy.disabled = false;
      host.removeAttribute('aria-busy');
    });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var spec = form.getAttribute('data-api');
    if (!spec) { return; }
    event.preventDefault();
    var body;
    try {
      body = formBody(form);
    } catch (e) {
      showProblem(form, { title: 'Invalid input', detail: e.message });
      return;
    }
    var button = form.querySelector('[type=submit]') || form;
    var path = fill(spec, body);
    run(form, path, form.getAttribute('data-no-body') !== null ? null : body, button);
  });

  document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-api]');
    if (!button || button.form && button.form.getAttribute('data-api')) { return; }
    event.preventDefault();
    var raw = button.getAttribute('data-body');
    run(button, button.getAttribute('data-api'), raw ? JSON.parse(raw) : null, button);
  });

  // Shows (and enables) only the parts of a form whose `attribute` lists the picker's value (space separated), as
  // the channel form's kinds and the schedule form's presets do: disabled fields stay out of the JSON body and of
  // FormData alike.
  function showChosenFields(form, picker, attribute) {
    form.querySelectorAll('[' + attribute + ']').forEach(function (box) {
      var on = box.getAttribute(attribute).split(' ').indexOf(picker.value) >= 0;
      box.hidden = !on;
      box.querySelectorAll('input, select, textarea').forEach(function (field) { field.disabled = !on; });
    });
  }

  // Live regions: one event stream per page for all of them, polling as the fallback.
  var liveRegions = [];
  var JOB_EVENTS = ['requested', 'started', 'progress', 'completed', 'failed', 'cancelled', 'requeued', 'deferred',
    'corrupted', 'deleted'];
  var stream = null;

  function refresh(region) {
    if (region.getAttribute('data-live-final') !== null || region.arcaLoading) { return; }
    region.arcaLoading = true;
    fetch(region.getAttribute('data-live'), { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html !== null) {
          region.innerHTML = html;
          if (region.querySelector('[data-live-final]')) { region.setAttribute('data-live-final', ''); }
          region.dispatchEvent(new CustomEvent('arca:refreshed', { bubbles: true }));
        }
      })
      .catch(function () { /* the next event or tick retries */ })
      .then(function () { region.arcaLoading = false; });
  }

  function matches(type, patterns) {
    return patterns.some(function (p) {
      return p === type || p === '*' || (p.slice(-2) === '.*' && type.indexOf(p.slice(0, -1)) === 0);
    });
  }

  function startStream() {
    var types = [];
    liveRegions.forEach(function (r) {
      (r.getAttribute('data-live-events') || '').split(',').map(function (s) { return s.trim(); }).filter(Boolean)
        .forEach(function (t) { if (types.indexOf(t) < 0) { types.push(t); } });
    });
    if (!types.length || !window.EventSource) { return; }
    stream = new EventSource('/api/v1/events?types=' + encodeURIComponent(types.join(',')));
    // SSE events are named by their type: a family (backup.*) listens to its job events by name
    types.forEach(function (t) {
      var names = t.slice(-2) === '.*'
        ? JOB_EVENTS.map(function (suffix) { return t.slice(0, -1) + suffix; })
        : [t];
      names.forEach(function (name) { stream.addEventListener(name, function () { dispatch(name); }); });
    });
    stream.onerror = function () { /* the browser reconnects with Last-Event-ID; polling covers the gap */ };
  }

  function dispatch(type) {
    liveRegions.forEach(function (r) {
      var patterns = (r.getAttribute('data-live-events') || '').split(',').map(function (s) { return s.trim(); });
      if (matches(type, patterns)) { refresh(r); }
    });
  }

  function startLive() {
    liveRegions = Array.prototype.slice.call(document.querySelectorAll('[data-live]'));
    liveRegions.forEach(function (region) {
      if (!region.hasAttribute('aria-live')) { region.setAttribute('aria-live', 'polite'); }
      if (region.querySelector('[data-live-final]')) { region.setAttribute('data-live-final', ''); return; }
      var every = Number(region.getAttribute('data-live-every') || 3000);
      var timer = setInterval(function () {
        if (region.getAttribute('data-live-final') !== null) { clearInterval(timer); return; }
        if (document.visibilityState === 'visible') { refresh(region); }
      }, every);
    });
    if (liveRegions.some(function (r) { return r.getAttribute('data-live-final') === null; })) { startStream(); }
  }

  window.arca = { api: api, csrf: csrf, refresh: refresh, formBody: formBody, showProblem: showProblem,
    showChosenFields: showChosenFields };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', startLive);
  } else {
    startLive();
  }
})();

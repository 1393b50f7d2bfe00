// The schedule form: the timing picker shows (and enables) only the fields of the chosen preset, and the
// next-runs and retention previews follow what is typed. Disabled fields are left out of the saved body and
// of the preview queries alike (FormData skips them).
(function () {
  'use strict';

  function showTimingFields(form) {
    var picker = form.querySelector('[data-timing-preset]');
    if (picker) {
      window.arca.showChosenFields(form, picker, 'data-timing-for');
    }
  }

  function previewQuery(form, names) {
    var data = new FormData(form);
    var query = new URLSearchParams();
    names.forEach(function (name) {
      data.getAll(name).forEach(function (value) {
        if (typeof value === 'string' && value.trim() !== '') {
          query.append(name, value.trim());
        }
      });
    });
    return query.toString();
  }

  function refresh(form, target) {
    var names = target.getAttribute('data-preview-fields').split(' ');
    var url = target.getAttribute('data-preview-url') + '?' + previewQuery(form, names);
    if (url === target.dataset.lastUrl) {
      return;
    }
    target.dataset.lastUrl = url;
    target.setAttribute('aria-busy', 'true');
    fetch(url, {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
      .then(function (response) {
        return response.text().then(function (text) {
          if (!response.ok) {
            throw new Error('the preview answered ' + response.status);
          }
          return text;
        });
      })
      .then(function (html) {
        if (target.dataset.lastUrl === url) {
          target.innerHTML = html;
        }
      })
      .catch(function (error) {
        target.innerHTML = '';
        var box = document.createElement('div');
        box.className = 'error';
        box.setAttribute('role', 'alert');
        box.textContent = 'Preview unavailable: ' + error.message;
        target.appendChild(box);
      })
      .finally(function () {
        target.removeAttribute('aria-busy');
      });
  }

  function wire(form) {
    var previews = Array.prototype.slice.call(form.querySelectorAll('[data-preview-url]'));
    var timers = new Map();
    function schedule(target) {
      clearTimeout(timers.get(target));
      timers.set(target, setTimeout(function () { refresh(form, target); }, 300));
    }
    function changed(event) {
      if (event.target.matches('[data-timing-preset]')) {
        showTimingFields(form);
      }
      var name = event.target.name;
      previews.forEach(function (target) {
        if (name && target.getAttribute('data-preview-fields').split(' ').indexOf(name) >= 0) {
          schedule(target);
        }
      });
    }
    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    showTimingFields(form);
    previews.forEach(function (target) { refresh(form, target); });
  }

  function start() {
    document.querySelectorAll('form.schedule-form').forEach(wire);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());

// Channels and API keys: the create forms show the new secret once (from the API's answer, never stored in the
// page's storage), and the channel form shows only the fields of the chosen kind.
(function () {
  'use strict';

  function showKindFields(form) {
    var picker = form.querySelector('[data-kind]');
    if (picker) {
      window.arca.showChosenFields(form, picker, 'data-kind-for');
    }
  }

  function showSecret(form, created) {
    var box = document.getElementById('new-secret');
    if (!box) {
      return;
    }
    box.querySelector('[data-secret-name]').textContent = created.name || '';
    var code = box.querySelector('[data-secret]');
    var note = box.querySelector('[data-secret-note]');
    code.textContent = created.secret || '';
    code.hidden = !created.secret;
    if (note) {
      note.hidden = !created.secret;
    }
    form.reset();
    showKindFields(form);
    box.hidden = false;
    box.setAttribute('tabindex', '-1');
    box.focus();
  }

  function start() {
    document.querySelectorAll('form[data-secret-form]').forEach(function (form) {
      showKindFields(form);
      form.addEventListener('change', function (event) {
        if (event.target.matches('[data-kind]')) {
          showKindFields(form);
        }
      });
      form.addEventListener('arca:result', function (event) {
        var output = form.querySelector('output');
        if (output) {
          output.textContent = '';
        }
        showSecret(form, event.detail || {});
      });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());

// Source page: turns the connection check's JSON answer (console.js puts it into the form's <output>) into a
// sentence: the server version and database size, or why the connection failed.
(function () {
  'use strict';

  function size(bytes) {
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    var value = bytes;
    var unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (unit === 0 ? value : value.toFixed(1)) + ' ' + units[unit];
  }

  function showCheck(event) {
    var check = event.detail || {};
    var output = event.target.querySelector('output');
    if (!output) {
      return;
    }
    output.textContent = '';
    var badge = document.createElement('span');
    badge.className = 'badge ' + (check.ok ? 'ok' : 'failed');
    badge.textContent = check.ok ? 'connected' : (check.reason || 'failed');
    output.appendChild(badge);
    var text = document.createElement('span');
    text.className = 'check-text';
    if (check.ok) {
      text.textContent = ' PostgreSQL ' + check.serverVersion
          + (check.databaseSizeBytes != null ? ', database size ' + size(check.databaseSizeBytes) : '')
          + ' (' + check.elapsedMillis + ' ms)';
    } else {
      text.textContent = ' ' + (check.detail || 'the connection failed');
    }
    output.appendChild(text);
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('check-connection');
    if (form) {
      form.addEventListener('arca:result', showCheck);
    }
  });
}());

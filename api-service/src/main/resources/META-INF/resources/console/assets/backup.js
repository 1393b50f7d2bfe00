// Backup page: shows the download link and the export the API answered with (console.js puts their JSON into the
// forms' <output>), and reloads the page once when the live progress reaches a terminal state, so that sizes and
// tables (rendered only for a finished backup) appear.
(function () {
  'use strict';

  function clear(output) {
    output.textContent = '';
    return output;
  }

  function showLink(event) {
    var link = event.detail || {};
    var output = clear(event.target.querySelector('output'));
    var a = document.createElement('a');
    a.id = 'download-link';
    a.href = link.url;
    a.textContent = 'Download ' + link.filename;
    a.setAttribute('download', link.filename);
    a.className = 'btn primary';
    output.appendChild(a);
    var note = document.createElement('p');
    note.className = 'muted';
    note.textContent = 'Anyone holding this link can download until '
        + new Date(link.expiresAt).toUTCString()
        + '. Format ' + link.format + ', compression ' + link.compression + '.';
    output.appendChild(note);
  }

  function showExport(event) {
    var exp = event.detail || {};
    var output = clear(event.target.querySelector('output'));
    var p = document.createElement('p');
    p.textContent = 'Export ' + exp.id + ' is ' + exp.state + '. ';
    var a = document.createElement('a');
    a.href = '/api/v1/exports/' + exp.id;
    a.textContent = 'Its status (JSON; the file link appears there when completed)';
    p.appendChild(a);
    output.appendChild(p);
  }

  // console.js marks the region final (data-live-final) when the fetched fragment is; sizes and tables are rendered
  // only for a finished backup, so the page is loaded once more then.
  function reloadWhenFinal(region) {
    region.addEventListener('arca:refreshed', function () {
      if (region.hasAttribute('data-live-final')) {
        window.location.reload();
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var download = document.getElementById('download');
    if (download) {
      download.addEventListener('arca:result', showLink);
    }
    var exportForm = document.getElementById('export');
    if (exportForm) {
      exportForm.addEventListener('arca:result', showExport);
    }
    var region = document.getElementById('backup-progress');
    if (region && region.hasAttribute('data-live')) {
      reloadWhenFinal(region);
    }
  });
}());

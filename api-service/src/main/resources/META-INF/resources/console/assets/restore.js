// The restore wizard's steps (/console/restore): build the request from step 1, run it as a dry run and follow that
// job to its end, show its preview and what it would overwrite (fragments rendered by the server), then send the real
// restore once the target database's name was typed. Every request goes to the JSON API (window.arca.api), so the
// API's role checks, validation and confirmDataLoss rule apply unchanged.
(function () {
    'use strict';

    var TERMINAL = ['completed', 'failed', 'cancelled'];
    var form = document.getElementById('restore-form');
    var dryRunButton = document.getElementById('dry-run');
    if (!form || !dryRunButton) {
        return; // a viewer's page: nothing to run
    }
    var formError = document.getElementById('form-error');
    var previewStep = document.getElementById('step-preview');
    var previewTitle = document.getElementById('step-preview-title');
    var status = document.getElementById('dry-run-status');
    var previewBox = document.getElementById('preview');
    var confirmStep = document.getElementById('step-confirm');
    var overwritesBox = document.getElementById('overwrites');
    var confirmForm = document.getElementById('confirm-form');
    var confirmExpected = document.getElementById('confirm-expected');
    var confirmInput = document.getElementById('confirm-database');
    var confirmButton = document.getElementById('confirm-restore');
    var confirmError = document.getElementById('confirm-error');
    var onConflict = document.getElementById('on-conflict');
    // the request the shown preview belongs to (when it may be confirmed), and whether the real run overwrites data
    var previewed = null;
    var previewShown = false;
    var running = false;

    function show(box, text) {
        box.textContent = text;
        box.hidden = !text;
    }

    /** A problem+json answer (or an Error) in words: title, detail and the errors' messages. */
    function describe(problem) {
        if (!problem) {
            return 'The request failed.';
        }
        if (problem instanceof Error) {
            return problem.message;
        }
        var parts = [problem.title, problem.detail].filter(Boolean);
        (problem.errors || []).forEach(function (e) {
            parts.push(typeof e === 'string' ? e : (e.field ? e.field + ': ' : '') + (e.message || e.detail || ''));
        });
        return parts.join(': ') || 'The request failed (HTTP ' + problem.status + ').';
    }

    function marker(step) {
        [1, 2, 3].forEach(function (n) {
            var li = document.getElementById('marker-' + n);
            if (li) {
                if (n === step) {
                    li.setAttribute('aria-current', 'step');
                } else {
                    li.removeAttribute('aria-current');
                }
            }
        });
    }

    /** Step 1's fields as a restore request (without dryRun / confirmDataLoss). */
    function request() {
        var data = new FormData(form);
        var mode = data.get('mode') || 'create';
        var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="table"]'));
        var chosen = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
        var database = String(data.get('database') || '').trim();
        if (!database) {
            throw new Error('Name the target database.');
        }
        if (boxes.length > 0 && chosen.length === 0) {
            throw new Error('Choose at least one table.');
        }
        var body = {backupId: form.dataset.backupId, target: {sourceId: data.get('sourceId'), database: database}};
        // all tables: the whole backup; a merge always names its tables
        if (chosen.length < boxes.length || mode === 'merge') {
            body.tables = chosen;
        }
        if (mode === 'merge') {
            body.mode = 'merge';
            body.onConflict = data.get('onConflict');
        } else if (mode !== 'create') {
            body[mode] = true;
        }
        if (!data.get('safetyBackup')) {
            body.safetyBackup = false;
        }
        if (data.get('skipOwnership')) {
            body.skipOwnership = true;
        }
        return body;
    }

    function fragment(box, url) {
        return fetch(url, {credentials: 'same-origin', headers: {Accept: 'text/html'}}).then(function (r) {
            if (!r.ok) {
                throw new Error('Could not load ' + url + ' (HTTP ' + r.status + ')');
            }
            return r.text();
        }).then(function (html) {
            box.innerHTML = html;
        });
    }

    /** Long-polls the job until it ends (the API answers as soon as it is terminal, or after 20 s). */
    function follow(view) {
        if (TERMINAL.indexOf(view.state) >= 0) {
            return Promise.resolve(view);
        }
        return window.arca.api('GET', '/api/v1/restores/' + view.id + '?waitFor=terminal&timeout=20')
            .then(function (answer) { return follow(answer.json); });
    }

    function forget() {
        previewed = null;
        confirmStep.hidden = true;
        confirmInput.value = '';
        confirmButton.disabled = true;
        show(confirmError, '');
    }

    function syncMode() {
        var merge = form.querySelector('input[name="mode"]:checked');
        onConflict.disabled = !merge || merge.value !== 'merge';
    }

    form.addEventListener('click', function (event) {
        var which = event.target.getAttribute && event.target.getAttribute('data-tables');
        if (which) {
            form.querySelectorAll('input[name="table"]').forEach(function (b) { b.checked = which === 'all'; });
            form.dispatchEvent(new Event('change'));
        }
    });

    form.addEventListener('change', function () {
        syncMode();
        if (previewShown && !running) {
            // the preview (and any confirmation) described other options: nothing of it may be acted on now
            forget();
            previewShown = false;
            previewBox.innerHTML = '';
            marker(1);
            status.textContent = 'The options changed: run the dry run again to see what the restore would do.';
        }
    });
    syncMode();

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        show(formError, '');
        var body;
        try {
            body = request();
        } catch (e) {
            show(formError, e.message);
            return;
        }
        forget();
        previewShown = false;
        running = true;
        dryRunButton.disabled = true;
        previewStep.hidden = false;
        previewBox.innerHTML = '';
        status.textContent = 'Dry run requested…';
        marker(2);
        var dry = Object.assign({}, body, {dryRun: true});
        window.arca.api('POST', '/api/v1/restores', dry).then(function (answer) {
            status.textContent = 'Dry run running: it inspects the target and the bucket and changes nothing…';
            return follow(answer.json);
        }).then(function (view) {
            return fragment(previewBox, '/console/restores/' + view.id + '/fragment/preview').then(function () {
                previewShown = true;
                status.innerHTML = '';
                status.appendChild(document.createTextNode(view.state === 'completed'
                    ? 'Dry run done: nothing was changed. '
                    : 'The dry run ' + view.state + '. '));
                var link = document.createElement('a');
                link.href = '/console/restores/' + view.id;
                link.textContent = 'Its page';
                status.appendChild(link);
                previewTitle.focus();
                if (view.state !== 'completed' || previewBox.querySelector('[data-blocked]')) {
                    return null;
                }
                return fragment(overwritesBox, '/console/restores/' + view.id + '/fragment/overwrites')
                    .then(function () {
                        var summary = overwritesBox.querySelector('[data-overwrites]');
                        previewed = {body: body, overwrites: !!summary && summary.dataset.overwrites === 'true',
                            key: idempotencyKey()};
                        confirmExpected.textContent = body.target.database;
                        confirmStep.hidden = false;
                        marker(3);
                    });
            });
        }).catch(function (problem) {
            status.textContent = '';
            marker(1);
            show(formError, describe(problem));
        }).then(function () {
            running = false;
            dryRunButton.disabled = false;
        });
    });

    confirmInput.addEventListener('input', function () {
        confirmButton.disabled = !previewed || confirmInput.value !== previewed.body.target.database;
    });

    function idempotencyKey() {
        if (window.crypto && window.crypto.randomUUID) {
            return window.crypto.randomUUID();
        }
        return 'console-' + Date.now() + '-' + Math.random().toString(16).slice(2);
    }

    confirmForm.addEventListener('submit', function (event) {
        event.preventDefault();
        if (!previewed || confirmInput.value !== previewed.body.target.database) {
            return;
        }
        show(confirmError, '');
        var body = Object.assign({}, previewed.body);
        if (previewed.overwrites) {
            body.confirmDataLoss = true; // exactly what the confirmation step named, typed name and all
        }
        confirmButton.disabled = true;
        window.arca.api('POST', '/api/v1/restores', body, {'Idempotency-Key': previewed.key})
            .then(function (answer) {
                window.location.assign('/console/restores/' + answer.json.id);
            }).catch(function (problem) {
                confirmButton.disabled = false;
                show(confirmError, describe(problem));
            });
    });
}());

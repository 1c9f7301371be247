// The videos pages: upload with a progress bar, the upload's task status as it changes, and extra metadata rows.
(() => {
    const STATUS_LABELS = { validating: 'Validating', pending: 'Pending', queued: 'Queued', indexing: 'Indexing', failed: 'Failed' };
    const form = document.getElementById('upload-form');
    const tasksCard = document.getElementById('tasks-card');

    function csrfToken(container) {
        const field = container.querySelector('input[name="_csrf"]');
        return field ? field.value : null;
    }

    function megabytes(bytes) {
        return (bytes / 1048576).toFixed(1) + ' MB';
    }

    // Task rows are built from the server's answer with textContent only, so a file name is never markup.
    function taskRow(task) {
        const row = document.createElement('tr');
        row.dataset.taskId = task.id;
        row.dataset.status = task.status;
        const file = document.createElement('td');
        file.textContent = task.filename;
        const status = document.createElement('td');
        const badge = document.createElement('span');
        badge.className = 'badge ' + (task.status === 'failed' ? 'badge-danger' : 'badge-warning');
        badge.textContent = STATUS_LABELS[task.status] || task.status;
        status.append(badge);
        if (task.errorMessage) {
            const error = document.createElement('span');
            error.className = 'muted small task-error';
            error.textContent = ' ' + task.errorMessage;
            status.append(error);
        }
        const uploaded = document.createElement('td');
        uploaded.textContent = new Date(task.createdAt).toLocaleString();
        const actions = document.createElement('td');
        actions.className = 'row-actions';
        if (task.status === 'failed') {
            const dismiss = document.createElement('form');
            dismiss.className = 'inline-form';
            dismiss.method = 'post';
            dismiss.action = form.action + '/tasks/' + encodeURIComponent(task.id) + '/dismiss';
            const token = document.createElement('input');
            token.type = 'hidden';
            token.name = '_csrf';
            token.value = csrfToken(form);
            const button = document.createElement('button');
            button.type = 'submit';
            button.className = 'button-small';
            button.textContent = 'Dismiss';
            dismiss.append(token, button);
            actions.append(dismiss);
        }
        row.append(file, status, uploaded, actions);
        return row;
    }

    let polling = null;
    // set when a task became a video while files were still being sent, so the page reloads once they are
    let becameVideos = false;
    // replaced by the upload form's own check when the page has one
    let uploading = () => false;
    function working(rows) {
        return [...rows].filter((row) => row.dataset.status !== 'failed').map((row) => row.dataset.taskId);
    }

    // Asks for the index's unfinished uploads every two seconds while any is being worked on; when one of them
    // has become a video, the page reloads to list it.
    async function refreshTasks() {
        const before = working(tasksCard.querySelectorAll('tbody tr'));
        let tasks;
        try {
            const response = await fetch(tasksCard.dataset.tasksUrl, { headers: { Accept: 'application/json' } });
            if (!response.ok) {
                return;
            }
            tasks = await response.json();
        } catch (error) {
            return; // the next round tries again
        }
        const body = tasksCard.querySelector('tbody');
        body.replaceChildren(...tasks.map(taskRow));
        tasksCard.hidden = tasks.length === 0;
        document.getElementById('tasks-heading').textContent =
            tasks.some((task) => task.status !== 'failed') ? 'Uploads in progress' : 'Failed uploads';
        const now = working(body.querySelectorAll('tr'));
        if (before.some((id) => !now.includes(id)) || becameVideos) {
            // a reload would cut off files still being sent: it waits until they are all sent
            if (uploading()) {
                becameVideos = true;
                return;
            }
            window.location.reload();
            return;
        }
        if (now.length === 0 && polling && !uploading()) {
            clearInterval(polling);
            polling = null;
        }
    }

    function follow() {
        if (!polling) {
            polling = setInterval(refreshTasks, 2000);
        }
        refreshTasks();
    }

    // Several files at once: each is its own request with its own row, progress bar and outcome, two at a time.
    // A finished upload's bar goes away (its task is followed below); a refused one says why in its row.
    if (form && tasksCard) {
        const fileInput = document.getElementById('video-file');
        const error = document.getElementById('upload-error');
        const list = document.getElementById('upload-list');
        const button = document.getElementById('upload-button');
        const dropZone = document.getElementById('drop-zone');
        const maxBytes = Number(form.dataset.maxBytes);
        const waiting = [];
        let running = 0;
        uploading = () => running > 0 || waiting.length > 0;

        function showError(message) {
            error.textContent = message;
            error.hidden = false;
            fileInput.classList.add('invalid');
        }

        function item(file) {
            const row = document.createElement('li');
            row.className = 'upload-item';
            const name = document.createElement('span');
            name.className = 'upload-name';
            name.textContent = file.name;
            const state = document.createElement('span');
            state.className = 'muted small';
            state.textContent = 'Waiting';
            const bar = document.createElement('progress');
            bar.max = 100;
            bar.value = 0;
            bar.setAttribute('aria-label', 'Upload of ' + file.name);
            row.append(name, state, bar);
            list.append(row);
            list.hidden = false;
            return { row, state, bar };
        }

        function finished(view, text, failed) {
            view.bar.remove();
            view.state.textContent = text;
            view.state.className = failed ? 'field-error small' : 'muted small';
        }

        function next() {
            while (running < 2 && waiting.length > 0) {
                const { file, view } = waiting.shift();
                running++;
                send(file, view, () => { running--; next(); });
            }
        }

        function send(file, view, done) {
            const request = new XMLHttpRequest();
            request.open('POST', form.action);
            request.setRequestHeader('Accept', 'application/json');
            request.setRequestHeader('X-CSRF-TOKEN', csrfToken(form));
            request.upload.addEventListener('progress', (progressEvent) => {
                if (progressEvent.lengthComputable) {
                    const percent = Math.floor((progressEvent.loaded / progressEvent.total) * 100);
                    view.bar.value = percent;
                    view.state.textContent = megabytes(progressEvent.loaded) + ' of ' + megabytes(progressEvent.total)
                        + ' (' + percent + '%)';
                }
            });
            request.addEventListener('load', () => {
                let answer = {};
                try {
                    answer = JSON.parse(request.responseText);
                } catch (parseError) {
                    answer = {};
                }
                if (request.status === 201) {
                    finished(view, 'Uploaded, being checked', false);
                    follow();
                } else {
                    finished(view, answer.message || 'The upload failed (' + request.status + '). Try again.', true);
                }
                done();
            });
            request.addEventListener('error', () => {
                finished(view, 'The upload was interrupted. Check your connection and try again.', true);
                done();
            });
            view.state.textContent = 'Starting';
            const body = new FormData();
            body.append('video_file', file);
            request.send(body);
        }

        function upload(files) {
            error.hidden = true;
            fileInput.classList.remove('invalid');
            if (files.length === 0) {
                showError('Choose a video file to upload.');
                return;
            }
            [...files].forEach((file) => {
                const view = item(file);
                if (file.size > maxBytes) {
                    finished(view, 'Larger than the server accepts (' + megabytes(maxBytes) + ').', true);
                    return;
                }
                waiting.push({ file, view });
            });
            form.reset();
            next();
        }

        form.addEventListener('submit', (event) => {
            event.preventDefault();
            upload(fileInput.files);
        });
        // Dropping files uploads them at once; the button is for files chosen with the picker.
        document.getElementById('drop-hint').hidden = false;
        ['dragenter', 'dragover'].forEach((type) => dropZone.addEventListener(type, (event) => {
            event.preventDefault();
            dropZone.classList.add('dragging');
        }));
        ['dragleave', 'drop'].forEach((type) => dropZone.addEventListener(type, () => dropZone.classList.remove('dragging')));
        dropZone.addEventListener('drop', (event) => {
            event.preventDefault();
            upload(event.dataTransfer.files);
        });

        if (working(tasksCard.querySelectorAll('tbody tr')).length > 0) {
            follow();
        }
    }

    // The metadata form: "Add another field" copies the empty row.
    const addField = document.getElementById('add-field');
    if (addField) {
        addField.hidden = false;
        addField.addEventListener('click', () => {
            const blank = document.querySelector('#metadata-rows tr.new-field');
            const copy = blank.cloneNode(true);
            copy.querySelectorAll('input').forEach((input) => { input.value = ''; });
            blank.parentElement.append(copy);
            copy.querySelector('input').focus();
        });
    }
})();

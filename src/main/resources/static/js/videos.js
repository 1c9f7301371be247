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
        const now = working(body.querySelectorAll('tr'));
        if (before.some((id) => !now.includes(id))) {
            window.location.reload();
            return;
        }
        if (now.length === 0 && polling) {
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

    if (form && tasksCard) {
        const fileInput = document.getElementById('video-file');
        const error = document.getElementById('upload-error');
        const progress = document.getElementById('upload-progress');
        const bar = document.getElementById('upload-bar');
        const progressText = document.getElementById('upload-progress-text');
        const button = document.getElementById('upload-button');

        function showError(message) {
            error.textContent = message;
            error.hidden = false;
            fileInput.classList.add('invalid');
        }

        form.addEventListener('submit', (event) => {
            event.preventDefault();
            error.hidden = true;
            fileInput.classList.remove('invalid');
            const file = fileInput.files[0];
            if (!file) {
                showError('Choose a video file to upload.');
                return;
            }
            if (file.size > Number(form.dataset.maxBytes)) {
                showError('This file is larger than the server accepts (' + megabytes(Number(form.dataset.maxBytes)) + ').');
                return;
            }
            const request = new XMLHttpRequest();
            request.open('POST', form.action);
            request.setRequestHeader('Accept', 'application/json');
            request.setRequestHeader('X-CSRF-TOKEN', csrfToken(form));
            request.upload.addEventListener('progress', (progressEvent) => {
                if (progressEvent.lengthComputable) {
                    const percent = Math.floor((progressEvent.loaded / progressEvent.total) * 100);
                    bar.value = percent;
                    bar.textContent = percent + '%';
                    progressText.textContent = megabytes(progressEvent.loaded) + ' of ' + megabytes(progressEvent.total)
                        + ' (' + percent + '%)';
                }
            });
            request.addEventListener('load', () => {
                button.disabled = false;
                let answer = {};
                try {
                    answer = JSON.parse(request.responseText);
                } catch (parseError) {
                    answer = {};
                }
                if (request.status === 201) {
                    progressText.textContent = answer.message;
                    form.reset();
                    follow();
                } else {
                    progress.hidden = true;
                    showError(answer.message || 'The upload failed (' + request.status + '). Try again.');
                }
            });
            request.addEventListener('error', () => {
                button.disabled = false;
                progress.hidden = true;
                showError('The upload was interrupted. Check your connection and try again.');
            });
            button.disabled = true;
            bar.value = 0;
            progressText.textContent = 'Starting the upload…';
            progress.hidden = false;
            request.send(new FormData(form));
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

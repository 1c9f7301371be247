// Settings > API Keys: the Create API Key dialog. Without this script the dialog's form is part of the page and
// posts as any form does; with it, the form lives in a modal dialog, is posted from there, and the new key is
// shown in the same dialog, once.
(() => {
    const dialog = document.getElementById('create-key-dialog');
    const opener = document.getElementById('create-key-open');
    if (!dialog || !opener || typeof dialog.showModal !== 'function') {
        return;
    }
    const createStep = document.getElementById('create-key-step');
    const createdStep = document.getElementById('created-key-step');
    const keyField = document.getElementById('dialog-key-value');
    const copyStatus = document.getElementById('dialog-copy-status');
    const reopen = dialog.dataset.reopen === 'true';

    // Rendered open for pages without the script; from here on it opens only as a modal.
    dialog.close();
    dialog.classList.add('enhanced');
    opener.hidden = false;
    dialog.querySelectorAll('[data-dialog-close]').forEach((button) => {
        button.hidden = false;
        button.addEventListener('click', () => dialog.close());
    });

    const plusMonths = (date, months) => {
        // As the server counts (java.time's plusMonths in UTC): the same day of the month, or its last day.
        const day = date.getUTCDate();
        const result = new Date(date.getTime());
        result.setUTCDate(1);
        result.setUTCMonth(result.getUTCMonth() + months);
        const last = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
        result.setUTCDate(Math.min(day, last));
        return result;
    };

    // The form may be replaced by the server's answer (with its errors), so its parts are looked up each time.
    const bindForm = () => {
        const form = document.getElementById('create-key-form');
        const expiration = document.getElementById('expiration');
        const customDate = document.getElementById('custom-date');
        const expiresOn = document.getElementById('expires-on');
        const preview = document.getElementById('expiry-preview');
        const update = () => {
            const custom = expiration.value === 'custom';
            customDate.hidden = !custom;
            expiresOn.disabled = !custom;
            if (custom) {
                const chosen = expiresOn.value ? new Date(expiresOn.value + 'T00:00:00Z') : null;
                preview.textContent = chosen && !Number.isNaN(chosen.getTime())
                    ? 'The key works through ' + new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' })
                        .format(chosen) + ' (UTC) and expires at the end of that day.'
                    : 'Choose the last day the key works.';
            } else {
                const expires = plusMonths(new Date(), Number(expiration.value));
                preview.textContent = 'The key expires on ' + new Intl.DateTimeFormat(undefined,
                    { dateStyle: 'long', timeStyle: 'short' }).format(expires) + '.';
            }
        };
        expiration.addEventListener('change', update);
        expiresOn.addEventListener('input', update);
        update();
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            submit(form);
        });
    };

    const submit = async (form) => {
        const button = form.querySelector('button[type=submit]');
        button.disabled = true;
        let response;
        let page;
        try {
            response = await fetch(form.action, {
                method: 'POST',
                body: new URLSearchParams(new FormData(form)),
                headers: { Accept: 'text/html' },
                credentials: 'same-origin',
            });
            page = new DOMParser().parseFromString(await response.text(), 'text/html');
        } catch (error) {
            // Offline or interrupted: the ordinary post says what went wrong.
            form.submit();
            return;
        }
        button.disabled = false;
        const key = page.getElementById('new-key-value');
        if (response.ok && key) {
            showKey(page.getElementById('new-key-heading'), key.value);
            replace(page, 'api-key-lists');
        } else if (response.status === 400 && page.getElementById('create-key-form')) {
            replace(page, 'create-key-form');
            bindForm();
            const invalid = document.querySelector('#create-key-form [aria-invalid=true]');
            (invalid || document.getElementById('key-name')).focus();
        } else {
            // Anything else (a session that ended, a refused account) is for the page itself to explain.
            window.location.assign(response.url || form.action);
        }
    };

    const replace = (page, id) => {
        const fresh = page.getElementById(id);
        const current = document.getElementById(id);
        if (fresh && current) {
            const adopted = document.importNode(fresh, true);
            current.replaceWith(adopted);
            if (window.atriumTimes) {
                window.atriumTimes.apply(adopted);
            }
        }
    };

    const showKey = (heading, value) => {
        createStep.hidden = true;
        createdStep.hidden = false;
        document.getElementById('created-key-heading').textContent = heading ? heading.textContent : 'Your new key';
        dialog.setAttribute('aria-labelledby', 'created-key-heading');
        keyField.value = value;
        copyStatus.textContent = '';
        keyField.focus();
        keyField.select();
    };

    document.getElementById('dialog-copy').addEventListener('click', async () => {
        try {
            await navigator.clipboard.writeText(keyField.value);
            copyStatus.textContent = 'Copied to clipboard';
        } catch (error) {
            keyField.select();
            copyStatus.textContent = document.execCommand('copy') ? 'Copied to clipboard' : 'Select the key and copy it';
        }
    });

    // close() above queues a close event of its own; only a dialog the person opened gives focus back.
    let opened = false;
    const open = () => {
        opened = true;
        dialog.showModal();
        document.getElementById('key-name').focus();
    };
    opener.addEventListener('click', open);

    // Escape and the buttons close it; the key leaves the page with it, and the next opening starts afresh.
    dialog.addEventListener('close', () => {
        if (!opened || dialog.open) {
            return; // the event of the first close(), arriving after the person (or a refused post) opened it
        }
        opened = false;
        if (!createdStep.hidden) {
            keyField.value = '';
            copyStatus.textContent = '';
            createdStep.hidden = true;
            createStep.hidden = false;
            dialog.setAttribute('aria-labelledby', 'create-heading');
            const form = document.getElementById('create-key-form');
            form.reset();
            form.querySelector('#key-name').value = '';
            document.getElementById('expiration').dispatchEvent(new Event('change'));
        }
        opener.focus();
    });

    bindForm();
    if (reopen) {
        // The page came back from a post without the script's help (its errors are in the form): show them where
        // they were made.
        open();
        const invalid = document.querySelector('#create-key-form [aria-invalid=true]');
        if (invalid) {
            invalid.focus();
        }
    }
})();

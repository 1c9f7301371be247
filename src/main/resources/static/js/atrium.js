// Closes the profile menu when the user clicks elsewhere or presses Escape.
document.addEventListener('click', (event) => {
    document.querySelectorAll('details.profile-menu[open]').forEach((menu) => {
        if (!menu.contains(event.target)) {
            menu.removeAttribute('open');
        }
    });
});
document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
        document.querySelectorAll('details.profile-menu[open]').forEach((menu) => menu.removeAttribute('open'));
    }
});
// A closed profile menu opens again at its top level, with "Switch organization accounts" folded.
document.querySelectorAll('details.profile-menu').forEach((menu) => {
    menu.addEventListener('toggle', () => {
        if (!menu.open) {
            menu.querySelectorAll('details[open]').forEach((inner) => inner.removeAttribute('open'));
        }
    });
});
// Copy buttons: put the target field's value on the clipboard and say so.
document.querySelectorAll('[data-copy-target]').forEach((button) => {
    button.addEventListener('click', async () => {
        const field = document.getElementById(button.dataset.copyTarget);
        const status = button.parentElement.querySelector('.copy-status');
        try {
            await navigator.clipboard.writeText(field.value);
            status.textContent = 'Copied to clipboard';
        } catch (error) {
            field.select();
            status.textContent = document.execCommand('copy') ? 'Copied to clipboard' : 'Select the key and copy it';
        }
    });
});

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

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
        document.querySelectorAll('details.profile-menu[open]').forEach((menu) => {
            menu.removeAttribute('open');
            // focus goes back to the avatar the menu was opened from, not to the top of the page
            menu.querySelector('summary').focus();
        });
    }
});

// The profile menu from the keyboard: Enter or Space on the avatar open it (a summary does that natively),
// ArrowDown opens it too and enters it; the arrow keys, Home and End move between its items.
document.querySelectorAll('details.profile-menu').forEach((menu) => {
    const avatar = menu.querySelector('summary');
    // the items a person can act on now: what a folded "Switch organization accounts" hides is left out
    const items = () => Array.from(menu.querySelectorAll('.menu summary, .menu a[href], .menu button'))
        // checkVisibility sees through a closed <details>, whose content keeps its boxes in Chromium
        .filter((item) => (item.checkVisibility ? item.checkVisibility() : item.getClientRects().length > 0));
    const move = (from, step) => {
        const all = items();
        if (all.length === 0) {
            return;
        }
        const at = all.indexOf(from);
        all[(at + step + all.length) % all.length].focus();
    };
    avatar.addEventListener('keydown', (event) => {
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            menu.open = true;
            const all = items();
            (event.key === 'ArrowDown' ? all[0] : all[all.length - 1]).focus();
        }
    });
    menu.querySelector('.menu').addEventListener('keydown', (event) => {
        const all = items();
        if (event.key === 'ArrowDown') {
            event.preventDefault();
            move(document.activeElement, 1);
        } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            move(document.activeElement, -1);
        } else if (event.key === 'Home') {
            event.preventDefault();
            all[0].focus();
        } else if (event.key === 'End') {
            event.preventDefault();
            all[all.length - 1].focus();
        } else if (event.key === 'ArrowRight' && document.activeElement.matches('.switcher > summary')) {
            // the account list unfolds to the right, as a submenu does
            event.preventDefault();
            document.activeElement.parentElement.open = true;
        }
    });
});

// The sidebar as a drawer on narrow screens: the top bar's Menu button opens it, the close button, Escape, a
// click beside it or focus leaving it close it. Wide screens never see the button, so nothing changes there.
(() => {
    const toggle = document.querySelector('.menu-toggle');
    const drawer = document.getElementById('sidebar');
    if (!toggle || !drawer) {
        return;
    }
    const backdrop = document.querySelector('.drawer-backdrop');
    const setOpen = (open, returnFocus) => {
        document.body.classList.toggle('drawer-open', open);
        toggle.setAttribute('aria-expanded', String(open));
        backdrop.hidden = !open;
        if (open) {
            (drawer.querySelector('nav a.active') || drawer.querySelector('nav a')).focus();
        } else if (returnFocus) {
            toggle.focus();
        }
    };
    const isOpen = () => document.body.classList.contains('drawer-open');
    toggle.addEventListener('click', () => setOpen(!isOpen(), false));
    drawer.querySelector('.drawer-close').addEventListener('click', () => setOpen(false, true));
    backdrop.addEventListener('click', () => setOpen(false, true));
    document.addEventListener('keydown', (event) => {
        if (event.key === 'Escape' && isOpen()) {
            setOpen(false, true);
        }
    });
    drawer.addEventListener('focusout', (event) => {
        if (isOpen() && event.relatedTarget && !drawer.contains(event.relatedTarget)) {
            setOpen(false, false);
        }
    });
    // a window widened past the breakpoint shows the sidebar again, without a drawer state left behind
    window.matchMedia('(min-width: 861px)').addEventListener('change', (wide) => {
        if (wide.matches && isOpen()) {
            setOpen(false, false);
        }
    });
})();

// The sidebar's link to the page shown says so to screen readers too, not only in colour.
document.querySelectorAll('.sidebar nav a.active').forEach((link) => link.setAttribute('aria-current', 'page'));
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

// A table (or its box) that scrolls sideways on a narrow screen can be scrolled with the keyboard once focused: it is
// made focusable while, and only while, it is wider than its box.
(() => {
    const scrollers = () => document.querySelectorAll('.table, .table-scroll, .card-flush, .mail-body');
    const mark = () => scrollers().forEach((box) => {
        if (box.scrollWidth > box.clientWidth + 1) {
            box.setAttribute('tabindex', '0');
        } else if (box.getAttribute('tabindex') === '0') {
            box.removeAttribute('tabindex');
        }
    });
    mark();
    window.addEventListener('resize', mark);
})();

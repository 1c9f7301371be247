// Dates and times in the viewer's own locale and time zone. The server writes every <time data-format> in UTC, so
// a page without this script stays readable; the page's "Times in …" note says which zone the times are in.
(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    const styles = {
        date: { dateStyle: 'medium' },
        datetime: { dateStyle: 'medium', timeStyle: 'short' },
        seconds: { dateStyle: 'medium', timeStyle: 'medium' },
        // A calendar day is the same day everywhere: formatted in UTC so no zone moves it to its neighbour.
        day: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
    };
    const apply = (root) => {
        const times = root.querySelectorAll('time[data-format]');
        times.forEach((element) => {
            const style = styles[element.dataset.format];
            const value = element.getAttribute('datetime');
            const date = new Date(element.dataset.format === 'day' ? value + 'T00:00:00Z' : value);
            if (!style || Number.isNaN(date.getTime())) {
                return;
            }
            element.textContent = new Intl.DateTimeFormat(undefined, style).format(date);
        });
        document.querySelectorAll('.times-zone').forEach((note) => {
            note.textContent = 'Times in ' + zone + '.';
        });
    };
    window.atriumTimes = { zone, apply };
    apply(document);
})();

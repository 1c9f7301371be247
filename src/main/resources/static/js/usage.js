// Settings > Usage: one small uPlot chart per measure, from the data the page carries.
(() => {
    const container = document.getElementById('usage-charts');
    if (!container || typeof uPlot === 'undefined') {
        return;
    }
    const data = JSON.parse(container.dataset.usage);
    const days = data.days.map((day) => Date.parse(day + 'T00:00:00Z') / 1000);
    const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    container.querySelectorAll('.usage-chart').forEach((element) => {
        const values = data[element.dataset.series];
        const options = {
            width: Math.max(element.clientWidth, 280),
            height: 200,
            tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
            legend: { show: false },
            cursor: { drag: { x: false, y: false } },
            scales: { y: { range: (u, min, max) => [0, Math.max(max, 1)] } },
            // Days are UTC calendar days: labelled in the viewer's own words (as the table's days are), kept in UTC
            // so that no time zone moves a day onto its neighbour.
            axes: [{ values: (u, splits) => splits.map((ts) => dayLabel.format(new Date(ts * 1000))) }, { size: 56 }],
            series: [{}, {
                label: element.dataset.label,
                stroke: '#5b4bdb',
                fill: 'rgba(91, 75, 219, 0.12)',
                width: 2,
                points: { show: days.length <= 62 },
            }],
        };
        const chart = new uPlot(options, [days, values], element);
        new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 280), height: 200 })).observe(element);
    });
})();

// Settings > Usage: one small uPlot chart per measure, from the data the page carries.
(() => {
    const container = document.getElementById('usage-charts');
    if (!container || typeof uPlot === 'undefined') {
        return;
    }
    const data = JSON.parse(container.dataset.usage);
    const days = data.days.map((day) => Date.parse(day + 'T00:00:00Z') / 1000);
    container.querySelectorAll('.usage-chart').forEach((element) => {
        const values = data[element.dataset.series];
        const options = {
            width: Math.max(element.clientWidth, 280),
            height: 200,
            tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
            legend: { show: false },
            cursor: { drag: { x: false, y: false } },
            scales: { y: { range: (u, min, max) => [0, Math.max(max, 1)] } },
            axes: [{}, { size: 56 }],
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

// An integration's page: follows the running import's progress, and reloads the page when it has ended.
(() => {
    const card = document.getElementById('import-progress');
    if (!card || card.dataset.ended === 'true') {
        return;
    }
    const bar = document.getElementById('import-bar');
    const text = document.getElementById('import-progress-text');
    const timer = setInterval(async () => {
        let progress;
        try {
            const response = await fetch(card.dataset.progressUrl, { headers: { Accept: 'application/json' } });
            if (!response.ok) {
                return;
            }
            progress = await response.json();
        } catch (error) {
            return; // tried again on the next round
        }
        bar.max = Math.max(progress.total, 1);
        bar.value = progress.finished;
        text.textContent = progress.finished + ' of ' + progress.total + ' videos finished';
        Object.entries(progress.videoStatus).forEach(([status, count]) => {
            const badge = card.querySelector('[data-status="' + status + '"]');
            if (badge) {
                badge.textContent = status.charAt(0).toUpperCase() + status.slice(1) + ': ' + count;
            }
        });
        if (progress.ended) {
            clearInterval(timer);
            window.location.reload();
        }
    }, 2000);
})();

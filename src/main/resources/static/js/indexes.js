// Create index: a model's options can be chosen only while the model is, so Pegasus's options stay disabled (and
// are not sent) until Pegasus is ticked.
(() => {
    document.querySelectorAll('fieldset[data-options-of]').forEach((options) => {
        const model = document.querySelector('input[name="models"][value="' + options.dataset.optionsOf + '"]');
        if (!model) {
            return;
        }
        const sync = () => { options.disabled = !model.checked; };
        model.addEventListener('change', sync);
        sync();
    });
})();

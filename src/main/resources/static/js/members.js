// Settings > Members: a role change is confirmed in place. Choosing another role in a member's select shows
// "Make <name> an Administrator?" with Confirm and Cancel next to it; Cancel puts the select back. Without this
// script the Save button sends the change at once.
document.querySelectorAll('form.role-form').forEach(function (form) {
    var select = form.querySelector('select');
    var save = form.querySelector('.role-save');
    var confirm = form.querySelector('.role-confirm');
    var question = form.querySelector('.role-question');
    var cancel = form.querySelector('.role-cancel');
    save.hidden = true;
    select.addEventListener('change', function () {
        if (select.value === select.dataset.current) {
            confirm.hidden = true;
            return;
        }
        var label = select.options[select.selectedIndex].text;
        var article = /^[AEIOU]/.test(label) ? 'an ' : 'a ';
        question.textContent = 'Make ' + form.dataset.memberName + ' ' + article + label + '?';
        confirm.hidden = false;
    });
    cancel.addEventListener('click', function () {
        select.value = select.dataset.current;
        confirm.hidden = true;
        select.focus();
    });
});

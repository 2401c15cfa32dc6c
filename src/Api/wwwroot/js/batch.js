// Batch selection on the declaration lists: the "select all on this filter" box ticks every row's box, and follows them.
(function () {
    'use strict';
    document.querySelectorAll('input[data-select-all]').forEach(function (all) {
        var form = all.form;
        var name = all.getAttribute('data-select-all');
        function boxes() {
            return Array.prototype.slice.call(form.querySelectorAll('input[type=checkbox][name="' + name + '"]'));
        }
        all.addEventListener('change', function () {
            boxes().forEach(function (box) { box.checked = all.checked; });
        });
        form.addEventListener('change', function (event) {
            if (event.target !== all && event.target.name === name) {
                var list = boxes();
                var checked = list.filter(function (box) { return box.checked; }).length;
                all.checked = checked === list.length && list.length > 0;
                all.indeterminate = checked > 0 && checked < list.length;
            }
        });
    });
}());

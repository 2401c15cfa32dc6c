// Declaration editor: live 字 counters, 元 hints under 万元 amounts, findings refreshed from the server while typing.
// The page works without this script: every button is a plain form submit.
(function () {
  "use strict";
  var form = document.getElementById("editor");
  if (!form) { return; }
  var validateUrl = form.getAttribute("data-validate-url");
  var timer = null;
  var dirty = false;
  var pending = null;
  var state = form.querySelector("[data-save-state]");

  function countZi(text) {
    return Array.from(text.normalize("NFKC").trim()).length;
  }

  function updateCounter(input) {
    var counter = form.querySelector('[data-counter-for="' + input.id + '"]');
    if (!counter) { return; }
    var max = parseInt(counter.getAttribute("data-max"), 10);
    var count = countZi(input.value);
    counter.textContent = count + " / " + max + " 字";
    counter.classList.toggle("over", count > max);
  }

  // 万元 → 元 by moving the decimal point four places on the digits themselves (no floating point).
  function yuanText(wan) {
    var text = wan.normalize("NFKC").replace(/,/g, "").replace("万元", "").trim();
    var match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!match) { return text === "" ? "—" : "请输入数字（单位：万元）"; }
    var fraction = (match[3] || "") + "0000";
    var whole = (match[2] + fraction.slice(0, 4)).replace(/^0+(?=\d)/, "");
    var rest = fraction.slice(4).replace(/0+$/, "");
    rest = (rest + "00").slice(0, Math.max(2, rest.length));
    return match[1] + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "." + rest + " 元";
  }

  function updateYuan(input) {
    var hint = form.querySelector('[data-yuan-for="' + input.id + '"]');
    if (hint) { hint.textContent = yuanText(input.value); }
  }

  function applyFindings(html) {
    var doc = new DOMParser().parseFromString("<div>" + html + "</div>", "text/html");
    var summary = doc.querySelector("[data-summary]");
    var summaryTarget = document.querySelector("#findings-summary [data-summary]");
    if (summary && summaryTarget) { summaryTarget.replaceWith(summary); }
    var fresh = {};
    doc.querySelectorAll("template[data-for]").forEach(function (t) { fresh[t.getAttribute("data-for")] = t.innerHTML; });
    document.querySelectorAll("[data-findings-for]").forEach(function (box) {
      var key = box.getAttribute("data-findings-for");
      var next = fresh[key] || "";
      if (box.innerHTML !== next) { box.innerHTML = next; }
    });
  }

  function validate() {
    if (pending) { pending.abort(); }
    pending = new AbortController();
    var body = new FormData(form);
    fetch(validateUrl, { method: "POST", body: body, signal: pending.signal, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(applyFindings)
      .catch(function () { /* the server check on save still runs */ });
  }

  function changed(event) {
    var target = event.target;
    if (target.matches("[data-counter-for], input, textarea")) { updateCounter(target); }
    if (target.classList.contains("amount")) { updateYuan(target); }
    if (!dirty) {
      dirty = true;
      if (state) { state.textContent = "有未保存的修改"; }
    }
    clearTimeout(timer);
    timer = setTimeout(validate, 500);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", function (event) {
    var toggle = event.target.closest("[data-na-toggle]");
    if (toggle) {
      var group = toggle.closest("tbody");
      var rows = group.querySelectorAll("tr.indicator-row, tr.row-findings");
      if (!toggle.checked && rows.length === 0) {
        // Nothing to show yet: let the server add the category's first row.
        group.querySelector("[data-add-row]").click();
        return;
      }
      group.classList.toggle("na", toggle.checked);
      rows.forEach(function (row) {
        row.hidden = toggle.checked;
        row.querySelectorAll("input, textarea").forEach(function (field) { field.disabled = toggle.checked; });
      });
    }
    changed(event);
  });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
})();

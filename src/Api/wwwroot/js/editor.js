// Declaration editor: live 字 counters, 元 hints under 万元 amounts, findings refreshed from the server while typing,
// indicator rows added/removed and 不适用 toggled in the page, and autosave (a few seconds after the last keystroke and
// when the page is hidden; no version is made — only 保存 and 提交 make one).
// The page works without this script: every button is a plain form submit, and the server saves before re-rendering.
(function () {
  "use strict";
  var form = document.getElementById("editor");
  if (!form) { return; }
  var validateUrl = form.getAttribute("data-validate-url");
  var autosaveUrl = form.getAttribute("data-autosave-url");
  var submitTried = form.getAttribute("data-submit-tried") === "true";
  var template = document.getElementById("row-template");
  var state = form.querySelector("[data-save-state]");
  var conflictBox = form.querySelector("[data-autosave-conflict]");
  var versionField = form.querySelector('input[name="ExpectedVersion"]');
  var AUTOSAVE_DELAY = 2500;
  var validateTimer = null;
  var autosaveTimer = null;
  var pending = null;
  var changes = 0;        // bumped on every edit; an autosave clears "dirty" only if nothing changed meanwhile
  var savedChanges = 0;
  var inflight = null;    // the running autosave, if any
  var conflicted = false; // someone else saved: autosave stops, the typed text stays, 保存草稿 decides
  var touched = {};

  function dirty() { return changes !== savedChanges; }

  function say(text) { if (state) { state.textContent = text; } }

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

  // The findings key a field belongs to: its box in the same .field, or the findings row under an indicator row.
  function keyOf(target) {
    var row = target.closest("tr.indicator-row");
    var box = null;
    if (row) {
      var next = row.nextElementSibling;
      box = next ? next.querySelector("[data-findings-for]") : null;
    } else {
      var field = target.closest(".field");
      box = field ? field.querySelector("[data-findings-for]") : null;
    }
    return box ? box.getAttribute("data-findings-for") : null;
  }

  function body() {
    var data = new FormData(form);
    // After a refused submit every finding shows; before it, only those of fields the user has touched.
    var keys = submitTried
      ? Array.prototype.map.call(form.querySelectorAll("[data-findings-for]"), function (box) { return box.getAttribute("data-findings-for"); })
      : Object.keys(touched);
    keys.forEach(function (key) { data.append("Touched", key); });
    return data;
  }

  function applyFindings(html) {
    var doc = new DOMParser().parseFromString("<div>" + html + "</div>", "text/html");
    var summary = doc.querySelector("[data-summary]");
    var summaryTarget = document.querySelector("#findings-summary [data-summary]");
    if (summary && summaryTarget) { summaryTarget.replaceWith(summary); }
    var fresh = {};
    doc.querySelectorAll("template[data-for]").forEach(function (t) { fresh[t.getAttribute("data-for")] = t.innerHTML; });
    document.querySelectorAll("#editor [data-findings-for]").forEach(function (box) {
      var key = box.getAttribute("data-findings-for");
      var next = fresh[key] || "";
      if (box.innerHTML !== next) { box.innerHTML = next; }
    });
  }

  function validate() {
    if (pending) { pending.abort(); }
    pending = new AbortController();
    fetch(validateUrl, { method: "POST", body: body(), signal: pending.signal, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(applyFindings)
      .catch(function () { /* the server check on save still runs */ });
  }

  function showConflict(message) {
    conflicted = true;
    if (conflictBox) {
      conflictBox.textContent = message;
      conflictBox.hidden = false;
    }
    say("自动保存已暂停");
  }

  // Saves the form as typed without making a version. keepalive lets the request finish while the page unloads.
  function autosave(leaving) {
    clearTimeout(autosaveTimer);
    if (conflicted || !dirty()) { return inflight || Promise.resolve(); }
    if (inflight) {
      // One at a time: the next save needs the version the running one answers with.
      return inflight.then(function () { return autosave(leaving); });
    }
    var upTo = changes;
    say("正在自动保存…");
    inflight = fetch(autosaveUrl, { method: "POST", body: body(), credentials: "same-origin", keepalive: !!leaving })
      .then(function (response) {
        return response.json().then(function (answer) { return { status: response.status, answer: answer }; });
      })
      .then(function (result) {
        var answer = result.answer || {};
        if (answer.ok) {
          versionField.value = answer.version;
          savedChanges = upTo;
          say(dirty() ? "有未保存的修改" : "已自动保存 " + answer.savedAt);
        } else if (answer.conflict) {
          showConflict(answer.message);
        } else {
          say("自动保存未完成：" + (answer.message || "请点击“保存草稿”。"));
        }
      })
      .catch(function () { say("自动保存未完成（网络问题），请点击“保存草稿”。"); })
      .then(function () { inflight = null; });
    return inflight;
  }

  function changed(event) {
    var target = event.target;
    if (target.matches("input, textarea")) { updateCounter(target); }
    if (target.classList && target.classList.contains("amount")) { updateYuan(target); }
    var key = target.closest ? keyOf(target) : null;
    if (key) { touched[key] = true; }
    changes++;
    if (!conflicted) { say("有未保存的修改"); }
    clearTimeout(validateTimer);
    validateTimer = setTimeout(validate, 500);
    clearTimeout(autosaveTimer);
    autosaveTimer = setTimeout(autosave, AUTOSAVE_DELAY);
  }

  // Rows carry their index in their names (Input.Rows[i].Name); after an add or a removal every row is renumbered in
  // page order so the server binds an unbroken list, and each row's 第n行 title follows its category.
  function renumber() {
    var index = 0;
    form.querySelectorAll("table.indicators tbody").forEach(function (group) {
      var category = group.getAttribute("data-category");
      var n = 0;
      group.querySelectorAll("tr[data-row]").forEach(function (row) {
        var i = String(index++);
        n++;
        var title = category ? category + " 第" + n + "行" : (row.querySelector('[data-part="Level2"]').value || "");
        row.id = "f-row-" + i;
        var titleSpan = row.querySelector("[data-row-title]");
        if (titleSpan && category) { titleSpan.textContent = title; }
        row.querySelectorAll("[data-part]").forEach(function (field) {
          var part = field.getAttribute("data-part");
          field.name = "Input.Rows[" + i + "]." + part;
          if (part !== "Level2") {
            field.id = "f-row-" + i + "-" + part.toLowerCase();
            if (field.hasAttribute("aria-describedby")) { field.setAttribute("aria-describedby", "findings-rows-" + i); }
          }
        });
        row.querySelectorAll("label[data-label]").forEach(function (label) {
          var part = label.nextElementSibling;
          if (part) { label.htmlFor = part.id; }
          label.textContent = title + " " + label.getAttribute("data-label");
        });
        var remove = row.querySelector("[data-remove-row]");
        if (remove) {
          remove.value = i;
          remove.setAttribute("aria-label", "删除（" + title + "）");
        }
        var findings = row.nextElementSibling ? row.nextElementSibling.querySelector("[data-findings-for]") : null;
        if (findings) {
          var oldKey = findings.getAttribute("data-findings-for");
          var newKey = "rows[" + i + "]";
          if (oldKey !== newKey && touched[oldKey]) { delete touched[oldKey]; touched[newKey] = true; }
          findings.id = "findings-rows-" + i;
          findings.setAttribute("data-findings-for", newKey);
        }
      });
    });
  }

  function setNotApplicable(group, notApplicable) {
    group.classList.toggle("na", notApplicable);
    var toggle = group.querySelector("[data-na-toggle]");
    if (toggle) { toggle.checked = notApplicable; }
    var naRow = group.querySelector("tr.na-row");
    if (naRow) { naRow.hidden = !notApplicable; }
    // Rows stay in the form (their text comes back if 不适用 is un-ticked); the server drops them while it is ticked.
    group.querySelectorAll("tr[data-row], tr.row-findings").forEach(function (row) { row.hidden = notApplicable; });
  }

  function addRow(group) {
    setNotApplicable(group, false);
    var html = template.innerHTML
      .replace(/__i__/g, "new")
      .replace(/__l2__/g, group.getAttribute("data-category"))
      .replace(/__title__/g, "");
    var holder = document.createElement("tbody");
    holder.innerHTML = html;
    var rows = Array.prototype.slice.call(holder.children);
    rows.forEach(function (row) { group.appendChild(row); });
    renumber();
    var first = rows[0].querySelector('[data-part="Name"]');
    if (first) { first.focus(); }
    changed({ target: group });
  }

  function removeRow(row) {
    var group = row.closest("tbody");
    var findings = row.nextElementSibling;
    if (findings && findings.classList.contains("row-findings")) { findings.remove(); }
    row.remove();
    renumber();
    var focus = group.querySelector("[data-add-row]");
    if (focus) { focus.focus(); }
    changed({ target: group });
  }

  form.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add-row]");
    if (add) {
      event.preventDefault();
      addRow(add.closest("tbody"));
      return;
    }
    var remove = event.target.closest("[data-remove-row]");
    if (remove) {
      event.preventDefault();
      removeRow(remove.closest("tr"));
    }
  });

  // Enter in a one-line field never submits the form (the disabled default button also stops it without script).
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("input:not([type=submit]):not([type=button]):not([type=checkbox])")) {
      event.preventDefault();
    }
  });

  form.addEventListener("input", changed);
  form.addEventListener("change", function (event) {
    var toggle = event.target.closest("[data-na-toggle]");
    if (toggle) {
      var group = toggle.closest("tbody");
      if (!toggle.checked && group.querySelectorAll("tr[data-row]").length === 0) {
        addRow(group);
        return;
      }
      setNotApplicable(group, toggle.checked);
    }
    changed(event);
  });

  form.addEventListener("submit", function (event) {
    clearTimeout(autosaveTimer);
    if (inflight) {
      // Wait for the running autosave so this save is based on the version it produced, then submit the same way.
      event.preventDefault();
      var submitter = event.submitter;
      inflight.then(function () { savedChanges = changes; form.requestSubmit(submitter); });
      return;
    }
    savedChanges = changes;
  });

  function leaving() {
    if (dirty() && !conflicted) { autosave(true); }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { leaving(); }
  });
  window.addEventListener("pagehide", leaving);
  window.addEventListener("beforeunload", function (event) {
    if (dirty()) {
      autosave(true);
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();

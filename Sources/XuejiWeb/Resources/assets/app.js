// Xueji's one script, loaded by every page. Progressive enhancement only: every page and form works
// without it (the server checks everything again), and no page has inline script (the CSP forbids it).
(function () {
  "use strict";

  // A form is sent once: its buttons are disabled after the first press. The server keeps one effect
  // per form anyway (FormKey, step states); this only spares the user a confusing second answer.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.getAttribute("data-sent") === "1") { event.preventDefault(); return; }
    form.setAttribute("data-sent", "1");
    Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (b) { b.disabled = true; });
  });
  // Coming back with the back button shows the page from the cache, buttons still disabled: enable them.
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-sent]"), function (form) {
      form.removeAttribute("data-sent");
      Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (b) { b.disabled = false; });
    });
  });

  // The resident ID is checked as it is typed (GET /api/v1/identity/check, no side effects); a valid
  // one fills in the birth date and sex it encodes, an invalid one says why next to the field.
  var form = document.querySelector("form[data-id-check]");
  if (!form) { return; }
  var id = form.querySelector("#id_number"), type = form.querySelector("#id_type");
  var hint = document.getElementById("hint-id_number");
  var birth = form.querySelector("#birth_date"), sex = form.querySelector("#sex");
  if (!id || !hint || id.disabled) { return; }
  var original = hint.textContent, english = document.documentElement.lang === "en", timer = null;
  function say(text, kind) { hint.textContent = text; hint.className = kind; }
  id.addEventListener("input", function () {
    clearTimeout(timer);
    var value = id.value.trim().toUpperCase();
    if ((type && type.value !== "1") || value.length !== 18) { say(original, "hint"); return; }
    timer = setTimeout(function () {
      fetch("/api/v1/identity/check?id_type=1&id_number=" + encodeURIComponent(value),
            { credentials: "same-origin", headers: { "Accept": "application/json", "Accept-Language": english ? "en" : "zh-CN" } })
        .then(function (r) { return r.json(); })
        .then(function (answer) {
          if (answer.valid) {
            if (birth && !birth.disabled) { birth.value = answer.birth_date; }
            if (sex && !sex.disabled) { sex.value = answer.sex; }
            say(english ? "Valid resident ID: birth date and sex filled in." : "身份证号有效，已填入出生日期和性别。", "ok");
          } else {
            say((answer.errors || []).map(function (e) { return e.message; }).join(" "), "error");
          }
        })
        .catch(function () { say(original, "hint"); });
    }, 200);
  });
}());

/* The form view's "Copy" buttons: each copies the text of the textarea its data-copy names, then says so
   (data-copied) for two seconds. The buttons stay hidden without JavaScript: the text is selectable. */
(function () {
  "use strict";
  function copy(area) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(area.value);
    }
    area.focus();
    area.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var area = document.getElementById(button.getAttribute("data-copy"));
      if (!area) { return; }
      copy(area).then(function () {
        button.textContent = button.getAttribute("data-copied");
        button.setAttribute("data-state", "copied");
        window.setTimeout(function () {
          button.textContent = label;
          button.removeAttribute("data-state");
        }, 2000);
      }, function () {
        area.focus();
        area.select();
      });
    });
  });
})();

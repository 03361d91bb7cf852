(function () {
  "use strict";
  // Count script errors on the page (the browser test asserts there are none).
  var root = document.documentElement;
  var errors = 0;
  function countError() {
    errors += 1;
    root.setAttribute("data-js-errors", String(errors));
  }
  window.addEventListener("error", countError);
  window.addEventListener("unhandledrejection", countError);
})();

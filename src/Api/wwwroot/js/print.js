// The print page's 打印 button (no inline handlers: the Content-Security-Policy allows scripts from files only).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});

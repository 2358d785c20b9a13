// Sets the theme before the first paint, so there is no flash of the wrong one. The same rule as
// src/lib/theme.ts (which takes over once the app runs): ?theme=, then the remembered choice, then
// the system preference. A separate file, not inline, so a strict Content-Security-Policy allows it.
(function () {
  var param = new URLSearchParams(location.search).get('theme');
  var choice = param === 'light' || param === 'dark' ? param : null;
  if (choice === null && param !== 'system') {
    try {
      choice = localStorage.getItem('gpu-sentinel.theme');
    } catch {
      choice = null; // storage disabled: follow the system
    }
  }
  var isDark = choice === 'dark' || (choice !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = isDark ? 'dark' : 'light';
})();

// The console's own script. Pages work without it; with it, times are shown in the viewer's time
// zone (the UTC value stays on hover), the history timeline updates live, and the activity page
// draws its chart. No inline script anywhere: the pages' Content-Security-Policy forbids it.
(function () {
  'use strict';

  function localTimes(root) {
    root.querySelectorAll('time[datetime]').forEach(function (t) {
      if (t.dataset.local) return;
      var d = new Date(t.getAttribute('datetime'));
      if (isNaN(d.getTime())) return;
      t.textContent = d.toLocaleString();
      t.dataset.local = 'yes';
    });
  }

  // The live timeline polls (htmx, every 2 s) for events after the newest one it shows.
  document.addEventListener('htmx:configRequest', function (e) {
    var timeline = e.detail.elt;
    if (!timeline || timeline.id !== 'timeline') return;
    var first = timeline.querySelector('tr[data-position]');
    e.detail.parameters.after = first ? first.dataset.position : (timeline.dataset.newest || '0');
  });
  document.addEventListener('htmx:afterSwap', function (e) {
    localTimes(e.detail.target || document);
  });

  function chart() {
    var canvas = document.getElementById('activity-chart');
    if (!canvas || typeof window.Chart === 'undefined') return;
    var numbers = function (s) { return s ? s.split(',').map(Number) : []; };
    new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: canvas.dataset.labels ? canvas.dataset.labels.split(',') : [],
        datasets: [
          { label: 'Releases', data: numbers(canvas.dataset.releases), backgroundColor: '#1f6feb' },
          { label: 'New versions', data: numbers(canvas.dataset.versions), backgroundColor: '#8957e5' }
        ]
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
                 scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
    canvas.dataset.drawn = 'yes';
  }

  document.addEventListener('DOMContentLoaded', function () {
    localTimes(document);
    chart();
  });
})();

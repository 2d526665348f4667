/*
 * Keeps a list current without Faces: an element with class "fd-refreshing", an id and a
 * data-refresh attribute (milliseconds) is fetched again from the page's own address after that
 * long and replaced by the same element of the answer, which brings its own data-refresh (a list
 * with work under way asks again soon, a quiet one later). Nothing is fetched while the tab is
 * hidden; a failed fetch, an answer without the element (signed out, redirected to the login) or
 * focus inside the element (someone reading or using it) waits for the next turn.
 */
(function () {
  'use strict';

  function schedule(id, millis) {
    if (!(millis > 0)) {
      return;
    }
    window.setTimeout(function () { refresh(id); }, millis);
  }

  function refresh(id) {
    var current = document.getElementById(id);
    if (!current) {
      return;
    }
    var again = parseInt(current.getAttribute('data-refresh'), 10);
    if (document.hidden || current.contains(document.activeElement)) {
      schedule(id, again);
      return;
    }
    fetch(window.location.href, { credentials: 'same-origin', redirect: 'manual' })
      .then(function (answer) {
        return answer.ok ? answer.text() : null;
      })
      .then(function (html) {
        var fresh = html && new DOMParser().parseFromString(html, 'text/html').getElementById(id);
        var shown = document.getElementById(id);
        if (fresh && shown && !shown.contains(document.activeElement)) {
          var scrolled = shown.querySelector('.ui-datatable-tablewrapper');
          var left = scrolled ? scrolled.scrollLeft : 0;
          var replacement = document.importNode(fresh, true);
          shown.replaceWith(replacement);
          var wrapper = replacement.querySelector('.ui-datatable-tablewrapper');
          if (wrapper && left) {
            wrapper.scrollLeft = left; // a wide table read on a phone stays where it was
          }
          again = parseInt(fresh.getAttribute('data-refresh'), 10);
        }
        schedule(id, again);
      }, function () {
        schedule(id, again);
      });
  }

  function start() {
    var lists = document.querySelectorAll('.fd-refreshing[id][data-refresh]');
    for (var i = 0; i < lists.length; i++) {
      schedule(lists[i].id, parseInt(lists[i].getAttribute('data-refresh'), 10));
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
